"""The demo company: the demo company contact belongs to it, and it has two requests.

Idempotent like the rest of `flask catalog seed-demo`: the company is found by its VAT
number, its requests by their token, so seeding again changes nothing. No email is queued.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from shop.accounts.models import User
from shop.catalog.models import Variant
from shop.extensions import db
from shop.quotes import pricing
from shop.quotes.models import (
    Company,
    Quote,
    QuoteEvent,
    QuoteLine,
    QuoteRequest,
    QuoteRequestItem,
    QuoteStatus,
)

DEMO_COMPANY = {"name": "Officine Demo S.r.l.", "vat_number": "00743110157",
                "sdi_code": "M5UXCR1", "tax_code": ""}
OFFICES = [
    {"name": "Officine Demo - sede", "line1": "Via Tortona 12", "postal_code": "20144",
     "city": "Milano", "province": "MI", "country": "IT", "quantity": 20},
    {"name": "Officine Demo - Torino", "line1": "Corso Vinzaglio 8", "postal_code": "10121",
     "city": "Torino", "province": "TO", "country": "IT", "quantity": 12},
    {"name": "Officine Demo - Bologna", "line1": "Via Indipendenza 30", "postal_code": "40121",
     "city": "Bologna", "province": "BO", "country": "IT", "quantity": 8},
]


@dataclass(frozen=True)
class DemoRequest:
    token: str
    status: QuoteStatus
    sku: str
    quantity: int
    addresses: list[dict]
    custom_needs: str
    personalisation: str


DEMO_REQUESTS = (
    DemoRequest("demo-richiesta-in-attesa", QuoteStatus.SUBMITTED, "LM-BIS-250", 60,
                OFFICES[:1], "Biglietto con gli auguri dell'azienda in ogni confezione.",
                ""),
    DemoRequest("demo-preventivo-inviato", QuoteStatus.QUOTED, "FD-TOT-NAT", 40, OFFICES,
                "", "Logo dell'azienda ricamato sulla borsa."),
)


def seed_demo_company(contact_email: str, now: datetime) -> Company:
    """The demo company, its contact attached, and its two requests (one already quoted)."""
    company = db.session.scalar(select(Company).where(
        Company.vat_number == DEMO_COMPANY["vat_number"]))
    if company is None:
        company = Company(**DEMO_COMPANY, created_at=now)
        db.session.add(company)
        db.session.flush()
    contact = db.session.scalar(select(User).where(User.email == contact_email))
    if contact is not None and contact.company_id != company.id:
        contact.company_id = company.id
    for data in DEMO_REQUESTS:
        if db.session.scalar(select(QuoteRequest.id).where(QuoteRequest.token == data.token)):
            continue
        variant = db.session.scalar(select(Variant).where(Variant.sku == data.sku))
        if variant is None:
            continue
        _add_request(company, contact, data, variant, now)
    db.session.flush()
    return company


def _add_request(company: Company, contact: User | None, data: DemoRequest,
                 variant: Variant, now: datetime) -> None:
    request = QuoteRequest(
        token=data.token, company_id=company.id, status=data.status, locale="it",
        contact_name=contact.name if contact and contact.name else "Azienda Demo",
        contact_email=contact.email if contact else "azienda@example.org",
        custom_needs=data.custom_needs, personalisation=data.personalisation,
        addresses=list(data.addresses), created_at=now, updated_at=now,
        items=[QuoteRequestItem(variant_id=variant.id, quantity=data.quantity)])
    request.events.append(QuoteEvent(from_status=None, to_status=QuoteStatus.SUBMITTED,
                                     actor="company", created_at=now))
    if data.status == QuoteStatus.QUOTED:
        unit = pricing.suggested_unit_price(variant, data.quantity)
        request.quotes.append(Quote(
            version=1, valid_until=(now + timedelta(days=30)).date(), created_at=now,
            sent_at=now, notes="Consegna in tre sedi, un collo per sede.",
            lines=[QuoteLine(position=0, variant_id=variant.id,
                             cooperative_id=variant.product.cooperative_id,
                             description=variant.product.tr("it").name[:300],
                             unit_price_cents=unit, quantity=data.quantity,
                             vat_rate_bp=variant.product.vat_rate_bp,
                             delivery_date=(now + timedelta(days=21)).date())]))
        request.events += [
            QuoteEvent(from_status=QuoteStatus.SUBMITTED, to_status=QuoteStatus.IN_REVIEW,
                       actor="staff", created_at=now),
            QuoteEvent(from_status=QuoteStatus.IN_REVIEW, to_status=QuoteStatus.QUOTED,
                       actor="staff", quote_version=1, created_at=now)]
    db.session.add(request)
