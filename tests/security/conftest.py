"""Fixtures of the security walks: the two-cooperative world and signing in, from tests/web."""

from __future__ import annotations

import socket

import pytest

from shop import create_app
from shop.config import TestConfig
from shop.extensions import limiter
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
    def build(**settings):
        base = {key: app.config[key] for key in (
            "SQLALCHEMY_DATABASE_URI", "INSTANCE_PATH", "MEDIA_ROOT", "SEARCH_INDEX_DIR")}
        config = type("LimitedTestConfig", (TestConfig,),
                      {**base, "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://",
                       **settings})
        limiter._storage_dead = False
        return create_app(config)

    yield build
    limiter._storage_dead = False
    limiter.init_app(app)
