"""Staff pages: discount codes (list, add, stop)."""

from __future__ import annotations

from datetime import UTC, datetime, time

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.catalog.services import list_categories, list_cooperatives
from shop.discounts import services as discounts
from shop.discounts.errors import CodeTaken, UnknownCode
from shop.discounts.models import DiscountKind
from shop.extensions import db
from shop.web.staff import bp
from shop.web.staff.discount_forms import DiscountForm
from shop.web.storefront.forms import EmptyForm


def _page(form: DiscountForm, status: int = 200):
    return render_template("staff/discount_list.html", form=form, codes=discounts.list_codes(),
                           stop_form=EmptyForm()), status


def _form() -> DiscountForm:
    return DiscountForm(categories=list_categories(), cooperatives=list_cooperatives())


@bp.get("/discounts")
def discount_list():
    """List discount codes with their uses, and the form to add one."""
    return _page(_form())


@bp.post("/discounts")
def discount_create():
    """Add a discount code."""
    form = _form()
    if not form.validate_on_submit():
        return _page(form, 400)
    kind = DiscountKind(form.kind.data)
    try:
        row = discounts.add_code(
            current_user, form.code.data, kind=kind, value=form.value_for(kind),
            starts_at=_moment(form.starts_on.data), ends_at=_moment(form.ends_on.data, end=True),
            min_order_cents=form.cents(form.min_order.data) or 0,
            max_uses=form.max_uses.data, max_uses_per_email=form.max_uses_per_email.data,
            category_id=form.category.data or None,
            cooperative_id=form.cooperative.data or None)
    except CodeTaken:
        db.session.rollback()
        form.code.errors.append(_("This code already exists."))
        return _page(form, 409)
    db.session.commit()
    flash(_("Discount code %(code)s added.", code=row.code), "success")
    return redirect(url_for("staff.discount_list"), code=303)


@bp.post("/discounts/<int:code_id>/stop")
def discount_stop(code_id: int):
    """Stop a code: nobody can use it any more."""
    try:
        row = discounts.deactivate_code(current_user, code_id)
    except UnknownCode:
        db.session.rollback()
        return redirect(url_for("staff.discount_list"), code=303)
    db.session.commit()
    flash(_("Discount code %(code)s stopped.", code=row.code), "success")
    return redirect(url_for("staff.discount_list"), code=303)


def _moment(day, end: bool = False):
    """A day from the form as the start (or the end) of that day, Milan time ≈ UTC+1."""
    if day is None:
        return None
    return datetime.combine(day, time.max if end else time.min, tzinfo=UTC)
