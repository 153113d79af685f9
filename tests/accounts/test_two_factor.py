"""Two-factor sign-in: staff must use a code, members may; codes and recovery codes work once."""

from __future__ import annotations

import time

import pyotp
from sqlalchemy import func, select

from shop.accounts import two_factor
from shop.accounts.models import RecoveryCode
from shop.audit.models import AuditEntry
from shop.extensions import db
from tests.accounts.conftest import (
    enrol,
    logout,
    password_step,
    post_code,
    shown_secret,
    user_row,
)
from tests.conftest import csrf_token
from tests.fixtures.orders import PASSWORD, TOTP_SECRET

WRONG = "Il codice non è valido."


def test_staff_without_an_app_must_set_one_up_before_the_staff_area_opens(app, client, people):
    response = password_step(client, people.newcomer)

    assert (response.status_code, response.location) == (303, "/it/account/login/enrol")
    assert client.get("/staff/").location.startswith("/it/account/login?next=")
    html = client.get("/it/account/login/enrol").get_data(as_text=True)
    assert '<svg role="img" viewBox=' in html and "<title>Codice QR" in html
    with app.app_context():
        assert user_row(people.newcomer).totp_secret is None


def test_enrolment_end_to_end_with_the_secret_shown(app, client, people):
    secret, codes = enrol(client, people.newcomer)

    assert len(codes) == len(set(codes)) == 10
    assert client.get("/staff/").status_code == 200
    with app.app_context():
        row = user_row(people.newcomer)
        assert (row.totp_secret, row.totp_enabled_at is not None) == (secret, True)
        stored = db.session.scalars(select(RecoveryCode.code_hash)
                                    .where(RecoveryCode.user_id == row.id)).all()
        assert len(stored) == 10 and not set(stored) & {c.replace("-", "") for c in codes}
        entry = db.session.scalars(select(AuditEntry)).one()
        assert (entry.action, entry.entity_id, entry.before, entry.after) == (
            "user.two_factor_enable", str(row.id), {"two_factor": False}, {"two_factor": True})

    # Next time: password, then a code of that app.
    logout(client)
    assert password_step(client, people.newcomer).location == "/it/account/login/code"
    # The confirming code is spent; the app's next one (30 s on) is within the window.
    totp = pyotp.TOTP(secret)
    with app.app_context():
        spent = user_row(people.newcomer).totp_last_step
    assert WRONG in post_code(client, totp.generate_otp(spent)).get_data(as_text=True)
    response = post_code(client, totp.generate_otp(spent + 1))
    assert (response.status_code, response.location) == (303, "/staff/")


def test_a_wrong_enrolment_code_sets_nothing_up(app, client, people):
    password_step(client, people.newcomer)
    client.get("/it/account/login/enrol")

    response = post_code(client, "000000", "/it/account/login/enrol")

    assert WRONG in response.get_data(as_text=True)
    assert client.get("/staff/").status_code == 302
    with app.app_context():
        assert user_row(people.newcomer).totp_enabled_at is None


def test_staff_sign_in_with_a_code_and_the_same_code_does_not_work_twice(app, client, people):
    code = pyotp.TOTP(TOTP_SECRET).now()
    assert password_step(client, people.staff).location == "/it/account/login/code"
    assert client.get("/staff/").status_code == 302  # not signed in yet

    first = post_code(client, code)
    assert (first.status_code, first.location) == (303, "/staff/")
    assert client.get("/staff/").status_code == 200

    logout(client)
    password_step(client, people.staff)
    again = post_code(client, code)
    assert WRONG in again.get_data(as_text=True)
    assert client.get("/staff/").status_code == 302


def test_a_recovery_code_works_once(app, client, people):
    _, codes = enrol(client, people.newcomer)
    logout(client)

    password_step(client, people.newcomer)
    first = post_code(client, codes[3].upper().replace("-", " "))
    assert first.status_code == 303
    assert client.get("/staff/").status_code == 200
    logout(client)

    password_step(client, people.newcomer)
    second = post_code(client, codes[3])
    assert WRONG in second.get_data(as_text=True)
    assert client.get("/staff/").status_code == 302
    with app.app_context():
        left = db.session.scalar(select(func.count(RecoveryCode.id)).where(
            RecoveryCode.used_at.is_(None)))
        assert left == 9


def test_five_wrong_codes_send_the_user_back_to_the_password(client, people):
    password_step(client, people.staff)
    for _ in range(4):
        assert WRONG in post_code(client, "123456").get_data(as_text=True)

    last = post_code(client, "123456")

    assert last.location == "/it/account/login"
    assert client.get("/it/account/login/code").location == "/it/account/login"


def test_the_code_page_without_a_password_step_sends_to_sign_in(client, people):
    response = client.get("/it/account/login/code")
    assert response.location == "/it/account/login"
    response = client.get("/it/account/login/enrol")
    assert response.location == "/it/account/login"


def test_members_without_an_app_sign_in_with_the_password_alone(client, people):
    response = password_step(client, people.member)
    assert (response.status_code, response.location) == (303, "/coop/")


def test_a_staff_session_without_a_second_factor_is_ended(app, client, people):
    with client.session_transaction() as session, app.app_context():
        session["_user_id"] = user_row(people.newcomer).get_id()
        session["_fresh"] = True

    assert client.get("/staff/").location.startswith("/it/account/login")


def test_a_member_switches_codes_on_and_then_signs_in_with_one(app, client, people):
    login_response = password_step(client, people.member)
    assert login_response.location == "/coop/"
    html = client.get("/coop/security").get_data(as_text=True)
    secret = shown_secret(html)

    page = post_code(client, pyotp.TOTP(secret).now(), "/coop/security/enable")

    assert page.status_code == 200 and "I tuoi codici di recupero" in page.get_data(as_text=True)
    logout(client)
    assert password_step(client, people.member).location == "/it/account/login/code"
    response = post_code(client, pyotp.TOTP(secret).at(time.time() + two_factor.STEP_SECONDS))
    assert response.location == "/coop/"


def test_a_member_switches_codes_off_with_a_current_code(app, client, people):
    password_step(client, people.member)
    secret = shown_secret(client.get("/coop/security").get_data(as_text=True))
    post_code(client, pyotp.TOTP(secret).now(), "/coop/security/enable")

    wrong = post_code(client, "000000", "/coop/security/disable")
    assert wrong.status_code == 400
    off = post_code(client, pyotp.TOTP(secret).at(time.time() + two_factor.STEP_SECONDS),
                    "/coop/security/disable")

    assert off.location == "/coop/security"
    with app.app_context():
        row = user_row(people.member)
        assert (row.totp_secret, row.totp_enabled_at) == (None, None)
        assert [e.action for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))
                ] == ["user.two_factor_enable", "user.two_factor_disable"]


def test_the_page_asked_for_is_opened_after_the_code(client, people):
    assert client.get("/staff/fulfilments?status=new").location == \
        "/it/account/login?next=/staff/fulfilments?status%3Dnew"
    token = csrf_token(client, "/it/account/login")
    client.post("/it/account/login", data={
        "email": people.staff, "password": PASSWORD, "next": "/staff/fulfilments?status=new",
        "csrf_token": token})

    response = post_code(client, pyotp.TOTP(TOTP_SECRET).now())

    assert response.location == "/staff/fulfilments?status=new"
