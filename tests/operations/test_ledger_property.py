"""Whatever happens to stock, in any order, the ledger and the levels agree.

Random sequences of online orders (shipped and picked up), payments, parts leaving,
transfers sent and received with shortfalls, counter sales, counts, adjustments,
cancellations and refunds with returns. After every step, for every stock row: the ledger
sums to on_hand, 0 <= allocated <= on_hand, and allocated equals the units still reserved.
"""

from __future__ import annotations

import random

from flask import g
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from shop.accounts.models import User
from shop.audit.context import acting_as
from shop.cart.errors import CartError
from shop.catalog.models import Variant
from shop.checkout.errors import CheckoutError
from shop.extensions import db
from shop.fulfilment import services as fulfilments
from shop.fulfilment.errors import FulfilmentError
from shop.fulfilment.models import Fulfilment
from shop.inventory import transfers
from shop.inventory.errors import InventoryError
from shop.inventory.grid import book_adjustment
from shop.inventory.models import Location, Stock, StockMovement, Transfer
from shop.orders import counter, operations
from shop.orders.errors import OrderError
from shop.orders.models import Allocation, AllocationStatus, Order, OrderStatus
from shop.search import queue as search_queue
from tests.conftest import empty_tables
from tests.fixtures.factories import make_category, make_cooperative, make_product
from tests.fixtures.orders import pay, placed_order, staff

REFUSALS = (InventoryError, OrderError, CheckoutError, FulfilmentError, CartError)
STEPS = ("ship_order", "pickup_order", "pay", "pay", "part_leaves", "refund", "transfer", "counter_sale",
         "count", "adjust", "cancel_unpaid", "refund", "cancel_part")


def build() -> dict:
    kitchen = make_category("cucina")
    sew = make_cooperative("filo", "Filo Dritto")
    bake = make_cooperative("forno", "Forno Libero", craft="bakery")
    variants = [make_product(sew, kitchen, name_it="Grembiule", name_en="Apron",
                             prices=(3250,), stock=(4,), store_stock=(2,)).variants[0],
                make_product(sew, kitchen, name_it="Borsa", name_en="Tote", prices=(1800,),
                             stock=(2,), store_stock=(1,)).variants[0],
                make_product(bake, kitchen, name_it="Biscotti", name_en="Biscuits",
                             prices=(650,), vat_rate_bp=1000, stock=(5,)).variants[0]]
    person = staff("negozio@example.org")
    db.session.commit()
    return {"variants": [v.id for v in variants], "staff": person.id,
            "coops": {v.id: v.product.cooperative_id for v in variants},
            "locations": list(db.session.scalars(select(Location.id)))}


def step(name: str, rnd: random.Random, world: dict) -> None:
    user = db.session.get(User, world["staff"])
    variant_id = rnd.choice(world["variants"])
    orders = list(db.session.scalars(select(Order.id).order_by(Order.id)))
    if name in ("ship_order", "pickup_order"):
        placed_order([(db.session.get(Variant, variant_id), rnd.randint(1, 3))],
                     delivery="ship" if name == "ship_order" else "pickup",
                     email=f"c{rnd.randint(1, 9)}@example.org")
    elif name == "pay":
        pending = list(db.session.scalars(select(Order).where(
            Order.status == OrderStatus.PENDING_PAYMENT).order_by(Order.id)))
        if pending:
            pay(rnd.choice(pending))
    elif name == "part_leaves":
        parts = list(db.session.scalars(select(Fulfilment.id).order_by(Fulfilment.id)))
        if parts:
            part = db.session.get(Fulfilment, rnd.choice(parts))
            moves = fulfilments.allowed_moves(user, part)
            moves = [m for m in moves if m != "cancelled"]
            if moves:
                move = moves[-1] if rnd.random() < .5 else moves[0]
                fulfilments.advance(user, part.id, move, carrier="brt",
                                    tracking_code="12345678901234")
    elif name == "transfer":
        coop = world["coops"][variant_id]
        transfer = transfers.request_transfer(user, coop, {variant_id: rnd.randint(1, 4)},
                                              to_store=rnd.random() < .8)
        db.session.commit()
        line = db.session.get(Transfer, transfer.id).lines[0]
        line_id, asked = line.id, line.quantity_requested
        transfers.send_transfer(user, transfer.id, {line_id: rnd.randint(0, asked)})
        db.session.commit()
        sent = db.session.get(Transfer, transfer.id).lines[0].quantity_sent
        if rnd.random() < .8:
            transfers.receive_transfer(user, transfer.id, {line_id: rnd.randint(0, sent)})
    elif name == "counter_sale":
        counter.record_store_sale(user, {variant_id: rnd.randint(1, 2)}, "cash")
    elif name in ("count", "adjust"):
        location = rnd.choice(world["locations"])
        if name == "count":
            book_adjustment(user, variant_id, location, "count_correction", rnd.randint(0, 6))
        else:
            book_adjustment(user, variant_id, location, rnd.choice(["damaged", "production"]),
                            rnd.randint(1, 3))
    elif name == "cancel_unpaid" and orders:
        operations.cancel_unpaid(user, rnd.choice(orders), "property")
    elif name == "refund":
        paid = list(db.session.scalars(select(Order).where(Order.status.not_in(
            [OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED])).order_by(Order.id)))
        if not paid:
            return
        order = rnd.choice(paid)
        line = rnd.choice(order.lines)
        units = rnd.randint(1, line.quantity)
        operations.refund(user, order.id, operations.RefundAsk(
            request_key=f"k{rnd.random()}", reason="property", quantities={line.id: units},
            returns={line.id: rnd.randint(0, units)},
            return_location_id=rnd.choice(world["locations"])))
    elif name == "cancel_part":
        parts = list(db.session.scalars(select(Fulfilment.id)))
        if parts:
            operations.cancel_part(user, rnd.choice(parts), f"k{rnd.random()}", "property")


def check_invariants() -> None:
    db.session.expire_all()
    for stock in db.session.scalars(select(Stock)):
        ledger = db.session.scalar(select(func.coalesce(func.sum(StockMovement.delta), 0))
                                   .where(StockMovement.variant_id == stock.variant_id,
                                          StockMovement.location_id == stock.location_id))
        reserved = db.session.scalar(
            select(func.coalesce(func.sum(Allocation.quantity), 0))
            .where(Allocation.stock_id == stock.id,
                   Allocation.status == AllocationStatus.RESERVED))
        assert ledger == stock.on_hand, (stock.variant_id, stock.location_id)
        assert 0 <= stock.allocated <= stock.on_hand
        assert stock.allocated == reserved


@settings(max_examples=10, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(STEPS), st.integers(0, 2**32)),
                min_size=6, max_size=16))
def test_the_ledger_always_matches_the_stock(app, steps):
    empty_tables(app)
    with app.test_request_context():
        world = build()
        person = db.session.get(User, world["staff"])
        with acting_as(person):
            for name, seed in steps:
                try:
                    step(name, random.Random(seed), world)
                    db.session.commit()
                except REFUSALS:
                    db.session.rollback()
                check_invariants()
                db.session.rollback()
        db.session.remove()
        # Stock changes queue search updates; this test is about stock, and rebuilding the
        # index for every example would only slow it down. The queue rows are emptied with
        # the tables by the next test.
        g.pop(search_queue.PENDING, None)
