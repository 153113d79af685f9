"""Emails staff look after: the ones the worker gave up on, resent by hand or by command."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update

from shop.accounts.access import staff_actor
from shop.audit.services import record
from shop.db import utcnow
from shop.extensions import db
from shop.notifications.errors import MessageNotFound, NotResendable
from shop.notifications.models import OutboxMessage, OutboxStatus

RECENT = timedelta(days=7)


@dataclass(frozen=True)
class OutboxOverview:
    failed: list[OutboxMessage]
    recent: list[OutboxMessage]  # pending and sent in the last week, newest first
    counts: dict[str, int]


def outbox_overview(user, now: datetime | None = None, limit: int = 100) -> OutboxOverview:
    """What staff see on the emails page: every failed email, and the week's others."""
    staff_actor(user)
    now = now or utcnow()
    failed = list(db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.FAILED)
        .order_by(OutboxMessage.id.desc()).limit(limit)))
    recent = list(db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.status != OutboxStatus.FAILED,
                                    OutboxMessage.created_at >= now - RECENT)
        .order_by(OutboxMessage.id.desc()).limit(limit)))
    counts = dict(db.session.execute(
        select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)).all())
    return OutboxOverview(failed, recent, counts)


def resend(user, message_id: int, now: datetime | None = None) -> OutboxMessage:
    """Put a failed email back in the queue, due now, with a fresh count of attempts."""
    staff_actor(user)
    return _requeue(message_id, now or utcnow())


def retry_failed(ids: list[int] | None = None, now: datetime | None = None) -> list[int]:
    """Requeue the failed emails with these ids (all failed ones without ids): for the CLI."""
    now = now or utcnow()
    stmt = select(OutboxMessage.id).where(OutboxMessage.status == OutboxStatus.FAILED)
    if ids is not None:
        for message_id in ids:
            _requeue(message_id, now)
        return list(ids)
    found = list(db.session.scalars(stmt.order_by(OutboxMessage.id)))
    for message_id in found:
        _requeue(message_id, now)
    return found


def _requeue(message_id: int, now: datetime) -> OutboxMessage:
    message = db.session.get(OutboxMessage, message_id, with_for_update=True)
    if message is None:
        raise MessageNotFound(message_id)
    if message.status != OutboxStatus.FAILED:
        raise NotResendable(message_id, message.status)
    message.status = OutboxStatus.PENDING
    message.attempts = 0
    message.next_attempt_at = now
    record("outbox.resend", "outbox_message", message.id,
           before={"status": OutboxStatus.FAILED}, after={"status": OutboxStatus.PENDING},
           summary=f"{message.kind} to {message.recipient} queued again")
    db.session.flush()
    return message


def purge_delivered_bodies() -> int:
    """Empty the bodies of sent emails (reset links, addresses): the subject stays."""
    result = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.SENT,
               (OutboxMessage.body_text != "") | (OutboxMessage.body_html != ""))
        .values(body_text="", body_html="").execution_options(synchronize_session=False))
    return result.rowcount or 0


def expire_old_messages(before: datetime) -> int:
    """Delete sent and failed emails created before the cut-off."""
    result = db.session.execute(
        delete(OutboxMessage)
        .where(OutboxMessage.status.in_([OutboxStatus.SENT, OutboxStatus.FAILED]),
               OutboxMessage.created_at < before)
        .execution_options(synchronize_session=False))
    return result.rowcount or 0
