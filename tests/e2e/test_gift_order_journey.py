"""A signed-in customer's personalised gift with a discount code, paid, then in the account.

On a phone and a desktop, every page checked by axe-core: the engraving text, the gift
message and the code travel from the product page through the cart, the review and the
payment to the order page the customer opens from their account, and into the database.
"""

from __future__ import annotations

from playwright.sync_api import expect
from sqlalchemy import select

from shop.accounts.models import Role, User
from shop.discounts.models import DiscountKind
from shop.extensions import db
from shop.orders.models import Order
from tests.e2e.test_customer_journey import fill_details
from tests.fixtures.orders import PASSWORD, user
from tests.journey.conftest import code

BOARD = "tagliere-inciso-personalizzato"
ENGRAVING = "Per Anna, 12·6·2027"
MESSAGE = "Buon anniversario dai colleghi del terzo piano!"


def customer(app, email: str) -> None:
    with app.app_context():
        user(email, Role.CUSTOMER, name="Lucia Bianchi")
        db.session.commit()


def test_a_personalised_gift_with_a_code_is_paid_and_seen_in_the_account(shop, demo_rw):
    page = shop.page
    customer(demo_rw, "lucia@example.org")
    code(demo_rw, "REGALO5", DiscountKind.FIXED, 500)

    shop.goto("/it/account/login", step="sign in")
    page.get_by_label("Email", exact=True).fill("lucia@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    shop.submit("Accedi", step="account", within=page.locator("form[action$='/account/login']"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ciao, Lucia Bianchi")

    shop.goto(f"/it/products/{BOARD}", step="product")
    page.get_by_label("Testo da incidere", exact=True).fill(ENGRAVING)
    shop.submit("Aggiungi al carrello", step="added")
    expect(page.get_by_text("Aggiunto al carrello.")).to_be_visible()
    shop.goto("/it/cart", step="cart")
    expect(page.locator(".personal-text")).to_have_text(f"Testo: «{ENGRAVING}»")

    shop.click_link("Vai alla cassa", step="details")
    expect(page.get_by_label("Email", exact=True)).to_have_value("lucia@example.org")
    fill_details(page)
    page.get_by_label("Email", exact=True).fill("lucia@example.org")
    page.get_by_text("È un regalo", exact=True).click()
    page.get_by_label("È un regalo: niente prezzi nel documento di trasporto").check()
    page.get_by_label("Messaggio per il regalo (facoltativo, fino a 300 caratteri)").fill(MESSAGE)
    page.get_by_text("Hai un codice sconto?").click()
    page.get_by_label("Codice sconto (facoltativo)", exact=True).fill("regalo5")
    shop.submit("Continua al riepilogo", step="review")
    expect(page.locator(".totals .discount dt")).to_have_text("Sconto REGALO5")
    expect(page.locator(".personal-text")).to_have_text(f"Testo: «{ENGRAVING}»")
    expect(page.get_by_text(MESSAGE)).to_be_visible()
    total = page.locator(".totals .grand dd").inner_text()
    page.get_by_label("Ho letto e accetto le condizioni di vendita").check()
    shop.submit("Ordina con obbligo di pagamento", step="demo gateway")
    expect(page.locator(".demo-amount")).to_have_text(total)
    shop.submit("Paga (demo)", step="paid")
    expect(page.get_by_text("Grazie! Il tuo ordine è confermato e pagato.")).to_be_visible()

    with demo_rw.app_context():
        order = db.session.scalar(select(Order))
        number = order.number
        assert (order.status, order.discount_code, order.is_gift, order.gift_message) == (
            "paid", "REGALO5", True, MESSAGE)
        assert order.discount_cents == 500
        assert order.total_cents == order.subtotal_cents + order.shipping_cents - 500
        assert [line.personal_text for line in order.lines] == [ENGRAVING]
        assert order.user_id == db.session.scalar(
            select(User.id).where(User.email == "lucia@example.org"))

    shop.goto("/it/account/", step="account with the order")
    shop.click_link(number, step="order from the account")
    expect(page.get_by_role("heading", level=1)).to_have_text(number)
    expect(page.locator(".order-status")).to_contain_text("Pagato")
    expect(page.locator(".personal-text")).to_have_text(f"Testo: «{ENGRAVING}»")
    expect(page.locator(".totals .discount dt")).to_have_text("Sconto REGALO5")
    expect(page.locator(".totals .grand dd")).to_have_text(total)
