"""Fault tests borrow the fake Stripe server of the payment tests."""

from tests.payments.conftest import _fake_stripe_server, fake_stripe  # noqa: F401
