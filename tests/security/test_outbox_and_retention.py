"""Failed emails staff can see and resend; sent bodies purged; old carts and emails expire."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from shop.accounts.models import Role
from shop.audit.models import AuditEntry
from shop.cart.models import Cart, CartLine
from shop.db import utcnow
from shop.extensions import db
from shop.notifications.models import OutboxMessage, OutboxStatus
from shop.worker import apply_retention, send_outbox
from tests.conftest import csrf_token
from tests.fixtures.orders import staff, user
from tests.web.conftest import login


def message(recipient="giulia@example.org", status=OutboxStatus.FAILED, **kwargs):
    row = OutboxMessage(kind="password_reset", recipient=recipient, subject="Nuova password",
                        body_text="https://shop/it/account/password-reset/SECRET",
                        body_html="<a href='https://shop/reset/SECRET'>x</a>", locale="it",
                        status=status, attempts=8 if status == OutboxStatus.FAILED else 0,
                        last_error="SMTPServerDisconnected: gone", **kwargs)
    db.session.add(row)
    db.session.flush()
    return row


@pytest.fixture
def failed(app):
    with app.app_context():
        staff("negozio@example.org")
        user("giulia@example.org", Role.CUSTOMER)
        ids = [message().id, message("luca@example.org").id,
               message("anna@example.org", status=OutboxStatus.SENT).id]
        db.session.commit()
        return ids


def rows(app):
    with app.app_context():
        return [(m.id, m.status, m.attempts) for m in
                db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))]


def test_staff_see_failed_emails_and_resend_one(app, client, failed):
    login(client, "negozio@example.org")
    html = client.get("/staff/outbox").get_data(as_text=True)
    assert "giulia@example.org" in html and "luca@example.org" in html
    assert "SMTPServerDisconnected: gone" in html
    assert html.count("Invia di nuovo") == 2
    token = csrf_token(client, "/staff/outbox")
    response = client.post(f"/staff/outbox/{failed[0]}/resend", data={"csrf_token": token})
    assert response.status_code == 303
    assert "giulia@example.org" in client.get("/staff/outbox").get_data(as_text=True)
    assert rows(app)[0][1:] == ("pending", 0)
    assert rows(app)[1][1:] == ("failed", 8)
    with app.app_context():
        (entry,) = db.session.scalars(select(AuditEntry)).all()
        assert (entry.action, entry.entity_id, entry.actor_email) == (
            "outbox.resend", str(failed[0]), "negozio@example.org")


def test_a_sent_email_is_not_resent_and_nothing_changes(app, client, failed):
    login(client, "negozio@example.org")
    before = rows(app)
    token = csrf_token(client, "/staff/outbox")
    response = client.post(f"/staff/outbox/{failed[2]}/resend", data={"csrf_token": token},
                           follow_redirects=True)
    assert "Si possono inviare di nuovo solo le email non riuscite." in response.get_data(
        as_text=True)
    assert client.post("/staff/outbox/999/resend", data={"csrf_token": token}).status_code == 404
    assert rows(app) == before


def test_customers_do_not_reach_the_outbox_and_change_nothing(app, client, failed):
    login(client, "giulia@example.org")
    before = rows(app)
    assert client.get("/staff/outbox").status_code == 404
    assert client.post(f"/staff/outbox/{failed[0]}/resend").status_code in (400, 404)
    assert rows(app) == before


def test_cli_requeues_one_or_every_failed_email(app, runner, failed):
    assert runner.invoke(args=["outbox", "retry"]).exit_code == 2
    result = runner.invoke(args=["outbox", "retry", "--id", str(failed[1])])
    assert (result.exit_code, result.output) == (0, f"Queued 1 email(s) again: {failed[1]}\n")
    assert [r[1] for r in rows(app)] == ["failed", "pending", "sent"]
    result = runner.invoke(args=["outbox", "retry", "--id", str(failed[2])])
    assert result.exit_code == 1
    assert f"outbox message {failed[2]} is sent, not failed" in result.output
    result = runner.invoke(args=["outbox", "retry", "--all-failed"])
    assert result.output == f"Queued 1 email(s) again: {failed[0]}\n"
    assert [r[1] for r in rows(app)] == ["pending", "pending", "sent"]


def test_a_delivered_email_keeps_no_body(app, smtp):
    with app.app_context():
        message(status=OutboxStatus.PENDING)
        db.session.commit()
        assert send_outbox().sent == 1
        sent = db.session.scalar(select(OutboxMessage))
        assert (sent.status, sent.subject, sent.body_text, sent.body_html) == (
            "sent", "Nuova password", "", "")
    assert len(smtp.messages) == 1  # the body reached the recipient before it was dropped


def test_retention_forgets_old_guest_carts_old_emails_and_sent_bodies(app, catalog):
    now = utcnow()
    with app.app_context():
        owner = user("giulia@example.org", Role.CUSTOMER)
        for token, age, user_id in (("old-guest", 61, None), ("fresh-guest", 59, None),
                                    ("old-account", 400, owner.id)):
            cart = Cart(token=token, user_id=user_id, created_at=now - timedelta(days=age),
                        updated_at=now - timedelta(days=age))
            db.session.add(cart)
            db.session.flush()
            db.session.add(CartLine(cart_id=cart.id, variant_id=1, quantity=1))
        message(created_at=now - timedelta(days=181))
        message(status=OutboxStatus.SENT, created_at=now - timedelta(days=181))
        message(status=OutboxStatus.SENT, created_at=now - timedelta(days=3))
        message(status=OutboxStatus.PENDING, created_at=now - timedelta(days=400))
        db.session.commit()

        assert apply_retention(now) == (1, 2)
        assert sorted(db.session.scalars(select(Cart.token))) == ["fresh-guest", "old-account"]
        assert db.session.scalar(select(db.func.count(CartLine.id))) == 2
        left = db.session.execute(select(OutboxMessage.status, OutboxMessage.body_text)
                                  .order_by(OutboxMessage.id)).all()
        assert left == [("sent", ""), ("pending", "https://shop/it/account/password-reset/SECRET")]
