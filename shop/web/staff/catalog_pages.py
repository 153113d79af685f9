"""What the staff catalog views share: the product page with all its forms, refusals in words."""

from __future__ import annotations

from flask import abort, render_template
from flask_babel import gettext as _
from flask_login import current_user

from shop.catalog import boxes, editing
from shop.catalog import services as catalog
from shop.catalog.errors import (
    BoxRefused,
    InvalidPhoto,
    NotFound,
    NotPublishable,
    SkuTaken,
    SlugTaken,
    StaleEdit,
)
from shop.catalog.photos import MAX_BYTES
from shop.money import format_price_input
from shop.web.staff.catalog_forms import (
    AltForm,
    BoxPartForm,
    ButtonForm,
    ConsentForm,
    NewProductForm,
    PhotoForm,
    ProductForm,
    StatusForm,
)
from shop.web.templating import lang

# The photo upload's request may carry a 10 MB file plus the form around it.
PHOTO_REQUEST_LIMIT = MAX_BYTES + 256 * 1024


def product_or_404(product_id: int):
    try:
        return editing.get_product(current_user, product_id)
    except NotFound:
        abort(404)


def choices() -> dict:
    return {"cooperatives": catalog.list_cooperatives(), "categories": catalog.list_categories(),
            "lang": lang()}


def product_form(product=None, formdata=None, new: bool = False) -> ProductForm:
    """The product form, filled from the request, or from the product when formdata is None."""
    cls = NewProductForm if new else ProductForm
    if formdata is not None:
        return cls(formdata, **choices())
    data = {}
    if product is not None:
        state = editing.product_state(product)
        data = {**state, "cooperative": product.cooperative_id, "category": product.category_id,
                "version": product.version}
    return cls(formdata=None, data=data, **choices())


def product_input(form: ProductForm) -> editing.ProductInput:
    return editing.ProductInput(
        cooperative_id=form.cooperative.data, category_id=form.category.data,
        status=form.status.data, vat_rate_bp=form.vat_rate_bp.data,
        made_to_order=form.made_to_order.data, lead_time_days=form.lead_time_days.data,
        impact_minutes_per_unit=form.impact_minutes_per_unit.data,
        recovered_grams_per_unit=form.recovered_grams_per_unit.data,
        recovered_material=form.recovered_material.data,
        featured=form.featured.data, people_named=form.people_named.data or "",
        texts=form.texts(), personal_text_kind=form.personal_text_kind.data or "",
        personal_text_max=form.personal_text_max.data or 0,
        personal_text_lines=form.personal_text_lines.data or 1,
        personal_text_required=form.personal_text_required.data,
        measures=form.measures())


def variant_input(form) -> editing.VariantInput:
    return editing.VariantInput(
        sku=form.sku.data.strip(), labels={"it": form.label_it.data.strip(),
                                           "en": form.label_en.data.strip()},
        price_cents=form.price.cents, weight_grams=form.weight_grams.data,
        active=form.active.data if "active" in form else True)


def variant_form_data(variant) -> dict:
    state = editing.variant_state(variant)
    return {**state, "price": format_price_input(variant.price_cents)}


def refusal(exc: Exception) -> str:
    """The sentence that tells staff why a change was refused and what to do."""
    if isinstance(exc, StaleEdit):
        return _("Someone else saved this product while you were editing it. Your changes "
                 "are still in the form below but were not saved: compare them with the "
                 "saved version, then save again to keep yours.")
    if isinstance(exc, SkuTaken):
        return _("The SKU %(sku)s is already used by another variant: choose another one.",
                 sku=exc.sku)
    if isinstance(exc, SlugTaken):
        return _("A category with this name already exists.")
    if isinstance(exc, NotPublishable):
        return publish_refusal(exc)
    if isinstance(exc, InvalidPhoto):
        return photo_refusal(exc.reason)
    if isinstance(exc, BoxRefused):
        return box_refusal(exc)
    raise exc


def box_refusal(exc: BoxRefused) -> str:
    messages = {
        "unknown_sku": _("No variant has the SKU %(sku)s: check it in the product list.",
                         sku=exc.sku),
        "quantity": _("Give a whole number of units from 1 to 99."),
        "box_in_box": _("%(sku)s is a gift box itself: a box cannot go inside a box.",
                        sku=exc.sku),
        "is_part": _("This product is inside another gift box, so it cannot become a box."),
        "itself": _("A gift box cannot contain its own variant."),
    }
    return messages[exc.reason]


def publish_refusal(exc: NotPublishable) -> str:
    parts = [_("This cannot be published yet.")]
    if exc.missing_consent:
        parts.append(_("The texts name %(names)s: add the consent record of each person "
                       "(first name, date, who collected it) before publishing.",
                       names=", ".join(exc.missing_consent)))
    if exc.forbidden_words:
        parts.append(_("Stories never say why or for how long anyone is in prison: remove "
                       "%(words)s.", words=", ".join(f"“{w}”" for w in exc.forbidden_words)))
    if exc.no_variant:
        parts.append(_("Add at least one variant on sale, with its price."))
    return " ".join(parts)


def photo_refusal(reason: str) -> str:
    return {
        "too_large": _("The photo is larger than 10 MB: export it smaller and upload it again."),
        "not_image": _("This file is not a JPEG, PNG or WebP photo. Nothing was saved."),
        "format": _("This file is not a JPEG, PNG or WebP photo. Nothing was saved."),
        "bomb": _("This image has far too many pixels to be a product photo. Nothing was saved."),
        "truncated": _("This photo is damaged or incomplete (perhaps the upload was cut "
                       "short). Nothing was saved."),
        "too_small": _("This photo is too small: it must be at least 400 pixels wide."),
    }.get(reason, _("This file cannot be used as a photo. Nothing was saved."))


def stale_differences(product, form: ProductForm) -> list[tuple[str, str, str]]:
    """(field label, saved value, your value) for the fields the two versions disagree on."""
    saved = editing.product_state(product)
    rows = []
    for name, value in saved.items():
        field = getattr(form, name, None)
        if field is None and name in ("cooperative_id", "category_id"):
            field = getattr(form, name.removesuffix("_id"))
        if field is None or field.type == "HiddenField":
            continue
        theirs = field.data if field.data is not None else ""
        if str(theirs).strip() != str(value if value is not None else "").strip():
            rows.append((str(field.label.text), str(value if value is not None else ""),
                         str(theirs)))
    return rows


def render_product(product, *, form=None, photo_form=None, consent_form=None,
                   box_form=None, error: str | None = None, differences=None,
                   status: int = 200):
    """The product's editing page: texts and details, variants, gift box contents,
    photos, consent records."""
    return render_template(
        "staff/product_edit.html", product=product,
        box_form=box_form or BoxPartForm(formdata=None, prefix="box"),
        is_part_of_a_box=boxes.is_part_of_a_box(product),
        form=form or product_form(product),
        photo_form=photo_form or PhotoForm(formdata=None),
        consent_form=consent_form or ConsentForm(formdata=None),
        alt_forms={image.id: AltForm(formdata=None, prefix=f"img{image.id}", data={
            "alt_it": image.alt_for("it"), "alt_en": image.alt_for("en")})
            for image in product.images},
        consents=editing.consents_of(product),
        problems=editing.publish_problems(product),
        status_form=StatusForm(formdata=None, data={"version": product.version}),
        button=ButtonForm(formdata=None), has_orders=editing.has_orders(product),
        error=error, differences=differences or [],
    ), status
