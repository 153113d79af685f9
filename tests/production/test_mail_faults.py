"""A mail server that never answers costs a timeout, and never holds the database meanwhile."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from types import SimpleNamespace

from sqlalchemy import select, update

from shop.db import begin_write
from shop.extensions import db
from shop.notifications.models import OutboxMessage, OutboxStatus
from shop.notifications.services import enqueue_email
from shop.worker import send_outbox


@contextmanager
def silent_mail_server():
    """Accepts connections and never says a word (not even the SMTP greeting)."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    connected = threading.Event()

    def accept():
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        accepted.append(conn)
        connected.set()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1], connected
    finally:
        listener.close()
        for conn in accepted:
            conn.close()
        thread.join(5)


def queue_one(app) -> int:
    with app.app_context():
        message = enqueue_email("password_reset", "anna@example.org", "password_reset",
                                locale="it", reset_link="https://shop.example/reset/x",
                                user=SimpleNamespace(name="Anna", email="anna@example.org"))
        db.session.commit()
        return message.id


def test_silent_mail_server_times_out_without_holding_the_database(app, catalog):
    message_id = queue_one(app)
    state = app.extensions["mail"]
    saved = (state.server, state.port, state.suppress, state.use_tls, state.use_ssl,
             app.config["MAIL_TIMEOUT"])
    reports = []
    with silent_mail_server() as (port, connected):
        state.server, state.port, state.suppress = "127.0.0.1", port, False
        state.use_tls = state.use_ssl = False
        app.config["MAIL_TIMEOUT"] = 2
        try:
            def work():
                with app.app_context():
                    reports.append(send_outbox())

            sender = threading.Thread(target=work)
            started = time.monotonic()
            sender.start()
            assert connected.wait(10), "the sender never connected"

            # While the sender waits for the server, another writer gets the database at once.
            with app.app_context():
                before = time.monotonic()
                begin_write(db.session)
                db.session.execute(update(OutboxMessage).where(OutboxMessage.id == -1)
                                   .values(attempts=0))
                db.session.commit()
                write_took = time.monotonic() - before
            sender.join(30)
            took = time.monotonic() - started
        finally:
            (state.server, state.port, state.suppress, state.use_tls, state.use_ssl,
             app.config["MAIL_TIMEOUT"]) = saved

    assert write_took < 1.0
    assert 1.5 < took < 10
    assert [(r.sent, r.retried) for r in reports] == [(0, 1)]
    with app.app_context():
        message = db.session.scalar(select(OutboxMessage).where(OutboxMessage.id == message_id))
        assert (message.status, message.attempts) == (OutboxStatus.PENDING, 1)
        assert message.last_error.startswith(("TimeoutError", "SMTPServerDisconnected"))
