"""The staff area's tests: the two-cooperative world of tests/web, plus an admin."""

from __future__ import annotations

import pytest

from shop.extensions import db
from tests.fixtures.orders import admin
from tests.web.conftest import World, world  # noqa: F401  (the shared fixture)

ADMIN_EMAIL = "capo@example.org"


@pytest.fixture
def admin_world(app, world: World) -> World:  # noqa: F811
    with app.app_context():
        admin(ADMIN_EMAIL)
        db.session.commit()
    return world
