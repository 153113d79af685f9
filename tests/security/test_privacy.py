"""GDPR: a customer downloads all their data and can erase it; staff do it for guests."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import String, Text, select

from shop.accounts.models import Role, User
from shop.cart.models import Cart, CartLine
from shop.extensions import db
from shop.notifications.models import OutboxMessage
from shop.orders.models import Order
from tests.conftest import csrf_token
from tests.fixtures.orders import PASSWORD, paid_order, placed_order, staff, user
from tests.web.conftest import login

GIULIA = {"email": "giulia@example.org", "name": "Giulia Bianchi", "phone": "+39 333 1234567",
          "street": "Via Padova 12"}
INVOICE = {"invoice_requested": True, "invoice_company": "Bianchi Studio",
           "invoice_vat_number": "IT01234567890", "invoice_tax_code": "BNCGLI80A41F205X",
           "invoice_sdi_code": "0000000", "invoice_address": "Via Padova 12, 20127 Milano MI"}


@pytest.fixture
def people(app, catalog):
    """Giulia (an account) with a paid invoiced order, a paid and an unpaid one; Luca's order."""
    with app.test_request_context():
        from shop.catalog.models import Variant

        apron = db.session.scalar(select(Variant).where(Variant.sku == "SKU-APRON"))
        biscotti = db.session.scalar(select(Variant).where(Variant.sku == "SKU-BISCOTTI"))
        giulia = user(GIULIA["email"], Role.CUSTOMER, name=GIULIA["name"])
        staff("negozio@example.org")
        db.session.commit()
        invoiced = placed_order([(apron, 1)], email=GIULIA["email"])
        for field, value in INVOICE.items():
            setattr(invoiced, field, value)
        db.session.commit()
        from tests.fixtures.orders import pay

        pay(invoiced)
        plain = paid_order([(biscotti, 2)], email=GIULIA["email"])
        unpaid = placed_order([(biscotti, 1)], email=GIULIA["email"])
        luca = paid_order([(biscotti, 1)], email="luca@example.org")
        luca.name = luca.ship_name = "Luca Verdi"
        luca.ship_line1, luca.phone = "Via Roma 1", "+39 02 555 0000"
        for message in db.session.scalars(select(OutboxMessage).where(
                OutboxMessage.order_id == luca.id)):  # the helper names everyone Giulia
            for field in ("body_text", "body_html"):
                setattr(message, field, getattr(message, field)
                        .replace("Giulia Bianchi", "Luca Verdi").replace("Via Padova 12",
                                                                         "Via Roma 1"))
        db.session.add(Cart(token="giulia-cart", user_id=giulia.id,
                            lines=[CartLine(variant_id=apron.id, quantity=1)]))
        db.session.commit()
        return {"numbers": [invoiced.number, plain.number, unpaid.number],
                "luca": luca.number,
                "totals": {o.number: o.total_cents for o in db.session.scalars(select(Order))},
                "invoiced": invoiced.number}


def test_export_holds_every_order_of_the_user_and_nothing_of_anyone_else(client, people):
    login(client, GIULIA["email"])
    response = client.get("/it/account/export")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["Cache-Control"] == "private, no-store"
    data = json.loads(response.get_data(as_text=True))
    assert data["account"]["email"] == GIULIA["email"]
    assert [o["number"] for o in data["orders"]] == people["numbers"]
    assert data["orders"][0]["invoice"]["invoice_tax_code"] == "BNCGLI80A41F205X"
    assert data["orders"][1]["lines"][0]["quantity"] == 2
    assert data["addresses"] == ["Giulia Bianchi, Via Padova 12, 20127, Milano, MI, IT"]
    assert {m["kind"] for m in data["emails"]} == {"order_confirmation"}
    text = response.get_data(as_text=True)
    assert people["luca"] not in text and "luca@example.org" not in text
    assert "Luca Verdi" not in text and "password" not in text


def test_the_export_needs_a_signed_in_user(client, people):
    assert client.get("/it/account/export").status_code == 302


def string_values(app) -> list[tuple[str, str, int, str]]:
    """Every string value in every table: (table, column, row id, value)."""
    found = []
    with app.app_context():
        for table in db.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, String | Text)]
            if not columns or "id" not in table.columns:
                continue
            for row in db.session.execute(select(table.c.id, *columns)):
                for column, value in zip(columns, row[1:], strict=True):
                    if value:
                        found.append((table.name, column.name, row[0], value))
    return found


def leftovers(app, person: dict) -> list[tuple[str, str, int, str]]:
    needles = [v.lower() for v in person.values()]
    return [hit for hit in string_values(app)
            if any(needle in hit[3].lower() for needle in needles)]


def test_erasure_leaves_nothing_of_the_user_but_minimised_invoices(app, client, people):
    with app.app_context():
        invoiced_id = db.session.scalar(select(Order.id).where(
            Order.number == people["invoiced"]))
    assert leftovers(app, GIULIA)  # the scan finds her before
    login(client, GIULIA["email"])
    token = csrf_token(client, "/it/account/delete")
    wrong = client.post("/it/account/delete", data={"password": "not-it-at-all",
                                                    "csrf_token": token})
    assert "Questa non è la tua password." in wrong.get_data(as_text=True)
    assert len(leftovers(app, GIULIA)) > 5

    response = client.post("/it/account/delete", data={"password": PASSWORD,
                                                       "csrf_token": token})

    assert (response.status_code, response.location) == (303, "/it/")
    # Kept by law for ten years: the invoice data of the invoiced order and the e-invoice
    # issued for it, exactly as it went to the tax system.
    with app.app_context():
        from shop.invoicing.models import Invoice

        invoice_id = db.session.scalar(select(Invoice.id).where(Invoice.order_id == invoiced_id))
    allowed = {("order", f"invoice_{name}", invoiced_id) for name in ("address",)}
    allowed.add(("invoice", "xml", invoice_id))
    assert [hit for hit in leftovers(app, GIULIA) if hit[:3] not in allowed] == []
    with app.app_context():
        orders = {o.number: o for o in db.session.scalars(select(Order))}
        assert {n: o.total_cents for n, o in orders.items()} == people["totals"]
        kept = orders[people["invoiced"]]
        assert (kept.invoice_tax_code, kept.invoice_vat_number, kept.email, kept.name) == (
            "BNCGLI80A41F205X", "IT01234567890", "", "")
        assert orders[people["numbers"][1]].invoice_tax_code == ""
        luca = orders[people["luca"]]
        assert (luca.email, luca.name, luca.ship_line1) == (
            "luca@example.org", "Luca Verdi", "Via Roma 1")
        giulia = db.session.scalar(select(User).where(User.role == Role.CUSTOMER))
        assert giulia.active is False and giulia.email.endswith("@erased.invalid")
        assert db.session.scalar(select(Cart.id).where(Cart.token == "giulia-cart")) is None
        assert db.session.scalar(select(db.func.count(OutboxMessage.id)).where(
            OutboxMessage.recipient == "luca@example.org")) == 1
    assert client.get("/it/account/export").status_code == 302  # signed out
    assert login(client, GIULIA["email"]).status_code == 200  # and cannot sign in


def test_staff_erase_a_guests_data_by_email(app, client, people):
    luca = {"email": "luca@example.org", "name": "Luca Verdi", "street": "Via Roma 1"}
    login(client, "negozio@example.org")
    token = csrf_token(client, "/staff/privacy")
    export = client.post("/staff/privacy/export", data={"email": luca["email"],
                                                        "csrf_token": token})
    assert [o["number"] for o in json.loads(export.get_data(as_text=True))["orders"]] == [
        people["luca"]]
    refused = client.post("/staff/privacy/erase", data={"email": luca["email"],
                                                        "csrf_token": token})
    assert refused.status_code == 400 and leftovers(app, luca)
    response = client.post("/staff/privacy/erase", data={"email": luca["email"], "confirm": "y",
                                                         "csrf_token": token})
    assert response.status_code == 303
    assert leftovers(app, luca) == []
    assert len(leftovers(app, GIULIA)) > 5  # nobody else touched
