"""Payment state: sessions started for orders, and what each provider event does to them.

The webhook and the demo gateway call the same functions. Each is safe to run twice and
in any order: payments and orders only move forward.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select

from shop.audit.security_log import log_event
from shop.db import utcnow
from shop.extensions import db
from shop.inventory.reservations import release_allocations
from shop.orders.models import Order, OrderStatus
from shop.orders.services import lock_order, transition
from shop.payments.errors import PaymentNotFound
from shop.payments.gateway import CheckoutLine, CheckoutRequest, SessionInfo
from shop.payments.models import (
    Payment,
    PaymentStatus,
    Refund,
    RefundRequest,
    RefundStatus,
)

SESSION_LIFETIME = timedelta(minutes=31)  # Stripe's minimum is 30 minutes
RESERVATION_GRACE = timedelta(minutes=10)
ORDER_CURRENCY = "eur"  # every order is in euro cents
# A refund made in the provider's dashboard: its request key and the reason staff read.
DASHBOARD_KEY = "dashboard-"
DASHBOARD_REASON = "refunded from the Stripe dashboard"
RANK = {PaymentStatus.OPEN: 0, PaymentStatus.PROCESSING: 1, PaymentStatus.EXPIRED: 2,
        PaymentStatus.FAILED: 2, PaymentStatus.PAID: 3}


def checkout_request(order: Order, success_url: str, cancel_url: str,
                     now: datetime | None = None) -> CheckoutRequest:
    """What to ask the gateway for: the order's lines and shipping, to the cent."""
    now = now or utcnow()
    lines = [_checkout_line(order, line) for line in order.lines]
    if order.shipping_cents:
        lines.append(CheckoutLine("Spedizione / Shipping", order.shipping_cents, 1))
    attempt = db.session.scalar(
        select(db.func.count(Payment.id)).where(Payment.order_id == order.id)) or 0
    request = CheckoutRequest(
        order_id=order.id, order_number=order.number or "", email=order.email,
        locale=order.locale, lines=lines, success_url=success_url, cancel_url=cancel_url,
        expires_at=now + SESSION_LIFETIME,
        idempotency_key=f"order-{order.id}-attempt-{attempt + 1}")
    if request.amount_cents != order.total_cents:
        raise AssertionError("checkout amount differs from the order total")
    return request


def _checkout_line(order: Order, line) -> CheckoutLine:
    """A line as the hosted page lists it; a discounted line is one item at what it costs."""
    name = f"{line.name} — {line.variant_label}"
    if not line.discount_cents:
        return CheckoutLine(name, line.unit_price_cents, line.quantity)
    return CheckoutLine(f"{line.quantity} × {name} ({order.discount_code})", line.paid_cents, 1)


def record_session(order: Order, provider: str, session: SessionInfo) -> Payment:
    """Remember a checkout session and hold the stock at least until it expires."""
    payment = db.session.scalar(select(Payment).where(Payment.session_id == session.id))
    if payment is None:
        payment = Payment(order_id=order.id, provider=provider, session_id=session.id,
                          session_url=session.url, amount_cents=order.total_cents,
                          expires_at=session.expires_at)
        db.session.add(payment)
    hold = session.expires_at + RESERVATION_GRACE
    if order.reserved_until is None or order.reserved_until < hold:
        order.reserved_until = hold
    db.session.flush()
    return payment


def open_payment(order: Order, now: datetime | None = None) -> Payment | None:
    """A session the customer can still use to pay this order."""
    now = now or utcnow()
    return db.session.scalar(
        select(Payment).where(Payment.order_id == order.id,
                              Payment.status == PaymentStatus.OPEN,
                              Payment.expires_at > now + timedelta(minutes=2))
        .order_by(Payment.id.desc()).limit(1))


def _payment_for_session(session: SessionInfo, provider: str) -> tuple[Payment, Order]:
    """The payment row of a session, created if the shop crashed before writing it."""
    payment = db.session.scalar(select(Payment).where(Payment.session_id == session.id))
    if payment is not None:
        order = lock_order(payment.order_id)
    else:
        order_id = int(session.metadata.get("order_id", 0) or 0)
        if not order_id:
            raise PaymentNotFound(session.id)
        order = lock_order(order_id)
        payment = Payment(order_id=order.id, provider=provider, session_id=session.id,
                          amount_cents=session.amount_total_cents or order.total_cents,
                          expires_at=session.expires_at)
        db.session.add(payment)
        db.session.flush()
    db.session.refresh(payment, with_for_update=True)
    return payment, order


def _advance(payment: Payment, status: PaymentStatus) -> bool:
    if RANK[status] <= RANK[PaymentStatus(payment.status)] and payment.status != status:
        return False
    if payment.status == status:
        return False
    payment.status = status
    return True


def session_completed(session: SessionInfo, provider: str, actor: str) -> Order:
    """The customer finished the hosted page: paid now, or later (bank debit)."""
    if session.payment_status in ("paid", "no_payment_required"):
        return session_paid(session, provider, actor)
    payment, order = _payment_for_session(session, provider)
    payment.payment_intent_id = payment.payment_intent_id or session.payment_intent_id
    _advance(payment, PaymentStatus.PROCESSING)
    db.session.flush()
    return order


def session_paid(session: SessionInfo, provider: str, actor: str) -> Order:
    """Money arrived: the order is paid (once), its customer told, its work routed.

    A session whose amount or currency differs from the order's does not pay it: the
    order is flagged for staff (refund, or settle by hand) and stays unpaid.
    """
    payment, order = _payment_for_session(session, provider)
    payment.payment_intent_id = payment.payment_intent_id or session.payment_intent_id
    mismatch = amount_mismatch(session, order)
    if mismatch:
        note = f"payment {session.id} refused: {mismatch}"
        if note not in order.needs_attention:
            order.needs_attention = (order.needs_attention + "\n" + note).strip()
            log_event("webhook.amount_mismatch", level=logging.WARNING,
                      order_id=order.id, detail=mismatch)
        db.session.flush()
        return order
    if not _advance(payment, PaymentStatus.PAID):
        return order
    payment.paid_at = utcnow()
    if order.status == OrderStatus.PENDING_PAYMENT:
        transition(order, OrderStatus.PAID, actor=actor)
        from shop.orders.lifecycle import order_paid

        order_paid(order)
    else:
        # Paid after the order was given up (or paid twice): keep the money on record
        # and ask staff to refund or fulfil by hand; nothing is lost.
        note = f"payment {payment.session_id} received while order was {order.status}"
        order.needs_attention = (order.needs_attention + "\n" + note).strip()
    db.session.flush()
    return order


def amount_mismatch(session: SessionInfo, order: Order) -> str:
    """How a paid session differs from its order ('' when it matches)."""
    problems = []
    if session.amount_total_cents is not None and session.amount_total_cents != order.total_cents:
        problems.append(f"amount {session.amount_total_cents} differs from the order total "
                        f"{order.total_cents}")
    if session.currency and session.currency.lower() != ORDER_CURRENCY:
        problems.append(f"currency {session.currency} is not {ORDER_CURRENCY}")
    return "; ".join(problems)


def session_failed(session: SessionInfo, provider: str, actor: str,
                   now: datetime | None = None) -> Order:
    """A payment failed: the order and its stock wait for another try while the hold lasts.

    The customer is told on the order page and may pay again, with another card or method;
    once the reservation has run out (a bank debit failing days later) the order is
    cancelled and its stock released, as the worker would do.
    """
    now = now or utcnow()
    payment, order = _payment_for_session(session, provider)
    if not _advance(payment, PaymentStatus.FAILED):
        return order
    if order.reserved_until is not None and order.reserved_until > now:
        db.session.flush()
        return order
    _cancel_if_unpaid(order, actor, "payment failed")
    return order


def last_payment_failed(order: Order) -> bool:
    """The customer's latest attempt to pay this order was refused."""
    latest = db.session.scalar(select(Payment.status).where(Payment.order_id == order.id)
                               .order_by(Payment.id.desc()).limit(1))
    return latest == PaymentStatus.FAILED


def session_expired(session: SessionInfo, provider: str, actor: str) -> Order:
    """The hosted page timed out: cancel unless another session is still usable or paid."""
    payment, order = _payment_for_session(session, provider)
    if _advance(payment, PaymentStatus.EXPIRED):
        _cancel_if_unpaid(order, actor, "checkout session expired")
    return order


def payment_under_way(order: Order) -> bool:
    """Money has arrived or is on its way (a delayed method) for this order."""
    return db.session.scalar(
        select(Payment.id).where(Payment.order_id == order.id,
                                 Payment.status.in_([PaymentStatus.PROCESSING,
                                                     PaymentStatus.PAID])).limit(1)) is not None


def _cancel_if_unpaid(order: Order, actor: str, note: str) -> None:
    if order.status != OrderStatus.PENDING_PAYMENT or payment_under_way(order):
        return
    if open_payment(order) is not None:
        return  # the customer opened a newer session and may still pay there
    cancel_order(order, actor=actor, note=note)


def cancel_order(order: Order, *, actor: str, note: str = "",
                 user_id: int | None = None) -> None:
    """Cancel an unpaid order and give its stock back (once)."""
    transition(order, OrderStatus.CANCELLED, actor=actor, user_id=user_id, note=note)
    release_allocations([a for line in order.lines for unit in line.units
                         for a in unit.allocations])
    for payment in db.session.scalars(select(Payment).where(
            Payment.order_id == order.id, Payment.status == PaymentStatus.OPEN)):
        payment.status = PaymentStatus.EXPIRED
    db.session.flush()


def record_refunds(payment_intent_id: str, refunds: list, actor: str) -> Order | None:
    """Record each refund once (by its provider id) and move the order to (partially) refunded.

    A refund the shop did not ask for (made in the provider's dashboard) is written down as
    a refund request of its own, keyed by the provider's refund id, so an invoiced order gets
    its credit note for it exactly once: a redelivered event finds the refund already known,
    and the shop's own refunds are known from the moment they are made.
    """
    payment = db.session.scalar(
        select(Payment).where(Payment.payment_intent_id == payment_intent_id))
    if payment is None:
        return None
    order = lock_order(payment.order_id)
    known = {r.provider_refund_id for r in db.session.scalars(
        select(Refund).join(Payment).where(Payment.order_id == order.id))}
    outside: list[RefundRequest] = []
    for refund in refunds:
        if refund.id in known or refund.status not in ("succeeded", "pending"):
            continue
        row = Refund(payment_id=payment.id, provider_refund_id=refund.id,
                     amount_cents=refund.amount_cents, status=refund.status,
                     reason=DASHBOARD_REASON)
        db.session.add(row)
        order.refunded_cents += refund.amount_cents
        known.add(refund.id)
        outside.append(RefundRequest(
            order_id=order.id, payment_id=payment.id, refund=row,
            request_key=f"{DASHBOARD_KEY}{refund.id}"[:64], amount_cents=refund.amount_cents,
            reason=DASHBOARD_REASON, status=RefundStatus.SUCCEEDED))
    db.session.add_all(outside)
    db.session.flush()
    if order.refunded_cents >= order.total_cents:
        target = OrderStatus.REFUNDED
    elif order.refunded_cents > 0:
        target = OrderStatus.PARTIALLY_REFUNDED
    else:
        return order
    if order.status != target and order.status not in (OrderStatus.REFUNDED,):
        from shop.orders.services import can_transition

        if can_transition(order, target):
            transition(order, target, actor=actor)
    if outside:
        from shop.invoicing.credit_notes import issue_credit_note

        for request in outside:
            issue_credit_note(request)  # an invoiced order gets its credit note (TD04)
    return order


def find_payment(session_id: str) -> Payment:
    payment = db.session.scalar(select(Payment).where(Payment.session_id == session_id))
    if payment is None:
        raise PaymentNotFound(session_id)
    return payment


def expire_stale_orders(now: datetime | None = None) -> int:
    """Cancel orders whose reservation ran out with no payment under way; return how many."""
    now = now or utcnow()
    ids = list(db.session.scalars(
        select(Order.id).where(Order.status == OrderStatus.PENDING_PAYMENT,
                               Order.reserved_until < now)))
    cancelled = 0
    for order_id in ids:
        order = lock_order(order_id)
        if order.status != OrderStatus.PENDING_PAYMENT or order.reserved_until >= now:
            continue
        if payment_under_way(order):
            continue
        cancel_order(order, actor="system", note="reservation expired")
        cancelled += 1
    return cancelled
