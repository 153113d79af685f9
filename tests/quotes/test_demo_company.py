"""The demo seed gives the demo company contact a company with requests to look at."""

from __future__ import annotations

from sqlalchemy import func, select

from shop.accounts.models import User
from shop.catalog.seed import seed_demo
from shop.extensions import db
from shop.quotes.models import Company, QuoteRequest
from tests.web.conftest import login

CONTACT = "azienda@demo.vialedeimille.example"


def test_the_demo_company_contact_belongs_to_a_company_with_two_requests(demo):
    with demo.app_context():
        contact = db.session.scalar(select(User).where(User.email == CONTACT))
        company = db.session.get(Company, contact.company_id)
        assert (company.name, company.vat_number, company.sdi_code) == (
            "Officine Demo S.r.l.", "00743110157", "M5UXCR1")
        requests = list(db.session.scalars(select(QuoteRequest).where(
            QuoteRequest.company_id == company.id).order_by(QuoteRequest.id)))
        assert [(r.status, len(r.addresses), [(i.variant.sku, i.quantity) for i in r.items])
                for r in requests] == [("submitted", 1, [("LM-BIS-250", 60)]),
                                       ("quoted", 3, [("FD-TOT-NAT", 40)])]
        quote = requests[1].current_quote
        assert (quote.version, [(line.quantity, line.vat_rate_bp) for line in quote.lines]) \
            == (1, [(40, 2200)])
        assert [(e.from_status, e.to_status) for e in requests[1].events] == [
            (None, "submitted"), ("submitted", "in_review"), ("in_review", "quoted")]


def test_the_demo_contact_sees_its_companys_requests(demo):
    client = demo.test_client()
    login(client, CONTACT, "azienda-demo-2026")

    page = client.get("/it/account/company").get_data(as_text=True)

    assert "Officine Demo S.r.l." in page
    with demo.app_context():
        references = [r.reference for r in db.session.scalars(select(QuoteRequest))]
    assert len(references) == 2 and all(ref in page for ref in references)


def test_seeding_again_adds_no_second_company_or_request(demo_rw):
    with demo_rw.app_context():
        seed_demo(with_images=False)
        db.session.commit()

        assert db.session.scalar(select(func.count(Company.id))) == 1
        assert db.session.scalar(select(func.count(QuoteRequest.id))) == 2
