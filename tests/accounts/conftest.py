"""People for the account tests: an admin, staff with and without an app, a member."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyotp
import pytest
from sqlalchemy import func, select

from shop.accounts.models import Role, User
from shop.audit.models import AuditEntry
from shop.extensions import db
from tests.conftest import csrf_token
from tests.fixtures.factories import make_cooperative
from tests.fixtures.orders import PASSWORD, admin, member, staff, user


@dataclass
class People:
    admin: str = "capo@example.org"
    staff: str = "negozio@example.org"  # has an authenticator app (factory secret)
    newcomer: str = "nuova@example.org"  # staff, no app yet
    member: str = "anna@filo.example"
    customer: str = "giulia@example.org"
    cooperative_id: int = 0
    other_cooperative_id: int = 0


@pytest.fixture
def people(app) -> People:
    with app.app_context():
        filo = make_cooperative("filo", "Filo Dritto")
        legno = make_cooperative("legno", "Legno Buono", craft="carpentry")
        admin("capo@example.org")
        staff("negozio@example.org")
        newcomer = user("nuova@example.org", Role.STAFF)
        newcomer.totp_secret = newcomer.totp_enabled_at = None
        member(filo, "anna@filo.example")
        user("giulia@example.org", Role.CUSTOMER)
        db.session.commit()
        return People(cooperative_id=filo.id, other_cooperative_id=legno.id)


def password_step(client, email: str, password: str = PASSWORD, lang: str = "it"):
    token = csrf_token(client, f"/{lang}/account/login")
    return client.post(f"/{lang}/account/login",
                       data={"email": email, "password": password, "csrf_token": token})


def post_code(client, code: str, path: str = "/it/account/login/code"):
    return client.post(path, data={"code": code, "csrf_token": csrf_token(client, path)})


def shown_secret(html: str) -> str:
    return re.search(r"data-secret>([A-Z2-7 ]+)<", html)[1].replace(" ", "")


def enrol(client, email: str) -> tuple[str, list[str]]:
    """Password, then set up the app from the secret shown; returns it and the codes."""
    response = password_step(client, email)
    assert response.location == "/it/account/login/enrol"
    secret = shown_secret(client.get("/it/account/login/enrol").get_data(as_text=True))
    page = post_code(client, pyotp.TOTP(secret).now(), "/it/account/login/enrol")
    assert page.status_code == 200
    codes = re.findall(r"<li>([a-z2-9]{4}(?:-[a-z2-9]{4}){3})</li>", page.get_data(as_text=True))
    return secret, codes


def logout(client) -> None:
    client.post("/it/account/logout",
                data={"csrf_token": csrf_token(client, "/it/account/password-reset")})


def user_row(email: str) -> User:
    return db.session.scalar(select(User).where(User.email == email))


def audit_count() -> int:
    return db.session.scalar(select(func.count(AuditEntry.id)))
