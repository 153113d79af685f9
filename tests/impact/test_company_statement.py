"""A company's yearly impact statement: its orders paid that year, net of refunds, from
the ledger, with the entry ids and fingerprints to check it by; nobody else's."""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from shop.accounts.models import Role
from shop.catalog.models import Variant
from shop.extensions import db
from shop.impact.models import ImpactEntry
from shop.orders.models import Order
from shop.payments.models import Payment, Refund
from shop.quotes.models import Company, QuoteRequest, QuoteStatus
from tests.fixtures.orders import paid_order, user
from tests.web.conftest import login

ACME = "acquisti@acme.example"
OTHER = "ufficio@altra.example"


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def on(monkeypatch, day: str) -> None:
    """Entries written from now on carry this day (as if paid or refunded then)."""
    moment = datetime.fromisoformat(day).replace(hour=10, tzinfo=UTC)
    monkeypatch.setattr("shop.impact.ledger.utcnow", lambda: moment)


def company_order(company: Company, items) -> Order:
    order = paid_order([(db.session.get(Variant, vid), qty) for vid, qty in items])
    db.session.add(QuoteRequest(
        token=secrets.token_urlsafe(16), company_id=company.id, status=QuoteStatus.ORDERED,
        contact_name="Laura", contact_email=ACME, order_id=order.id))
    db.session.commit()
    return order


def refund_half(order: Order) -> None:
    assert order.total_cents % 2 == 0
    payment = db.session.scalar(select(Payment).where(Payment.order_id == order.id))
    db.session.add(Refund(payment_id=payment.id, provider_refund_id=f"re_{order.id}",
                          amount_cents=order.total_cents // 2))
    db.session.commit()


@pytest.fixture
def year(app, goods, monkeypatch):
    """Acme's 2025: 2 aprons + 1 board in March; 2 boards in November, half refunded in
    January 2026. Outside it: Acme's February 2026 order, another company's and a web
    order of 2025."""
    with app.test_request_context():
        acme = Company(name="Acme Regali S.r.l.", vat_number="00743110157")
        other = Company(name="Altra S.p.A.", vat_number="09876540155")
        db.session.add_all([acme, other])
        db.session.flush()
        for email, company in ((ACME, acme), (OTHER, other)):
            user(email, Role.COMPANY).company_id = company.id
        db.session.commit()
        on(monkeypatch, "2025-03-10")
        march = company_order(acme, [(goods.apron_id, 2), (goods.board_id, 1)])
        on(monkeypatch, "2025-05-05")
        elsewhere = company_order(other, [(goods.apron_id, 5)])
        on(monkeypatch, "2025-07-01")
        web = paid_order([(db.session.get(Variant, goods.board_id), 3)])
        on(monkeypatch, "2025-11-20")
        november = company_order(acme, [(goods.board_id, 2)])
        on(monkeypatch, "2026-01-05")
        refund_half(november)
        on(monkeypatch, "2026-02-01")
        february = company_order(acme, [(goods.apron_id, 1)])
        entries = {e.order_number + ":" + e.kind: e for e in db.session.scalars(
            select(ImpactEntry))}
        return {
            "numbers": (march.number, november.number),
            "excluded": (elsewhere.number, web.number, february.number),
            "seqs": [entries[f"{march.number}:order"].seq,
                     entries[f"{november.number}:order"].seq,
                     entries[f"{november.number}:refund"].seq],
            "hashes": [entries[f"{march.number}:order"].hash,
                       entries[f"{november.number}:refund"].hash],
            "acme": acme.id,
        }


def test_the_statement_sums_the_years_paid_orders_net_of_refunds(client, year):
    login(client, ACME)

    page = client.get("/it/account/company/impact/2025")

    assert page.status_code == 200
    html = page.get_data(as_text=True)
    # Filo Dritto: 2 aprons × 90 min, 400 g → 3 h, 0,8 kg.
    # Legno Buono: 1 board (150 min, 1800 g) + 2 boards half refunded (150 min, 1800 g)
    # → 5 h, 3,6 kg. Total 8 h, 4,4 kg.
    assert "<strong>8</strong> ore di lavoro retribuito" in html
    assert "<strong>4,4</strong> kg di materiale recuperato" in html
    rows = {cells[0]: cells[1:] for cells in (
        [c.strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", html))}
    assert rows["Filo Dritto"] == ["3", "0,8", "tessuto recuperato"]
    assert rows["Legno Buono"] == ["5", "3,6", "legno recuperato"]
    listed = [int(s) for s in re.findall(r'<tr><td class="num"[^>]*>(\d+)</td>', html)]
    assert listed == year["seqs"]
    for number in year["numbers"]:
        assert number in html
    for number in year["excluded"]:
        assert number not in html
    for digest in year["hashes"]:
        assert digest in html
    assert "/impact/ledger.json" in html and "verify_impact_ledger.py" in html


def test_the_company_page_links_each_year_with_orders(client, year):
    login(client, ACME)

    html = client.get("/en/account/company").get_data(as_text=True)

    assert 'href="/en/account/company/impact/2026"' in html
    assert 'href="/en/account/company/impact/2025"' in html
    assert 'href="/en/account/company/impact/2025.pdf"' in html
    assert "impact/2024" not in html


def test_another_company_and_empty_years_get_not_found(client, year):
    login(client, OTHER)

    assert client.get("/it/account/company/impact/2025").status_code == 200
    mine = client.get("/it/account/company/impact/2025").get_data(as_text=True)
    assert year["numbers"][0] not in mine and "Acme" not in mine
    assert client.get("/it/account/company/impact/2026").status_code == 404
    assert client.get("/it/account/company/impact/2026.pdf").status_code == 404
    assert client.get("/it/account/company/impact/1999").status_code == 404


def test_the_pdf_carries_the_same_figures(client, year, monkeypatch):
    import weasyprint

    texts = []
    real = weasyprint.HTML

    class Recording(real):
        def write_pdf(self, *args, **kwargs):
            document = self.render()
            texts.append(" ".join(box.text for page in document.pages
                                  for box in page._page_box.descendants()
                                  if getattr(box, "text", None)))
            return document.write_pdf(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", Recording)
    login(client, ACME, lang="en")

    response = client.get("/en/account/company/impact/2025.pdf")

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    text = re.sub(r"\s+", " ", texts[0])
    assert "Impact statement 2025" in text and "Acme Regali S.r.l." in text
    assert "8 hours of paid work in prison workshops" in text
    assert "4.4 kg of recovered material" in text
    assert "Filo Dritto 3 0.8 recovered fabric" in text
    assert "Legno Buono 5 3.6 recovered wood" in text
    assert year["hashes"][0] in text.replace(" ", "")


def test_staff_open_any_companys_statement(client, year):
    from tests.fixtures.orders import staff

    with client.application.app_context():
        staff("negozio@example.org")
        db.session.commit()
    login(client, "negozio@example.org")

    page = client.get(f"/staff/quotes/companies/{year['acme']}/impact/2025")

    assert page.status_code == 200
    assert "<strong>8</strong>" in page.get_data(as_text=True)
    assert client.get(f"/staff/quotes/companies/{year['acme']}/impact/2025.pdf").data.startswith(
        b"%PDF-")
    assert client.get("/staff/quotes/companies/999/impact/2025").status_code == 404
