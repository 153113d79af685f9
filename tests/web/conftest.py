"""Two cooperatives with paid orders, their members, a customer, staff, and signing in."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from shop.accounts.models import Role
from shop.extensions import db
from shop.fulfilment.models import Fulfilment
from tests.conftest import csrf_token
from tests.fixtures.factories import make_category, make_cooperative, make_product
from tests.fixtures.orders import PASSWORD, current_code, member, paid_order, staff, user


@dataclass
class Side:
    """One cooperative's things: what its member may see, and the other may not."""

    slug: str
    name: str
    member_email: str
    fulfilment_id: int  # its part of the shared order, destination customer
    pickup_fulfilment_id: int  # its part of a pickup order, destination store
    variant_id: int
    sku: str
    product_name: str


@dataclass
class World:
    a: Side
    b: Side
    shared_order_number: str
    pickup_order_token: str
    shared_order_token: str
    customer_email: str
    staff_email: str


@pytest.fixture
def world(app) -> World:
    with app.test_request_context():
        kitchen = make_category("cucina")
        sew = make_cooperative("filo", "Filo Dritto", commission_bp=2500)
        wood = make_cooperative("legno", "Legno Buono", institute="opera", craft="carpentry",
                                commission_bp=1500)
        apron = make_product(sew, kitchen, name_it="Grembiule blu", name_en="Blue apron",
                             prices=(3250,), stock=(6,)).variants[0]
        board = make_product(wood, kitchen, name_it="Tagliere di noce", name_en="Walnut board",
                             prices=(4500,), stock=(4,)).variants[0]
        member(sew, "anna@filo.example")
        member(wood, "marco@legno.example")
        user("cliente@example.org", Role.CUSTOMER)
        staff("negozio@example.org")
        db.session.commit()
        shared = paid_order([(apron, 2), (board, 1)])
        pickup = paid_order([(apron, 1), (board, 1)], delivery="pickup")

        def part(order, coop) -> int:
            return db.session.scalar(select(Fulfilment.id).where(
                Fulfilment.order_id == order.id, Fulfilment.cooperative_id == coop.id))

        world = World(
            Side("filo", "Filo Dritto", "anna@filo.example", part(shared, sew),
                 part(pickup, sew), apron.id, apron.sku, "Grembiule blu"),
            Side("legno", "Legno Buono", "marco@legno.example", part(shared, wood),
                 part(pickup, wood), board.id, board.sku, "Tagliere di noce"),
            shared.number, pickup.access_token, shared.access_token,
            "cliente@example.org", "negozio@example.org")
        db.session.commit()
        return world


def login(client, email: str, password: str = PASSWORD, lang: str = "it"):
    """Sign in; for users with an authenticator app, type its current code too."""
    token = csrf_token(client, f"/{lang}/account/login")
    response = client.post(f"/{lang}/account/login",
                           data={"email": email, "password": password, "csrf_token": token})
    if response.status_code == 303 and response.location == f"/{lang}/account/login/code":
        return enter_code(client, email, lang)
    return response


def enter_code(client, email: str, lang: str = "it"):
    """Type the factory secret's current code (allowing the same one again, as a test may)."""
    from flask import g, has_app_context

    from shop.accounts.models import User

    if has_app_context():
        # A test holding an app context shares `g` with its requests: the CSRF token cached
        # there predates the session that signing in started afresh.
        g.pop("csrf_token", None)

    with client.application.app_context():
        user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
        user.totp_last_step = None
        db.session.commit()
        code = current_code(user.totp_secret)
    token = csrf_token(client, f"/{lang}/account/login/code")
    return client.post(f"/{lang}/account/login/code", data={"code": code, "csrf_token": token})
