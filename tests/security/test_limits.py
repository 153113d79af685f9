"""Rate limits that survive Redis going down and count real clients behind a proxy."""

from __future__ import annotations

import json
import logging

import pytest

from shop.accounts.models import Role
from shop.extensions import db
from tests.conftest import csrf_token
from tests.fixtures.orders import PASSWORD, user
from tests.fixtures.shopping import ADDRESS, add, place
from tests.security.conftest import closed_port


@pytest.fixture
def customer(app):
    with app.app_context():
        user("giulia@example.org", Role.CUSTOMER)
        db.session.commit()


def sign_in(client, email, password, ip=None):
    headers = {"X-Forwarded-For": ip} if ip else {}
    token = csrf_token(client, "/it/account/login")
    return client.post("/it/account/login", headers=headers,
                       data={"email": email, "password": password, "csrf_token": token})


def test_with_redis_down_the_shop_keeps_working_and_says_so(limited_app, catalog, customer,
                                                            caplog):
    # Given REDIS_URL points at a port where nothing answers
    app = limited_app(RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{closed_port()}/0")
    client = app.test_client()
    caplog.set_level(logging.WARNING)
    # When a visitor browses, signs in, asks for a reset link, checks out and pays
    assert client.get("/it/").status_code == 200
    assert client.get("/it/products/").status_code == 200
    assert sign_in(client, "giulia@example.org", "wrong-password-1").status_code == 200
    assert sign_in(client, "giulia@example.org", PASSWORD).status_code == 303
    client = app.test_client()
    token = csrf_token(client, "/it/account/password-reset")
    assert client.post("/it/account/password-reset", data={
        "email": "giulia@example.org", "csrf_token": token}).status_code == 303
    add(client, app, "SKU-APRON")
    placed = place(client, ADDRESS)
    assert placed.status_code == 303  # on to the (demo) payment page
    assert client.get(placed.headers["Location"]).status_code == 200
    # Then nothing failed, and the log says limits went to memory
    messages = [r.getMessage() for r in caplog.records]
    assert "Rate limit storage unreachable - falling back to in-memory storage" in messages
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_with_redis_down_the_limits_still_hold_in_memory(limited_app, customer):
    app = limited_app(RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{closed_port()}/0")
    client = app.test_client()
    answers = [sign_in(client, f"nobody{n}@example.org", "wrong-password-1").status_code
               for n in range(11)]
    assert answers == [200] * 10 + [429]


def test_forwarded_addresses_are_ignored_without_a_trusted_proxy(limited_app, customer):
    client = limited_app().test_client()
    answers = [sign_in(client, f"nobody{n}@example.org", "wrong-password-1",
                       ip=f"203.0.113.{n}").status_code for n in range(11)]
    assert answers[-1] == 429  # one address (the proxy's) whatever the header says


def test_behind_one_trusted_proxy_each_client_has_its_own_limit(limited_app, customer):
    client = limited_app(TRUSTED_PROXIES=1).test_client()
    first = [sign_in(client, f"nobody{n}@example.org", "wrong-password-1",
                     ip="203.0.113.1").status_code for n in range(11)]
    second = sign_in(client, "someone@example.org", "wrong-password-1", ip="203.0.113.2")
    assert first == [200] * 10 + [429]
    assert second.status_code == 200


def test_an_eleventh_failed_sign_in_for_one_account_is_refused_from_any_address(
        limited_app, customer, caplog):
    # Given ten wrong passwords for one account, each from a different address
    app = limited_app(TRUSTED_PROXIES=1)
    client = app.test_client()
    for n in range(10):
        response = sign_in(client, "giulia@example.org", "wrong-password-1", ip=f"198.51.100.{n}")
        assert response.status_code == 200
    caplog.set_level(logging.INFO, logger="shop.security")
    caplog.clear()
    # When the eleventh comes, even with the right password, from yet another address
    response = sign_in(client, "Giulia@example.org", PASSWORD, ip="192.0.2.77")
    # Then it is refused with a clear message, and no session starts
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    html = response.get_data(as_text=True)
    assert "Troppi accessi non riusciti per questo account" in html
    assert client.get("/coop/").status_code == 302
    events = [json.loads(r.getMessage()) for r in caplog.records if r.name == "shop.security"]
    assert [e["event"] for e in events] == ["login.throttled"]
    assert events[0]["ip"] == "192.0.2.77"
    # while another account signs in normally from the same address
    user_client = app.test_client()
    assert sign_in(user_client, "giulia@example.org", PASSWORD).status_code == 429
    assert sign_in(user_client, "someone@example.org", "wrong-password-1").status_code == 200


def test_a_correct_password_clears_the_accounts_count(limited_app, customer):
    app = limited_app(TRUSTED_PROXIES=1)
    client = app.test_client()
    for n in range(9):
        sign_in(client, "giulia@example.org", "wrong-password-1", ip=f"198.51.100.{n}")
    assert sign_in(client, "giulia@example.org", PASSWORD, ip="192.0.2.1").status_code == 303
    client = app.test_client()
    for n in range(9):
        assert sign_in(client, "giulia@example.org", "wrong-password-1",
                       ip=f"198.51.100.{n}").status_code == 200
