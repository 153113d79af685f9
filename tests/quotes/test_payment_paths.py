"""Payment after acceptance: reminders before the hold runs out, and payment terms."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from shop.db import utcnow
from shop.extensions import db
from shop.fulfilment.models import Fulfilment
from shop.notifications.models import OutboxMessage
from shop.orders.models import Order
from shop.quotes.conversion import accept, send_payment_reminders
from shop.quotes.errors import PaymentNotPossible
from shop.quotes.models import Company, PaymentChoice, QuoteRequest


def reminders() -> list[str]:
    return list(db.session.scalars(select(OutboxMessage.body_text).where(
        OutboxMessage.kind == "quote_payment_reminder")))


def test_a_transfer_reminder_is_sent_once_before_the_hold_ends(shop, quoted):
    with shop.test_request_context():
        order = accept(quoted["token"], "", PaymentChoice.TRANSFER)
        db.session.commit()
        assert send_payment_reminders() == 0  # ten days left: too early
        order.reserved_until = utcnow() + timedelta(days=2)
        db.session.commit()

        assert send_payment_reminders() == 1
        db.session.commit()
        assert send_payment_reminders() == 0
        db.session.commit()

        texts = reminders()
        assert len(texts) == 1
        assert f"Causale: {order.number}" in texts[0]


def test_payment_terms_route_the_order_at_once_without_payment(shop, quoted):
    with shop.test_request_context():
        company = db.session.scalar(select(Company))
        company.payment_terms_days = 30
        db.session.commit()

        order = accept(quoted["token"], "PO-9", PaymentChoice.TERMS)
        db.session.commit()

        assert (order.status, order.reserved_until) == ("pending_payment", None)
        assert db.session.scalar(select(func.count(Fulfilment.id))) == 3
        assert db.session.scalar(select(QuoteRequest.payment_choice)) == "terms"


def test_payment_terms_are_refused_without_approval(shop, quoted):
    with shop.test_request_context():
        try:
            accept(quoted["token"], "", PaymentChoice.TERMS)
        except PaymentNotPossible:
            db.session.rollback()
        else:
            raise AssertionError("terms accepted for a company without them")
        assert db.session.scalar(select(func.count(Order.id))) == 0
        assert db.session.scalar(select(QuoteRequest.status)) == "quoted"
