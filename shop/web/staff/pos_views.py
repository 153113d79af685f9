"""The counter: find products, build the sale, take the payment, print the receipt.

The sale being built lives in the signed session (variant id → quantity), so the page
works without JavaScript and survives a reload; recording it creates the order.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.extensions import db
from shop.i18n import current_lang
from shop.orders import counter
from shop.orders.errors import EmptySale, NotOnShelf
from shop.orders.models import Order, OrderSource
from shop.payments.models import Payment
from shop.web.staff import bp
from shop.web.staff.forms_util import int_arg

SALE_KEY = "counter_sale"
MAX_UNITS = 999


def _items() -> dict[int, int]:
    raw = session.get(SALE_KEY) or {}
    return {int(k): int(v) for k, v in raw.items() if str(k).isdigit() and int(v) > 0}


def _save(items: dict[int, int]) -> None:
    session[SALE_KEY] = {str(k): v for k, v in items.items() if v > 0}


def _page(error: str | None = None, shortages=None, status: int = 200):
    query = request.args.get("q", "")[:80]
    return render_template(
        "staff/pos.html", query=query, sale=counter.view_sale(_items(), current_lang()),
        results=counter.find_products(query, current_lang()) if query else [],
        methods=list(counter.PaymentMethod), error=error, shortages=shortages or [],
        email=request.form.get("email", "")), status


@bp.get("/pos")
def pos():
    """Show the counter: a search box, the sale so far with its total, and the payment."""
    return _page()


@bp.post("/pos/lines")
def pos_line():
    """Add units of a product to the sale, or set a line's quantity (0 removes it)."""
    variant_id = int_arg("variant_id", request.form)
    quantity = int_arg("quantity", request.form)
    if variant_id is None or quantity is None or not 0 <= quantity <= MAX_UNITS:
        return _page(_("Give the quantity as a whole number, 0 or more."), status=400)
    items = _items()
    items[variant_id] = (items.get(variant_id, 0) + quantity
                         if request.form.get("mode") == "add" else quantity)
    sale = counter.view_sale(items, current_lang())
    short = [line for line in sale.lines if line.short and line.variant.id == variant_id]
    if short:
        line = short[0]
        return _page(_("The shelves hold only %(free)d of %(name)s: not added.",
                       free=line.on_shelf, name=line.name), status=409)
    _save({k: v for k, v in items.items() if k in {line.variant.id for line in sale.lines}})
    return redirect(url_for("staff.pos"), code=303)


@bp.post("/pos/clear")
def pos_clear():
    """Start again with an empty sale."""
    session.pop(SALE_KEY, None)
    return redirect(url_for("staff.pos"), code=303)


def _receipt_link(order: Order) -> str:
    return url_for("staff.pos_receipt", order_id=order.id, _external=True)


@bp.post("/pos/sale")
def pos_sale():
    """Record the sale as paid in cash or on the card terminal, and show its receipt."""
    method = request.form.get("method", "")
    email = request.form.get("email", "").strip()[:254]
    if method not in set(counter.PaymentMethod):
        return _page(_("Choose how the customer paid."), status=400)
    if email and ("@" not in email or " " in email):
        return _page(_("This email address does not look right."), status=400)
    try:
        order = counter.record_store_sale(current_user, _items(), method, email=email,
                                          locale=current_lang(), receipt_link=_receipt_link)
    except EmptySale:
        db.session.rollback()
        return _page(_("The sale is empty: add a product first."), status=400)
    except NotOnShelf as exc:
        db.session.rollback()
        return _page(_("Not sold: the shelves do not hold enough of everything."),
                     shortages=exc.shortages, status=409)
    db.session.commit()
    session.pop(SALE_KEY, None)
    flash(_("Sale %(number)s recorded.", number=order.number), "success")
    return redirect(url_for("staff.pos_receipt", order_id=order.id), code=303)


@bp.get("/pos/receipts/<int:order_id>")
def pos_receipt(order_id: int):
    """Show a counter sale's receipt, ready to print on A4 or an 80 mm receipt printer."""
    order = db.session.get(Order, order_id)
    if order is None or order.source != OrderSource.STORE:
        abort(404)
    payment = db.session.query(Payment).filter_by(order_id=order.id).first()
    paper = "80mm" if request.args.get("paper") == "80mm" else "a4"
    return render_template("staff/pos_receipt.html", order=order, payment=payment,
                           paper=paper, vat_rates=_vat_by_rate(order))


def _vat_by_rate(order: Order) -> list[tuple[int, int, int]]:
    """(rate in basis points, gross, VAT) per VAT rate of the receipt."""
    from shop.money import vat_included

    rates: dict[int, list[int]] = {}
    for line in order.lines:
        bucket = rates.setdefault(line.vat_rate_bp, [0, 0])
        bucket[0] += line.total_cents
        bucket[1] += vat_included(line.total_cents, line.vat_rate_bp)  # as the order sums it
    return [(rate, gross, vat) for rate, (gross, vat) in sorted(rates.items())]


