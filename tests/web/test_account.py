"""Signing in, out and resetting a password: one page for every role, no hints for strangers."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from shop.accounts.auth import hash_token
from shop.accounts.models import PasswordResetToken, Role, User
from shop.cart.models import Cart, CartLine
from shop.db import utcnow
from shop.extensions import db
from shop.notifications.models import OutboxMessage
from tests.conftest import csrf_token
from tests.fixtures.factories import make_category, make_cooperative, make_product
from tests.fixtures.orders import PASSWORD, member, staff, user
from tests.web.conftest import login

GENERIC = "Email e password non corrispondono a nessun account. Controllale e riprova."


@pytest.fixture
def people(app):
    with app.app_context():
        coop = make_cooperative("filo", "Filo Dritto")
        member(coop, "anna@filo.example")
        staff("negozio@example.org")
        user("giulia@example.org", Role.CUSTOMER, locale="en", name="Giulia")
        user("spento@example.org", Role.CUSTOMER).active = False
        db.session.commit()


@pytest.mark.parametrize(("email", "landing"), [
    ("anna@filo.example", "/coop/"),
    ("negozio@example.org", "/staff/"),
    ("giulia@example.org", "/it/account/"),
    ("  Giulia@Example.org ", "/it/account/"),
])
def test_each_role_lands_in_its_own_area(client, people, email, landing):
    response = login(client, email)

    assert (response.status_code, response.location) == (303, landing)
    assert client.get(landing).status_code == 200


@pytest.mark.parametrize(("email", "password"), [
    ("anna@filo.example", "wrong-password-123"),
    ("nobody@example.org", PASSWORD),
    ("spento@example.org", PASSWORD),
    ("", ""),
])
def test_a_failed_sign_in_says_the_same_thing_whatever_was_wrong(client, people, email,
                                                                  password):
    response = login(client, email, password)
    html = response.get_data(as_text=True)

    assert response.status_code == 200
    if email:
        assert GENERIC in html
    assert client.get("/coop/").status_code == 302


def test_next_is_followed_only_within_the_site(client, people):
    for target, landing in (("/coop/stock/", "/coop/stock/"),
                            ("https://evil.example/", "/coop/"),
                            ("//evil.example/x", "/coop/"),
                            ("/\\evil.example", "/coop/")):
        client.post("/it/account/logout",
                    data={"csrf_token": csrf_token(client, "/it/account/password-reset")})
        token = csrf_token(client, "/it/account/login")
        response = client.post("/it/account/login", data={
            "email": "anna@filo.example", "password": PASSWORD, "next": target,
            "csrf_token": token})
        assert response.location == landing, target


def test_signing_in_starts_a_fresh_session(client, people):
    with client.session_transaction() as session:
        session["planted"] = "by someone else"

    login(client, "anna@filo.example")

    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"]


def test_signed_out_visitors_of_the_coop_area_come_back_after_signing_in(client, people):
    response = client.get("/coop/stock/?x=1")
    assert response.location == "/it/account/login?next=/coop/stock/?x%3D1"
    html = client.get(response.location).get_data(as_text=True)
    assert 'name="next" type="hidden" value="/coop/stock/?x=1"' in html


def test_the_guest_cart_joins_the_users_cart_at_sign_in(app, client, people):
    with app.app_context():
        coop = make_cooperative("forno", "Forno")
        variant = make_product(coop, make_category(), name_it="Pane", name_en="Bread",
                               stock=(5,)).variants[0]
        db.session.commit()
        variant_id = variant.id
        slug = variant.product.slug
    token = csrf_token(client, f"/it/products/{slug}")
    client.post(f"/it/products/{slug}/add",
                data={"variant_id": variant_id, "quantity": 2, "csrf_token": token})

    login(client, "giulia@example.org")

    with app.app_context():
        giulia = db.session.scalar(select(User).where(User.email == "giulia@example.org"))
        cart = db.session.scalar(select(Cart).where(Cart.user_id == giulia.id))
        assert [(line.variant_id, line.quantity) for line in cart.lines] == [(variant_id, 2)]
        assert db.session.scalar(select(func.count(CartLine.id))) == 1


def test_signing_out_is_a_post_and_ends_the_session(client, people):
    login(client, "anna@filo.example")
    assert client.get("/it/account/logout").status_code == 405
    assert client.get("/coop/").status_code == 200

    token = csrf_token(client, "/coop/")
    response = client.post("/it/account/logout", data={"csrf_token": token})

    assert (response.status_code, response.location) == (303, "/it/")
    assert client.get("/coop/").status_code == 302
    assert "Sei uscito dal tuo account." in client.get("/it/").get_data(as_text=True)


def reset_link(app) -> str:
    with app.app_context():
        body = db.session.scalar(select(OutboxMessage.body_text)
                                 .where(OutboxMessage.kind == "password_reset")
                                 .order_by(OutboxMessage.id.desc()).limit(1))
    return re.search(r"http://127\.0\.0\.1:5000(/\w\w/account/password-reset/\S+)", body)[1]


def ask_reset(client, email: str):
    token = csrf_token(client, "/it/account/password-reset")
    return client.post("/it/account/password-reset", data={"email": email, "csrf_token": token})


def test_a_reset_link_is_emailed_in_the_users_language_and_works_once(app, client, people):
    response = ask_reset(client, "Giulia@example.org")
    assert (response.status_code, response.location) == (303, "/it/account/login")

    with app.app_context():
        mail = db.session.scalar(select(OutboxMessage).where(
            OutboxMessage.kind == "password_reset"))
        assert (mail.recipient, mail.locale, mail.subject) == (
            "giulia@example.org", "en", "Reset your Viale dei Mille password")
        stored = db.session.scalar(select(PasswordResetToken.token_hash))
    link = reset_link(app)
    assert link.startswith("/en/account/password-reset/")
    assert stored == hash_token(link.rsplit("/", 1)[1])  # only the hash is kept

    form = client.get(link)
    assert form.status_code == 200
    assert form.headers["Referrer-Policy"] == "no-referrer"
    mismatch = client.post(link, data={"password": "nuova-password-1", "confirm": "altra-cosa-2",
                                       "csrf_token": csrf_token(client, link)})
    assert "The two passwords differ." in mismatch.get_data(as_text=True)
    done = client.post(link, data={"password": "nuova-password-1", "confirm": "nuova-password-1",
                                   "csrf_token": csrf_token(client, link)})
    assert (done.status_code, done.location) == (303, "/en/account/login")

    assert client.get(link).status_code == 410
    assert login(client, "giulia@example.org", PASSWORD).status_code == 200
    assert login(client, "giulia@example.org", "nuova-password-1").status_code == 303


def test_an_unknown_address_gets_the_same_answer_and_no_email(app, client, people):
    known = ask_reset(client, "anna@filo.example")
    unknown = ask_reset(client, "nessuno@example.org")

    assert (known.status_code, known.location) == (unknown.status_code, unknown.location)
    with app.app_context():
        assert db.session.scalars(select(OutboxMessage.recipient)).all() == ["anna@filo.example"]


def test_expired_and_superseded_links_do_not_work(app, client, people):
    ask_reset(client, "anna@filo.example")
    first = reset_link(app)
    with app.app_context():
        db.session.scalar(select(PasswordResetToken)).expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert client.get(first).status_code == 410
    assert "Questo link non è più valido" in client.get(first).get_data(as_text=True)
    assert client.get("/it/account/password-reset/not-a-token").status_code == 410

    ask_reset(client, "anna@filo.example")
    older = reset_link(app)
    ask_reset(client, "anna@filo.example")
    newer = reset_link(app)
    assert (client.get(older).status_code, client.get(newer).status_code) == (410, 200)


def copy_of_session(app, client):
    """A second browser holding a copy of the client's session cookie."""
    thief = app.test_client()
    cookie = client.get_cookie("session")
    thief.set_cookie("session", cookie.value)
    return thief


def test_signing_out_ends_every_copy_of_the_session(app, client, people):
    login(client, "anna@filo.example")
    thief = copy_of_session(app, client)
    assert thief.get("/coop/").status_code == 200

    client.post("/it/account/logout", data={"csrf_token": csrf_token(client, "/coop/")})

    assert thief.get("/coop/").status_code == 302


def test_a_password_reset_ends_existing_sessions(app, client, people):
    login(client, "anna@filo.example")
    thief = copy_of_session(app, client)
    ask_reset(app.test_client(), "anna@filo.example")
    link = reset_link(app)
    other = app.test_client()
    other.post(link, data={"password": "nuova-password-1", "confirm": "nuova-password-1",
                           "csrf_token": csrf_token(other, link)})

    assert thief.get("/coop/").status_code == 302
    assert client.get("/coop/").status_code == 302


def test_a_deactivated_account_is_refused_on_its_next_request(app, client, people):
    login(client, "anna@filo.example")
    assert client.get("/coop/").status_code == 200
    with app.app_context():
        db.session.scalar(select(User).where(User.email == "anna@filo.example")).active = False
        db.session.commit()

    assert client.get("/coop/").status_code == 302
