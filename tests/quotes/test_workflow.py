"""The whole way: request → quote → changes → revised quote → accept → pay → cooperatives."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select

from shop.audit.models import AuditEntry
from shop.db import utcnow
from shop.extensions import db
from shop.fulfilment.models import Fulfilment
from shop.fulfilment.routing import local_date
from shop.inventory.models import Stock
from shop.orders.models import Order
from tests.fixtures.fake_stripe import event, signed
from tests.payments.conftest import WEBHOOK_SECRET
from tests.quotes.conftest import (
    STAFF_EMAIL,
    company_post,
    events,
    form_token,
    login,
    outbox_kinds,
    rows_v1,
    staff_sends,
)

COMPANY = "laura@azienda.example"
STAFF_INBOX = "preventivi@vialedeimille.example"


def test_builder_suggests_price_breaks_and_dates(shop, client, requested):
    from shop.quotes.models import PriceBreak

    with shop.app_context():
        db.session.add(PriceBreak(variant_id=requested["apron"], min_quantity=50,
                                  unit_price_cents=2100))
        db.session.commit()
    login(client, STAFF_EMAIL)

    html = client.get(f"/staff/quotes/{requested['id']}").get_data(as_text=True)

    # Apron: 32.50 with 22% VAT is 26.64 net; the break from 50 makes it 21.00.
    assert 'name="lines-0-unit_price" type="text" value="21,00"' in html
    # Biscuits: no break, the list price 6.50 without 10% VAT.
    assert 'name="lines-1-unit_price" type="text" value="5,91"' in html
    # 50 aprons are not in stock (5): the workshop's lead time (3) plus dispatch (2 days).
    ready = (local_date(utcnow()) + timedelta(days=5)).isoformat()
    assert f'name="lines-0-delivery_date" type="date" value="{ready}"' in html


def test_request_to_transfer_paid_order_routed_per_cooperative(shop, client, requested):
    r = requested
    token = r["token"]
    login(client, STAFF_EMAIL)

    # Staff send version 1.
    staff_sends(client, r, rows_v1(r))
    with shop.app_context():
        assert events(r["id"])[-2:] == [("submitted", "in_review", "staff", None),
                                        ("in_review", "quoted", "staff", 1)]
        assert outbox_kinds()[-1] == ("quote_sent", COMPANY)
        assert db.session.scalar(select(func.count(AuditEntry.id)).where(
            AuditEntry.action == "quote.status")) == 2

    # The company reads it: net prices, VAT per rate, private headers.
    page = client.get(f"/it/quotes/{token}")
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "private, no-store"
    assert page.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert page.headers["Referrer-Policy"] == "no-referrer"
    html = page.get_data(as_text=True)
    # 50 × 20.00 + 10 × 12.35 = 1,123.50 at 22% → 247.17; 20 × 5.00 = 100 at 10% → 10.00
    assert "1123,50" in html.replace("\u00a0", "").replace(".", "")
    assert "247,17" in html and "1480,67" in html.replace("\u00a0", "").replace(".", "")

    # It asks for changes.
    response = company_post(client, token, "changes", {"message": "Grembiuli a 18 euro?"})
    assert response.status_code == 303
    with shop.app_context():
        assert events(r["id"])[-1] == ("quoted", "in_review", "company", 1)
        assert outbox_kinds()[-1] == ("quote_changes_staff", STAFF_INBOX)

    # Staff send version 2 at 18.00.
    staff_sends(client, r, rows_v1(r, apron_price="18,00"))
    with shop.app_context():
        assert events(r["id"])[-1] == ("in_review", "quoted", "staff", 2)

    # Version 1 stays readable; the page shows version 2 by default.
    old = client.get(f"/it/quotes/{token}?version=1").get_data(as_text=True)
    assert "Questa è una versione precedente." in old and "20,00" in old
    new = client.get(f"/it/quotes/{token}").get_data(as_text=True)
    assert "18,00" in new and "versione 2" in new

    # The company accepts with its PO number and pays by transfer.
    response = company_post(client, token, "accept", {"po_number": "PO-778",
                                                      "payment": "transfer"})
    assert response.status_code == 303
    with shop.app_context():
        assert events(r["id"])[-2:] == [("quoted", "accepted", "company", 2),
                                        ("accepted", "ordered", "system", 2)]
        order = db.session.scalar(select(Order))
        assert (order.source, order.status) == ("quote", "pending_payment")
        # 50 × 18 + 10 × 12.35 = 1,023.50 → VAT 225.17; 100 → VAT 10.00
        assert (order.total_cents, order.vat_cents) == (102350 + 22517 + 10000 + 1000,
                                                        22517 + 1000)
        assert [(line.sku, line.quantity, line.unit_price_cents, line.vat_rate_bp)
                for line in order.lines] == [("SKU-APRON", 50, 2196, 2200),
                                             ("SKU-BISCOTTI", 20, 550, 1000),
                                             ("CUSTOM", 10, 1507, 2200)]
        # The 5 aprons and 20 of the 30 biscuit bags in the workshops are held.
        assert sorted(db.session.scalars(select(Stock.allocated))) == [0, 0, 5, 20]
        assert outbox_kinds()[-2:] == [("quote_accepted", COMPANY),
                                       ("quote_accepted_staff", STAFF_INBOX)]
        order_number = order.number
    accepted_mail = _mail_text(shop, "quote_accepted")
    assert "IBAN: IT60 X054 2811 1010 0000 0123 456" in accepted_mail
    assert f"Causale: {order_number}" in accepted_mail
    page = client.get(f"/it/quotes/{token}").get_data(as_text=True)
    assert "IT60 X054 2811 1010 0000 0123 456" in page

    # Staff mark the transfer received: paid, one part per cooperative, each told.
    page = client.get(f"/staff/quotes/{r['id']}").get_data(as_text=True)
    response = client.post(f"/staff/quotes/{r['id']}/transfer-received",
                           data={"csrf_token": form_token(page)})
    assert response.status_code == 303
    with shop.app_context():
        order = db.session.scalar(select(Order))
        assert order.status == "paid"
        parts = db.session.scalars(select(Fulfilment).order_by(Fulfilment.id)).all()
        assert sorted(p.cooperative.slug for p in parts) == ["filo", "lievito", "venature"]
        prices = {p.cooperative.slug: [(fl.order_line.unit_price_cents, fl.quantity)
                                       for fl in p.lines] for p in parts}
        assert prices == {"filo": [(2196, 50)], "lievito": [(550, 20)],
                          "venature": [(1507, 10)]}
        kinds = [k for k, _ in outbox_kinds()]
        assert kinds.count("coop_new_order") == 3
        assert "order_confirmation" in kinds
        assert db.session.scalar(select(func.count(AuditEntry.id)).where(
            AuditEntry.action == "order.transfer_received")) == 1

    # Marking it twice changes nothing.
    page = client.get(f"/staff/quotes/{r['id']}").get_data(as_text=True)
    assert "Bonifico ricevuto" not in page


def _mail_text(app, kind: str) -> str:
    from shop.notifications.models import OutboxMessage

    with app.app_context():
        return db.session.scalar(select(OutboxMessage.body_text).where(
            OutboxMessage.kind == kind))


def test_card_payment_through_stripe_routes_the_order(shop, client, requested, fake_stripe):
    r = requested
    login(client, STAFF_EMAIL)
    staff_sends(client, r, rows_v1(r))

    response = company_post(client, r["token"], "accept", {"payment": "card"})

    assert response.status_code == 303
    session = fake_stripe.only_session()
    assert response.headers["Location"] == session["url"]
    # Net lines plus one VAT line per rate: exactly the quote's total.
    assert [(i["price_data"]["product_data"]["name"], i["price_data"]["unit_amount"],
             i["quantity"]) for i in session["line_items_sent"]][-2:] == [
        ("IVA 22%", "24717", "1"), ("IVA 10%", "1000", "1")]
    assert session["amount_total"] == 148067

    session = fake_stripe.complete(session["id"])
    payload, header = signed(event("checkout.session.completed", session), WEBHOOK_SECRET)
    response = client.post("/webhooks/stripe", data=payload,
                           headers={"Stripe-Signature": header,
                                    "Content-Type": "application/json"})
    assert response.status_code == 200
    with shop.app_context():
        order = db.session.scalar(select(Order))
        assert (order.status, order.total_cents) == ("paid", 148067)
        assert db.session.scalar(select(func.count(Fulfilment.id))) == 3


def test_pdf_download_is_a_pdf_of_the_version(shop, client, requested):
    login(client, STAFF_EMAIL)
    staff_sends(client, requested, rows_v1(requested))

    response = client.get(f"/it/quotes/{requested['token']}/pdf")

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    assert re.search(r'filename="Q-\d{4}-\d{5}-v1.pdf"', response.headers["Content-Disposition"])
    assert response.headers["Cache-Control"] == "private, no-store"
