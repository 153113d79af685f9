"""A catalog of two cooperatives, staff, and helpers to send the quote request form."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from shop.catalog.models import Variant
from shop.extensions import db
from tests.conftest import csrf_token
from tests.fixtures.orders import PASSWORD, staff

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


def login(client, email: str, password: str = PASSWORD, lang: str = "it"):
    token = csrf_token(client, f"/{lang}/account/login")
    return client.post(f"/{lang}/account/login",
                       data={"email": email, "password": password, "csrf_token": token})


def form_token(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match
    return match.group(1)
