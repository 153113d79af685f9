"""consume_allocations: reserved units leave their location through the ledger, once."""

from __future__ import annotations

from sqlalchemy import select

from shop.extensions import db
from shop.inventory.models import MovementReason, StockMovement
from shop.inventory.reservations import consume_allocations, release_allocations, reserve
from shop.inventory.services import adjust_stock, ledger_total
from shop.orders.models import Allocation, Order, OrderLine
from tests.fixtures.factories import make_category, make_cooperative, make_product, workshop_of


def held(units: int, reserved: int):
    """A stock row of `units` with `reserved` of them allocated to an order line."""
    coop = make_cooperative()
    variant = make_product(coop, make_category(), name_it="Borsa", name_en="Bag").variants[0]
    stock = adjust_stock(variant.id, workshop_of(coop).id, units, MovementReason.INITIAL)
    order = Order(access_token="t", email="a@example.org", name="A", delivery_method="ship",
                  shipping_method="it-standard", subtotal_cents=0, shipping_cents=0,
                  vat_cents=0, total_cents=0, number="VDM-2026-000009")
    line = OrderLine(order=order, cooperative_id=coop.id, sku=variant.sku, name="Borsa",
                     variant_label="V0", unit_price_cents=0, vat_rate_bp=2200,
                     quantity=reserved)
    db.session.add_all([order, line])
    reserve(stock, reserved)
    allocation = Allocation(line=line, stock_id=stock.id, quantity=reserved)
    db.session.add(allocation)
    db.session.flush()
    return stock, allocation


def test_consuming_lowers_on_hand_and_allocated_and_writes_a_sale(ctx):
    stock, allocation = held(5, 2)

    consumed = consume_allocations([allocation], reference="VDM-2026-000009", user_id=None)

    assert consumed == 2
    assert (stock.on_hand, stock.allocated, allocation.status) == (3, 0, "consumed")
    assert db.session.execute(select(StockMovement.delta, StockMovement.reason,
                                     StockMovement.reference)
                              .order_by(StockMovement.id.desc()).limit(1)).one() == (
        -2, "sale", "VDM-2026-000009")
    assert ledger_total(stock.variant_id, stock.location_id) == 3


def test_consuming_twice_or_after_a_release_changes_nothing(ctx):
    stock, allocation = held(5, 2)
    consume_allocations([allocation], reference="x")

    assert consume_allocations([allocation], reference="x") == 0
    assert release_allocations([allocation]) == 0
    assert (stock.on_hand, stock.allocated) == (3, 0)
    assert ledger_total(stock.variant_id, stock.location_id) == 3
