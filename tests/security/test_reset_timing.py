"""A reset request costs the same work for an unknown address as for a known one."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from shop.accounts import auth
from shop.accounts.models import PasswordResetToken, Role
from shop.extensions import db
from shop.notifications import services as notifications
from shop.notifications.models import OutboxMessage
from tests.fixtures.orders import user


@pytest.fixture
def spied(app, monkeypatch):
    """Record the expensive steps: making a secret, building the link, rendering the email."""
    calls = []
    secret, render = auth.new_reset_secret, notifications.render_email

    def spy_secret():
        calls.append("secret")
        return secret()

    def spy_render(template, **kwargs):
        calls.append(f"render {template} {kwargs['locale']}")
        return render(template, **kwargs)

    monkeypatch.setattr(auth, "new_reset_secret", spy_secret)
    monkeypatch.setattr(notifications, "render_email", spy_render)
    with app.test_request_context():
        user("giulia@example.org", Role.CUSTOMER)
        db.session.commit()
        yield calls
        db.session.rollback()


def test_known_and_unknown_addresses_do_the_same_work(spied):
    assert auth.request_password_reset("giulia@example.org") is True
    known = list(spied)
    spied.clear()
    assert auth.request_password_reset("nessuno@example.org") is False
    assert spied == known == ["secret", "render password_reset it"]
    # only the known address leaves a token and an email behind
    assert db.session.scalar(select(func.count()).select_from(PasswordResetToken)) == 1
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 1
