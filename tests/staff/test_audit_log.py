"""Every change staff and members make leaves one audit entry; admins filter and export them."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from shop.audit.models import AuditEntry
from shop.extensions import db
from tests.conftest import csrf_token
from tests.staff.conftest import ADMIN_EMAIL
from tests.web.conftest import login


def rows_of(html: str) -> str:
    """The log's table body (the filters list every person too)."""
    return html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""


def entries() -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def test_a_fulfilment_move_writes_exactly_one_entry(app, client, admin_world):
    world = admin_world
    login(client, world.a.member_email)
    url = f"/coop/fulfilments/{world.a.fulfilment_id}"

    client.post(f"{url}/status", data={"to": "accepted", "csrf_token": csrf_token(client, url)})

    with app.app_context():
        [entry] = entries()
        assert (entry.action, entry.entity, entry.entity_id, entry.actor_email) == (
            "fulfilment.advance", "fulfilment", str(world.a.fulfilment_id),
            world.a.member_email)
        assert (entry.before, entry.after) == ({"status": "new"}, {"status": "accepted"})
        assert entry.summary == world.shared_order_number
        assert entry.ip == "127.0.0.1"


def test_a_workshop_correction_writes_exactly_one_entry(app, client, admin_world):
    world = admin_world
    login(client, world.a.member_email)
    url = f"/coop/stock/{world.a.variant_id}"

    client.post(f"{url}/adjust", data={"reason": "production", "quantity": "3",
                                       "note": "Lotto di maggio",
                                       "csrf_token": csrf_token(client, url)})

    with app.app_context():
        [entry] = entries()
        assert (entry.action, entry.entity, entry.actor_email) == (
            "stock.adjust", "stock", world.a.member_email)
        on_hand = entry.before["on_hand"]
        assert entry.after == {"on_hand": on_hand + 3, "reason": "production",
                               "note": "Lotto di maggio"}


def audit_world(app, world) -> None:
    """Two members move their parts; one entry is back-dated to last year."""
    for side in (world.a, world.b):
        client = app.test_client()
        login(client, side.member_email)
        url = f"/coop/fulfilments/{side.fulfilment_id}"
        client.post(f"{url}/status", data={"to": "accepted",
                                           "csrf_token": csrf_token(client, url)})
    url = f"/coop/stock/{world.b.variant_id}"
    client.post(f"{url}/adjust", data={"reason": "damaged", "quantity": "1",
                                       "csrf_token": csrf_token(client, url)})
    with app.app_context():
        old = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).first()
        old.at = datetime(2025, 3, 10, 12, tzinfo=UTC)
        db.session.commit()


def test_admins_filter_the_log_by_person_kind_and_date(app, client, admin_world):
    world = admin_world
    audit_world(app, world)
    login(client, ADMIN_EMAIL)
    with app.app_context():
        marco = db.session.scalar(select(AuditEntry.actor_id).where(
            AuditEntry.actor_email == world.b.member_email))

    everything = client.get("/staff/audit").get_data(as_text=True)
    by_person = rows_of(client.get(f"/staff/audit?person={marco}").get_data(as_text=True))
    by_kind = rows_of(client.get("/staff/audit?action=stock.adjust").get_data(as_text=True))
    by_date = rows_of(client.get("/staff/audit?date_from=2025-03-10&date_to=2025-03-10")
                      .get_data(as_text=True))

    assert "3 modifiche" in everything and "Parte d&#39;ordine avanzata" in everything
    assert '<span class="change-before">new</span> → accepted' in everything
    assert world.b.member_email in by_person and world.a.member_email not in by_person
    assert world.a.member_email in rows_of(everything)
    assert by_kind.count("<tr>") == 1 and "Scorte corrette" in by_kind
    assert "Nessuna modifica" in client.get("/staff/audit?date_to=2020-01-01").get_data(
        as_text=True)
    assert world.a.member_email in by_date and world.b.member_email not in by_date


def test_the_csv_holds_the_filtered_entries_of_every_page(app, client, admin_world):
    world = admin_world
    audit_world(app, world)
    today = datetime.now(UTC).date()
    login(client, ADMIN_EMAIL)

    response = client.get(f"/staff/audit.csv?date_from={today - timedelta(days=1)}"
                          "&action=fulfilment.advance")

    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="audit-log.csv"'
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["at_utc", "actor_email", "ip", "action", "entity", "entity_id",
                       "summary", "before", "after"]
    assert [row[1:7] for row in rows[1:]] == [
        [world.b.member_email, "127.0.0.1", "fulfilment.advance", "fulfilment",
         str(world.b.fulfilment_id), world.shared_order_number]]
    assert rows[1][7:] == ['{"status": "new"}', '{"status": "accepted"}']


def test_plain_staff_find_no_audit_log(client, admin_world):
    login(client, admin_world.staff_email)
    assert client.get("/staff/audit").status_code == 404
    assert client.get("/staff/audit.csv").status_code == 404
    assert client.get("/staff/users").status_code == 404
