"""Declarative base with a constraint naming convention, and the column types shared by domains."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

from sqlalchemy import DateTime, MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Now, timezone-aware UTC: the only clock column defaults use."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always read back timezone-aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# SQLite needs help to behave like the production database. The driver's own transaction
# handling is switched off and SQLAlchemy emits BEGIN itself, so that a transaction that
# will write (placing an order, moving stock) can start as BEGIN IMMEDIATE and take the
# write lock before it reads, instead of failing on commit when another writer got there
# first. SQLite ignores SELECT ... FOR UPDATE; BEGIN IMMEDIATE is its equivalent.
WRITE_INTENT = "shop_write_intent"


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    """SQLite: WAL journal, foreign keys on, wait for a lock instead of failing at once."""
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


_writing: ContextVar[bool] = ContextVar("shop_writing", default=False)


@contextmanager
def writing():
    """Inside, every transaction that begins is a writer (SQLite: BEGIN IMMEDIATE).

    Wrapped around each POST request and the worker: they change state, often in more than
    one transaction (an order, then its payment session).
    """
    token = _writing.set(True)
    try:
        yield
    finally:
        _writing.reset(token)


@event.listens_for(Engine, "begin")
def _sqlite_begin(conn):
    if conn.dialect.name == "sqlite":
        immediate = conn.get_execution_options().get(WRITE_INTENT) or _writing.get()
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


_FLUSHED = "shop_flushed"


@event.listens_for(Session, "after_flush")
def _remember_flush(session, flush_context):
    session.info[_FLUSHED] = True


@event.listens_for(Session, "after_transaction_end")
def _forget_flush(session, transaction):
    if transaction.parent is None:
        session.info.pop(_FLUSHED, None)


def begin_write(session) -> None:
    """Start the session's transaction as a writer (SQLite: BEGIN IMMEDIATE).

    Call it first thing in an operation that reads then writes contended rows. A read-only
    transaction already open is ended first (it has nothing to lose); one holding changes
    is a programming error.
    """
    if isinstance(session, scoped_session):
        session = session()
    if session.get_bind().dialect.name != "sqlite" or _writing.get():
        return
    if session.in_transaction():
        if session.new or session.dirty or session.deleted or session.info.get(_FLUSHED):
            raise RuntimeError("begin_write() called in a transaction that already wrote")
        session.rollback()
    session.connection(execution_options={WRITE_INTENT: True})
