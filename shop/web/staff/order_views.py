"""Every order, for the store's staff: find, read everything, cancel, refund, resend."""

from __future__ import annotations

import secrets

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.catalog.services import list_cooperatives
from shop.extensions import db
from shop.fulfilment.errors import NotFound as PartNotFound
from shop.inventory.errors import InsufficientStock
from shop.inventory.grid import locations
from shop.orders import operations
from shop.orders.errors import OrderNotFound, RefundRefused
from shop.orders.lifecycle import order_url
from shop.orders.models import OrderSource, OrderStatus
from shop.payments.models import RefundStatus
from shop.web.staff import bp
from shop.web.staff.forms_util import date_arg, int_arg, per_line


@bp.get("/orders")
def order_list():
    """List orders filtered by status, source, cooperative and dates, or found by search."""
    filters = operations.OrderFilters(
        status=request.args.get("status", ""), source=request.args.get("source", ""),
        cooperative=int_arg("cooperative"), since=date_arg("since"), until=date_arg("until"),
        q=request.args.get("q", "")[:120], page=int_arg("page") or 1)
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template("staff/order_list.html", filters=filters, args=args,
                           page=operations.list_orders(current_user, filters),
                           cooperatives=list_cooperatives(), statuses=list(OrderStatus),
                           sources=list(OrderSource))


def render_detail(order_id: int, error: str | None = None, status: int = 200):
    try:
        file = operations.order_file(current_user, order_id)
    except OrderNotFound:
        abort(404)
    return render_template("staff/order_detail.html", file=file, order=file.order,
                           error=error, locations=locations(),
                           new_key=lambda: secrets.token_urlsafe(18)), status


@bp.get("/orders/<int:order_id>")
def order_detail(order_id: int):
    """Show an order: lines, parts, payments, refunds, emails and its history."""
    return render_detail(order_id)


def refusal(exc: RefundRefused) -> str:
    """The sentence that says why a cancellation or refund was refused."""
    from shop.i18n import format_money

    messages = {
        "above_paid": _("Refused: at most %(amount)s can still be refunded on this order.",
                        amount=format_money(exc.available_cents)),
        "not_paid": _("This order has not been paid: cancel it instead of refunding it."),
        "nothing": _("Choose what to refund: a quantity on at least one line, or the full "
                     "refund."),
        "quantity": _("Check the quantities: never more than a line has left to refund."),
        "returns": _("Goods back on the shelf cannot be more than the units refunded."),
        "location": _("Choose the location the returned goods go to."),
        "reason": _("Give the reason for the refund or cancellation."),
        "part_state": _("This part has already left or was cancelled: it cannot be "
                        "cancelled now."),
        "state": _("This order can no longer be cancelled: it is paid or already closed."),
        "email": _("There is no such email to send again for this order."),
    }
    return messages.get(exc.code, _("Nothing was done: the request was not valid."))


def _done(order_id: int, message: str):
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("staff.order_detail", order_id=order_id), code=303)


@bp.post("/orders/<int:order_id>/cancel")
def order_cancel(order_id: int):
    """Cancel an unpaid order: its reserved stock goes back on sale."""
    try:
        operations.cancel_unpaid(current_user, order_id, request.form.get("reason", "")[:300])
    except OrderNotFound:
        db.session.rollback()
        abort(404)
    except RefundRefused as exc:
        db.session.rollback()
        return render_detail(order_id, refusal(exc), 409)
    return _done(order_id, _("The order was cancelled and its stock released."))


def _outcome(order_id: int, request_row):
    if request_row is not None and request_row.status == RefundStatus.FAILED:
        db.session.commit()
        return render_detail(order_id, _(
            "The payment provider refused the refund: no money moved. Try again later."), 502)
    return None


@bp.post("/orders/<int:order_id>/parts/<int:fulfilment_id>/cancel")
def order_part_cancel(order_id: int, fulfilment_id: int):
    """Cancel one part of a paid order: its value is refunded and the customer told."""
    try:
        result = operations.cancel_part(current_user, fulfilment_id,
                                        request.form.get("request_key", "")[:64],
                                        request.form.get("reason", "")[:300], order_url)
    except RefundRefused as exc:
        db.session.rollback()
        return render_detail(order_id, refusal(exc), 409)
    except PartNotFound:
        db.session.rollback()
        abort(404)
    return (_outcome(order_id, result)
            or _done(order_id, _("The part was cancelled and its value refunded.")))


@bp.post("/orders/<int:order_id>/refund")
def order_refund(order_id: int):
    """Refund the order in full, or some units of some lines, once per button press."""
    quantities, returns = per_line("qty-"), per_line("ret-")
    if quantities is None or returns is None:
        return render_detail(order_id, _(
            "Check the quantities: never more than a line has left to refund."), 400)
    ask = operations.RefundAsk(
        request_key=request.form.get("request_key", "")[:64] or secrets.token_urlsafe(18),
        reason=request.form.get("reason", "")[:300], quantities=quantities, returns=returns,
        return_location_id=int_arg("location", request.form),
        full=request.form.get("full") == "1")
    try:
        result = operations.refund(current_user, order_id, ask, order_url)
    except OrderNotFound:
        db.session.rollback()
        abort(404)
    except RefundRefused as exc:
        db.session.rollback()
        return render_detail(order_id, refusal(exc), 409)
    except InsufficientStock:
        db.session.rollback()
        return render_detail(order_id, _("Nothing was done: the returned goods could not "
                                          "be booked."), 409)
    return _outcome(order_id, result) or _done(order_id, _("Refund recorded."))


@bp.post("/orders/<int:order_id>/resend")
def order_resend(order_id: int):
    """Send the order confirmation or the shipping email again."""
    try:
        operations.resend_email(current_user, order_id, request.form.get("kind", ""),
                                order_url)
    except RefundRefused as exc:
        db.session.rollback()
        return render_detail(order_id, refusal(exc), 409)
    return _done(order_id, _("The email is on its way again."))
