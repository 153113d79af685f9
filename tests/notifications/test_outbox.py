"""The outbox: no email for a change that rolled back, every committed email sent once."""

from __future__ import annotations

import email
import threading
from datetime import UTC, datetime, timedelta
from email.policy import default

import pytest
from sqlalchemy import func, select

from shop.extensions import db
from shop.notifications.models import OutboxMessage
from shop.notifications.services import MAX_ATTEMPTS, enqueue_email
from shop.orders.models import Order
from shop.worker import send_outbox
from tests.fixtures.shopping import ADDRESS, add, csrf, place


def paid_order(client, app) -> Order:
    """Buy an apron through the pages and pay on the demo gateway; the newest order."""
    add(client, app, "SKU-APRON", 1)
    demo_page = place(client, ADDRESS).location
    html = client.get(demo_page).get_data(as_text=True)
    client.post(demo_page, data={"csrf_token": csrf(html), "action": "pay"})
    with app.app_context():
        order = db.session.scalar(select(Order).order_by(Order.id.desc()).limit(1))
        db.session.expunge(order)
        return order


def outbox(app) -> list[tuple[str, str, int]]:
    with app.app_context():
        return [(m.kind, m.status, m.attempts) for m in db.session.scalars(
            select(OutboxMessage).order_by(OutboxMessage.id))]


def test_an_email_queued_in_a_rolled_back_change_never_exists(client, catalog, smtp):
    order = paid_order(client, catalog)
    with catalog.app_context():
        db.session.query(OutboxMessage).delete()
        db.session.commit()
        enqueue_email("order_confirmation", "x@example.org", "order_confirmation",
                      locale="it", order=db.session.get(Order, order.id), order_link="/x")
        db.session.rollback()
        assert db.session.scalar(select(func.count(OutboxMessage.id))) == 0
        assert send_outbox().sent == 0
    assert smtp.messages == []


def test_a_committed_email_is_sent_once_even_after_a_crash(client, catalog, smtp):
    # The request committed the paid order and its email, then the process died before
    # sending (inline sending is off in tests, as in production): the worker sends it.
    paid_order(client, catalog)
    assert outbox(catalog) == [("order_confirmation", "pending", 0),
                               ("coop_new_order", "pending", 0)]
    with catalog.app_context():
        assert send_outbox().sent == 2
        assert send_outbox().sent == 0
    assert len(smtp.to("anna@example.org")) == 1
    assert len(smtp.messages) == 2
    assert outbox(catalog) == [("order_confirmation", "sent", 1), ("coop_new_order", "sent", 1)]


def test_the_same_fact_queues_one_email(client, catalog):
    order = paid_order(client, catalog)
    with catalog.app_context():
        again = enqueue_email("order_confirmation", order.email, "order_confirmation",
                              locale="it", dedupe_key=f"order-confirmation:{order.id}",
                              order=db.session.get(Order, order.id), order_link="/x")
        db.session.commit()
    assert again is None
    assert [kind for kind, _, _ in outbox(catalog)] == ["order_confirmation", "coop_new_order"]


def test_mail_server_down_retries_with_backoff_then_sends(client, catalog, smtp, app):
    paid_order(client, catalog)
    state = app.extensions["mail"]
    port, state.port = state.port, 1  # nothing listens there
    try:
        with catalog.app_context():
            report = send_outbox()
            message = db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id))
            assert (report.sent, report.retried) == (0, 2)
            assert message.attempts == 1
            assert message.last_error.startswith("ConnectionRefusedError")
            assert message.next_attempt_at > datetime.now(UTC) + timedelta(seconds=50)
            assert send_outbox().retried == 0  # not due yet
    finally:
        state.port = port
    with catalog.app_context():
        db.session.execute(db.update(OutboxMessage).values(next_attempt_at=datetime.now(UTC)))
        db.session.commit()
        assert send_outbox().sent == 2
    assert outbox(catalog) == [("order_confirmation", "sent", 2), ("coop_new_order", "sent", 2)]
    assert len(smtp.messages) == 2


def test_gives_up_after_the_last_attempt_and_keeps_the_row(client, catalog, app):
    paid_order(client, catalog)
    state = app.extensions["mail"]
    saved = (state.suppress, state.port, state.server)
    state.suppress, state.port, state.server = False, 1, "127.0.0.1"
    try:
        with catalog.app_context():
            for _ in range(MAX_ATTEMPTS):
                db.session.execute(db.update(OutboxMessage).values(
                    next_attempt_at=datetime.now(UTC) - timedelta(seconds=1)))
                db.session.commit()
                send_outbox()
    finally:
        state.suppress, state.port, state.server = saved
    assert outbox(catalog) == [("order_confirmation", "failed", MAX_ATTEMPTS),
                               ("coop_new_order", "failed", MAX_ATTEMPTS)]


def test_two_workers_at_once_send_each_email_once(client, catalog, smtp):
    for _ in range(4):
        paid_order(client, catalog)
    assert len(outbox(catalog)) == 8
    barrier = threading.Barrier(2)

    def work():
        with catalog.app_context():
            barrier.wait()
            send_outbox()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(smtp.messages) == 8
    assert [status for _, status, _ in outbox(catalog)] == ["sent"] * 8


@pytest.fixture
def inline_flush(app):
    app.config["OUTBOX_INLINE_FLUSH"] = True
    yield
    app.config["OUTBOX_INLINE_FLUSH"] = False


def test_development_sends_right_after_the_request_commits(client, catalog, smtp, inline_flush):
    paid_order(client, catalog)
    assert len(smtp.to("anna@example.org")) == 1
    assert outbox(catalog) == [("order_confirmation", "sent", 1), ("coop_new_order", "sent", 1)]


def test_development_writes_emails_to_files(client, catalog, app, tmp_path):
    app.config["MAIL_FILE_DIR"] = str(tmp_path / "mail")
    try:
        order = paid_order(client, catalog)
        with catalog.app_context():
            assert send_outbox().sent == 2
    finally:
        app.config["MAIL_FILE_DIR"] = None
    eml, _coop_notice = sorted((tmp_path / "mail").glob("*.eml"))
    assert eml.name.endswith("-order_confirmation.eml")
    message = email.message_from_bytes(eml.read_bytes(), policy=default)
    assert message["Subject"] == f"Ordine {order.number} confermato — Viale dei Mille"
    assert message["To"] == "anna@example.org"
