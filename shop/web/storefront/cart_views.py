"""Cart pages: show the cart, add to it, change or remove a line."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from shop.cart import services as carts
from shop.cart.errors import LineNotFound, OutOfStock, VariantUnavailable
from shop.catalog.errors import PersonalisationInvalid, ProductNotFound
from shop.catalog.models import Dimension
from shop.catalog.personalisation import Personalisation
from shop.catalog.services import get_active_product
from shop.checkout.estimates import cart_shipping
from shop.checkout.services import shipping_methods
from shop.extensions import db
from shop.web.personal import problem_messages
from shop.web.storefront import bp
from shop.web.storefront.cart_cookie import current_cart, current_or_new_cart
from shop.web.storefront.forms import AddToCartForm, CartLineForm, EmptyForm
from shop.web.storefront.views import render_product


@bp.get("/cart")
def cart():
    """Show the cart grouped by cooperative, with anything that changed since."""
    view = carts.view_cart(current_cart(), g.lang)
    return render_template("storefront/cart.html", cart=view, form=EmptyForm(),
                           shipping=cart_shipping(shipping_methods(), view.subtotal_cents))


@bp.post("/products/<slug>/add")
def cart_add(slug: str):
    """Put units of a product's variant in the cart."""
    try:
        product = get_active_product(slug)
    except ProductNotFound:
        flash(_("That product is no longer on sale."), "error")
        return redirect(url_for("storefront.cart"))
    form = AddToCartForm()
    form.variant_id.choices = [SelectChoice(v.id, v.sku) for v in product.active_variants]
    back = url_for("storefront.product_detail", slug=slug)
    if not form.validate_on_submit():
        flash(_("Choose an option and a quantity between 1 and 99."), "error")
        return redirect(back)
    asked = personal_input(request.form)
    try:
        change = carts.add_to_cart(current_or_new_cart(), form.variant_id.data,
                                   form.quantity.data, asked)
    except PersonalisationInvalid as exc:
        db.session.rollback()
        flash(_("Nothing was added: check the personalisation below."), "error")
        return render_product(product, personal_values=personal_values(request.form),
                              personal_errors=problem_messages(exc)), 400
    except OutOfStock:
        db.session.rollback()
        flash(_("Sorry, that option has just sold out."), "error")
        return redirect(back)
    except VariantUnavailable:
        db.session.rollback()
        flash(_("That option is no longer on sale."), "error")
        return redirect(back)
    db.session.commit()
    if change.capped:
        flash(_("Only %(num)d available: your cart now holds %(num)d.", num=change.quantity),
              "warning")
    else:
        flash(_("Added to your cart."), "success")
    return redirect(url_for("storefront.cart") if request.form.get("next") == "cart" else back)


def personal_input(form) -> Personalisation:
    """The personalisation fields as typed (checked by the cart service)."""
    return Personalisation(form.get("personal_text", ""),
                           {d.value: form.get(f"measure_{d.value}", "") for d in Dimension
                            if f"measure_{d.value}" in form})


def personal_values(form) -> dict[str, str]:
    """What the customer typed, to fill the fields again (length-capped)."""
    names = ["personal_text"] + [f"measure_{d.value}" for d in Dimension]
    return {name: form.get(name, "")[:1000] for name in names}


@bp.post("/cart/lines/<int:line_id>")
def cart_update(line_id: int):
    """Change a line's quantity, or remove it."""
    cart = current_cart()
    form = CartLineForm()
    if cart is None:
        return redirect(url_for("storefront.cart"))
    if request.form.get("remove"):
        form.quantity.data = 0
    elif not form.validate_on_submit():
        flash(_("Enter a quantity between 0 and 99."), "error")
        return redirect(url_for("storefront.cart"))
    try:
        change = carts.set_quantity(cart, line_id, form.quantity.data)
    except LineNotFound:
        db.session.rollback()
        return redirect(url_for("storefront.cart"))
    except (OutOfStock, VariantUnavailable):
        db.session.rollback()
        flash(_("Sorry, that item has sold out: remove it to continue."), "error")
        return redirect(url_for("storefront.cart"))
    db.session.commit()
    if change.quantity == 0:
        flash(_("Removed from your cart."), "success")
    elif change.capped:
        flash(_("Only %(num)d available: your cart now holds %(num)d.", num=change.quantity),
              "warning")
    else:
        flash(_("Cart updated."), "success")
    return redirect(url_for("storefront.cart"))
