"""Transfers between the workshops and the store: ask, follow, receive, cancel."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.catalog.models import Cooperative
from shop.catalog.services import list_cooperatives
from shop.extensions import db
from shop.inventory import transfers
from shop.inventory.errors import TransferNotFound, TransferRefused
from shop.web.staff import bp
from shop.web.staff.forms_util import int_arg, per_line


def refusal(exc: TransferRefused) -> str:
    """The sentence that says why a transfer move was refused."""
    if exc.code == "state":
        return _("This transfer has already moved on (it is now “%(status)s”): nothing was "
                 "changed.", status=transfer_status_text(exc.current))
    if exc.code == "side":
        return _("This step belongs to the other side of the transfer.")
    if exc.code == "stock":
        return _("Not enough free stock of %(sku)s to send: nothing was sent.", sku=exc.detail)
    if exc.code == "empty":
        return _("Give at least one quantity above zero.")
    return _("Check the quantities: whole numbers, never more than asked or sent.")


def transfer_status_text(status: str) -> str:
    return {"requested": _("Requested"), "sent": _("Sent"), "received": _("Received"),
            "cancelled": _("Cancelled")}.get(status, status)


def found(transfer_id: int):
    try:
        return transfers.get_transfer(current_user, transfer_id)
    except TransferNotFound:
        abort(404)


@bp.get("/transfers")
def transfer_list():
    """List transfers, open ones by default, filtered by cooperative and status."""
    status = request.args.get("status", "open")
    filters = transfers.TransferFilters(status=status, cooperative=int_arg("cooperative"))
    return render_template("staff/transfer_list.html", filters=filters,
                           items=transfers.list_transfers(current_user, filters),
                           cooperatives=list_cooperatives())


@bp.get("/transfers/new")
def transfer_new():
    """Show the request form: choose a cooperative, then quantities of its products."""
    cooperative = db.session.get(Cooperative, int_arg("cooperative") or 0)
    return render_template(
        "staff/transfer_new.html", cooperatives=list_cooperatives(), cooperative=cooperative,
        variants=transfers.cooperative_variants(cooperative.id) if cooperative else [])


@bp.post("/transfers/new")
def transfer_create():
    """Ask a cooperative for goods for the store (or send goods back to its workshop)."""
    cooperative = db.session.get(Cooperative, int_arg("cooperative", request.form) or 0)
    if cooperative is None:
        abort(404)
    lines = per_line("qty-")
    error = None
    if lines is None or any(q < 0 for q in lines.values()):
        error = _("Check the quantities: whole numbers, never more than asked or sent.")
    else:
        try:
            transfer = transfers.request_transfer(
                current_user, cooperative.id, lines,
                to_store=request.form.get("direction", "to_store") != "to_workshop",
                note=request.form.get("note", "").strip()[:300])
        except TransferRefused as exc:
            db.session.rollback()
            error = refusal(exc)
    if error:
        return render_template(
            "staff/transfer_new.html", cooperatives=list_cooperatives(),
            cooperative=cooperative, error=error,
            variants=transfers.cooperative_variants(cooperative.id)), 400
    db.session.commit()
    flash(_("Transfer %(number)s requested.", number=transfer.number), "success")
    return redirect(url_for("staff.transfer_detail", transfer_id=transfer.id), code=303)


def render_detail(area: str, transfer, error: str | None = None, status: int = 200):
    return render_template(f"{area}/transfer_detail.html", transfer=transfer,
                           moves=transfers.next_moves(current_user, transfer),
                           error=error), status


@bp.get("/transfers/<int:transfer_id>")
def transfer_detail(transfer_id: int):
    """Show a transfer: its lines (asked, sent, received, short) and history."""
    return render_detail("staff", found(transfer_id))


def apply_move(area: str, transfer_id: int, move: str):
    """Send, receive or cancel, as the form asked; refusals re-render the page."""
    quantities = per_line("qty-")
    if quantities is None:
        return render_detail(area, found(transfer_id), _(
            "Check the quantities: whole numbers, never more than asked or sent."), 400)
    note = request.form.get("note", "").strip()[:300]
    try:
        if move == "send":
            transfer = transfers.send_transfer(current_user, transfer_id, quantities, note)
            message = _("Sent: the goods left the shelves.")
        elif move == "receive":
            transfer = transfers.receive_transfer(current_user, transfer_id, quantities, note)
            message = _("Received: the counted goods are on the shelves.")
            if transfer.shortfall:
                message += " " + _("%(num)d units short, recorded on the transfer.",
                                   num=transfer.shortfall)
        else:
            transfer = transfers.cancel_transfer(current_user, transfer_id, note)
            message = _("The request was cancelled.")
    except TransferNotFound:
        db.session.rollback()
        abort(404)
    except TransferRefused as exc:
        db.session.rollback()
        return render_detail(area, found(transfer_id), refusal(exc), 409)
    db.session.commit()
    flash(message, "success")
    return redirect(url_for(f"{area}.transfer_detail", transfer_id=transfer.id), code=303)


@bp.post("/transfers/<int:transfer_id>/<any(send, receive, cancel):move>")
def transfer_move(transfer_id: int, move: str):
    """Move a transfer on: send (store's goods), receive with counted quantities, cancel."""
    return apply_move("staff", transfer_id, move)
