"""Two demo encounters for the demo shop (only when there are no events yet)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from shop.events.models import Event, EventStatus, EventTranslation
from shop.extensions import db

MILAN = ZoneInfo("Europe/Rome")

DEMO_EVENTS = (
    (14, "Negozio Viale dei Mille", "Viale dei Mille 24, Milano", 30,
     "Il pane di Opera: una serata con il laboratorio di panificazione",
     "Opera's bread: an evening with the bakery workshop",
     "La responsabile del laboratorio racconta come si organizza il lavoro in un forno dentro "
     "il carcere: turni, formazione, ricette. Assaggi a fine serata.",
     "The head of the workshop tells how work is organised in a bakery inside the prison: "
     "shifts, training, recipes. Tastings at the end of the evening."),
    (35, "Biblioteca Venezia", "Via Frisi 2/4, Milano", 60,
     "Lavorare dentro, ricominciare fuori", "Working inside, starting again outside",
     "Cooperative, educatori e imprese parlano di lavoro in carcere e di ciò che serve dopo "
     "la pena. Ingresso libero con iscrizione.",
     "Cooperatives, educators and companies talk about work in prison and what is needed "
     "after the sentence. Free entry with registration."),
)


def seed_demo_events(today: datetime) -> None:
    """Add the demo encounters once; a shop that has any event keeps its own."""
    if db.session.scalar(select(Event.id).limit(1)) is not None:
        return
    for days, place, address, capacity, title_it, title_en, text_it, text_en in DEMO_EVENTS:
        day = (today.astimezone(MILAN) + timedelta(days=days)).date()
        start = datetime.combine(day, time(18, 30), tzinfo=MILAN)
        event = Event(starts_at=start, ends_at=start + timedelta(hours=2), place=place,
                      address=address, capacity=capacity, status=EventStatus.PUBLISHED)
        event.translations = [
            EventTranslation(locale="it", title=title_it, description=text_it),
            EventTranslation(locale="en", title=title_en, description=text_en)]
        db.session.add(event)
