"""The business page and the quote request form: validation, uploads, emails."""

from __future__ import annotations

from sqlalchemy import select

from shop.extensions import db
from shop.notifications.models import OutboxMessage
from shop.quotes.models import Company, QuoteEvent, QuoteRequest
from tests.quotes.conftest import request_form, submit, variant_id


def requests_count() -> int:
    return db.session.scalar(select(db.func.count(QuoteRequest.id)))


def test_business_page_is_linked_from_every_page(shop, client):
    home = client.get("/it/").get_data(as_text=True)
    assert home.count('href="/it/business"') == 2  # header and footer

    page = client.get("/en/business")

    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Corporate gifts that pay for real work" in html
    assert 'href="/en/business/quote"' in html


def test_valid_request_is_saved_and_both_emails_queued(shop, client):
    with shop.app_context():
        apron = variant_id("SKU-APRON")
    data = request_form(**{"items-0-variant_id": str(apron), "items-0-quantity": "50"})

    response = submit(client, data)

    assert response.status_code == 303
    assert response.headers["Location"].endswith("/it/business/quote/sent")
    with shop.app_context():
        request = db.session.scalar(select(QuoteRequest))
        assert request.status == "submitted"
        assert request.company.vat_number == "00743110157"
        assert request.company.sdi_code == "ABC1234"
        assert [(i.variant_id, i.quantity) for i in request.items] == [(apron, 50)]
        assert request.budget_per_gift_cents == 3000
        assert request.addresses[0]["city"] == "Milano"
        assert [(e.from_status, e.to_status, e.actor) for e in
                db.session.scalars(select(QuoteEvent))] == [(None, "submitted", "company")]
        mails = {m.recipient: m.subject for m in db.session.scalars(select(OutboxMessage))}
        assert mails == {
            "laura@azienda.example": f"Abbiamo ricevuto la tua richiesta di preventivo "
                                     f"{request.reference}",
            "preventivi@vialedeimille.example": f"Nuova richiesta di preventivo "
                                                f"{request.reference} da Pirelli Regali S.p.A.",
        }


def test_valid_partita_iva_with_custom_needs_only(shop, client):
    response = submit(client, request_form(custom_needs="200 scatole regalo natalizie"))

    assert response.status_code == 303
    with shop.app_context():
        assert db.session.scalar(select(Company.vat_number)) == "00743110157"


def test_wrong_check_digit_is_refused_with_a_clear_message(shop, client):
    response = submit(client, request_form(vat_number="00743110158",
                                           custom_needs="200 scatole"))

    assert response.status_code == 400
    assert "Questa partita IVA non è valida" in response.get_data(as_text=True)
    with shop.app_context():
        assert requests_count() == 0


def test_other_eu_vat_number_is_accepted(shop, client):
    response = submit(client, request_form(vat_number="DE 136 695 976",
                                           custom_needs="100 quaderni"))

    assert response.status_code == 303
    with shop.app_context():
        assert db.session.scalar(select(Company.vat_number)) == "DE136695976"


def test_bad_sdi_code_is_refused(shop, client):
    response = submit(client, request_form(sdi_code="AB12", custom_needs="100 quaderni"))

    assert response.status_code == 400
    assert "Il codice SDI ha esattamente 7 lettere o cifre." in response.get_data(as_text=True)
    with shop.app_context():
        assert requests_count() == 0


def test_neither_sdi_nor_pec_is_refused(shop, client):
    response = submit(client, request_form(sdi_code="", custom_needs="100 quaderni"))

    assert response.status_code == 400
    assert ("Indica il tuo codice SDI o il tuo indirizzo PEC per la fattura elettronica."
            in response.get_data(as_text=True))
    with shop.app_context():
        assert requests_count() == 0


def test_pec_alone_is_enough(shop, client):
    response = submit(client, request_form(sdi_code="", pec="fatture@pec.azienda.example",
                                           custom_needs="100 quaderni"))

    assert response.status_code == 303


def test_nothing_asked_is_refused(shop, client):
    response = submit(client, request_form())

    assert response.status_code == 400
    assert "Scegli almeno un prodotto o descrivi ciò che ti serve." in response.get_data(
        as_text=True)


def test_add_rows_keeps_what_was_typed_and_saves_nothing(shop, client):
    response = submit(client, request_form(company_name="Acme", add_rows="1"))

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'name="items-7-variant_id"' in html
    assert 'value="Acme"' in html
    with shop.app_context():
        assert requests_count() == 0


def test_honeypot_pretends_success_and_saves_nothing(shop, client):
    response = submit(client, request_form(custom_needs="spam", website="http://spam"))

    assert response.status_code == 303
    with shop.app_context():
        assert requests_count() == 0
