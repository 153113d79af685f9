"""Security events as JSON lines on `shop.security`: UTC time, event, user, address; no secrets."""

from __future__ import annotations

import json
import logging
import re
from datetime import datetime

import pytest
from sqlalchemy import select

from shop.accounts.models import Role, User
from shop.audit.security_log import log_event
from shop.extensions import db
from shop.notifications.models import OutboxMessage
from tests.conftest import csrf_token
from tests.fixtures.orders import PASSWORD, user
from tests.web.conftest import login


@pytest.fixture
def giulia(app):
    with app.app_context():
        user("giulia@example.org", Role.CUSTOMER)
        db.session.commit()


def events(caplog) -> list[dict]:
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == "shop.security"]


def test_sign_ins_failures_resets_and_denials_are_logged_without_secrets(app, client, giulia,
                                                                        caplog):
    caplog.set_level(logging.INFO, logger="shop.security")
    login(client, "giulia@example.org", "wrong-password-9")
    login(client, "giulia@example.org")
    assert client.get("/staff/outbox").status_code == 404
    other = app.test_client()
    token = csrf_token(other, "/it/account/password-reset")
    other.post("/it/account/password-reset", data={"email": "giulia@example.org",
                                                   "csrf_token": token})
    with app.app_context():
        body = db.session.scalar(select(OutboxMessage.body_text))
        user_id = db.session.scalar(select(User.id))
    link = re.search(r"/it/account/password-reset/\S+", body).group(0)
    token = csrf_token(other, link)
    other.post(link, data={"password": "pane-caldo-al-forno", "confirm": "pane-caldo-al-forno",
                           "csrf_token": token})

    logged = events(caplog)
    assert [(e["event"], e["user_id"]) for e in logged] == [
        ("login.failed", user_id), ("login.succeeded", user_id), ("access.denied", user_id),
        ("password.reset_requested", user_id), ("password.reset", user_id)]
    assert {e["ip"] for e in logged} == {"127.0.0.1"}
    for entry in logged:
        assert datetime.fromisoformat(entry["at"]).utcoffset().total_seconds() == 0
    text = "\n".join(r.getMessage() for r in caplog.records if r.name == "shop.security")
    for secret in ("wrong-password-9", PASSWORD, "pane-caldo-al-forno", link.rsplit("/", 1)[1],
                   "giulia@example.org"):
        assert secret not in text


def test_a_security_event_refuses_secret_fields(app):
    with app.app_context(), pytest.raises(ValueError, match="never carry 'password'"):
        log_event("login.failed", password="x")
    with app.app_context(), pytest.raises(ValueError, match="unknown security event"):
        log_event("made.up")
