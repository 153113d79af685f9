"""The search change log read by several indexes: each one's cursor, and pruning behind them all.

Every host keeps its own index (SEARCH_INDEX_DIR) and reads the one `search_update` log in
the shared database by sequence: it applies the rows past its cursor and moves the cursor on.
A row is deleted once every live index has passed it; an index silent for longer than
SEARCH_INDEX_STALE_AFTER no longer holds rows back, and if rows it had not read are pruned
it is marked to rebuild from the catalog when it comes back.

Why a cursor can trust the ids: they are handed out in commit order. On SQLite there is one
writer at a time. On PostgreSQL a sequence value is taken at insert, not at commit, so two
transactions could commit their rows out of order and a reader that had seen id 11 would
skip id 10 committing just after. So the rows are inserted at the very end of the
transaction (shop.search.queue, in `before_commit`) under a transaction-level advisory lock,
released by the commit: whoever inserts later also commits later. The lock is always the
last one a transaction takes and its holder takes no other, so it cannot deadlock; it is
held only for the insert and the commit.

Moving a cursor and pruning are one short transaction that locks every cursor row in name
order first (so two hosts doing it at once wait for each other instead of deadlocking),
moves the index's own row, then deletes what every live index has read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, exists, func, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from shop.db import begin_write, utcnow
from shop.extensions import db
from shop.search.models import SearchIndexCursor, SearchUpdate

# pg_advisory_xact_lock key of the log's commit lock ("search" in hex, give or take).
COMMIT_LOCK = 0x5EA4C4
# An index that finds nothing to read still says it is alive this often.
TOUCH_EVERY = timedelta(seconds=60)


def lock_for_commit(connection: Connection) -> None:
    """Take the log's commit lock (PostgreSQL) before inserting rows in the ending transaction."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": COMMIT_LOCK})


def _writer() -> Session:
    session = Session(db.engine)
    begin_write(session)
    return session


def cursor_of(session: Session, name: str) -> SearchIndexCursor | None:
    return session.get(SearchIndexCursor, name)


def start_rebuild(name: str) -> int:
    """Before an index reads the catalog: the newest change it will hold, kept from pruning.

    The cursor moves to the newest committed row and is marked as rebuilding: rows after it
    are kept for the index, and if the rebuild dies the mark makes the next reader rebuild.
    """
    with _writer() as session:
        newest = session.scalar(select(func.max(SearchUpdate.id))) or 0
        cursor = session.get(SearchIndexCursor, name, with_for_update=True)
        if cursor is None:
            session.add(SearchIndexCursor(name=name, position=newest, needs_rebuild=True,
                                          last_seen=utcnow()))
        else:
            # Never back: an emptied log reads 0, and the ids the index read were committed.
            newest = max(newest, cursor.position)
            cursor.position, cursor.needs_rebuild, cursor.last_seen = newest, True, utcnow()
        session.commit()
    return newest


def finish_rebuild(name: str, stale_after: timedelta) -> int:
    """The rebuilt index is live: unmark it, then prune. Returns the rows pruned."""
    return _move(name, None, stale_after, rebuilt=True)


def advance(name: str, position: int, stale_after: timedelta) -> int:
    """The index holds every change up to `position`: move its cursor there (never back),
    then prune. Returns the rows pruned."""
    return _move(name, position, stale_after)


def touch(name: str, stale_after: timedelta) -> int:
    """An idle index is still alive: say so, then prune. Returns the rows pruned."""
    return _move(name, None, stale_after)


def prune(stale_after: timedelta, now: datetime | None = None) -> int:
    """Delete the rows every live index has read; mark stale indexes that lose unread rows.

    Returns how many rows were deleted. With no live index nothing is deleted: the first
    index to come will rebuild and then read the rest.
    """
    return _move(None, None, stale_after, now=now)


def _move(name: str | None, position: int | None, stale_after: timedelta, *,
          rebuilt: bool = False, now: datetime | None = None) -> int:
    now = now or utcnow()
    with _writer() as session:
        cursors = list(session.scalars(select(SearchIndexCursor)
                                       .order_by(SearchIndexCursor.name).with_for_update()))
        for cursor in cursors:
            if cursor.name == name:
                cursor.last_seen = now
                if position is not None and position > cursor.position:
                    cursor.position = position
                if rebuilt:
                    cursor.needs_rebuild = False
        deleted = _prune(session, cursors, now - stale_after)
        session.commit()
        return deleted


def _prune(session: Session, cursors: list[SearchIndexCursor], alive_since: datetime) -> int:
    alive = [c for c in cursors if c.last_seen >= alive_since]
    if not alive:
        return 0
    horizon = min(c.position for c in alive)
    for cursor in cursors:
        if cursor in alive or cursor.position >= horizon or cursor.needs_rebuild:
            continue
        unread = session.scalar(select(exists().where(SearchUpdate.id > cursor.position,
                                                      SearchUpdate.id <= horizon)))
        if unread:
            cursor.needs_rebuild = True
    return session.execute(delete(SearchUpdate).where(SearchUpdate.id <= horizon)).rowcount or 0


def forget(name: str) -> bool:
    """Unregister an index (a host taken away for good); True if it was registered."""
    with _writer() as session:
        gone = session.execute(delete(SearchIndexCursor).where(SearchIndexCursor.name == name))
        session.commit()
        return bool(gone.rowcount)


@dataclass(frozen=True)
class IndexState:
    name: str
    position: int
    behind: int
    last_seen: datetime
    needs_rebuild: bool
    alive: bool


def states(stale_after: timedelta, now: datetime | None = None) -> list[IndexState]:
    """Every registered index: where it is, how many rows it has still to read, if alive."""
    now = now or utcnow()
    with Session(db.engine) as session:
        cursors = list(session.scalars(select(SearchIndexCursor)
                                       .order_by(SearchIndexCursor.name)))
        return [IndexState(c.name, c.position,
                           session.scalar(select(func.count()).select_from(SearchUpdate)
                                          .where(SearchUpdate.id > c.position)) or 0,
                           c.last_seen, c.needs_rebuild, c.last_seen >= now - stale_after)
                for c in cursors]
