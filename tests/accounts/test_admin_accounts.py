"""Admins invite people, change roles and switch accounts off; each change is audited once."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from shop.accounts import admin as accounts
from shop.accounts.models import Invitation, Role, User
from shop.audit.context import acting_as
from shop.audit.models import AuditEntry
from shop.db import utcnow
from shop.extensions import db
from shop.notifications.models import OutboxMessage
from tests.accounts.conftest import audit_count, user_row
from tests.conftest import csrf_token
from tests.web.conftest import login

NEW_PASSWORD = "una-nuova-password"


def invite(client, email: str, role: str = "staff", cooperative: str = "", locale: str = "it"):
    token = csrf_token(client, "/staff/users/invite")
    return client.post("/staff/users/invite", data={
        "email": email, "name": "Nadia", "role": role, "cooperative": cooperative,
        "locale": locale, "csrf_token": token})


def invitation_path(app) -> str:
    with app.app_context():
        body = db.session.scalar(select(OutboxMessage.body_text)
                                 .where(OutboxMessage.kind == "invitation")
                                 .order_by(OutboxMessage.id.desc()).limit(1))
    return re.search(r"http://127\.0\.0\.1:5000(/\w\w/account/invitation/\S+)", body)[1]


def choose_password(client, path: str, password: str = NEW_PASSWORD):
    token = csrf_token(client, "/it/account/login")  # the link's page may have no form
    return client.post(path, data={"password": password, "confirm": password,
                                   "csrf_token": token})


def test_an_invited_member_gets_an_email_in_their_language_and_the_link_works_once(
        app, client, people):
    login(client, people.admin)
    response = invite(client, "Marco@Legno.example", "coop", str(people.other_cooperative_id),
                      locale="en")
    assert (response.status_code, response.location) == (303, "/staff/users")
    with app.app_context():
        mail = db.session.scalars(select(OutboxMessage)).one()
        assert (mail.recipient, mail.locale, mail.subject) == (
            "marco@legno.example", "en", "You are invited to the Viale dei Mille back office")
        assert "as cooperative member" in mail.body_text and "72 hours" in mail.body_text
        assert "<a href=\"http://127.0.0.1:5000/en/account/invitation/" in mail.body_html
        invitation = db.session.scalars(select(Invitation)).one()
        assert invitation.expires_at - invitation.created_at == timedelta(hours=72)
    path = invitation_path(app)
    assert path.startswith("/en/account/invitation/")
    client.post("/it/account/logout", data={"csrf_token": csrf_token(client, "/staff/users")})

    page = client.get(path)
    assert page.status_code == 200 and "marco@legno.example" in page.get_data(as_text=True)
    done = choose_password(client, path)
    assert (done.status_code, done.location) == (303, "/en/account/login")

    again = client.get(path)
    assert again.status_code == 410
    assert choose_password(client, path, "unaltra-password").status_code == 410
    with app.app_context():
        marco = user_row("marco@legno.example")
        assert (marco.role, marco.cooperative_id, marco.locale, marco.name) == (
            "coop", people.other_cooperative_id, "en", "Nadia")
        assert marco.check_password("una-nuova-password")
        assert [e.action for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))
                ] == ["invitation.create", "invitation.accept"]
    login(client, "marco@legno.example", "una-nuova-password", lang="en")
    assert client.get("/coop/").status_code == 200


def test_an_invitation_link_expires_after_72_hours(app, client, people):
    links = {}
    with app.test_request_context():
        boss = user_row(people.admin)
        for hours in (71, 73):
            accounts.invite(boss, f"ore{hours}@example.org", "staff",
                            lambda token, locale, h=hours: links.setdefault(h, token),
                            now=utcnow() - timedelta(hours=hours))
        db.session.commit()

    assert client.get(f"/it/account/invitation/{links[73]}").status_code == 410
    assert choose_password(client, f"/it/account/invitation/{links[73]}").status_code == 410
    assert client.get(f"/it/account/invitation/{links[71]}").status_code == 200
    with app.app_context():
        assert user_row("ore73@example.org") is None


def test_inviting_an_existing_address_is_refused_with_a_message(app, client, people):
    login(client, people.admin)
    before = None
    with app.app_context():
        before = audit_count()

    response = invite(client, people.member, "coop", str(people.cooperative_id))

    assert response.status_code == 400
    assert "Esiste già un account con questa email." in response.get_data(as_text=True)
    with app.app_context():
        assert audit_count() == before
        assert db.session.scalar(select(Invitation.id)) is None


def test_a_role_change_writes_one_audit_entry_and_ends_the_persons_sessions(app, client,
                                                                              people):
    member = app.test_client()
    login(member, people.customer)
    with app.app_context():
        target = user_row(people.customer).id
    login(client, people.admin)
    url = f"/staff/users/{target}"

    response = client.post(f"{url}/role", data={
        "role": "coop", "cooperative": str(people.cooperative_id),
        "csrf_token": csrf_token(client, url)})

    assert (response.status_code, response.location) == (303, url)
    with app.app_context():
        entry = db.session.scalars(select(AuditEntry)).one()
        assert (entry.action, entry.entity, entry.entity_id, entry.actor_email) == (
            "user.update", "user", str(target), people.admin)
        assert entry.before == {"role": "customer", "cooperative_id": None}
        assert entry.after == {"role": "coop", "cooperative_id": people.cooperative_id}
    assert member.get("/coop/").status_code == 302  # the old session is gone


def test_deactivation_writes_one_audit_entry_and_refuses_the_existing_session(app, client,
                                                                               people):
    colleague = app.test_client()
    login(colleague, people.staff)
    assert colleague.get("/staff/").status_code == 200
    with app.app_context():
        target = user_row(people.staff).id
    login(client, people.admin)
    url = f"/staff/users/{target}"

    response = client.post(f"{url}/deactivate", data={"csrf_token": csrf_token(client, url)})

    assert (response.status_code, response.location) == (303, url)
    assert colleague.get("/staff/").location.startswith("/it/account/login")
    with app.app_context():
        entry = db.session.scalars(select(AuditEntry)).one()
        assert (entry.action, entry.entity_id, entry.before, entry.after) == (
            "user.deactivate", str(target), {"active": True}, {"active": False})
        assert user_row(people.staff).active is False
    assert "Account disattivato" in client.get(url).get_data(as_text=True)
    assert login(colleague, people.staff).status_code == 200  # the password alone fails now

    client.post(f"{url}/reactivate", data={"csrf_token": csrf_token(client, url)})
    with app.app_context():
        assert user_row(people.staff).active is True
        assert [e.action for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))
                ] == ["user.deactivate", "user.reactivate"]


def test_the_last_admin_can_neither_switch_off_nor_demote_themselves(app, client, people):
    login(client, people.admin)
    with app.app_context():
        me = user_row(people.admin).id
    url = f"/staff/users/{me}"

    off = client.post(f"{url}/deactivate", data={"csrf_token": csrf_token(client, url)})
    demoted = client.post(f"{url}/role", data={"role": "staff", "cooperative": "",
                                               "csrf_token": csrf_token(client, url)})

    assert off.status_code == 409
    assert "Non puoi disattivare il tuo account." in off.get_data(as_text=True)
    assert demoted.status_code == 409
    assert "almeno un amministratore attivo" in demoted.get_data(as_text=True)
    with app.app_context():
        row = user_row(people.admin)
        assert (row.role, row.active) == ("admin", True)
        assert audit_count() == 0


def test_with_a_second_admin_the_first_may_step_down(app, people):
    with app.app_context():
        boss = user_row(people.admin)
        second = user_row(people.staff)
        with acting_as(boss):
            accounts.change_role(boss, second.id, Role.ADMIN)
            db.session.commit()
            accounts.change_role(boss, boss.id, Role.STAFF)
        db.session.commit()
        assert db.session.scalars(select(User.email).where(User.role == "admin")).all() == [
            people.staff]


def test_the_list_filters_by_role_and_finds_by_email(client, people):
    login(client, people.admin)

    staff_only = client.get("/staff/users?role=staff").get_data(as_text=True)
    found = client.get("/staff/users?q=FILO").get_data(as_text=True)

    assert people.staff in staff_only and people.newcomer in staff_only
    assert people.member not in staff_only and people.customer not in staff_only
    assert people.member in found and people.staff not in found
