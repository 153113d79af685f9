"""Encounters: registration up to capacity (also under concurrency), calendar file, cancel link."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import func, select

from shop.audit.models import AuditEntry
from shop.db import utcnow
from shop.events.models import Event, EventTranslation, Registration
from shop.extensions import db
from shop.notifications.models import OutboxMessage
from tests.conftest import csrf_token
from tests.fixtures.orders import staff, user
from tests.web.conftest import login


@pytest.fixture
def event_id(app) -> int:
    with app.app_context():
        start = (utcnow() + timedelta(days=10)).replace(hour=17, minute=30, second=0,
                                                        microsecond=0)
        event = Event(starts_at=start, ends_at=start + timedelta(hours=2),
                      place="Negozio Viale dei Mille", address="Viale dei Mille 24, Milano",
                      capacity=3, status="published")
        event.translations = [
            EventTranslation(locale="it", title="Il lavoro dentro", description="Un incontro."),
            EventTranslation(locale="en", title="Work inside", description="A talk.")]
        db.session.add(event)
        db.session.commit()
        return event.id


def register(client, event_id: int, name: str, email: str, lang: str = "it", token=None):
    url = f"/{lang}/events/{event_id}"
    return client.post(url, data={"name": name, "email": email,
                                  "csrf_token": token or csrf_token(client, url)})


def confirmed(app, event_id: int) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Registration.id)).where(
            Registration.event_id == event_id, Registration.status == "confirmed"))


def test_the_events_page_lists_upcoming_events_with_seats_left(app, client, event_id):
    page = client.get("/en/events").get_data(as_text=True)
    assert "Work inside" in page and "3 seats left" in page


def test_registering_takes_a_seat_and_mails_a_calendar_file(app, client, event_id):
    response = register(client, event_id, "Lucia", "Lucia@Example.org", lang="en")

    assert (response.status_code, response.location) == (303, f"/en/events/{event_id}")
    assert "2 seats left" in client.get(f"/en/events/{event_id}").get_data(as_text=True)
    with app.app_context():
        mail = db.session.scalar(select(OutboxMessage))
        assert (mail.recipient, mail.subject) == ("lucia@example.org", "Your seat: Work inside")
        [attachment] = mail.attachments
        assert attachment["filename"] == "event.ics"
        calendar = Calendar.from_ical(attachment["data"])
        [vevent] = calendar.walk("VEVENT")
        event = db.session.get(Event, event_id)
        assert vevent.decoded("dtstart") == event.starts_at
        assert vevent.decoded("dtend") == event.ends_at
        assert str(vevent["summary"]) == "Work inside"
        assert "Viale dei Mille 24" in str(vevent["location"])


def test_a_full_event_refuses_the_next_person_with_a_message(app, client, event_id):
    token = csrf_token(client, f"/it/events/{event_id}")
    for n in range(3):
        assert register(client, event_id, f"P{n}", f"p{n}@example.org").status_code == 303
    assert "Completo" in client.get(f"/it/events/{event_id}").get_data(as_text=True)
    refused = register(client, event_id, "Tardi", "tardi@example.org", token=token)

    assert refused.status_code == 409
    assert "Spiacenti, tutti i posti sono occupati." in refused.get_data(as_text=True)
    assert confirmed(app, event_id) == 3


def test_the_same_email_cannot_take_two_seats(app, client, event_id):
    register(client, event_id, "Lucia", "lucia@example.org")
    again = register(client, event_id, "Lucia", "LUCIA@example.org", lang="en")

    assert again.status_code == 409
    assert "already registered" in again.get_data(as_text=True)
    assert confirmed(app, event_id) == 1


def test_concurrent_registrations_for_the_last_seat_give_exactly_one(app, event_id):
    with app.app_context():
        db.session.get(Event, event_id).capacity = 1
        db.session.commit()
    people = 8
    clients = [app.test_client() for _ in range(people)]
    tokens = [csrf_token(c, f"/it/events/{event_id}") for c in clients]
    barrier = threading.Barrier(people)
    statuses = []

    def attempt(n):
        barrier.wait(timeout=10)
        response = clients[n].post(f"/it/events/{event_id}", data={
            "name": f"P{n}", "email": f"p{n}@example.org", "csrf_token": tokens[n]})
        statuses.append(response.status_code)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(statuses) == [303] + [409] * (people - 1)
    assert confirmed(app, event_id) == 1


def test_the_cancel_link_gives_the_seat_back_once(app, client, event_id):
    register(client, event_id, "Lucia", "lucia@example.org")
    with app.app_context():
        body = db.session.scalar(select(OutboxMessage.body_text))
    link = re.search(r"http://localhost(/it/events/registrations/\S+)", body)[1]

    page = client.get(link)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    done = client.post(link, data={"csrf_token": csrf_token(client, link)})

    assert (done.status_code, done.location) == (303, "/it/events")
    assert confirmed(app, event_id) == 0
    assert client.get(link).status_code == 410


def test_a_draft_event_is_not_public(app, client, event_id):
    with app.app_context():
        db.session.get(Event, event_id).status = "draft"
        db.session.commit()

    assert client.get(f"/it/events/{event_id}").status_code == 404
    assert "Il lavoro dentro" not in client.get("/it/events").get_data(as_text=True)


def test_staff_create_an_event_and_see_who_registered(app, client, event_id):
    with app.app_context():
        staff("negozio@example.org")
        db.session.commit()
    register(app.test_client(), event_id, "Lucia", "lucia@example.org")
    login(client, "negozio@example.org")

    created = client.post("/staff/events/new", data={
        "title_it": "Pane e libertà", "title_en": "Bread and freedom",
        "description_it": "", "description_en": "", "starts_at": "2031-03-05T18:00",
        "ends_at": "2031-03-05T20:00", "place": "Biblioteca", "address": "", "capacity": "40",
        "status": "published", "csrf_token": csrf_token(client, "/staff/events/new")})
    assert created.status_code == 303
    with app.app_context():
        event = db.session.scalar(select(Event).where(Event.place == "Biblioteca"))
        assert event.starts_at.isoformat() == "2031-03-05T17:00:00+00:00"  # 18:00 in Milan
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "event.create"))
        assert entry.after["title_en"] == "Bread and freedom"
    attendees = client.get(f"/staff/events/{event_id}/attendees").get_data(as_text=True)
    assert "lucia@example.org" in attendees and "1 di 3 posti occupati" in attendees


def test_staff_cannot_shrink_seats_below_registrations(app, client, event_id):
    with app.app_context():
        staff("negozio@example.org")
        db.session.commit()
    register(app.test_client(), event_id, "A", "a@example.org")
    register(app.test_client(), event_id, "B", "b@example.org")
    login(client, "negozio@example.org")
    url = f"/staff/events/{event_id}"

    response = client.post(url, data={
        "title_it": "Il lavoro dentro", "title_en": "Work inside", "starts_at": "2031-03-05T18:00",
        "ends_at": "2031-03-05T20:00", "place": "X", "capacity": "1", "status": "published",
        "csrf_token": csrf_token(client, url)})

    assert response.status_code == 400
    with app.app_context():
        assert db.session.get(Event, event_id).capacity == 3


@pytest.mark.parametrize("role", ["anonymous", "customer"])
def test_outsiders_cannot_manage_events(app, client, event_id, role):
    if role == "customer":
        with app.app_context():
            from shop.accounts.models import Role

            user("cliente@example.org", Role.CUSTOMER)
            db.session.commit()
        login(client, "cliente@example.org")
    for url in ("/staff/events", "/staff/events/new", f"/staff/events/{event_id}",
                f"/staff/events/{event_id}/attendees"):
        assert client.get(url).status_code in (302, 404)
        assert client.post(url, data={"place": "Hacked"}).status_code in (302, 400, 404, 405)
    with app.app_context():
        assert db.session.get(Event, event_id).place == "Negozio Viale dei Mille"
        assert db.session.scalar(select(func.count(Event.id))) == 1
