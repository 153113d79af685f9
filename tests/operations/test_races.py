"""Races: two presses of one refund button, and the store's last unit wanted twice.

Each side runs in its own thread with its own session; a barrier releases them together.
On PostgreSQL this exercises SELECT ... FOR UPDATE, on SQLite BEGIN IMMEDIATE.
"""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from shop.accounts.models import User
from shop.audit.context import acting_as
from shop.catalog.models import Variant
from shop.checkout.errors import CartChanged, NotEnoughStock
from shop.db import writing
from shop.extensions import db
from shop.inventory.grid import book_adjustment
from shop.orders import counter, operations
from shop.orders.errors import NotOnShelf
from shop.orders.models import Order
from shop.payments.models import Refund, RefundRequest
from tests.fixtures.orders import paid_order, placed_order
from tests.operations.conftest import reading
from tests.operations.test_stock import levels


def together(app, *jobs):
    """Run each job in its own thread and app context at the same moment; their results."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(i, job):
        with app.test_request_context(), writing():
            barrier.wait()
            try:
                results[i] = job()
                db.session.commit()
            except Exception as exc:  # the loser's refusal is the result under test
                db.session.rollback()
                results[i] = exc
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not any(t.is_alive() for t in threads), "a job hung"
    return results


def test_two_presses_of_the_same_refund_button_refund_once(app, shop):
    with app.test_request_context():
        order = paid_order([(db.session.get(Variant, shop.apron), 2)])
        order_id, line_id = order.id, order.lines[0].id

    def press():
        staff = db.session.get(User, shop.staff)
        with acting_as(staff):
            return operations.refund(staff, order_id, operations.RefundAsk(
                request_key="form-1", reason="doppio clic", quantities={line_id: 1})).id

    first, second = together(app, press, press)
    assert first == second and isinstance(first, int)
    with reading(app) as session:
        assert session.scalar(select(func.count(Refund.id))) == 1
        assert session.scalar(select(func.count(RefundRequest.id))) == 1
        assert session.get(Order, order_id).refunded_cents == 3250


def test_the_last_unit_on_the_shelf_goes_to_exactly_one_buyer(app, shop):
    with app.test_request_context():
        staff = db.session.get(User, shop.staff)
        with acting_as(staff):
            book_adjustment(staff, shop.tote, shop.sew_workshop, "count_correction", 0)
            db.session.commit()
    assert levels(app, (shop.tote, shop.store), (shop.tote, shop.sew_workshop)) == [
        (1, 0), (0, 0)]

    def at_the_counter():
        staff = db.session.get(User, shop.staff)
        with acting_as(staff):
            return counter.record_store_sale(staff, {shop.tote: 1}, "cash").source

    def online_pickup():
        return placed_order([(db.session.get(Variant, shop.tote), 1)],
                            delivery="pickup").source

    results = together(app, at_the_counter, online_pickup)
    winners = [r for r in results if isinstance(r, str)]
    losers = [r for r in results if not isinstance(r, str)]
    assert len(winners) == 1 and len(losers) == 1
    # the online buyer is told the cart changed, or that the unit is gone
    assert isinstance(losers[0], NotOnShelf | NotEnoughStock | CartChanged)
    on_hand, allocated = levels(app, (shop.tote, shop.store))[0]
    assert (on_hand, allocated) == ((0, 0) if winners == ["store"] else (1, 1))
    with reading(app) as session:
        assert session.scalar(select(func.count(Order.id))) == 1
