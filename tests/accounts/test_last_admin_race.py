"""Two admins switching each other off at the same moment: one wins, an admin remains.

Each admin is a test client in its own thread, signed in and holding the form's token; a
barrier releases them together. On PostgreSQL the admin rows are locked (FOR UPDATE), on
SQLite the writers queue (BEGIN IMMEDIATE).
"""

from __future__ import annotations

import threading

from sqlalchemy import select

from shop.accounts.models import Role, User
from shop.extensions import db
from tests.conftest import csrf_token
from tests.fixtures.orders import admin
from tests.web.conftest import login


def test_two_admins_switching_each_other_off_leave_one_active(app, people):
    with app.app_context():
        admin("seconda@example.org")
        db.session.commit()
        ids = {email: db.session.scalar(select(User.id).where(User.email == email))
               for email in (people.admin, "seconda@example.org")}
    plans = []
    for me, other in ((people.admin, "seconda@example.org"), ("seconda@example.org",
                                                              people.admin)):
        client = app.test_client()
        login(client, me)
        url = f"/staff/users/{ids[other]}"
        plans.append((client, f"{url}/deactivate", csrf_token(client, url)))
    barrier = threading.Barrier(len(plans))
    statuses: list = [None] * len(plans)

    def go(i, client, path, token):
        barrier.wait()
        statuses[i] = client.post(path, data={"csrf_token": token}).status_code

    threads = [threading.Thread(target=go, args=(i, *plan)) for i, plan in enumerate(plans)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    # The loser is refused (409), or finds itself switched off: signed out (302) if it
    # came second, or its page gone (404) if it was switched off while it waited.
    assert sorted(statuses) in ([302, 303], [303, 409], [303, 404]), statuses
    with app.app_context():
        active = db.session.scalars(select(User.email).where(
            User.role == Role.ADMIN, User.active.is_(True))).all()
        assert len(active) == 1
