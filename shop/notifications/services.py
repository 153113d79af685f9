"""Queue emails in the outbox with the change that causes them; send them after commit."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale
from flask_mail import Message
from sqlalchemy import select

from shop.db import begin_write, utcnow
from shop.extensions import db
from shop.notifications.models import OutboxMessage, OutboxStatus
from shop.notifications.smtp import TimeoutConnection

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8
CLAIM_LEASE = timedelta(minutes=5)  # longer than MAIL_TIMEOUT times the SMTP steps


def enqueue_email(kind: str, recipient: str, template: str, *, locale: str,
                  dedupe_key: str | None = None, order_id: int | None = None,
                  attachments: list[dict] | None = None, **context) -> OutboxMessage | None:
    """Render `templates/email/<template>.{txt,html}` in `locale` and queue it.

    With a dedupe key, the same email is queued once however often this is called.
    """
    if dedupe_key and db.session.scalar(
            select(OutboxMessage.id).where(OutboxMessage.dedupe_key == dedupe_key)):
        return None
    subject, text, html = render_email(template, locale=locale, **context)
    return queue_rendered(kind, recipient, (subject, text, html), locale=locale,
                          dedupe_key=dedupe_key, order_id=order_id, attachments=attachments)


def queue_rendered(kind: str, recipient: str, rendered: tuple[str, str, str], *, locale: str,
                   dedupe_key: str | None = None, order_id: int | None = None,
                   attachments: list[dict] | None = None) -> OutboxMessage:
    """Queue an email already rendered by render_email()."""
    subject, text, html = rendered
    message = OutboxMessage(kind=kind, recipient=recipient, subject=subject, body_text=text,
                            body_html=html, locale=locale, dedupe_key=dedupe_key,
                            order_id=order_id, attachments=attachments or [])
    db.session.add(message)
    db.session.flush()
    return message


def render_email(template: str, *, locale: str, **context) -> tuple[str, str, str]:
    """Subject, text and HTML body of `templates/email/<template>` in `locale`."""
    with force_locale(locale):
        subject = render_template(f"email/{template}.subject.txt", **context).strip()
        text = render_template(f"email/{template}.txt", **context)
        html = render_template(f"email/{template}.html", **context)
    return subject, text, html


def backoff(attempts: int) -> timedelta:
    """1, 2, 4 … minutes between tries, at most six hours."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def claim_next(now: datetime, ids: list[int] | None = None) -> OutboxMessage | None:
    """Claim the oldest message due for sending (skipping any another worker holds).

    The claim moves its next attempt CLAIM_LEASE ahead, so once the caller commits, no other
    sender takes it while this one talks to the mail server outside any transaction; if the
    sender dies, the message is due again when the lease runs out.
    """
    begin_write(db.session)
    stmt = (select(OutboxMessage)
            .where(OutboxMessage.status == OutboxStatus.PENDING,
                   OutboxMessage.next_attempt_at <= now)
            .order_by(OutboxMessage.id).limit(1)
            .with_for_update(skip_locked=True))
    if ids is not None:
        stmt = stmt.where(OutboxMessage.id.in_(ids))
    message = db.session.scalar(stmt)
    if message is not None:
        message.next_attempt_at = now + CLAIM_LEASE
        db.session.flush()
    return message


def compose(message: OutboxMessage) -> Message:
    """The email for an outbox row, ready to hand over once the transaction has ended."""
    email = Message(subject=message.subject, recipients=[message.recipient],
                    body=message.body_text, html=message.body_html or None,
                    sender=current_app.config["MAIL_DEFAULT_SENDER"])
    for item in message.attachments or []:
        email.attach(item["filename"], item["content_type"], item["data"])
    return email


def record_outcome(message_id: int, error: Exception | None, now: datetime) -> OutboxStatus | None:
    """Record how sending a claimed message went; None means 'retry later'."""
    begin_write(db.session)
    message = db.session.scalar(select(OutboxMessage).where(OutboxMessage.id == message_id)
                                .with_for_update().execution_options(populate_existing=True))
    if message is None or message.status != OutboxStatus.PENDING:
        return None
    message.attempts += 1
    if error is None:
        message.status = OutboxStatus.SENT
        message.sent_at = utcnow()
        # Delivered: the bodies (reset links, addresses) need not sit in the database.
        message.body_text = message.body_html = ""
        message.attachments = []
        db.session.flush()
        return OutboxStatus.SENT
    message.last_error = f"{type(error).__name__}: {error}"[:2000]
    if message.attempts >= MAX_ATTEMPTS:
        message.status = OutboxStatus.FAILED
        log.error("giving up on outbox message %s: %s", message.id, error)
        db.session.flush()
        return OutboxStatus.FAILED
    message.next_attempt_at = now + backoff(message.attempts)
    log.warning("outbox message %s will be retried: %s", message.id, error)
    db.session.flush()
    return None


def deliver(email: Message, message_id: int, kind: str) -> None:
    """Hand an email to the mail server (or, without MAIL_SERVER in development, to a file).

    Called outside any database transaction: a slow mail server holds no lock.
    """
    folder = current_app.config.get("MAIL_FILE_DIR")
    if folder:
        path = Path(folder)
        path.mkdir(parents=True, exist_ok=True)
        (path / f"{message_id:06d}-{kind}.eml").write_bytes(email.as_bytes())
        return
    state = current_app.extensions["mail"]
    with TimeoutConnection(state, current_app.config.get("MAIL_TIMEOUT", 10)) as connection:
        email.send(connection)
