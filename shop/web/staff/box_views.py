"""A gift box's contents on its product page: add or change a part, take one out."""

from __future__ import annotations

from flask import abort
from flask_babel import gettext as _
from flask_login import current_user

from shop.catalog import boxes
from shop.catalog.errors import BoxRefused, NotFound
from shop.extensions import db
from shop.web.staff import bp
from shop.web.staff import catalog_pages as pages
from shop.web.staff.catalog_forms import BoxPartForm, ButtonForm
from shop.web.staff.catalog_views import done


@bp.post("/catalog/products/<int:product_id>/box")
def product_box_part(product_id: int):
    """Put a part in the gift box, or change how many units of it each box holds."""
    product = pages.product_or_404(product_id)
    form = BoxPartForm(prefix="box")
    if not form.validate_on_submit():
        return pages.render_product(product, box_form=form, status=400,
                                    error=_("Please correct the fields marked below."))
    try:
        boxes.set_part(current_user, product_id, form.sku.data, form.quantity.data)
    except BoxRefused as exc:
        db.session.rollback()
        return pages.render_product(pages.product_or_404(product_id), box_form=form,
                                    status=400, error=pages.box_refusal(exc))
    return done(_("The gift box's contents are saved."), product_id=product_id,
                _anchor="box")


@bp.post("/catalog/products/<int:product_id>/box/<int:item_id>/delete")
def product_box_part_delete(product_id: int, item_id: int):
    """Take a part out of the gift box."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        boxes.remove_part(current_user, product_id, item_id)
    except NotFound:
        abort(404)
    return done(_("The part is out of the gift box."), product_id=product_id, _anchor="box")
