"""The cart: adding, changing, removing, limits, and what changed meanwhile."""

from __future__ import annotations

import re

from sqlalchemy import select, update

from shop.cart.models import Cart, CartLine
from shop.catalog.models import Variant
from shop.extensions import db
from shop.inventory.models import Stock
from tests.fixtures.shopping import add, csrf, variant_of


def cart_lines(app) -> dict[str, int]:
    with app.app_context():
        rows = db.session.execute(select(Variant.sku, CartLine.quantity).join(
            CartLine, CartLine.variant_id == Variant.id))
        return dict(rows.all())


def test_add_groups_lines_by_cooperative_with_prices(client, catalog):
    add(client, catalog, "SKU-APRON", 2)
    add(client, catalog, "SKU-BISCOTTI", 3)
    html = client.get("/it/cart").get_data(as_text=True)
    assert cart_lines(catalog) == {"SKU-APRON": 2, "SKU-BISCOTTI": 3}
    assert html.index("Fatto da Filo Dritto") < html.index("Grembiule")
    assert html.index("Fatto da Lievito Madre") < html.index("Biscotti")
    assert '<p class="cart-line-total"><span class="price">€ 65,00</span></p>' in html
    assert '<p class="cart-line-total"><span class="price">€ 19,50</span></p>' in html
    assert "5 articoli" in html
    # VAT inside the prices: 65,00 at 22% is 11,72; 19,50 at 10% is 1,77.
    assert "<dt>di cui IVA</dt><dd><span class=\"price\">€ 13,49</span></dd>" in html


def test_quantity_is_capped_at_what_is_free(client, catalog):
    response = add(client, catalog, "SKU-APRON", 50)
    assert cart_lines(catalog) == {"SKU-APRON": 7}  # 5 in the workshop + 2 in the store
    html = client.get(response.location).get_data(as_text=True)
    assert "Solo 7 disponibili: ora nel carrello ce ne sono 7." in html


def test_made_to_order_has_no_stock_limit_but_a_line_cap(client, catalog):
    add(client, catalog, "SKU-BOARD", 60, lang="en")
    add(client, catalog, "SKU-BOARD", 60, lang="en")
    assert cart_lines(catalog) == {"SKU-BOARD": 99}


def test_update_and_remove_lines(client, catalog):
    add(client, catalog, "SKU-APRON", 1)
    html = client.get("/en/cart").get_data(as_text=True)
    line_id = re.search(r'/en/cart/lines/(\d+)', html).group(1)
    client.post(f"/en/cart/lines/{line_id}", data={"csrf_token": csrf(html), "quantity": "3"})
    assert cart_lines(catalog) == {"SKU-APRON": 3}
    client.post(f"/en/cart/lines/{line_id}", data={"csrf_token": csrf(html), "remove": "1",
                                                   "quantity": "3"})
    assert cart_lines(catalog) == {}
    assert "Your cart is empty." in client.get("/en/cart").get_data(as_text=True)


def test_bad_quantities_are_refused_with_a_message(client, catalog):
    slug, variant_id = variant_of(catalog, "SKU-APRON")
    html = client.get(f"/en/products/{slug}").get_data(as_text=True)
    for quantity in ("0", "-3", "abc", "100", ""):
        response = client.post(f"/en/products/{slug}/add", data={
            "csrf_token": csrf(html), "variant_id": variant_id, "quantity": quantity})
        assert response.status_code == 302
    page = client.get(f"/en/products/{slug}").get_data(as_text=True)
    assert "Choose an option and a quantity between 1 and 99." in page
    assert cart_lines(catalog) == {}


def test_foreign_variant_or_missing_csrf_is_refused(client, catalog):
    _, other_variant = variant_of(catalog, "SKU-BISCOTTI")
    slug, _ = variant_of(catalog, "SKU-APRON")
    html = client.get(f"/en/products/{slug}").get_data(as_text=True)
    response = client.post(f"/en/products/{slug}/add", data={
        "csrf_token": csrf(html), "variant_id": other_variant, "quantity": 1})
    assert response.status_code == 302
    response = client.post(f"/en/products/{slug}/add", data={"variant_id": 1, "quantity": 1})
    assert response.status_code == 400
    assert "Your form had expired" in response.get_data(as_text=True)
    assert cart_lines(catalog) == {}


def test_sold_out_meanwhile_is_explained_and_blocks_checkout(client, catalog):
    add(client, catalog, "SKU-TOTE", 1)
    add(client, catalog, "SKU-APRON", 6)
    with catalog.app_context():
        tote = db.session.scalar(select(Variant).where(Variant.sku == "SKU-TOTE"))
        db.session.execute(update(Stock).where(Stock.variant_id == tote.id)
                           .values(allocated=Stock.on_hand))
        apron = db.session.scalar(select(Variant).where(Variant.sku == "SKU-APRON"))
        db.session.execute(update(Stock).where(Stock.variant_id == apron.id)
                           .values(allocated=1))
        db.session.commit()
    html = client.get("/en/cart").get_data(as_text=True)
    assert "Tote bag (V0) has sold out: please remove it." in html
    assert "Apron (V0): only 5 available now; lower the quantity." in html
    assert "Go to checkout" not in html
    assert client.get("/en/checkout").location == "/en/cart"


def test_prices_are_always_read_fresh(client, catalog):
    add(client, catalog, "SKU-BISCOTTI", 2)
    with catalog.app_context():
        db.session.execute(update(Variant).where(Variant.sku == "SKU-BISCOTTI")
                           .values(price_cents=700))
        db.session.commit()
    html = client.get("/it/cart").get_data(as_text=True)
    assert '<p class="cart-line-total"><span class="price">€ 14,00</span></p>' in html


def test_a_forged_cart_cookie_gives_an_empty_cart(client, catalog):
    add(client, catalog, "SKU-APRON", 1)
    client.set_cookie("vdm_cart", "forged.value")
    assert "Il tuo carrello è vuoto." in client.get("/it/cart").get_data(as_text=True)
    with catalog.app_context():
        assert db.session.scalar(select(db.func.count(Cart.id))) == 1
