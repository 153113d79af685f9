"""Two cooperatives, the store, staff and members: the back office's stock and orders."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from shop.accounts.models import Role
from shop.audit.context import acting_as
from shop.extensions import db
from shop.inventory.models import Location, LocationKind
from tests.conftest import csrf_token
from tests.fixtures.factories import make_category, make_cooperative, make_product
from tests.fixtures.orders import PASSWORD, member, staff, user


@dataclass
class Shop:
    sew: object
    bake: object
    apron: object  # € 32,50, 22% VAT: workshop 5, store 2
    tote: object  # € 18,00, 22% VAT: workshop 20, store 1
    biscuits: object  # € 6,50, 10% VAT: workshop 30, store 10
    store: object
    sew_workshop: object
    bake_workshop: object
    staff: object
    sew_member: object
    bake_member: object
    customer: object


@pytest.fixture
def req(app):
    """An app and request context (emails build absolute links), acting as nobody."""
    with app.test_request_context():
        yield
        db.session.rollback()


@pytest.fixture
def shop(req) -> Shop:
    kitchen = make_category("cucina")
    sew = make_cooperative("filo", "Filo Dritto", commission_bp=2500)
    bake = make_cooperative("forno", "Forno Libero", institute="opera", craft="bakery",
                            commission_bp=2000)
    apron = make_product(sew, kitchen, name_it="Grembiule", name_en="Apron", prices=(3250,),
                         stock=(5,), store_stock=(2,)).variants[0]
    tote = make_product(sew, kitchen, name_it="Borsa tote", name_en="Tote bag",
                        prices=(1800,), stock=(20,), store_stock=(1,)).variants[0]
    biscuits = make_product(bake, kitchen, name_it="Biscotti", name_en="Biscuits",
                            prices=(650,), vat_rate_bp=1000, stock=(30,),
                            store_stock=(10,)).variants[0]
    apron.sku, tote.sku, biscuits.sku = "SKU-APRON", "SKU-TOTE", "SKU-BISCOTTI"

    def place(**kw):
        return db.session.query(Location).filter_by(**kw).one()

    result = Shop(sew, bake, apron, tote, biscuits, place(kind=LocationKind.STORE),
                  place(cooperative_id=sew.id), place(cooperative_id=bake.id),
                  staff("negozio@example.org"), member(sew, "anna@filo.example"),
                  member(bake, "marco@forno.example"),
                  user("cliente@example.org", Role.CUSTOMER))
    db.session.commit()
    return result


@pytest.fixture
def as_staff(shop):
    with acting_as(shop.staff, ip="127.0.0.1"):
        yield shop.staff


def login(client, email: str, password: str = PASSWORD):
    token = csrf_token(client, "/it/account/login")
    return client.post("/it/account/login",
                       data={"email": email, "password": password, "csrf_token": token})


def post(client, url: str, data: dict | None = None, page: str | None = None, **kwargs):
    """POST a form with the CSRF token of `page` (default: the URL itself as a page)."""
    token = csrf_token(client, page or url)
    return client.post(url, data={"csrf_token": token, **(data or {})}, **kwargs)
