"""`flask worker`: the background process that sends email and expires stale reservations.

It owns its transactions: one per email, one per expiry pass, so a crash loses nothing
and repeats as little as possible.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

import click
from flask import current_app
from flask.cli import with_appcontext

from shop.db import begin_write, utcnow, writing
from shop.extensions import db
from shop.notifications.models import OutboxStatus
from shop.notifications.services import claim_next, compose, deliver, record_outcome

log = logging.getLogger(__name__)


@dataclass
class RoundReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    expired_orders: int = 0
    search_updates: int = 0
    expired_carts: int = 0
    expired_emails: int = 0
    expired_quotes: int = 0
    payment_reminders: int = 0


def send_outbox(limit: int = 100, ids: list[int] | None = None) -> RoundReport:
    """Send what is due: claim a message and commit, send it, record the outcome.

    No transaction is open while the mail server is talking, so a slow or silent server
    holds no row lock (and, on SQLite, not the database's single write lock).
    """
    report = RoundReport()
    db.session.commit()
    for _ in range(limit):
        now = utcnow()
        message = claim_next(now, ids)
        if message is None:
            db.session.rollback()
            break
        email, message_id, kind = compose(message), message.id, message.kind
        db.session.commit()
        try:
            deliver(email, message_id, kind)
            error = None
        except Exception as exc:  # any transport failure: retry later, never lose the row
            error = exc
        outcome = record_outcome(message_id, error, now)
        db.session.commit()
        if outcome == OutboxStatus.SENT:
            report.sent += 1
        elif outcome == OutboxStatus.FAILED:
            report.failed += 1
        else:
            report.retried += 1
    return report


def expire_reservations() -> int:
    from shop.payments.services import expire_stale_orders

    db.session.commit()
    begin_write(db.session)
    cancelled = expire_stale_orders()
    db.session.commit()
    return cancelled


def expire_quotes_and_remind() -> tuple[int, int]:
    """Quotes past their validity expire; companies whose hold runs out soon are reminded."""
    from shop.quotes.conversion import send_payment_reminders
    from shop.quotes.services import expire_quotes

    db.session.commit()
    begin_write(db.session)
    expired = expire_quotes()
    reminded = send_payment_reminders()
    db.session.commit()
    return expired, reminded


def apply_search_updates() -> int:
    """Catalog changes a busy index could not take at once; waits longer than a request."""
    from shop.search import process_queue

    db.session.commit()
    return process_queue(timeout=5)


def apply_retention(now: datetime | None = None) -> tuple[int, int]:
    """Forget what the shop no longer needs: old guest carts, old emails and sent bodies.

    Returns (guest carts deleted, emails deleted). Ages come from GUEST_CART_DAYS and
    OUTBOX_RETENTION_DAYS.
    """
    from shop.cart.services import expire_guest_carts
    from shop.notifications.outbox_admin import expire_old_messages, purge_delivered_bodies

    now = now or utcnow()
    config = current_app.config
    db.session.commit()
    begin_write(db.session)
    carts = expire_guest_carts(now - timedelta(days=config["GUEST_CART_DAYS"]))
    emails = expire_old_messages(now - timedelta(days=config["OUTBOX_RETENTION_DAYS"]))
    purge_delivered_bodies()
    db.session.commit()
    return carts, emails


def run_round() -> RoundReport:
    report = send_outbox()
    report.expired_orders = expire_reservations()
    report.expired_quotes, report.payment_reminders = expire_quotes_and_remind()
    report.search_updates = apply_search_updates()
    report.expired_carts, report.expired_emails = apply_retention()
    return report


@click.command("worker")
@click.option("--once", is_flag=True, help="Do one round of work and exit.")
@click.option("--interval", default=5.0, show_default=True, help="Seconds between rounds.")
@with_appcontext
def worker_command(once: bool, interval: float) -> None:
    """Send queued email, release stock of expired unpaid orders, apply search updates."""
    with writing():
        _loop(once, interval)


def _loop(once: bool, interval: float) -> None:
    while True:
        try:
            report = run_round()
        except Exception:  # keep the worker alive; the next round retries
            db.session.rollback()
            log.exception("worker round failed")
            report = None
        if report and (report.sent or report.retried or report.failed or report.expired_orders
                       or report.search_updates or report.expired_carts
                       or report.expired_emails or report.expired_quotes
                       or report.payment_reminders):
            click.echo(f"sent {report.sent}, retried {report.retried}, failed {report.failed}, "
                       f"expired orders {report.expired_orders}, "
                       f"search updates {report.search_updates}, "
                       f"expired guest carts {report.expired_carts}, "
                       f"expired emails {report.expired_emails}, "
                       f"expired quotes {report.expired_quotes}, "
                       f"payment reminders {report.payment_reminders}")
        if once:
            break
        time.sleep(interval)
