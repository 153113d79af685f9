"""A catalog of two cooperatives, staff, and helpers to send the quote request form."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from shop.catalog.models import Cooperative, Variant
from shop.db import utcnow
from shop.extensions import db
from shop.fulfilment.routing import local_date
from shop.quotes.models import QuoteEvent, QuoteRequest
from tests.conftest import csrf_token
from tests.fixtures.orders import staff
from tests.payments.conftest import _fake_stripe_server, fake_stripe  # noqa: F401
from tests.web.conftest import login

STAFF_EMAIL = "negozio@example.org"


@pytest.fixture
def shop(catalog):
    """The `catalog` fixture (SKU-APRON, SKU-TOTE, SKU-BISCOTTI, SKU-BOARD) and one staff user."""
    with catalog.app_context():
        staff(STAFF_EMAIL)
        db.session.commit()
    return catalog


def variant_id(sku: str) -> int:
    return db.session.scalar(select(Variant.id).where(Variant.sku == sku))


def request_form(**overrides) -> dict:
    """A complete, valid quote request as a browser would send it (without CSRF)."""
    data = {
        "company_name": "Pirelli Regali S.p.A.", "vat_number": "00743110157",
        "tax_code": "", "sdi_code": "ABC1234", "pec": "",
        "contact_name": "Laura Conti", "contact_email": "laura@azienda.example",
        "contact_phone": "+39 02 1234567", "rows": "4",
        "items-0-variant_id": "", "items-0-quantity": "",
        "items-1-variant_id": "0", "items-1-quantity": "",
        "items-2-variant_id": "0", "items-2-quantity": "",
        "items-3-variant_id": "0", "items-3-quantity": "",
        "custom_needs": "", "personalisation": "Logo sul grembiule",
        "budget_per_gift": "30", "wanted_by": "",
        "ship_name": "Pirelli Regali", "ship_line1": "Via Roma 1",
        "ship_postal_code": "20121", "ship_city": "Milano", "ship_province": "MI",
        "notes": "", "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def submit(client, data: dict, lang: str = "it", files: dict | None = None):
    token = csrf_token(client, f"/{lang}/business/quote")
    payload = {**data, "csrf_token": token, **(files or {})}
    return client.post(f"/{lang}/business/quote", data=payload,
                       content_type="multipart/form-data")


def form_token(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match
    return match.group(1)




def outbox_kinds() -> list[tuple[str, str]]:
    from shop.notifications.models import OutboxMessage

    return [(m.kind, m.recipient) for m in
            db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))]


def builder_data(html: str, rows: list[dict], valid_until: str, notes: str = "",
                 send: bool = True) -> dict:
    """The builder form as staff would post it: the given rows, then empty ones."""
    data = {"csrf_token": form_token(html), "valid_until": valid_until, "notes": notes}
    for i, row in enumerate([*rows, {}, {}]):
        data.update({f"lines-{i}-variant_id": str(row.get("variant_id", 0)),
                     f"lines-{i}-text": row.get("description", ""),
                     f"lines-{i}-cooperative_id": str(row.get("cooperative_id", 0)),
                     f"lines-{i}-quantity": str(row.get("quantity", "")),
                     f"lines-{i}-unit_price": row.get("unit_price", ""),
                     f"lines-{i}-vat_rate_bp": str(row.get("vat_rate_bp", 2200)),
                     f"lines-{i}-delivery_date": row.get("delivery_date", "")})
    if send:
        data["send"] = "1"
    return data


def valid_until(days: int = 30) -> str:
    return (local_date(utcnow()) + timedelta(days=days)).isoformat()


@pytest.fixture
def requested(shop, client):
    """A company asked for 50 aprons, 20 biscuit bags and 10 engraved custom boxes."""
    with shop.app_context():
        apron, biscotti = variant_id("SKU-APRON"), variant_id("SKU-BISCOTTI")
    response = submit(client, request_form(**{
        "items-0-variant_id": str(apron), "items-0-quantity": "50",
        "items-1-variant_id": str(biscotti), "items-1-quantity": "20",
        "custom_needs": "10 scatole di legno incise"}))
    assert response.status_code == 303
    with shop.app_context():
        qr = db.session.scalar(select(QuoteRequest))
        return {"id": qr.id, "token": qr.token, "apron": apron, "biscotti": biscotti,
                "wood": db.session.scalar(select(Cooperative.id).where(
                    Cooperative.slug == "venature"))}


def staff_sends(client, requested, rows) -> None:
    page = client.get(f"/staff/quotes/{requested['id']}")
    assert page.status_code == 200
    response = client.post(f"/staff/quotes/{requested['id']}/draft",
                           data=builder_data(page.get_data(as_text=True), rows, valid_until()))
    assert response.status_code == 303, response.get_data(as_text=True)


def rows_v1(r, apron_price="20,00"):
    return [{"variant_id": r["apron"], "quantity": 50, "unit_price": apron_price},
            {"variant_id": r["biscotti"], "quantity": 20, "unit_price": "5,00",
             "vat_rate_bp": 1000},
            {"description": "Scatola di legno incisa", "cooperative_id": r["wood"],
             "quantity": 10, "unit_price": "12,35"}]


def company_post(client, token: str, action: str, data: dict):
    return client.post(f"/it/quotes/{token}/{action}",
                       data={"csrf_token": csrf_token(client, "/it/business/quote"), **data})


def events(request_id: int) -> list[tuple]:
    return [(e.from_status, e.to_status, e.actor, e.quote_version) for e in db.session.scalars(
        select(QuoteEvent).where(QuoteEvent.request_id == request_id).order_by(QuoteEvent.id))]


@pytest.fixture
def quoted(shop, client, requested):
    """The request above, with version 1 of its quote sent; nobody signed in."""
    login(client, STAFF_EMAIL)
    staff_sends(client, requested, rows_v1(requested))
    response = client.post("/it/account/logout",
                           data={"csrf_token": csrf_token(client, "/it/business/quote")})
    assert response.status_code == 303
    return requested
