"""Transfers a cooperative takes part in: goods the store asked for, goods sent back."""

from __future__ import annotations

from flask import abort, render_template, request
from flask_login import current_user

from shop.inventory import transfers
from shop.web.coop import bp
from shop.web.staff.transfer_views import apply_move, found, render_detail


@bp.context_processor
def transfer_requests():
    """The dashboard's reminder of goods the store asked for (counted only when shown)."""
    return {"open_transfer_requests": lambda: transfers.open_count(current_user)}


@bp.get("/transfers/")
def transfer_list():
    """List the cooperative's own transfers, open ones first."""
    status = request.args.get("status", "open")
    filters = transfers.TransferFilters(status=status)
    return render_template("coop/transfer_list.html", filters=filters,
                           items=transfers.list_transfers(current_user, filters))


@bp.get("/transfers/<int:transfer_id>")
def transfer_detail(transfer_id: int):
    """Show one of the cooperative's transfers, with the step that is theirs to take."""
    return render_detail("coop", found(transfer_id))


@bp.post("/transfers/<int:transfer_id>/<any(send, receive):move>")
def transfer_move(transfer_id: int, move: str):
    """Send the goods asked for, or count goods the store sent back."""
    if move not in ("send", "receive"):
        abort(404)
    return apply_move("coop", transfer_id, move)
