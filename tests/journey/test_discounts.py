"""Discount codes at checkout: to the cent, VAT per rate, limits, and the payment page."""

from __future__ import annotations

import re
import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from shop.discounts.models import DiscountKind, DiscountRedemption
from shop.extensions import db
from shop.orders.models import Order
from tests.fixtures.shopping import ADDRESS, add, csrf, place, review, shown_total
from tests.journey.conftest import code


def orders(app) -> list[Order]:
    with app.app_context():
        rows = list(db.session.scalars(select(Order).order_by(Order.id)))
        for row in rows:
            row.lines  # noqa: B018 - loaded before the session closes
        db.session.expunge_all()
        return rows


def test_a_percentage_is_shared_across_lines_to_the_cent_with_vat_per_rate(client, catalog):
    """32,50 apron (22%) + 2 × 6,50 biscuits (10%) = 45,50; 7% off = 3,19.

    Shares by largest remainder: apron 2,28, biscuits 0,91. VAT on what is paid:
    30,22 at 22% = 5,45; 12,09 at 10% = 1,10; shipping 6,90 at 22% = 1,24: 7,79 in all.
    """
    code(catalog, "sette", DiscountKind.PERCENT, 700)
    add(client, catalog, "SKU-APRON", 1)
    add(client, catalog, "SKU-BISCOTTI", 2)
    html = review(client, {**ADDRESS, "discount_code": " Sette "}).get_data(as_text=True)
    assert "<dt>Sconto SETTE</dt><dd>−<span class=\"price\">€ 3,19</span></dd>" in html
    assert shown_total(html) == "€ 49,21"
    assert "<dt>di cui IVA</dt><dd><span class=\"price\">€ 7,79</span></dd>" in html
    assert place(client, {**ADDRESS, "discount_code": "sette"}).status_code == 303
    (order,) = orders(catalog)
    assert (order.subtotal_cents, order.discount_cents, order.shipping_cents, order.vat_cents,
            order.total_cents, order.discount_code) == (4550, 319, 690, 779, 4921, "SETTE")
    assert [(line.sku, line.discount_cents) for line in order.lines] == [
        ("SKU-APRON", 228), ("SKU-BISCOTTI", 91)]
    with catalog.app_context():
        assert db.session.scalar(select(DiscountRedemption.amount_cents)) == 319


def test_a_code_limited_to_a_cooperative_takes_off_only_its_goods(client, catalog):
    with catalog.app_context():
        from shop.catalog.models import Cooperative

        bakery = db.session.scalar(select(Cooperative.id).where(Cooperative.slug == "lievito"))
    code(catalog, "FORNO", DiscountKind.FIXED, 2000, cooperative_id=bakery)
    add(client, catalog, "SKU-APRON", 1)
    add(client, catalog, "SKU-BISCOTTI", 2)
    html = review(client, {**ADDRESS, "discount_code": "forno"}).get_data(as_text=True)
    # A fixed 20 € never takes more than the bakery's 13 € of goods.
    assert "<dt>Sconto FORNO</dt><dd>−<span class=\"price\">€ 13,00</span></dd>" in html
    assert shown_total(html) == "€ 39,40"


def test_limits_are_explained_next_to_the_field(client, catalog):
    now = datetime.now(UTC)
    code(catalog, "MIN50", DiscountKind.PERCENT, 1000, min_order_cents=5000)
    code(catalog, "OLD", DiscountKind.PERCENT, 1000, ends_at=now - timedelta(days=1))
    add(client, catalog, "SKU-APRON", 1)
    for typed, message in (
            ("MIN50", "Il codice MIN50 richiede un ordine di almeno € 50,00."),
            ("OLD", "Il codice OLD oggi non è valido."),
            ("NOPE", "Non conosciamo il codice NOPE: controlla come è scritto.")):
        html = review(client, {**ADDRESS, "discount_code": typed}).get_data(as_text=True)
        assert re.search(rf'id="discount_code-error">{re.escape(message)}', html), typed
        assert "Ordina con obbligo di pagamento" not in html


def test_a_code_once_per_email(client, catalog):
    code(catalog, "UNAVOLTA", DiscountKind.FIXED, 500, max_uses_per_email=1)
    add(client, catalog, "SKU-APRON", 1)
    place(client, {**ADDRESS, "discount_code": "unavolta"})
    add(client, catalog, "SKU-BISCOTTI", 1)
    html = review(client, {**ADDRESS, "discount_code": "unavolta"}).get_data(as_text=True)
    assert "Hai già usato il codice UNAVOLTA." in html


def test_the_payment_page_charges_the_order_total(client, catalog, fake_stripe):
    code(catalog, "SETTE", DiscountKind.PERCENT, 700)
    add(client, catalog, "SKU-APRON", 1)
    add(client, catalog, "SKU-BISCOTTI", 2)
    response = place(client, {**ADDRESS, "discount_code": "SETTE"})
    session = fake_stripe.only_session()
    assert response.location == session["url"]
    (order,) = orders(catalog)
    assert session["amount_total"] == order.total_cents == 4921
    names = [item["price_data"]["product_data"]["name"] for item in session["line_items_sent"]]
    assert names[0] == "1 × Grembiule — V0 (SETTE)"


def test_two_orders_racing_for_the_last_use_one_wins(app, catalog):
    """Both customers saw the code accepted on the review; only one order gets it."""
    code(catalog, "ULTIMO", DiscountKind.FIXED, 500, max_uses=1)
    clients = [app.test_client(), app.test_client()]
    forms = []
    for n, client in enumerate(clients):
        add(client, catalog, "SKU-BISCOTTI", 1)
        details = {**ADDRESS, "email": f"cliente{n}@example.org", "discount_code": "ULTIMO"}
        html = review(client, details).get_data(as_text=True)
        assert "Sconto ULTIMO" in html
        form_html = html.split("/checkout/place")[1].split("</form>")[0]
        data = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"',
                               form_html))
        forms.append({**data, "csrf_token": csrf(html), "accept_terms": "y"})
    barrier = threading.Barrier(2)
    results: list[int] = []

    def buy(client, data):
        barrier.wait()
        results.append(client.post("/it/checkout/place", data=data).status_code)

    threads = [threading.Thread(target=buy, args=pair) for pair in zip(clients, forms,
                                                                       strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(results) == [303, 409]
    placed = orders(catalog)
    assert [(o.discount_code, o.discount_cents) for o in placed] == [("ULTIMO", 500)]
    with catalog.app_context():
        assert db.session.scalar(select(db.func.count(DiscountRedemption.id))) == 1
