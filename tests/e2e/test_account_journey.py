"""A customer opens an account in a browser: register, confirm by email, sign in, see orders.

On a phone and a desktop, every page checked by axe-core. The guest order placed earlier
with the same address is in the account after the confirmation.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlalchemy import select

from shop.catalog.models import Product
from shop.extensions import db
from shop.notifications.models import OutboxMessage
from tests.e2e.test_checkout_journey import single_variant_product
from tests.fixtures.orders import pay, placed_order

PASSWORD = "tre parole lontane"


def guest_order(app, email: str) -> str:
    """A paid order placed as a guest; its number."""
    slug = single_variant_product(app)
    with app.test_request_context():  # the order's emails build links
        product = db.session.scalar(select(Product).where(Product.slug == slug))
        order = pay(placed_order([(product.active_variants[0], 1)], email=email))
        return order.number


def confirmation_path(app, email: str) -> str:
    with app.app_context():
        body = db.session.scalar(select(OutboxMessage.body_text)
                                 .where(OutboxMessage.recipient == email,
                                        OutboxMessage.kind == "account_confirm")
                                 .order_by(OutboxMessage.id.desc()).limit(1))
    match = re.search(r"https?://[^/\s]+(/it/account/confirm/[\w-]+)", body or "")
    assert match, body
    return match.group(1)


def test_register_confirm_sign_in_and_see_the_orders(shop, demo_rw):
    page = shop.page
    number = guest_order(demo_rw, "Nina.Rossi@example.org")

    shop.goto("/it/account/login", step="sign in page")
    shop.click_link("Crea un account", step="register")
    page.get_by_label("Il tuo nome", exact=True).fill("Nina Rossi")
    page.get_by_label("Email", exact=True).fill("nina.rossi@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Ho letto l'informativa sulla privacy e le condizioni di vendita").check()
    shop.submit("Crea il mio account", step="check your email")
    expect(page.locator("main .notice")).to_contain_text("nina.rossi@example.org")

    shop.goto("/it/account/login", step="sign in before confirming")
    page.get_by_label("Email", exact=True).fill("nina.rossi@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    shop.submit("Accedi", step="not confirmed yet",
                within=page.locator("form[action$='/account/login']"))
    expect(page.locator("main .notice-error")).to_contain_text("non è ancora confermato")

    shop.goto(confirmation_path(demo_rw, "nina.rossi@example.org"), step="confirm")
    shop.submit("Conferma la mia email", step="confirmed")
    expect(page.get_by_text("La tua email è confermata")).to_be_visible()

    page.get_by_label("Email", exact=True).fill("nina.rossi@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    shop.submit("Accedi", step="account",
                within=page.locator("form[action$='/account/login']"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ciao, Nina Rossi")
    expect(page.get_by_role("banner").get_by_role("link", name="Il mio account")).to_be_visible()
    shop.click_link(number, step="order")
    expect(page.get_by_role("heading", level=1)).to_have_text(number)
    expect(page.locator(".order-status")).to_contain_text("Pagato")
