"""New passwords: 10 to 128 characters, not a common one, and the refusal says why."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from shop.accounts.auth import request_password_reset
from shop.accounts.errors import (
    PasswordLikeEmail,
    PasswordTooCommon,
    PasswordTooLong,
    PasswordTooShort,
    PasswordTooSimple,
)
from shop.accounts.models import Role, User
from shop.accounts.passwords import check_new_password, common_passwords
from shop.accounts.services import create_user
from shop.extensions import db
from shop.notifications.models import OutboxMessage
from tests.conftest import csrf_token
from tests.fixtures.orders import user


@pytest.mark.parametrize(("password", "error"), [
    ("corta", PasswordTooShort),
    ("x" * 129, PasswordTooLong),
    ("aaaaaaaaaa", PasswordTooSimple),
    ("abababababab", PasswordTooSimple),
    ("1234567890", PasswordTooCommon),
    ("qwertyuiop", PasswordTooCommon),
    ("Password1234", PasswordTooCommon),
    ("1q2w3e4r5t", PasswordTooCommon),
    ("VialeDeiMille", PasswordTooCommon),
])
def test_weak_passwords_are_refused_with_their_reason(password, error):
    with pytest.raises(error):
        check_new_password(password)


def test_the_email_address_is_no_password():
    with pytest.raises(PasswordLikeEmail):
        check_new_password("giulia.bianchi@example.org", "giulia.bianchi@example.org")
    with pytest.raises(PasswordLikeEmail):
        check_new_password("giulia.bianchi1", "giulia.bianchi@example.org")


@pytest.mark.parametrize("password", ["ago-e-filo-42", "x" * 120 + "y1z2w3q4", "pane caldo al forno"])
def test_good_passwords_pass(password):
    check_new_password(password, "giulia@example.org")


def test_the_bundled_list_is_loaded():
    assert len(common_passwords()) > 1500
    assert "qwertyuiop" in common_passwords()


def test_accounts_created_anywhere_get_the_same_rules(ctx):
    with pytest.raises(PasswordTooCommon):
        create_user("anna@example.org", Role.CUSTOMER, password="qwertyuiop")
    assert db.session.scalar(select(User.id)) is None


def test_the_cli_explains_a_common_password(runner):
    result = runner.invoke(args=["users", "create", "anna@example.org", "--role", "customer",
                                 "--password", "1q2w3e4r5t"])
    assert result.exit_code == 1
    assert "the password is one of the most common passwords" in result.output


@pytest.fixture
def reset_link(app):
    with app.test_request_context():
        user("giulia@example.org", Role.CUSTOMER)
        request_password_reset("giulia@example.org")
        db.session.commit()
        body = db.session.scalar(select(OutboxMessage.body_text))
    return re.search(r"http://\S+/password-reset/\S+", body).group(0).split("5000", 1)[-1]


@pytest.mark.parametrize(("password", "message"), [
    ("aaaaaaaaaa", "ripete troppo pochi caratteri diversi"),
    ("qwertyuiop", "una delle password più usate"),
    ("giulia@example.org", "fatta con il tuo indirizzo email"),
    ("x" * 129, "Usa al massimo 128 caratteri."),
])
def test_the_reset_page_says_why_a_password_is_refused(client, reset_link, password, message):
    token = csrf_token(client, reset_link)
    response = client.post(reset_link, data={"password": password, "confirm": password,
                                              "csrf_token": token})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
