"""Stripe down while an order opens its payment: the stock stays held, then is released."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from shop.extensions import db
from shop.inventory.models import Stock
from shop.orders.models import Order
from shop.payments.models import Payment
from shop.payments.services import expire_stale_orders
from tests.fixtures.shopping import ADDRESS, add, place


def held(app) -> tuple[str, int, int]:
    """(order status, units allocated, payments) as the database holds them."""
    with app.app_context():
        order = db.session.scalar(select(Order))
        allocated = sum(db.session.scalars(select(Stock.allocated)))
        payments = len(db.session.scalars(select(Payment)).all())
        return order.status, allocated, payments


def test_stripe_down_holds_the_stock_for_the_retry_then_never_leaks_it(client, catalog,
                                                                       fake_stripe):
    add(client, catalog, "SKU-APRON", 2)
    fake_stripe.fail_next = 100  # every request to Stripe fails, retries included

    response = place(client, ADDRESS)

    assert response.status_code in (302, 303)
    assert held(catalog) == ("pending_payment", 2, 0)  # the customer may retry: stock kept
    with catalog.app_context():
        reserved_until = db.session.scalar(select(Order.reserved_until))
        assert reserved_until > datetime.now(UTC)
        assert reserved_until < datetime.now(UTC) + timedelta(hours=2)
        # Nobody retries: once the reservation runs out, the worker gives the stock back.
        assert expire_stale_orders(reserved_until - timedelta(seconds=1)) == 0
        assert expire_stale_orders(reserved_until + timedelta(seconds=1)) == 1
        db.session.commit()
    assert held(catalog) == ("cancelled", 0, 0)
