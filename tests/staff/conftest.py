"""Staff-area fixtures: the small catalog with people of every role (catalog tests), and
the two-cooperative world of tests/web plus an admin (account and audit tests)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import lxml.html
import pytest
from sqlalchemy import func, select

from shop.accounts.models import Role
from shop.audit.models import AuditEntry
from shop.catalog.images import media_root
from shop.catalog.models import Cooperative, Product
from shop.extensions import db
from shop.search import reindex
from tests.fixtures.orders import admin, member, user
from tests.web.conftest import World, login, world  # noqa: F401  (the shared fixture)

STAFF = "negozio@example.org"
CUSTOMER = "cliente@example.org"
COMPANY = "acquisti@azienda.example"
MEMBER = "anna@filo.example"


@pytest.fixture
def shop(catalog, app):
    """The `catalog` fixture's products, people of every role, and a search index of it all."""
    with app.app_context():
        user(STAFF, Role.STAFF, locale="en")
        user(CUSTOMER, Role.CUSTOMER)
        user(COMPANY, Role.COMPANY)
        member(db.session.scalar(select(Cooperative).where(Cooperative.slug == "filo")), MEMBER)
        db.session.commit()
        reindex()
    return app


@pytest.fixture
def staff_client(client, shop):
    login(client, STAFF)
    return client


@pytest.fixture
def uploads(app):
    """The folder uploaded photos go to, emptied after the test."""
    with app.app_context():
        folder = media_root() / "photos"
    shutil.rmtree(folder, ignore_errors=True)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def product_id(app, slug: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Product.id).where(Product.slug == slug))


def form_values(html: str, action: str) -> dict[str, str]:
    """The values a browser would send with the form posting to `action` (first button)."""
    doc = lxml.html.fromstring(html)
    form = next(f for f in doc.forms if f.action == action)
    values = {}
    for name, value in form.form_values():
        values[name] = value
    return values


def audit_entries(app) -> list[AuditEntry]:
    with app.app_context():
        entries = list(db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
        db.session.expunge_all()
        return entries


def audit_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(AuditEntry.id)))


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) \
        if folder.exists() else []


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", lxml.html.fromstring(html).text_content())


def edit_form(client, product_id: int) -> dict[str, str]:
    """The product form as the edit page fills it in."""
    url = f"/staff/catalog/products/{product_id}"
    return form_values(client.get(url).get_data(as_text=True), url)


def indexed_ids(app, text: str, lang: str) -> list[int]:
    """What the search index itself answers (not filtered through the database)."""
    from shop.catalog.services import ProductFilters
    from shop.search import current_store, query

    with app.test_request_context():
        return query.search(current_store(), text, lang, ProductFilters()).product_ids


ADMIN_EMAIL = "capo@example.org"


@pytest.fixture
def admin_world(app, world: World) -> World:  # noqa: F811
    with app.app_context():
        admin(ADMIN_EMAIL)
        db.session.commit()
    return world
