"""Stripe mode for a test: the shop talks to a local fake Stripe and trusts our test secret."""

from __future__ import annotations

import pytest

from tests.fixtures.fake_stripe import FakeStripe

WEBHOOK_SECRET = "whsec_test_secret"


@pytest.fixture(scope="session")
def _fake_stripe_server():
    fake = FakeStripe().start()
    yield fake
    fake.stop()


@pytest.fixture
def fake_stripe(app, _fake_stripe_server):
    fake = _fake_stripe_server
    fake.sessions.clear()
    fake.refunds.clear()
    fake.requests.clear()
    fake.headers.clear()
    fake.idempotent.clear()
    fake.fail_next = 0
    saved = {k: app.config.get(k) for k in
             ("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_BASE")}
    app.config.update(STRIPE_SECRET_KEY="sk_test_local", STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
                      STRIPE_API_BASE=fake.url)
    yield fake
    app.config.update(saved)
