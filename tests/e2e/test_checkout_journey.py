"""Buying in a browser: product, cart, checkout, demo payment, confirmation.

In Italian and English, on a phone and a desktop; every page is checked by axe-core.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from shop.catalog.models import Product, ProductStatus
from shop.extensions import db
from shop.orders.models import Order

UI = {
    "it": {"add": "Aggiungi al carrello", "added": "Aggiunto al carrello.", "cart": "Carrello",
           "checkout": "Vai alla cassa", "name": "Nome e cognome", "address": "Indirizzo",
           "cap": "CAP", "city": "Città", "province": "Provincia (es. MI)",
           "method": re.compile(r"Corriere in Italia,"), "continue": "Continua al riepilogo",
           "terms": "Ho letto e accetto le condizioni di vendita",
           "place": "Ordina con obbligo di pagamento", "pay": "Paga (demo)",
           "thanks": "Grazie! Il tuo ordine è confermato e pagato.", "total": "Totale da pagare",
           "quantity": "Quantità", "status": "Pagato, in preparazione"},
    "en": {"add": "Add to cart", "added": "Added to your cart.", "cart": "Cart",
           "checkout": "Go to checkout", "name": "Full name", "address": "Address",
           "cap": "Postcode (CAP)", "city": "City", "province": "Province (e.g. MI)",
           "method": re.compile(r"Courier within Italy,"), "continue": "Continue to review",
           "terms": "I have read and accept the terms of sale",
           "place": "Place order with obligation to pay", "pay": "Pay (demo)",
           "thanks": "Thank you! Your order is confirmed and paid.", "total": "Total to pay",
           "quantity": "Quantity", "status": "Paid, being prepared"},
}


def single_variant_product(app) -> str:
    """A product on sale with one option and enough units in its workshop."""
    with app.app_context():
        for product in db.session.scalars(select(Product).where(
                Product.status == ProductStatus.ACTIVE, Product.made_to_order.is_(False))
                .order_by(Product.id)):
            if len(product.active_variants) == 1:
                return product.slug
    raise AssertionError("the demo catalog has no single-option product")


@pytest.mark.parametrize("lang", ["it", "en"])
def test_buy_and_pay_with_the_demo_gateway(shop, demo_rw, lang):
    ui, page = UI[lang], shop.page
    slug = single_variant_product(demo_rw)

    shop.goto(f"/{lang}/products/{slug}", step="product")
    page.get_by_label(ui["quantity"], exact=True).fill("2")
    shop.submit(ui["add"], step="added")
    expect(page.get_by_text(ui["added"])).to_be_visible()

    shop.click(page.get_by_role("banner").get_by_role("link", name=re.compile(ui["cart"])),
               step="cart")
    expect(page.get_by_role("banner")).to_contain_text("2")
    shop.click_link(ui["checkout"], step="details")

    page.get_by_label("Email", exact=True).fill("giulia@example.org")
    page.get_by_label(ui["name"], exact=True).fill("Giulia Neri")
    page.get_by_label(ui["address"], exact=True).fill("Viale Monza 12")
    page.get_by_label(ui["cap"], exact=True).fill("20127")
    page.get_by_label(ui["city"], exact=True).fill("Milano")
    page.get_by_label(ui["province"], exact=True).fill("MI")
    page.get_by_role("radio", name=ui["method"]).check()
    shop.submit(ui["continue"], step="review")

    total = page.locator(".totals .grand dd").inner_text()
    page.get_by_label(ui["terms"]).check()
    shop.submit(ui["place"], step="demo gateway")
    expect(page.locator(".demo-amount")).to_have_text(total)
    shop.submit(ui["pay"], step="confirmation")

    expect(page.get_by_text(ui["thanks"])).to_be_visible()
    expect(page.locator(".order-status")).to_contain_text(ui["status"])
    with demo_rw.app_context():
        order = db.session.scalar(select(Order))
        assert (order.status, order.email, order.locale) == ("paid", "giulia@example.org", lang)
        expect(page.get_by_role("heading", level=1)).to_have_text(order.number)
        assert shop.path == f"/{lang}/orders/{order.access_token}?paid=1"
