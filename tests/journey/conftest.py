"""Fixtures of the customer's journey: a local fake Stripe, discount codes."""

from __future__ import annotations

import pytest

from shop.discounts.models import DiscountKind
from shop.discounts.services import create_code
from shop.extensions import db
from tests.fixtures.fake_stripe import FakeStripe


@pytest.fixture(scope="session")
def _journey_stripe_server():
    fake = FakeStripe().start()
    yield fake
    fake.stop()


@pytest.fixture
def fake_stripe(app, _journey_stripe_server):
    fake = _journey_stripe_server
    fake.sessions.clear()
    fake.requests.clear()
    fake.fail_next = 0
    saved = {k: app.config.get(k) for k in
             ("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_BASE")}
    app.config.update(STRIPE_SECRET_KEY="sk_test_local", STRIPE_WEBHOOK_SECRET="whsec_journey",
                      STRIPE_API_BASE=fake.url)
    yield fake
    app.config.update(saved)


def code(app, name: str, kind: DiscountKind, value: int, **limits) -> None:
    """A discount code, committed."""
    with app.app_context():
        create_code(name, kind=kind, value=value, **limits)
        db.session.commit()
