"""The customer's journey in a browser, phone and desktop, every page checked by axe-core.

A failed payment is retried and goes through; an order with a discount code is paid and
its discount shown on the review, the payment page and the order page.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlalchemy import select

from shop.discounts.models import DiscountKind
from shop.extensions import db
from shop.orders.models import Order
from shop.payments.models import Payment
from tests.e2e.test_checkout_journey import single_variant_product
from tests.journey.conftest import code


def fill_details(page) -> None:
    page.get_by_label("Email", exact=True).fill("marta@example.org")
    page.get_by_label("Nome e cognome", exact=True).fill("Marta Galli")
    page.get_by_label("Indirizzo", exact=True).fill("Via Padova 40")
    page.get_by_label("CAP", exact=True).fill("20127")
    page.get_by_label("Città", exact=True).fill("Milano")
    page.get_by_label("Provincia (es. MI)", exact=True).fill("MI")
    page.get_by_role("radio", name=re.compile(r"Corriere in Italia,")).check()


def to_review(shop, slug: str, discount: str = "") -> None:
    page = shop.page
    shop.goto(f"/it/products/{slug}", step="product")
    shop.submit("Aggiungi al carrello", step="added")
    shop.goto("/it/cart", step="cart")
    expect(page.get_by_text("Spedizione in Italia")).to_be_visible()
    shop.click_link("Vai alla cassa", step="details")
    fill_details(page)
    if discount:
        page.get_by_text("Hai un codice sconto?").click()
        page.get_by_label("Codice sconto (facoltativo)", exact=True).fill(discount)
    shop.submit("Continua al riepilogo", step="review")
    page.get_by_label("Ho letto e accetto le condizioni di vendita").check()


def test_a_failed_payment_is_retried_and_goes_through(shop, demo_rw):
    page = shop.page
    to_review(shop, single_variant_product(demo_rw))
    shop.submit("Ordina con obbligo di pagamento", step="demo gateway")
    shop.submit("Simula un pagamento non riuscito", step="payment failed")
    expect(page.get_by_role("alert")).to_contain_text(
        "Il pagamento non è andato a buon fine: non è stato addebitato nulla.")
    expect(page.locator(".order-status")).to_contain_text("In attesa di pagamento")
    shop.submit(page.get_by_role("button", name=re.compile(r"^Paga di nuovo")).inner_text(),
                step="demo gateway again")
    shop.submit("Paga (demo)", step="paid")
    expect(page.get_by_text("Grazie! Il tuo ordine è confermato e pagato.")).to_be_visible()
    with demo_rw.app_context():
        order = db.session.scalar(select(Order))
        assert order.status == "paid"
        assert sorted(db.session.scalars(select(Payment.status))) == ["failed", "paid"]


def test_an_order_with_a_discount_code_is_paid_to_the_cent(shop, demo_rw):
    page = shop.page
    code(demo_rw, "GRAZIE10", DiscountKind.PERCENT, 1000)
    to_review(shop, single_variant_product(demo_rw), discount="grazie10")
    expect(page.locator(".totals .discount dt")).to_have_text("Sconto GRAZIE10")
    total = page.locator(".totals .grand dd").inner_text()
    shop.submit("Ordina con obbligo di pagamento", step="demo gateway")
    expect(page.locator(".demo-amount")).to_have_text(total)
    shop.submit("Paga (demo)", step="paid")
    expect(page.locator(".totals .discount dt")).to_have_text("Sconto GRAZIE10")
    expect(page.locator(".totals .grand dd")).to_have_text(total)
    with demo_rw.app_context():
        order = db.session.scalar(select(Order))
        assert (order.status, order.discount_code) == ("paid", "GRAZIE10")
        assert order.total_cents == order.subtotal_cents + order.shipping_cents \
            - order.discount_cents
