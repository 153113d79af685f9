"""Every state-changing route refuses a missing or foreign CSRF token; only Stripe's is exempt."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from shop.extensions import db
from shop.web.access_map import CSRF_EXEMPT
from tests.conftest import csrf_token
from tests.security.test_access_map import requests_for
from tests.web.conftest import login

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


def counts() -> dict[str, int]:
    return {table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables}


def test_only_the_stripe_webhook_is_exempt(app):
    exempt = {name for name, view in app.view_functions.items()
              if f"{view.__module__}.{view.__name__}" in app.extensions["csrf"]._exempt_views}
    assert exempt == set(CSRF_EXEMPT) == {"webhooks.stripe_webhook"}
    assert not app.extensions["csrf"]._exempt_blueprints


@pytest.mark.parametrize("token", ["missing", "foreign"])
def test_every_state_changing_route_refuses_a_bad_token(app, world, role_emails, token):
    # Given staff signed in (they reach the most routes) and another visitor's valid token
    client = app.test_client()
    login(client, role_emails["admin"])
    stranger = app.test_client()
    foreign = csrf_token(stranger, "/it/account/login")
    data = {} if token == "missing" else {"csrf_token": foreign}
    problems = []
    with app.app_context():
        for request in requests_for(app, world):
            if request.method not in STATE_CHANGING or request.endpoint in CSRF_EXEMPT:
                continue
            before = counts()
            db.session.rollback()
            response = client.open(request.path, method=request.method, data=data)
            html = response.get_data(as_text=True)
            response.close()
            after = counts()
            db.session.rollback()
            if response.status_code != 400 or "Il modulo era scaduto" not in html:
                problems.append(f"{request.method} {request.path}: {response.status_code}")
            elif after != before:
                problems.append(f"{request.method} {request.path}: changed the database")
    assert problems == []
