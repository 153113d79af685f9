"""Checkout through the pages: details, review with the full total, order, demo payment."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select, update

from shop.cart.models import CartLine
from shop.catalog.models import Variant
from shop.extensions import db
from shop.inventory.models import Location, Stock
from shop.orders.models import Allocation, Order, OrderEvent
from shop.payments.models import Payment
from shop.worker import send_outbox
from tests.fixtures.mail import html_part, text_part
from tests.fixtures.shopping import ADDRESS, PICKUP, add, csrf, place, review, shown_total


def the_order(app) -> Order:
    with app.app_context():
        orders = list(db.session.scalars(select(Order)))
        assert len(orders) == 1
        db.session.expunge_all()
        return orders[0]


def allocations(app) -> list[tuple[str, str, int, str]]:
    """(sku, location kind, quantity, status) of every allocation."""
    with app.app_context():
        rows = db.session.execute(
            select(Variant.sku, Location.kind, Allocation.quantity, Allocation.status)
            .join(Stock, Stock.id == Allocation.stock_id)
            .join(Variant, Variant.id == Stock.variant_id)
            .join(Location, Location.id == Stock.location_id)
            .order_by(Variant.sku, Location.kind))
        return [tuple(r) for r in rows]


def stock_of(app, sku: str) -> dict[str, tuple[int, int]]:
    with app.app_context():
        rows = db.session.execute(
            select(Location.kind, Stock.on_hand, Stock.allocated)
            .join(Location, Location.id == Stock.location_id)
            .join(Variant, Variant.id == Stock.variant_id).where(Variant.sku == sku))
        return {kind: (on_hand, allocated) for kind, on_hand, allocated in rows}


def test_review_shows_the_full_total_before_the_button(client, catalog):
    add(client, catalog, "SKU-APRON", 1)
    add(client, catalog, "SKU-BISCOTTI", 2)
    html = review(client, ADDRESS).get_data(as_text=True)
    # 32,50 + 13,00 = 45,50; Italian standard shipping 6,90 below the 60 € threshold.
    assert shown_total(html) == "€ 52,40"
    assert "<dt>Spedizione</dt><dd><span class=\"price\">€ 6,90</span></dd>" in html
    # VAT: 5,86 (apron, 22%) + 1,18 (biscuits, 10%) + 1,24 (shipping, 22%).
    assert "<dt>di cui IVA</dt><dd><span class=\"price\">€ 8,28</span></dd>" in html
    assert html.index("€ 52,40") < html.index("Ordina con obbligo di pagamento")
    assert 'name="expected_total_cents" value="5240"' in html


@pytest.mark.parametrize(("details", "shipping", "total"), [
    ({**ADDRESS, "shipping_method": "it-express"}, "€12.90", "€110.40"),
    ({**ADDRESS, "shipping_method": "it-standard"}, "free", "€97.50"),
    ({**ADDRESS, "ship_country": "DE", "ship_postal_code": "10115", "ship_province": "",
      "shipping_method": "eu-standard"}, "€14.90", "€112.40"),
    (PICKUP, "free", "€97.50"),
])
def test_shipping_rates_and_free_shipping_threshold(client, catalog, details, shipping, total):
    add(client, catalog, "SKU-APRON", 3, lang="en")
    html = review(client, details, lang="en").get_data(as_text=True)
    assert shown_total(html) == total
    assert re.search(r"<dt>Shipping</dt><dd>(?:<span class=\"price\">)?([^<]+)", html).group(1) \
        == shipping


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"ship_postal_code": "2012"}, "ship_postal_code", "Il CAP ha cinque cifre, per esempio 20129."),
    ({"ship_province": "XX"}, "ship_province", "Inserisci la sigla della provincia"),
    ({"ship_line1": ""}, "ship_line1", "Questo campo è obbligatorio."),
    ({"email": "not-an-email"}, "email", "Indirizzo e-mail non valido."),
    ({"ship_country": "US"}, "ship_country", "Non è una opzione valida"),
    ({"shipping_method": "eu-standard"}, "shipping_method", "Scegli un metodo di spedizione."),
    ({"invoice_requested": "y", "invoice_vat_number": "12345678901",
      "invoice_company": "ACME", "invoice_sdi_code": "ABC1234"},
     "invoice_vat_number", "Questa Partita IVA non è valida"),
    ({"invoice_requested": "y", "invoice_vat_number": "00743110157", "invoice_company": "ACME"},
     "invoice_sdi_code", "Indica un codice SDI o un indirizzo PEC"),
    ({"invoice_requested": "y", "invoice_tax_code": "RSSMRA80A01F205Z"},
     "invoice_tax_code", "Questo codice fiscale non è valido."),
    ({"invoice_requested": "y"}, "invoice_tax_code", "Indica una Partita IVA (aziende)"),
])
def test_bad_details_are_explained_next_to_the_field(client, catalog, change, field, message):
    add(client, catalog, "SKU-APRON", 1)
    response = review(client, {**ADDRESS, **change})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Correggi i campi segnalati qui sotto." in html
    assert re.search(rf'id="{field}-error">[^<]*{re.escape(message)}', html), html[-3000:]
    assert 'aria-invalid="true"' in html or field in ("shipping_method",)
    assert "Ordina con obbligo di pagamento" not in html


def test_valid_invoice_details_pass(client, catalog):
    add(client, catalog, "SKU-APRON", 1)
    html = review(client, {**ADDRESS, "invoice_requested": "y",
                           "invoice_company": "Bottega Srl", "invoice_vat_number": "00743110157",
                           "invoice_sdi_code": "abc1234"}).get_data(as_text=True)
    assert "Ordina con obbligo di pagamento" in html
    assert "Fattura intestata a: Bottega Srl 00743110157" in html


def test_terms_must_be_accepted(client, catalog):
    add(client, catalog, "SKU-APRON", 1)
    response = place(client, ADDRESS, accept_terms=False)
    assert response.status_code == 400
    assert "Accetta le condizioni di vendita" in response.get_data(as_text=True)
    with catalog.app_context():
        assert db.session.scalar(select(func.count(Order.id))) == 0


def test_shipping_order_reserves_workshop_stock_and_snapshots_lines(client, catalog):
    add(client, catalog, "SKU-APRON", 2)
    add(client, catalog, "SKU-BOARD", 1)
    response = place(client, ADDRESS)
    assert response.status_code == 303
    assert re.fullmatch(r"/it/checkout/demo/demo_cs_[\w-]+", response.location)
    order = the_order(catalog)
    assert re.fullmatch(r"VDM-20\d\d-\d{6}", order.number)
    assert (order.status, order.email, order.total_cents, order.shipping_cents) == (
        "pending_payment", "anna@example.org", 2 * 3250 + 4500, 0)
    with catalog.app_context():
        lines = [(line.sku, line.name, line.unit_price_cents, line.vat_rate_bp, line.quantity,
                  line.made_to_order, line.lead_time_days)
                 for line in db.session.get(Order, order.id).lines]
        assert db.session.scalar(select(func.count(CartLine.id))) == 0
        events = [(e.from_status, e.to_status) for e in db.session.scalars(select(OrderEvent))]
    assert sorted(lines) == [("SKU-APRON", "Grembiule", 3250, 2200, 2, False, 0),
                             ("SKU-BOARD", "Tagliere inciso", 4500, 2200, 1, True, 10)]
    assert allocations(catalog) == [("SKU-APRON", "workshop", 2, "reserved")]
    assert stock_of(catalog, "SKU-APRON") == {"workshop": (5, 2), "store": (2, 0)}
    assert events == [(None, "pending_payment")]


def test_pickup_order_takes_store_stock_first_then_the_workshop(client, catalog):
    add(client, catalog, "SKU-APRON", 3)
    place(client, PICKUP)
    assert allocations(catalog) == [("SKU-APRON", "store", 2, "reserved"),
                                    ("SKU-APRON", "workshop", 1, "reserved")]
    assert the_order(catalog).shipping_cents == 0


def test_shipping_cannot_use_store_stock(client, catalog):
    add(client, catalog, "SKU-APRON", 7)  # 5 in the workshop, 2 in the store
    response = place(client, ADDRESS)
    assert response.location == "/it/cart"
    html = client.get("/it/cart").get_data(as_text=True)
    assert "Grembiule (V0): ne hai chiesti 7, ora se ne possono riservare solo 5." in html
    assert allocations(catalog) == []
    with catalog.app_context():
        assert db.session.scalar(select(func.count(Order.id))) == 0


def test_a_price_change_after_review_asks_to_confirm_again(client, catalog):
    add(client, catalog, "SKU-BISCOTTI", 1)
    html = review(client, ADDRESS).get_data(as_text=True)
    form_html = html.split("/checkout/place")[1].split("</form>")[0]
    data = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form_html))
    with catalog.app_context():
        db.session.execute(update(Variant).where(Variant.sku == "SKU-BISCOTTI")
                           .values(price_cents=900))
        db.session.commit()
    response = client.post("/it/checkout/place", data={**data, "csrf_token": csrf(html),
                                                       "accept_terms": "y"})
    assert response.location == "/it/cart"
    assert "Qualcosa nel carrello è cambiato" in client.get("/it/cart").get_data(as_text=True)
    with catalog.app_context():
        assert db.session.scalar(select(func.count(Order.id))) == 0


def pay_demo(client, location: str, action: str):
    html = client.get(location).get_data(as_text=True)
    return client.post(location, data={"csrf_token": csrf(html), "action": action})


def test_demo_payment_confirms_and_emails_in_the_customers_language(client, catalog, smtp):
    add(client, catalog, "SKU-APRON", 1, lang="en")
    add(client, catalog, "SKU-BISCOTTI", 2, lang="en")
    demo_page = place(client, ADDRESS, lang="en").location
    html = client.get(demo_page).get_data(as_text=True)
    assert "Demo payments — no money moves." in html
    assert '<p class="demo-amount"><span class="price">€52.40</span></p>' in html
    response = pay_demo(client, demo_page, "pay")
    order = the_order(catalog)
    assert response.location == f"/en/orders/{order.access_token}?paid=1"
    assert order.status == "paid"
    page = client.get(response.location).get_data(as_text=True)
    assert "Your order is confirmed and paid." in page
    assert f"<h1>{order.number}</h1>" in page
    with catalog.app_context():
        coop_addresses = sorted(line.cooperative.contact_email
                                for line in db.session.get(Order, order.id).lines)
        # The customer's confirmation, and a "new order to fulfil" to each cooperative.
        assert send_outbox().sent == 3
    assert sorted(m["To"] for m in smtp.messages) == sorted(["anna@example.org",
                                                             *coop_addresses])
    (message,) = smtp.to("anna@example.org")
    assert message["Subject"] == f"Order {order.number} confirmed — Viale dei Mille"
    text = text_part(message)
    assert "1 × Apron (V0) — €32.50" in text
    assert "2 × Biscuits (V0) — €13.00" in text
    assert "Total: €52.40 (of which VAT €8.28)" in text
    assert f"http://127.0.0.1:5000/en/orders/{order.access_token}" in text
    assert f'href="http://127.0.0.1:5000/en/orders/{order.access_token}"' in html_part(message)
    with catalog.app_context():
        assert send_outbox().sent == 0  # sent once


def test_failed_payment_keeps_the_order_and_offers_to_pay_again(client, catalog):
    add(client, catalog, "SKU-APRON", 2)
    demo_page = place(client, ADDRESS).location
    response = pay_demo(client, demo_page, "fail")
    html = client.get(response.location).get_data(as_text=True)
    assert the_order(catalog).status == "pending_payment"
    assert allocations(catalog) == [("SKU-APRON", "workshop", 2, "reserved")]
    assert stock_of(catalog, "SKU-APRON") == {"workshop": (5, 2), "store": (2, 0)}
    assert "Il pagamento non è andato a buon fine: non è stato addebitato nulla." in html
    assert "puoi usare un'altra carta o scegliere un altro metodo di pagamento" in html
    assert "Paga di nuovo: € 65,00" in html
    # Paying again opens a new session, and this one goes through.
    token = the_order(catalog).access_token
    again = client.post(f"/it/orders/{token}/pay", data={"csrf_token": csrf(html)})
    assert again.location != demo_page
    pay_demo(client, again.location, "pay")
    assert the_order(catalog).status == "paid"
    with catalog.app_context():
        assert sorted(db.session.scalars(select(Payment.status))) == ["failed", "paid"]


def test_cancelled_payment_keeps_the_order_to_pay_later(client, catalog):
    add(client, catalog, "SKU-APRON", 1)
    demo_page = place(client, ADDRESS).location
    response = pay_demo(client, demo_page, "cancel")
    html = client.get(response.location).get_data(as_text=True)
    assert "Pagamento non completato." in html
    assert "Paga ora € 39,40" in html
    # Paying again reuses the open session.
    token = the_order(catalog).access_token
    again = client.post(f"/it/orders/{token}/pay", data={"csrf_token": csrf(html)})
    assert again.location == demo_page
    with catalog.app_context():
        assert db.session.scalar(select(func.count(Payment.id))) == 1


def test_customer_can_cancel_an_unpaid_order_and_get_the_cart_back(client, catalog):
    add(client, catalog, "SKU-APRON", 2)
    place(client, ADDRESS)
    order = the_order(catalog)
    html = client.get(f"/it/orders/{order.access_token}").get_data(as_text=True)
    response = client.post(f"/it/orders/{order.access_token}/cancel",
                           data={"csrf_token": csrf(html)})
    assert response.location == "/it/cart"
    assert "Ordine annullato." in client.get("/it/cart").get_data(as_text=True)
    assert the_order(catalog).status == "cancelled"
    assert stock_of(catalog, "SKU-APRON") == {"workshop": (5, 0), "store": (2, 0)}
    with catalog.app_context():
        rows = db.session.execute(select(Variant.sku, CartLine.quantity).join(
            CartLine, CartLine.variant_id == Variant.id)).all()
    assert rows == [("SKU-APRON", 2)]


def test_order_page_is_private_to_the_token_holder(client, catalog):
    add(client, catalog, "SKU-APRON", 1)
    place(client, ADDRESS)
    order = the_order(catalog)
    response = client.get(f"/it/orders/{order.access_token}")
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response.headers["Cache-Control"]
    assert '<meta name="robots" content="noindex, nofollow">' in response.get_data(as_text=True)
    assert client.get(f"/it/orders/{order.access_token[:-1]}x").status_code == 404
    assert client.get("/it/orders/VDM-2026-000001").status_code == 404


def test_empty_cart_cannot_check_out(client, catalog):
    assert client.get("/en/checkout").location == "/en/cart"


def test_the_thank_you_shows_on_return_from_payment_only(client, catalog):
    add(client, catalog, "SKU-APRON", 1)
    pay_demo(client, place(client, ADDRESS).location, "pay")
    token = the_order(catalog).access_token
    assert "confermato e pagato" in client.get(f"/it/orders/{token}?paid=1").get_data(as_text=True)
    later = client.get(f"/it/orders/{token}").get_data(as_text=True)
    assert "confermato e pagato" not in later
    assert "Pagato, in preparazione" in later


def test_change_details_on_the_review_opens_the_filled_in_form(client, catalog):
    add(client, catalog, "SKU-APRON", 1)
    html = review(client, ADDRESS).get_data(as_text=True)
    form_html = html.split("Modifica i dati")[0].rsplit("<form", 1)[1]
    data = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form_html))
    response = client.post("/it/checkout", data={**data, "csrf_token": csrf(html)})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>I tuoi dati</h1>" in page
    assert 'value="Via Roma 1"' in page
    assert 'value="anna@example.org"' in page
    assert re.search(r'<input[^>]*checked[^>]*value="it-standard"|'
                     r'<input[^>]*value="it-standard"[^>]*checked', page)
    assert "Correggi i campi" not in page
