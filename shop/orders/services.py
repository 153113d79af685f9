"""Order state: forward-only transitions, each one written as an OrderEvent."""

from __future__ import annotations

from sqlalchemy import select

from shop.db import utcnow
from shop.extensions import db
from shop.orders.errors import InvalidTransition, OrderNotFound
from shop.orders.models import Order, OrderEvent, OrderStatus

S = OrderStatus
ALLOWED: dict[str, set[str]] = {
    S.PENDING_PAYMENT: {S.PAID, S.CANCELLED},
    S.PAID: {S.PARTIALLY_FULFILLED, S.FULFILLED, S.PARTIALLY_REFUNDED, S.REFUNDED},
    S.PARTIALLY_FULFILLED: {S.FULFILLED, S.PARTIALLY_REFUNDED, S.REFUNDED},
    S.FULFILLED: {S.COMPLETED, S.PARTIALLY_REFUNDED, S.REFUNDED},
    S.COMPLETED: {S.PARTIALLY_REFUNDED, S.REFUNDED},
    S.PARTIALLY_REFUNDED: {S.REFUNDED},
    S.CANCELLED: set(),
    S.REFUNDED: set(),
}


def can_transition(order: Order, to_status: str) -> bool:
    return to_status in ALLOWED.get(order.status, set())


def transition(order: Order, to_status: OrderStatus, *, actor: str,
               user_id: int | None = None, note: str = "") -> None:
    """Move the order forward and record who did it; refuse any other move."""
    if not can_transition(order, to_status):
        raise InvalidTransition(order.status, to_status)
    db.session.add(OrderEvent(order=order, from_status=order.status, to_status=to_status,
                              actor=actor, user_id=user_id, note=note))
    order.status = to_status
    if to_status == S.PAID:
        order.paid_at = utcnow()
    elif to_status == S.CANCELLED:
        order.cancelled_at = utcnow()
    db.session.flush()


def get_order_by_token(token: str) -> Order:
    order = db.session.scalar(select(Order).where(Order.access_token == token)) if token else None
    if order is None:
        raise OrderNotFound(token)
    return order


def lock_order(order_id: int) -> Order:
    """Load an order with a row lock, so concurrent events for it apply one at a time."""
    order = db.session.scalar(
        select(Order).where(Order.id == order_id).with_for_update(of=Order)
        .execution_options(populate_existing=True))
    if order is None:
        raise OrderNotFound(order_id)
    return order
