"""`flask worker`: the background process that sends email and expires stale reservations.

It owns its transactions: one per email, one per expiry pass, so a crash loses nothing
and repeats as little as possible.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import click
from flask.cli import with_appcontext

from shop.db import begin_write, utcnow, writing
from shop.extensions import db
from shop.notifications.models import OutboxStatus
from shop.notifications.services import claim_next, send_claimed

log = logging.getLogger(__name__)


@dataclass
class RoundReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    expired_orders: int = 0
    search_updates: int = 0
    expired_quotes: int = 0
    payment_reminders: int = 0


def send_outbox(limit: int = 100, ids: list[int] | None = None) -> RoundReport:
    """Send what is due, each message in its own transaction."""
    report = RoundReport()
    db.session.commit()
    for _ in range(limit):
        now = utcnow()
        message = claim_next(now, ids)
        if message is None:
            db.session.rollback()
            break
        outcome = send_claimed(message, now)
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


def run_round() -> RoundReport:
    report = send_outbox()
    report.expired_orders = expire_reservations()
    report.expired_quotes, report.payment_reminders = expire_quotes_and_remind()
    report.search_updates = apply_search_updates()
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
                       or report.search_updates or report.expired_quotes
                       or report.payment_reminders):
            click.echo(f"sent {report.sent}, retried {report.retried}, failed {report.failed}, "
                       f"expired orders {report.expired_orders}, "
                       f"search updates {report.search_updates}, "
                       f"expired quotes {report.expired_quotes}, "
                       f"payment reminders {report.payment_reminders}")
        if once:
            break
        time.sleep(interval)
