"""Nobody but staff reaches the catalog's back office, and trying changes nothing."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from shop.audit.models import AuditEntry
from shop.catalog.models import (
    Category,
    CategoryTranslation,
    ConsentRecord,
    Cooperative,
    CooperativeTranslation,
    Product,
    ProductImage,
    ProductTranslation,
    Variant,
)
from shop.extensions import db
from tests.conftest import csrf_token
from tests.staff.conftest import COMPANY, CUSTOMER, MEMBER
from tests.web.conftest import login

MINE = ("staff.product", "staff.category", "staff.cooperative")
WATCHED = (Product, ProductTranslation, Variant, ProductImage, Category, CategoryTranslation,
           Cooperative, CooperativeTranslation, ConsentRecord, AuditEntry)


def catalog_endpoints(app) -> list[tuple[str, str, str]]:
    """(endpoint, method, url) for every catalog rule, ids filled with 1."""
    found = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith(MINE):
            continue
        url = re.sub(r"<(?:int:)?[a-z_]+>", "1", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append((rule.endpoint, method, url))
    return found


def snapshot(app) -> dict:
    with app.app_context():
        counts = {m.__tablename__: db.session.scalar(select(func.count()).select_from(m))
                  for m in WATCHED}
        counts["names"] = sorted(db.session.scalars(select(ProductTranslation.name)))
        counts["prices"] = sorted(db.session.scalars(select(Variant.price_cents)))
        counts["statuses"] = sorted(db.session.scalars(select(Product.status)))
        return counts


def test_the_walk_covers_every_catalog_page(app):
    endpoints = {e for e, _, _ in catalog_endpoints(app)}
    assert {"staff.product_list", "staff.product_new", "staff.product_edit",
            "staff.product_status", "staff.product_delete", "staff.product_variant_new",
            "staff.product_variant_edit", "staff.product_photo_add", "staff.product_photo_edit",
            "staff.product_photo_move", "staff.product_photo_delete",
            "staff.product_consent_add", "staff.product_consent_delete", "staff.category_list",
            "staff.category_new", "staff.category_edit", "staff.cooperative_list",
            "staff.cooperative_edit", "staff.cooperative_consent_add",
            "staff.cooperative_consent_delete"} <= endpoints


@pytest.mark.parametrize("who", [None, CUSTOMER, COMPANY, MEMBER],
                         ids=["anonymous", "customer", "company", "member"])
def test_outsiders_reach_no_catalog_page_and_change_nothing(shop, who):
    client = shop.test_client()
    if who:
        login(client, who)
    token = csrf_token(client, "/it/account/password-reset")
    before = snapshot(shop)
    for endpoint, method, url in catalog_endpoints(shop):
        data = {"csrf_token": token, "name_it": "Rubato", "name_en": "Stolen", "price": "0",
                "status": "archived", "version": "1", "sku": "X1", "cooperative": "1",
                "category": "1", "first_name": "Eva", "given_on": "2026-01-01",
                "collected_by": "x", "direction": "up"}
        response = client.open(url, method=method, data=data if method == "POST" else None)
        if who is None:
            assert response.status_code == 302, (endpoint, method)
            assert response.location.startswith("/it/account/login"), endpoint
        else:
            assert response.status_code == 404, (endpoint, method, response.status_code)
    assert snapshot(shop) == before


def test_a_draft_preview_is_not_for_outsiders(shop):
    with shop.app_context():
        db.session.execute(Product.__table__.update().where(Product.slug == "apron")
                           .values(status="draft"))
        db.session.commit()
    for who in (None, CUSTOMER, COMPANY, MEMBER):
        client = shop.test_client()
        if who:
            login(client, who)
        assert client.get("/it/products/apron").status_code == 404
        assert client.get("/en/products/apron").status_code == 404
