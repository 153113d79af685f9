"""Refunds staff ask for: once per request, never above what was paid.

A refund request moves through a small table of states: requested → succeeded | failed.
It is written under the order's row lock before the gateway is asked, with a key that
comes from the form, so a second press of the same button finds the first request and
pays nothing more; the gateway's idempotency key is derived from the request too, so a
retry after a crash is answered by the provider with the refund it already made.
Cash and card-terminal payments at the counter are refunded at the counter, and a
company's bank transfer (a quote order) is paid back by bank transfer from the
consortium's account: the request is recorded, no gateway is asked.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from shop.extensions import db
from shop.orders.errors import RefundRefused
from shop.orders.models import Order, OrderStatus
from shop.orders.services import can_transition, transition
from shop.payments.errors import GatewayError
from shop.payments.gateway import DemoGateway, get_gateway
from shop.payments.models import (
    Payment,
    PaymentProvider,
    PaymentStatus,
    Refund,
    RefundRequest,
    RefundRequestLine,
    RefundStatus,
)

R = RefundStatus
FLOW: dict[str, frozenset[str]] = {
    R.REQUESTED: frozenset({R.SUCCEEDED, R.FAILED}),
    R.SUCCEEDED: frozenset(),
    R.FAILED: frozenset(),
}
AT_THE_COUNTER = frozenset({"cash", "terminal"})
# Money that never went through the gateway goes back the same way it came, by hand.
OUTSIDE_THE_GATEWAY = AT_THE_COUNTER | {"transfer"}


def move(request: RefundRequest, to_status: str) -> None:
    if to_status not in FLOW[request.status]:
        raise RefundRefused("state", detail=f"{request.status} -> {to_status}")
    request.status = to_status


def paid_payment(order: Order) -> Payment | None:
    return db.session.scalar(
        select(Payment).where(Payment.order_id == order.id,
                              Payment.status == PaymentStatus.PAID)
        .order_by(Payment.id.desc()).limit(1))


def paid_cents(order: Order) -> int:
    return int(db.session.scalar(
        select(func.coalesce(func.sum(Payment.amount_cents), 0))
        .where(Payment.order_id == order.id, Payment.status == PaymentStatus.PAID)) or 0)


def refundable_cents(order: Order) -> int:
    """What is left of the money paid for this order."""
    return max(0, min(paid_cents(order), order.total_cents) - order.refunded_cents)


def refunded_units(order: Order) -> dict[int, int]:
    """Units of each order line already refunded (by succeeded requests)."""
    rows = db.session.execute(
        select(RefundRequestLine.order_line_id, func.sum(RefundRequestLine.quantity))
        .join(RefundRequest, RefundRequestLine.refund_request_id == RefundRequest.id)
        .where(RefundRequest.order_id == order.id,
               RefundRequest.status == RefundStatus.SUCCEEDED)
        .group_by(RefundRequestLine.order_line_id))
    return {line_id: int(n) for line_id, n in rows}


def find_request(request_key: str) -> RefundRequest | None:
    return db.session.scalar(select(RefundRequest).where(RefundRequest.request_key
                                                         == request_key))


@dataclass(frozen=True)
class RefundLine:
    order_line_id: int
    quantity: int
    amount_cents: int
    returned: int = 0


def refund_order(order: Order, *, request_key: str, amount_cents: int,
                 lines: list[RefundLine], reason: str, user_id: int | None,
                 actor: str, return_location_id: int | None = None) -> RefundRequest:
    """Refund `amount_cents` of a locked, paid order once for this request key.

    The caller holds the order's row lock (shop.orders.services.lock_order). A request key
    seen before returns that request unchanged. A failed gateway call leaves the request
    FAILED (the caller commits it, so the attempt is on record) and moves no money.
    """
    existing = find_request(request_key)
    if existing is not None:
        return existing
    if order.status in (OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED):
        raise RefundRefused("not_paid")
    payment = paid_payment(order)
    if payment is None:
        raise RefundRefused("not_paid")
    available = refundable_cents(order)
    if amount_cents <= 0:
        raise RefundRefused("nothing", available)
    if amount_cents > available:
        raise RefundRefused("above_paid", available)
    request = RefundRequest(order_id=order.id, payment_id=payment.id, request_key=request_key,
                            amount_cents=amount_cents, reason=reason,
                            status=RefundStatus.REQUESTED,
                            return_location_id=return_location_id, requested_by_id=user_id,
                            lines=[RefundRequestLine(order_line_id=line.order_line_id,
                                                     quantity=line.quantity,
                                                     returned=line.returned,
                                                     amount_cents=line.amount_cents)
                                   for line in lines])
    db.session.add(request)
    db.session.flush()
    try:
        provider_id, status = _ask_gateway(payment, request)
    except GatewayError as exc:
        move(request, R.FAILED)
        request.reason = (request.reason + f"\n[{exc}]").strip()
        db.session.flush()
        return request
    refund = db.session.scalar(select(Refund).where(Refund.provider_refund_id == provider_id))
    if refund is None:
        refund = Refund(payment_id=payment.id, provider_refund_id=provider_id,
                        amount_cents=amount_cents, status=status, reason=reason)
        db.session.add(refund)
        order.refunded_cents += amount_cents
    db.session.flush()
    request.refund_id = refund.id
    move(request, R.SUCCEEDED)
    target = (OrderStatus.REFUNDED if order.refunded_cents >= order.total_cents
              else OrderStatus.PARTIALLY_REFUNDED)
    if order.status != target and can_transition(order, target):
        transition(order, target, actor=actor, user_id=user_id, note=reason)
    db.session.flush()
    return request


def _ask_gateway(payment: Payment, request: RefundRequest) -> tuple[str, str]:
    if payment.provider in OUTSIDE_THE_GATEWAY:
        return f"{payment.provider}_re_{request.request_key}", "succeeded"
    if not payment.payment_intent_id:
        raise GatewayError("the payment has no payment intent to refund")
    gateway = DemoGateway() if payment.provider == PaymentProvider.DEMO else get_gateway()
    info = gateway.refund(payment.payment_intent_id, request.amount_cents,
                          request.idempotency_key)
    if info.status not in ("succeeded", "pending"):
        raise GatewayError(f"refund {info.id} is {info.status}")
    return info.id, info.status
