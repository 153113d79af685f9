"""The staff catalog under /staff/catalog/: products, variants, photos, consent, categories."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.catalog import editing, photos, stories
from shop.catalog import services as catalog
from shop.catalog.errors import EditRefused, NotFound, StaleEdit
from shop.catalog.models import ProductStatus
from shop.extensions import db
from shop.web.errors import guess_lang
from shop.web.staff import bp
from shop.web.staff import catalog_pages as pages
from shop.web.staff.catalog_forms import (
    STATUS_LABELS,
    AltForm,
    ButtonForm,
    CategoryForm,
    ConsentForm,
    PhotoForm,
    ProductFilterForm,
    StatusForm,
    VariantForm,
)
from shop.web.templating import lang


@bp.app_template_global()
def product_status_label(code: str) -> str:
    return str(STATUS_LABELS.get(code, code))


@bp.url_value_preprocessor
def allow_photo_uploads(endpoint, values):
    # Runs before the CSRF check reads the body: only the upload may send 10 MB.
    if endpoint == "staff.product_photo_add":
        request.max_content_length = pages.PHOTO_REQUEST_LIMIT


@bp.errorhandler(413)
def upload_too_large(error):
    """A photo over the limit gets the product page with a sentence, not a bare error."""
    if (request.endpoint == "staff.product_photo_add" and current_user.is_authenticated
            and current_user.is_staff):
        product_id = (request.view_args or {}).get("product_id")
        return pages.render_product(pages.product_or_404(product_id), status=413,
                                    error=pages.photo_refusal("too_large"))
    guess_lang(current_app)
    return render_template("errors/error.html", code=413), 413


def done(message: str, endpoint: str = "staff.product_edit", **values):
    db.session.commit()
    flash(message, "success")
    return redirect(url_for(endpoint, **values), code=303)


# Products -----------------------------------------------------------------------------------

@bp.get("/catalog/")
@bp.get("/catalog/products")
def product_list():
    """List products of every status, searched by name or SKU and filtered."""
    form = ProductFilterForm(request.args, **pages.choices())
    query = editing.ProductQuery(
        text=(form.q.data or "").strip()[:100], status=form.value("status"),
        cooperative_id=int(form.value("cooperative") or 0) or None,
        category_id=int(form.value("category") or 0) or None,
        page=max(request.args.get("page", 1, type=int) or 1, 1))
    return render_template("staff/product_list.html", form=form, query=query,
                           page=editing.search_products(current_user, query, lang()))


@bp.route("/catalog/products/new", methods=["GET", "POST"])
def product_new():
    """Create a product in both languages with its first variant (a draft by default)."""
    form = pages.product_form(formdata=request.form if request.method == "POST" else None,
                              new=True)
    if not form.validate_on_submit():
        return render_template("staff/product_new.html", form=form), \
            400 if request.method == "POST" else 200
    try:
        product = editing.create_product(current_user, pages.product_input(form),
                                         pages.variant_input(form))
    except EditRefused as exc:
        db.session.rollback()
        return render_template("staff/product_new.html", form=form,
                               error=pages.refusal(exc)), 409
    return done(_("Product created. Add its photos, then publish it."),
                product_id=product.id)


@bp.route("/catalog/products/<int:product_id>", methods=["GET", "POST"])
def product_edit(product_id: int):
    """Edit a product's texts and details; a save from a stale form is refused, not lost."""
    product = pages.product_or_404(product_id)
    if request.method == "GET":
        return pages.render_product(product)
    form = pages.product_form(formdata=request.form)
    if not form.validate_on_submit():
        return pages.render_product(product, form=form, status=400,
                                    error=_("Please correct the fields marked below."))
    try:
        editing.update_product(current_user, product_id, pages.product_input(form),
                               int(form.version.data or 0))
    except EditRefused as exc:
        db.session.rollback()
        product = pages.product_or_404(product_id)
        differences = None
        if isinstance(exc, StaleEdit):
            differences = pages.stale_differences(product, form)
            form.version.data = product.version
        return pages.render_product(product, form=form, error=pages.refusal(exc),
                                    differences=differences, status=409)
    return done(_("Saved. The storefront and search show the change now."),
                product_id=product_id)


@bp.post("/catalog/products/<int:product_id>/status")
def product_status(product_id: int):
    """Publish a product, take it back to draft, or archive it."""
    form = StatusForm()
    if not form.validate_on_submit() or form.status.data not in set(ProductStatus):
        abort(400)
    try:
        editing.set_status(current_user, product_id, ProductStatus(form.status.data),
                           int(form.version.data or 0))
    except NotFound:
        abort(404)
    except EditRefused as exc:
        db.session.rollback()
        return pages.render_product(pages.product_or_404(product_id),
                                    error=pages.refusal(exc), status=409)
    return done(_("Status changed."), product_id=product_id)


@bp.post("/catalog/products/<int:product_id>/delete")
def product_delete(product_id: int):
    """Delete a product nobody ordered; archive one that was ordered."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    paths = [image.path for image in pages.product_or_404(product_id).images]
    outcome = editing.remove_product(current_user, product_id)
    if outcome == editing.Removal.ARCHIVED:
        return done(_("This product appears in orders, so it was archived instead of deleted."),
                    "staff.product_list")
    response = done(_("Product deleted."), "staff.product_list")
    for path in paths:  # uploaded photos' files go once the deletion is committed
        photos.delete_files(path)
    return response


# Variants -----------------------------------------------------------------------------------

@bp.route("/catalog/products/<int:product_id>/variants/new", methods=["GET", "POST"])
def product_variant_new(product_id: int):
    """Add a variant: SKU, name in both languages, price, weight."""
    product = pages.product_or_404(product_id)
    form = VariantForm()
    if form.validate_on_submit():
        try:
            editing.create_variant(current_user, product_id, pages.variant_input(form))
            return done(_("Variant added."), product_id=product_id)
        except EditRefused as exc:
            db.session.rollback()
            return render_template("staff/variant_edit.html", product=product, form=form,
                                   error=pages.refusal(exc)), 409
    return render_template("staff/variant_edit.html", product=product, form=form), \
        400 if request.method == "POST" else 200


@bp.route("/catalog/products/<int:product_id>/variants/<int:variant_id>",
          methods=["GET", "POST"])
def product_variant_edit(product_id: int, variant_id: int):
    """Change a variant's SKU, names, price, weight, or take it off sale."""
    product = pages.product_or_404(product_id)
    variant = next((v for v in product.variants if v.id == variant_id), None) or abort(404)
    form = VariantForm(data=pages.variant_form_data(variant) if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            editing.update_variant(current_user, product_id, variant_id, pages.variant_input(form))
            return done(_("Variant saved."), product_id=product_id)
        except EditRefused as exc:
            db.session.rollback()
            return render_template("staff/variant_edit.html", product=product, variant=variant,
                                   form=form, error=pages.refusal(exc)), 409
    return render_template("staff/variant_edit.html", product=product, variant=variant,
                           form=form), 400 if request.method == "POST" else 200


# Photos -------------------------------------------------------------------------------------

@bp.post("/catalog/products/<int:product_id>/photos")
def product_photo_add(product_id: int):
    """Upload a photo with its description in both languages."""
    product = pages.product_or_404(product_id)
    form = PhotoForm()
    if not form.validate_on_submit():
        return pages.render_product(product, photo_form=form, status=400,
                                    error=_("Please choose a photo and describe it in both "
                                            "languages."))
    try:
        photos.add_photo(current_user, product_id, form.photo.data.read(photos.MAX_BYTES + 1),
                         {"it": form.alt_it.data, "en": form.alt_en.data})
    except EditRefused as exc:
        db.session.rollback()
        return pages.render_product(pages.product_or_404(product_id), photo_form=form,
                                    error=pages.refusal(exc), status=400)
    return done(_("Photo added."), product_id=product_id)


@bp.post("/catalog/products/<int:product_id>/photos/<int:image_id>")
def product_photo_edit(product_id: int, image_id: int):
    """Change a photo's descriptions."""
    form = AltForm(prefix=f"img{image_id}")
    if not form.validate_on_submit():
        return pages.render_product(pages.product_or_404(product_id), status=400,
                                    error=_("Describe the photo in both languages."))
    try:
        photos.update_alt(current_user, product_id, image_id,
                          {"it": form.alt_it.data, "en": form.alt_en.data})
    except NotFound:
        abort(404)
    return done(_("Photo description saved."), product_id=product_id)


@bp.post("/catalog/products/<int:product_id>/photos/<int:image_id>/move")
def product_photo_move(product_id: int, image_id: int):
    """Move a photo earlier or later in the gallery (the first one is the main photo)."""
    step = {"up": -1, "down": 1}.get(request.form.get("direction", ""))
    if not ButtonForm().validate_on_submit() or step is None:
        abort(400)
    try:
        photos.move_photo(current_user, product_id, image_id, step)
    except NotFound:
        abort(404)
    return done(_("Photo order saved."), product_id=product_id, _anchor="photos")


@bp.post("/catalog/products/<int:product_id>/photos/<int:image_id>/delete")
def product_photo_delete(product_id: int, image_id: int):
    """Remove a photo from the product (its files go once the change is saved)."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        path = photos.remove_photo(current_user, product_id, image_id)
    except NotFound:
        abort(404)
    db.session.commit()
    photos.delete_files(path)
    flash(_("Photo removed."), "success")
    return redirect(url_for("staff.product_edit", product_id=product_id, _anchor="photos"),
                    code=303)


# Consent of the people a story names --------------------------------------------------------

@bp.post("/catalog/products/<int:product_id>/consents")
def product_consent_add(product_id: int):
    """Record a person's consent to be named, by first name, in this product's texts."""
    product = pages.product_or_404(product_id)
    form = ConsentForm()
    if not form.validate_on_submit():
        return pages.render_product(product, consent_form=form, status=400,
                                    error=_("Please complete the consent record."))
    stories.add_consent(current_user, stories.ConsentInput(
        form.first_name.data, form.given_on.data, form.collected_by.data, form.notes.data or ""),
        product_id=product_id)
    return done(_("Consent recorded."), product_id=product_id, _anchor="people")


@bp.post("/catalog/products/<int:product_id>/consents/<int:consent_id>/delete")
def product_consent_delete(product_id: int, consent_id: int):
    """Withdraw a consent record."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        stories.remove_consent(current_user, consent_id, product_id=product_id)
    except NotFound:
        abort(404)
    return done(_("Consent record removed."), product_id=product_id, _anchor="people")


# Categories ---------------------------------------------------------------------------------

@bp.get("/catalog/categories")
def category_list():
    """List the categories in menu order."""
    return render_template("staff/category_list.html", categories=catalog.list_categories())


@bp.route("/catalog/categories/new", methods=["GET", "POST"])
def category_new():
    """Create a category with its names in both languages."""
    form = CategoryForm()
    if form.validate_on_submit():
        try:
            editing.create_category(current_user, category_input(form))
            return done(_("Category created."), "staff.category_list")
        except EditRefused as exc:
            db.session.rollback()
            return render_template("staff/category_edit.html", form=form,
                                   error=pages.refusal(exc)), 409
    return render_template("staff/category_edit.html", form=form), \
        400 if request.method == "POST" else 200


@bp.route("/catalog/categories/<int:category_id>", methods=["GET", "POST"])
def category_edit(category_id: int):
    """Rename a category, describe it, or move it in the menus."""
    try:
        category = editing.get_category(current_user, category_id)
    except NotFound:
        abort(404)
    form = CategoryForm(data=editing.category_state(category)
                        if request.method == "GET" else None)
    if form.validate_on_submit():
        editing.update_category(current_user, category_id, category_input(form))
        return done(_("Category saved."), "staff.category_list")
    return render_template("staff/category_edit.html", form=form, category=category), \
        400 if request.method == "POST" else 200


def category_input(form: CategoryForm) -> editing.CategoryInput:
    return editing.CategoryInput(
        position=form.position.data,
        names={"it": form.name_it.data.strip(), "en": form.name_en.data.strip()},
        descriptions={"it": (form.description_it.data or "").strip(),
                      "en": (form.description_en.data or "").strip()})
