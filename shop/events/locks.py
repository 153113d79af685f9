"""The event row's lock: registrations for one event line up behind it.

PostgreSQL: SELECT ... FOR UPDATE on the event, then the seats are counted; two people
asking for the last seat at once get it once. SQLite: the POST's transaction began with
BEGIN IMMEDIATE and holds the database's write lock. Take it alone (no other row locks are
held while registering), so it adds nothing to the shop's lock order.
"""

from __future__ import annotations

from sqlalchemy import select

from shop.events.models import Event
from shop.extensions import db


def lock_event(event_id: int) -> Event | None:
    return db.session.scalar(select(Event).where(Event.id == event_id).with_for_update()
                             .execution_options(populate_existing=True))
