"""Events: list what is coming, register (never past capacity), cancel by link, staff edits."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select

from shop.accounts.access import staff_actor
from shop.audit.services import record, snapshot
from shop.db import utcnow
from shop.events.calendar import event_ics
from shop.events.errors import (
    AlreadyRegistered,
    EventClosed,
    EventFull,
    EventNotFound,
    InvalidEvent,
    RegistrationNotFound,
)
from shop.events.locks import lock_event
from shop.events.models import (
    Event,
    EventStatus,
    EventTranslation,
    Registration,
    RegistrationStatus,
)
from shop.extensions import db
from shop.notifications.services import enqueue_email

LOCALES = ("it", "en")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def seats_taken(event_ids: list[int]) -> dict[int, int]:
    """Confirmed seats per event."""
    if not event_ids:
        return {}
    rows = db.session.execute(
        select(Registration.event_id, func.count(Registration.id))
        .where(Registration.event_id.in_(event_ids),
               Registration.status == RegistrationStatus.CONFIRMED)
        .group_by(Registration.event_id))
    return {event_id: int(count) for event_id, count in rows}


@dataclass(frozen=True)
class EventListing:
    event: Event
    taken: int

    @property
    def seats_left(self) -> int:
        return max(self.event.capacity - self.taken, 0)


def upcoming_events(now: datetime | None = None) -> list[EventListing]:
    """Published events that have not ended, soonest first, with their free seats."""
    now = now or utcnow()
    events = db.session.scalars(
        select(Event).where(Event.status == EventStatus.PUBLISHED, Event.ends_at > now)
        .order_by(Event.starts_at)).all()
    taken = seats_taken([e.id for e in events])
    return [EventListing(e, taken.get(e.id, 0)) for e in events]


def public_event(event_id: int) -> EventListing:
    event = db.session.get(Event, event_id)
    if event is None or event.status == EventStatus.DRAFT:
        raise EventNotFound(event_id)
    return EventListing(event, seats_taken([event.id]).get(event.id, 0))


def register(event_id: int, name: str, email: str, locale: str,
             cancel_url: Callable[[str], str], now: datetime | None = None) -> Registration:
    """Take a seat for this person, or refuse (full, closed, already registered).

    The event row is locked first, so the last seat goes to exactly one of two people
    asking at the same moment. A confirmation with a calendar file is queued.
    """
    now = now or utcnow()
    email = _valid_email(email)
    name = (name or "").strip()[:120]
    if not name:
        raise InvalidEvent("name")
    event = lock_event(event_id)
    if event is None or event.status == EventStatus.DRAFT:
        raise EventNotFound(event_id)
    if event.status == EventStatus.CANCELLED or event.starts_at <= now:
        raise EventClosed(event_id)
    existing = db.session.scalar(select(Registration).where(
        Registration.event_id == event.id, Registration.email == email))
    if existing is not None and existing.status == RegistrationStatus.CONFIRMED:
        raise AlreadyRegistered(email)
    if seats_taken([event.id]).get(event.id, 0) >= event.capacity:
        raise EventFull(event_id)
    token = secrets.token_urlsafe(24)
    if existing is None:
        existing = Registration(event_id=event.id, email=email)
        db.session.add(existing)
    existing.name, existing.locale = name, locale
    existing.status, existing.cancelled_at = RegistrationStatus.CONFIRMED, None
    existing.cancel_token_hash = _hash(token)
    db.session.flush()
    enqueue_email("event_registration", email, "event_registration", locale=locale,
                  dedupe_key=f"event-registration:{existing.cancel_token_hash[:40]}",
                  event=event, registration=existing, cancel_link=cancel_url(token),
                  attachments=[{"filename": "evento.ics" if locale == "it" else "event.ics",
                                "content_type": "text/calendar; method=PUBLISH",
                                "data": event_ics(event, locale)}])
    return existing


def registration_by_token(token: str) -> Registration:
    row = db.session.scalar(select(Registration).where(
        Registration.cancel_token_hash == _hash(token or "")))
    if row is None or row.status != RegistrationStatus.CONFIRMED:
        raise RegistrationNotFound()
    return row


def cancel_registration(token: str, now: datetime | None = None) -> Registration:
    """Give the seat back (the link works once)."""
    row = registration_by_token(token)
    lock_event(row.event_id)
    row.status, row.cancelled_at = RegistrationStatus.CANCELLED, now or utcnow()
    db.session.flush()
    return row


def _valid_email(email: str) -> str:
    try:
        return validate_email((email or "").strip().lower(),
                              check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise InvalidEvent("email") from exc


# -- staff -------------------------------------------------------------------------------------

@dataclass
class EventData:
    """What the staff form gives: times already parsed and made UTC-aware by the view."""

    starts_at: datetime
    ends_at: datetime
    place: str
    address: str
    capacity: int
    status: str
    titles: dict[str, str]
    descriptions: dict[str, str]


FIELDS = ("starts_at", "ends_at", "place", "address", "capacity", "status")


def staff_events(user) -> list[EventListing]:
    """Every event, newest first, with seats taken."""
    staff_actor(user)
    events = db.session.scalars(select(Event).order_by(Event.starts_at.desc())).all()
    taken = seats_taken([e.id for e in events])
    return [EventListing(e, taken.get(e.id, 0)) for e in events]


def staff_event(user, event_id: int) -> Event:
    staff_actor(user)
    event = db.session.get(Event, event_id)
    if event is None:
        raise EventNotFound(event_id)
    return event


def save_event(user, event_id: int | None, data: EventData) -> Event:
    """Create or change an event; capacity never drops below the seats already taken."""
    staff_actor(user)
    if data.ends_at <= data.starts_at:
        raise InvalidEvent("ends_at")
    if data.status not in set(EventStatus):
        raise InvalidEvent("status")
    event = Event() if event_id is None else staff_event(user, event_id)
    if event_id is not None:
        lock_event(event.id)
        if data.capacity < seats_taken([event.id]).get(event.id, 0):
            raise InvalidEvent("capacity")
    before = {} if event_id is None else {**snapshot(event, FIELDS), **_texts(event)}
    for name in FIELDS:
        setattr(event, name, getattr(data, name))
    by_locale = {t.locale: t for t in event.translations}
    for locale in LOCALES:
        row = by_locale.get(locale) or EventTranslation(locale=locale)
        if row not in event.translations:
            event.translations.append(row)
        row.title = data.titles.get(locale, "").strip()
        row.description = data.descriptions.get(locale, "").strip()
    if event_id is None:
        db.session.add(event)
    db.session.flush()
    record("event.create" if event_id is None else "event.update", "event", event.id,
           before=before, after={**snapshot(event, FIELDS), **_texts(event)},
           summary=event.tr("it").title)
    return event


def _texts(event: Event) -> dict:
    return {f"{kind}_{t.locale}": getattr(t, kind) for t in event.translations
            for kind in ("title", "description")}


def attendees(user, event_id: int) -> tuple[Event, list[Registration]]:
    event = staff_event(user, event_id)
    rows = db.session.scalars(select(Registration).where(Registration.event_id == event.id)
                              .order_by(Registration.status, Registration.created_at)).all()
    return event, list(rows)
