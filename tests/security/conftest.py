"""Fixtures of the security walks: the two-cooperative world and signing in, from tests/web."""

from __future__ import annotations

import socket

import pytest

from shop import create_app
from shop.accounts.models import Role
from shop.config import TestConfig
from shop.extensions import db, limiter
from shop.web import access_map
from tests.fixtures.orders import user
from tests.payments.conftest import _fake_stripe_server, fake_stripe  # noqa: F401
from tests.payments.test_stripe import ordered  # noqa: F401
from tests.web.conftest import World, login, world  # noqa: F401  (fixtures used here)


def closed_port() -> int:
    """A local port nothing listens on: a Redis that is down."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def limited_app(app):
    """Build apps with the rate limiter on (TestConfig has it off), sharing the test database.

    The limiter is one object for every app; it is pointed back at the session app after.
    """
    built = []

    def build(**settings):
        base = {key: app.config[key] for key in (
            "SQLALCHEMY_DATABASE_URI", "INSTANCE_PATH", "MEDIA_ROOT", "SEARCH_INDEX_DIR")}
        config = type("LimitedTestConfig", (TestConfig,),
                      {**base, "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://",
                       **settings})
        limiter._storage_dead = False
        built.append(create_app(config))
        return built[-1]

    yield build
    for other in built:  # each app has its own engine: close its connections now
        with other.app_context():
            db.session.remove()
            db.engine.dispose()
    limiter._storage_dead = False
    limiter.init_app(app)


@pytest.fixture
def role_emails(app, world):  # noqa: F811  (the fixture imported above)
    """The email each role of the access map signs in with (None: anonymous)."""
    with app.app_context():
        user("admin@example.org", Role.ADMIN)
        user("acquisti@azienda.example", Role.COMPANY)
        db.session.commit()
        from shop.catalog.models import Variant

        world.product_slug = db.session.get(Variant, world.a.variant_id).product.slug
    return {
        access_map.ANONYMOUS: None,
        access_map.CUSTOMER: world.customer_email,
        access_map.COMPANY: "acquisti@azienda.example",
        access_map.MEMBER_A: world.a.member_email,
        access_map.MEMBER_B: world.b.member_email,
        access_map.STAFF: world.staff_email,
        access_map.ADMIN: "admin@example.org",
    }
