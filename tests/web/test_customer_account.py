"""Customer accounts: registering, confirming the email, the account's orders and addresses."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from shop.accounts.auth import hash_token
from shop.accounts.models import EmailConfirmationToken, Role, SavedAddress, User
from shop.db import utcnow
from shop.extensions import db
from shop.notifications.models import OutboxMessage
from shop.orders.models import Order
from tests.conftest import csrf_token
from tests.fixtures.orders import PASSWORD, placed_order, user
from tests.fixtures.shopping import ADDRESS, add, csrf, place
from tests.web.conftest import login

NEW_PASSWORD = "tre parole lontane"
SENT = "Abbiamo inviato un messaggio a"


def register(client, email="nuova@example.org", *, name="Nina Rossi", password=NEW_PASSWORD,
             lang="it", accept=True, **extra):
    token = csrf_token(client, f"/{lang}/account/register")
    data = {"name": name, "email": email, "password": password, "csrf_token": token, **extra}
    if accept:
        data["accept_terms"] = "y"
    return client.post(f"/{lang}/account/register", data=data)


def last_email(app, recipient: str) -> OutboxMessage:
    with app.app_context():
        message = db.session.scalar(select(OutboxMessage)
                                    .where(OutboxMessage.recipient == recipient)
                                    .order_by(OutboxMessage.id.desc()).limit(1))
        db.session.expunge(message)
        return message


def confirm_path(message: OutboxMessage) -> str:
    match = re.search(r"https?://[^/\s]+(/\w\w/account/confirm/[\w-]+)", message.body_text)
    assert match, message.body_text
    return match.group(1)


def confirm(client, path: str):
    return client.post(path, data={"csrf_token": csrf_token(client, path)})


def account(app, email: str) -> User | None:
    with app.app_context():
        row = db.session.scalar(select(User).where(User.email == email))
        if row is not None:
            db.session.expunge(row)
        return row


def counts(app) -> tuple[int, int]:
    with app.app_context():
        return (db.session.scalar(select(func.count(User.id))),
                db.session.scalar(select(func.count(OutboxMessage.id))))


# Registration and confirmation


def test_registering_makes_an_unconfirmed_customer_and_emails_a_link_in_their_language(
        app, client):
    response = register(client, "  Nina@Example.org ", lang="en")

    assert response.status_code == 200
    assert "We have sent a message to nina@example.org." in response.get_data(as_text=True)
    nina = account(app, "nina@example.org")
    assert (nina.role, nina.name, nina.locale, nina.email_confirmed_at) == \
        ("customer", "Nina Rossi", "en", None)
    assert nina.terms_accepted_at is not None
    message = last_email(app, "nina@example.org")
    assert (message.kind, message.subject) == ("account_confirm",
                                               "Confirm your Viale dei Mille account")
    token = confirm_path(message).rsplit("/", 1)[1]
    with app.app_context():
        stored = db.session.scalars(select(EmailConfirmationToken.token_hash)).all()
    assert stored == [hash_token(token)]  # only the hash is kept


def test_an_unconfirmed_account_cannot_sign_in_and_can_ask_for_a_new_link(app, client):
    register(client)
    first = confirm_path(last_email(app, "nuova@example.org"))

    response = login(client, "nuova@example.org", NEW_PASSWORD)
    html = response.get_data(as_text=True)

    assert response.status_code == 200
    assert "Il tuo account non è ancora confermato" in html
    assert client.get("/it/account/").status_code == 302  # not signed in
    resend = client.post("/it/account/confirm/resend", data={
        "email": "nuova@example.org", "csrf_token": csrf(html)})
    assert SENT in resend.get_data(as_text=True)
    second = confirm_path(last_email(app, "nuova@example.org"))
    assert second != first
    assert client.get(first).status_code == 410  # the older link stops working
    assert confirm(client, second).status_code == 303
    assert login(client, "nuova@example.org", NEW_PASSWORD).location == "/it/account/"


def test_a_wrong_password_for_an_unconfirmed_account_says_nothing_about_confirmation(
        app, client):
    register(client)

    html = login(client, "nuova@example.org", "non-la-sua-password").get_data(as_text=True)

    assert "non è ancora confermato" not in html
    assert "Email e password non corrispondono a nessun account." in html


def test_confirming_works_once_then_the_link_is_dead(app, client):
    register(client)
    path = confirm_path(last_email(app, "nuova@example.org"))
    page = client.get(path)
    assert page.status_code == 200
    assert account(app, "nuova@example.org").email_confirmed_at is None  # a GET changes nothing

    response = confirm(client, path)

    assert (response.status_code, response.location) == (303, "/it/account/login")
    assert account(app, "nuova@example.org").email_confirmed_at is not None
    again = client.get(path)
    assert again.status_code == 410
    assert "Questo link non funziona più" in again.get_data(as_text=True)
    assert client.post(path, data={"csrf_token": csrf_token(client, "/it/account/login")}) \
        .status_code == 410


def test_an_expired_or_made_up_link_does_not_confirm(app, client):
    register(client)
    path = confirm_path(last_email(app, "nuova@example.org"))
    with app.app_context():
        row = db.session.scalar(select(EmailConfirmationToken))
        row.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()

    assert client.get(path).status_code == 410
    assert client.get("/it/account/confirm/not-a-real-token").status_code == 410
    assert account(app, "nuova@example.org").email_confirmed_at is None


def test_registering_a_used_address_shows_the_same_page_and_tells_the_owner(app, client):
    with app.app_context():
        user("giulia@example.org", Role.CUSTOMER, locale="en", name="Giulia")
        db.session.commit()
    fresh = register(app.test_client(), "altra@example.org").get_data(as_text=True)
    users_before, _ = counts(app)

    taken = register(client, "Giulia@example.org", name="Qualcuno")

    strip = re.compile(r'name="csrf_token"[^>]*value="[^"]+"|[\w.]+@example\.org')
    assert taken.status_code == 200
    assert strip.sub("", taken.get_data(as_text=True)) == strip.sub("", fresh)
    assert counts(app)[0] == users_before
    giulia = account(app, "giulia@example.org")
    assert (giulia.name, giulia.email_confirmed_at is not None) == ("Giulia", True)
    message = last_email(app, "giulia@example.org")
    assert (message.kind, message.subject) == ("account_exists",
                                               "You already have a Viale dei Mille account")
    assert login(client, "giulia@example.org", PASSWORD).status_code == 303  # unchanged


@pytest.mark.parametrize(("fields", "message"), [
    ({"password": "password123"}, "Questa è una delle password più usate"),
    ({"password": "corta"}, "Usa almeno 10 caratteri."),
    ({"accept": False}, "Accetta l'informativa sulla privacy"),
    ({"email": "non-una-email"}, "Indirizzo e-mail non valido."),
])
def test_a_refused_registration_says_why_and_creates_nothing(app, client, fields, message):
    before = counts(app)
    kwargs = {"email": fields.pop("email", "nuova@example.org"), **fields}

    response = register(client, **kwargs)

    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert counts(app) == before


def test_a_filled_in_honeypot_looks_like_success_and_creates_nothing(app, client):
    before = counts(app)

    response = register(client, website="https://spam.example")

    assert SENT in response.get_data(as_text=True)
    assert counts(app) == before


# Guest orders join the account


def test_confirming_attaches_earlier_guest_orders_with_the_same_address_only(app, client,
                                                                          catalog):
    with app.app_context():
        from shop.catalog.models import Variant

        apron = db.session.scalar(select(Variant).where(Variant.sku == "SKU-BISCOTTI"))
        mine = placed_order([(apron, 1)], email="Nina@Example.org").number
        mine_too = placed_order([(apron, 2)], email="nina@example.org").number
        other = placed_order([(apron, 1)], email="nina@example.com").number
    register(client, "nina@example.org")

    confirm(client, confirm_path(last_email(app, "nina@example.org")))

    nina = account(app, "nina@example.org")
    with app.app_context():
        owners = dict(db.session.execute(select(Order.number, Order.user_id)).all())
    assert owners == {mine: nina.id, mine_too: nina.id, other: None}
    login(client, "nina@example.org", NEW_PASSWORD)
    html = client.get("/it/account/").get_data(as_text=True)
    assert mine in html and mine_too in html and other not in html


def test_a_password_reset_link_also_confirms_the_address(app, client, catalog):
    with app.app_context():
        from shop.catalog.models import Variant

        biscotti = db.session.scalar(select(Variant).where(Variant.sku == "SKU-BISCOTTI"))
        earlier = placed_order([(biscotti, 1)], email="nuova@example.org").number
    register(client)
    reset = client.post("/it/account/password-reset", data={
        "email": "nuova@example.org",
        "csrf_token": csrf_token(client, "/it/account/password-reset")})
    assert reset.status_code == 303
    link = re.search(r"https?://[^/\s]+(/it/account/password-reset/[\w-]+)",
                     last_email(app, "nuova@example.org").body_text).group(1)

    client.post(link, data={"password": "altre parole nuove", "confirm": "altre parole nuove",
                            "csrf_token": csrf_token(client, link)})

    nina = account(app, "nuova@example.org")
    assert nina.email_confirmed_at is not None
    with app.app_context():
        assert db.session.scalar(select(Order.user_id).where(Order.number == earlier)) == nina.id
    assert login(client, "nuova@example.org", "altre parole nuove").location == "/it/account/"


# The account's pages


@pytest.fixture
def two_customers(app, catalog):
    """Giulia and Marco, confirmed customers, each with one order and one address."""
    with app.app_context():
        from shop.catalog.models import Variant

        biscotti = db.session.scalar(select(Variant).where(Variant.sku == "SKU-BISCOTTI"))
        ids = {}
        for email, street in (("giulia@example.org", "Via Padova 12"),
                              ("marco@example.org", "Corso Como 3")):
            person = user(email, Role.CUSTOMER, name=email.split("@")[0].title())
            order = placed_order([(biscotti, 1)], email=email)
            order.user_id = person.id
            address = SavedAddress(user_id=person.id, recipient=person.name, line1=street,
                                   postal_code="20127", city="Milano", province="MI",
                                   country="IT", is_default=True)
            db.session.add(address)
            db.session.commit()
            ids[email] = (order.number, address.id)
    return ids


def test_a_customer_sees_only_their_own_orders_and_addresses(app, client, two_customers):
    login(client, "giulia@example.org")
    giulia_order, _ = two_customers["giulia@example.org"]
    marco_order, _ = two_customers["marco@example.org"]

    overview = client.get("/it/account/").get_data(as_text=True)
    addresses = client.get("/it/account/addresses").get_data(as_text=True)

    assert giulia_order in overview and marco_order not in overview
    assert "Via Padova 12" in addresses and "Corso Como 3" not in addresses
    opened = client.get(f"/it/account/orders/{giulia_order}")
    with app.app_context():
        token = db.session.scalar(select(Order.access_token)
                                  .where(Order.number == giulia_order))
    assert (opened.status_code, opened.location) == (303, f"/it/orders/{token}")
    assert giulia_order in client.get(opened.location).get_data(as_text=True)


def test_another_customers_order_and_address_answer_404_and_change_nothing(app, client,
                                                                         two_customers):
    login(client, "giulia@example.org")
    marco_order, marco_address = two_customers["marco@example.org"]
    token = csrf_token(client, "/it/account/addresses")

    with app.app_context():
        before = [(a.id, a.line1, a.is_default) for a in
                  db.session.scalars(select(SavedAddress).order_by(SavedAddress.id))]
    assert client.get(f"/it/account/orders/{marco_order}").status_code == 404
    assert client.get(f"/it/account/addresses/{marco_address}/edit").status_code == 404
    assert client.post(f"/it/account/addresses/{marco_address}/edit", data={
        "csrf_token": token, "recipient": "X", "line1": "Via Rubata 1", "postal_code": "20121",
        "city": "Milano", "province": "MI", "country": "IT"}).status_code == 404
    assert client.post(f"/it/account/addresses/{marco_address}/delete",
                       data={"csrf_token": token}).status_code == 404
    assert client.post(f"/it/account/addresses/{marco_address}/default",
                       data={"csrf_token": token}).status_code == 404
    with app.app_context():
        after = [(a.id, a.line1, a.is_default) for a in
                 db.session.scalars(select(SavedAddress).order_by(SavedAddress.id))]
    assert after == before


def test_addresses_are_added_edited_made_default_and_deleted(app, client, two_customers):
    login(client, "giulia@example.org")
    _, first = two_customers["giulia@example.org"]
    token = csrf_token(client, "/it/account/addresses/new")
    new = {"csrf_token": token, "recipient": "Giulia Bianchi", "line1": "Via Tortona 5",
           "postal_code": "20144", "city": "Milano", "province": "mi", "country": "IT",
           "phone": "+39 02 123456"}

    assert client.post("/it/account/addresses/new", data=new).status_code == 303
    with app.app_context():
        second = db.session.scalar(select(SavedAddress.id)
                                   .where(SavedAddress.line1 == "Via Tortona 5"))
    client.post(f"/it/account/addresses/{second}/edit",
                data={**new, "line1": "Via Tortona 7", "is_default": "y"})

    def rows():
        with app.app_context():
            return [(a.line1, a.province, a.is_default) for a in db.session.scalars(
                select(SavedAddress).join(User).where(User.email == "giulia@example.org")
                .order_by(SavedAddress.id))]

    assert rows() == [("Via Padova 12", "MI", False), ("Via Tortona 7", "MI", True)]
    client.post(f"/it/account/addresses/{first}/default", data={"csrf_token": token})
    assert rows() == [("Via Padova 12", "MI", True), ("Via Tortona 7", "MI", False)]
    client.post(f"/it/account/addresses/{first}/delete", data={"csrf_token": token})
    assert rows() == [("Via Tortona 7", "MI", True)]  # the remaining one becomes the default


def test_a_bad_address_is_refused_with_the_reason(app, client, two_customers):
    login(client, "giulia@example.org")
    token = csrf_token(client, "/it/account/addresses/new")

    response = client.post("/it/account/addresses/new", data={
        "csrf_token": token, "recipient": "Giulia", "line1": "Via Tortona 5",
        "postal_code": "201", "city": "Milano", "province": "XX", "country": "IT"})

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Il CAP ha cinque cifre, per esempio 20129." in html, html
    assert "Inserisci la sigla della provincia, per esempio MI per Milano." in html


def test_checkout_starts_from_the_default_address(app, client, two_customers):
    login(client, "giulia@example.org")
    add(client, app, "SKU-BISCOTTI")

    html = client.get("/it/checkout").get_data(as_text=True)

    for name, value in (("email", "giulia@example.org"), ("name", "Giulia"),
                        ("ship_line1", "Via Padova 12"), ("ship_postal_code", "20127"),
                        ("ship_city", "Milano"), ("ship_province", "MI")):
        assert re.search(rf'name="{name}"[^>]*value="{re.escape(value)}"', html), name


def test_the_first_shipped_order_while_signed_in_belongs_to_the_account_and_keeps_its_address(
        app, client, catalog):
    with app.app_context():
        user("luca@example.org", Role.CUSTOMER, name="Luca")
        db.session.commit()
    login(client, "luca@example.org")
    add(client, app, "SKU-BISCOTTI")

    response = place(client, {**ADDRESS, "email": "luca.altro@example.org"})

    assert response.status_code == 303
    luca = account(app, "luca@example.org")
    with app.app_context():
        order = db.session.scalar(select(Order))
        saved = [(a.recipient, a.line1, a.city, a.is_default) for a in
                 db.session.scalars(select(SavedAddress))]
        assert (order.user_id, order.email) == (luca.id, "luca.altro@example.org")
    assert saved == [("Anna Bianchi", "Via Roma 1", "Milano", True)]


def test_changing_the_language_changes_the_language_of_emails(app, client, two_customers):
    login(client, "giulia@example.org")

    response = client.post("/it/account/settings", data={
        "locale": "en", "csrf_token": csrf_token(client, "/it/account/settings")})

    assert (response.status_code, response.location) == (303, "/en/account/settings")
    assert account(app, "giulia@example.org").locale == "en"
    from shop.accounts.auth import request_password_reset

    with app.test_request_context():
        request_password_reset("giulia@example.org", locale="it")
        db.session.commit()
    assert last_email(app, "giulia@example.org").subject == \
        "Reset your Viale dei Mille password"


def test_changing_the_password_ends_every_other_session_but_this_one(app, client,
                                                                     two_customers):
    login(client, "giulia@example.org")
    other = app.test_client()
    login(other, "giulia@example.org")
    assert other.get("/it/account/").status_code == 200

    response = client.post("/it/account/password", data={
        "current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD,
        "csrf_token": csrf_token(client, "/it/account/password")})

    assert (response.status_code, response.location) == (303, "/it/account/")
    assert client.get("/it/account/").status_code == 200
    assert other.get("/it/account/").status_code == 302
    assert login(app.test_client(), "giulia@example.org", NEW_PASSWORD).status_code == 303


def test_a_wrong_current_password_changes_nothing(app, client, two_customers):
    login(client, "giulia@example.org")
    before = account(app, "giulia@example.org")

    response = client.post("/it/account/password", data={
        "current_password": "non-la-mia-password", "password": NEW_PASSWORD,
        "confirm": NEW_PASSWORD, "csrf_token": csrf_token(client, "/it/account/password")})

    assert response.status_code == 200
    assert "Questa non è la tua password attuale." in response.get_data(as_text=True)
    after = account(app, "giulia@example.org")
    assert (after.password_hash, after.session_version) == \
        (before.password_hash, before.session_version)


@pytest.mark.parametrize("path", ["/it/account/", "/it/account/addresses",
                                  "/it/account/settings", "/it/account/password"])
def test_account_pages_are_for_signed_in_customers(app, client, path):
    assert "/it/account/login" in client.get(path).location
