"""Company contacts: their own page only, reorder, price breaks, impact statement."""

from __future__ import annotations

from sqlalchemy import func, select

from shop.accounts.models import Role, User
from shop.audit.context import acting_as
from shop.extensions import db
from shop.notifications.models import OutboxMessage
from shop.quotes.conversion import accept, mark_transfer_received
from shop.quotes.models import PaymentChoice, PriceBreak, QuoteRequest
from tests.conftest import csrf_token
from tests.fixtures.orders import user
from tests.quotes.conftest import (
    STAFF_EMAIL,
    login,
    request_form,
    submit,
)


def pay_by_transfer(app, token: str) -> None:
    with app.test_request_context():
        order = accept(token, "PO-1", PaymentChoice.TRANSFER)
        db.session.commit()
        staff = db.session.scalar(select(User).where(User.email == STAFF_EMAIL))
        with acting_as(staff):
            mark_transfer_received(order.id, staff)
        db.session.commit()


def contact(app, email: str, request_token: str) -> None:
    with app.app_context():
        qr = db.session.scalar(select(QuoteRequest).where(QuoteRequest.token == request_token))
        row = user(email, Role.COMPANY)
        row.company_id = qr.company_id
        db.session.commit()


def other_company_request(app, client) -> str:
    submit(client, request_form(company_name="Altra Srl", vat_number="09876540155",
                                contact_email="altra@example.org", custom_needs="Biscotti"))
    with app.app_context():
        return db.session.scalar(select(QuoteRequest.token).where(
            QuoteRequest.contact_email == "altra@example.org"))


def counts(app) -> tuple[int, int]:
    with app.app_context():
        return (db.session.scalar(select(func.count(QuoteRequest.id))),
                db.session.scalar(select(func.count(OutboxMessage.id))))


def test_contact_sees_only_their_company_and_can_reorder_only_its_requests(
        shop, client, quoted):
    other_token = other_company_request(shop, client)
    contact(shop, "laura@azienda.example", quoted["token"])
    contact(shop, "altra@example.org", other_token)
    with shop.app_context():
        other_id = db.session.scalar(select(QuoteRequest.id).where(
            QuoteRequest.token == other_token))
    response = login(client, "laura@azienda.example")
    assert response.headers["Location"] == "/it/account/company"

    page = client.get("/it/account/company")

    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Pirelli Regali S.p.A." in html and quoted["token"] in html
    assert "Altra Srl" not in html and other_token not in html

    before = counts(shop)
    token = csrf_token(client, "/it/account/company")
    refused = client.post(f"/it/account/company/requests/{other_id}/reorder",
                          data={"csrf_token": token})
    assert refused.status_code == 404
    assert counts(shop) == before

    done = client.post(f"/it/account/company/requests/{quoted['id']}/reorder",
                       data={"csrf_token": token})
    assert done.status_code == 303
    with shop.app_context():
        new = db.session.scalars(select(QuoteRequest).order_by(QuoteRequest.id.desc())).first()
        assert new.company.name == "Pirelli Regali S.p.A." and new.status == "submitted"
        assert sorted((i.variant.sku, i.quantity) for i in new.items) == [
            ("SKU-APRON", 50), ("SKU-BISCOTTI", 20)]
        assert new.custom_needs == "10 × Scatola di legno incisa"


def test_customers_and_outsiders_have_no_company_page(shop, client):
    with shop.app_context():
        user("cliente@example.org", Role.CUSTOMER)
        db.session.commit()
    assert client.get("/it/account/company").status_code == 302
    login(client, "cliente@example.org")
    assert client.get("/it/account/company").status_code == 404


def test_staff_invite_the_contact_who_gets_a_reset_link(shop, client, requested):
    login(client, STAFF_EMAIL)
    token = csrf_token(client, f"/staff/quotes/{requested['id']}")

    response = client.post(f"/staff/quotes/{requested['id']}/invite",
                           data={"csrf_token": token})

    assert response.status_code == 303
    with shop.app_context():
        contact_user = db.session.scalar(select(User).where(
            User.email == "laura@azienda.example"))
        qr = db.session.get(QuoteRequest, requested["id"])
        assert (contact_user.role, contact_user.company_id) == ("company", qr.company_id)
        assert db.session.scalar(select(OutboxMessage.kind).where(
            OutboxMessage.recipient == "laura@azienda.example",
            OutboxMessage.kind == "password_reset")) == "password_reset"


def test_price_breaks_show_to_company_contacts_only(shop, client, quoted):
    with shop.app_context():
        db.session.add(PriceBreak(variant_id=quoted["apron"], min_quantity=50,
                                  unit_price_cents=2100))
        db.session.commit()
    assert "Prezzi per le aziende" not in client.get("/it/products/apron").get_data(
        as_text=True)
    contact(shop, "laura@azienda.example", quoted["token"])
    login(client, "laura@azienda.example")

    html = client.get("/it/products/apron").get_data(as_text=True)

    assert "Prezzi per le aziende (IVA esclusa)" in html
    assert "21,00" in html


def test_impact_statement_of_a_paid_order(shop, client, quoted):
    assert client.get(f"/it/quotes/{quoted['token']}/impact").status_code == 404
    pay_by_transfer(shop, quoted["token"])

    page = client.get(f"/it/quotes/{quoted['token']}/impact")

    assert page.status_code == 200
    html = page.get_data(as_text=True)
    # Every catalog product in the fixture counts 30 minutes and 100 g per piece:
    # 50 aprons → 25 h, 5 kg; 20 biscuit bags → 10 h, 2 kg; 10 custom boxes not counted.
    assert "<strong>35</strong>" in html and "<strong>7</strong>" in html
    assert "Filo Dritto</th><td class=\"num\">50</td><td class=\"num\">25</td>" in html
    assert "10 pezzi su misura non hanno ancora dati" in html
    pdf = client.get(f"/it/quotes/{quoted['token']}/impact.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF-")
