"""The workshop's stock: counts per variant, and adjustments booked in the ledger."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.extensions import db
from shop.inventory import workshop
from shop.inventory.errors import InsufficientStock, InvalidAdjustment, StockNotFound
from shop.web import labels
from shop.web.backoffice.forms import StockAdjustForm
from shop.web.coop import bp


@bp.get("/stock/")
def stock_list():
    """List every variant the workshop keeps, with what is free to sell and low-stock flags."""
    items = workshop.list_workshop_stock(current_user)
    return render_template("coop/stock_list.html", items=items, low=workshop.LOW_STOCK)


def _item(variant_id: int):
    try:
        return workshop.workshop_item(current_user, variant_id)
    except StockNotFound:
        abort(404)


def _detail(variant_id: int, form: StockAdjustForm, status: int = 200, error: str | None = None):
    return render_template(
        "coop/stock_detail.html", item=_item(variant_id), form=form, error=error,
        movements=workshop.recent_movements(current_user, variant_id)), status


@bp.get("/stock/<int:variant_id>")
def stock_detail(variant_id: int):
    """Show one variant's workshop stock, its recent movements and the adjustment form."""
    return _detail(variant_id, StockAdjustForm(formdata=None))


@bp.post("/stock/<int:variant_id>/adjust")
def stock_adjust(variant_id: int):
    """Book finished production, damage or a count correction for one variant."""
    _item(variant_id)
    form = StockAdjustForm()
    if not form.validate_on_submit():
        return _detail(variant_id, form, 400)
    try:
        stock = workshop.adjust_workshop_stock(current_user, variant_id, form.reason.data,
                                               form.quantity.data, (form.note.data or "").strip())
    except StockNotFound:
        db.session.rollback()
        abort(404)
    except InvalidAdjustment:
        db.session.rollback()
        return _detail(variant_id, form, 400, _("That would not change the stock: check the "
                                                "quantity."))
    except InsufficientStock as exc:
        db.session.rollback()
        return _detail(variant_id, form, 409, _(
            "%(num)d units are promised to orders, so the stock cannot go below that.",
            num=exc.allocated))
    db.session.commit()
    flash(_("%(reason)s booked: %(num)d on hand now.",
            reason=labels.label(labels.MOVEMENT_REASONS, form.reason.data),
            num=stock.on_hand), "success")
    return redirect(url_for("coop.stock_detail", variant_id=variant_id), code=303)
