"""Development convenience: send the emails a request queued right after it commits.

Production leaves them to `flask worker`. Nothing is sent for a transaction that rolled
back, because only ids seen in a committed transaction are kept.
"""

from __future__ import annotations

from flask import Flask
from sqlalchemy import event
from sqlalchemy.orm import Session

from shop.notifications.models import OutboxMessage

_PENDING = "outbox_flushed"  # queued in the open transaction
_COMMITTED = "outbox_committed"  # queued in transactions that committed


@event.listens_for(Session, "after_flush")
def _collect(session, flush_context):
    new = [obj for obj in session.new if isinstance(obj, OutboxMessage)]
    if new:
        session.info.setdefault(_PENDING, []).extend(new)


@event.listens_for(Session, "after_commit")
def _committed(session):
    objects = session.info.pop(_PENDING, [])
    if objects:
        session.info.setdefault(_COMMITTED, []).extend(objects)


@event.listens_for(Session, "after_soft_rollback")
def _rolled_back(session, previous_transaction):
    if not session.in_transaction():
        session.info.pop(_PENDING, None)


def init_app(app: Flask) -> None:
    from shop.extensions import db

    @app.teardown_appcontext
    def flush_outbox(exc):
        objects = db.session.info.pop(_COMMITTED, [])
        if exc is not None or not objects or not app.config.get("OUTBOX_INLINE_FLUSH"):
            return
        from shop.worker import send_outbox

        ids = [obj.id for obj in objects]
        try:
            send_outbox(ids=ids)
        except Exception:  # the worker sends them later; the page must not fail
            db.session.rollback()
            app.logger.exception("inline outbox flush failed for %s", ids)
