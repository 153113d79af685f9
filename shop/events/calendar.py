"""An event as an iCalendar file (RFC 5545), for the registration email."""

from __future__ import annotations

from icalendar import Calendar
from icalendar import Event as CalendarEvent


def event_ics(event, locale: str) -> str:
    """One VEVENT with the event's title, time, place and description in `locale`."""
    text = event.tr(locale)
    calendar = Calendar()
    calendar.add("prodid", "-//Consorzio Viale dei Mille//Incontri//IT")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    item = CalendarEvent()
    item.add("uid", f"event-{event.id}@vialedeimille")
    item.add("dtstamp", event.created_at)
    item.add("dtstart", event.starts_at)
    item.add("dtend", event.ends_at)
    item.add("summary", text.title if text else "")
    item.add("location", ", ".join(p for p in (event.place, event.address) if p))
    if text and text.description:
        item.add("description", text.description)
    calendar.add_component(item)
    return calendar.to_ical().decode()
