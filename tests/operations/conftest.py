"""Two cooperatives, the store, staff and members: the back office's stock and orders."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

import pytest

from shop.accounts.models import Role, User
from shop.audit.context import acting_as
from shop.extensions import db
from shop.inventory.models import Location, LocationKind
from tests.conftest import csrf_token
from tests.fixtures.factories import make_category, make_cooperative, make_product
from tests.fixtures.orders import member, staff, user
from tests.web.conftest import login  # noqa: F401  (signs staff in with their code)


@dataclass
class Shop:
    """Ids of the rows tests use (tests load them in their own context)."""

    sew: int
    bake: int
    apron: int  # € 32,50, 22% VAT: workshop 5, store 2
    tote: int  # € 18,00, 22% VAT: workshop 20, store 1
    biscuits: int  # € 6,50, 10% VAT: workshop 30, store 10
    store: int
    sew_workshop: int
    bake_workshop: int
    staff: int
    sew_member: int
    bake_member: int
    customer: int


@pytest.fixture
def shop(app) -> Shop:
    with app.test_request_context():
        kitchen = make_category("cucina")
        sew = make_cooperative("filo", "Filo Dritto", commission_bp=2500)
        bake = make_cooperative("forno", "Forno Libero", institute="opera", craft="bakery",
                                commission_bp=2000)
        apron = make_product(sew, kitchen, name_it="Grembiule", name_en="Apron",
                             prices=(3250,), stock=(5,), store_stock=(2,)).variants[0]
        tote = make_product(sew, kitchen, name_it="Borsa tote", name_en="Tote bag",
                            prices=(1800,), stock=(20,), store_stock=(1,)).variants[0]
        biscuits = make_product(bake, kitchen, name_it="Biscotti", name_en="Biscuits",
                                prices=(650,), vat_rate_bp=1000, stock=(30,),
                                store_stock=(10,)).variants[0]
        apron.sku, tote.sku, biscuits.sku = "SKU-APRON", "SKU-TOTE", "SKU-BISCOTTI"

        def place(**kw) -> int:
            return db.session.query(Location).filter_by(**kw).one().id

        result = Shop(sew.id, bake.id, apron.id, tote.id, biscuits.id,
                      place(kind=LocationKind.STORE), place(cooperative_id=sew.id),
                      place(cooperative_id=bake.id), staff("negozio@example.org").id,
                      member(sew, "anna@filo.example").id,
                      member(bake, "marco@forno.example").id,
                      user("cliente@example.org", Role.CUSTOMER).id)
        db.session.commit()
    return result


@pytest.fixture
def req(app, shop):
    """A request context for service tests (emails build absolute links)."""
    with app.test_request_context():
        yield
        db.session.rollback()


@pytest.fixture
def staff_user(req, shop):
    """The staff member, acting (for the audit log) in the test's context."""
    person = db.session.get(User, shop.staff)
    with acting_as(person, ip="127.0.0.1"):
        yield person


@contextmanager
def reading(app):
    """A short context to look at the database between requests of a test client."""
    with app.app_context():
        yield db.session
        db.session.rollback()


def post(client, url: str, data: dict | None = None, page: str | None = None, **kwargs):
    """POST a form with the CSRF token of `page` (default: the URL itself as a page)."""
    token = csrf_token(client, page or url)
    return client.post(url, data={"csrf_token": token, **(data or {})}, **kwargs)
