"""adjust_stock: every change to on_hand goes through the ledger, never below what is promised."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from shop.extensions import db
from shop.inventory.errors import InsufficientStock, InvalidMovement
from shop.inventory.models import MovementReason, Stock, StockMovement
from shop.inventory.services import adjust_stock, ledger_total
from tests.fixtures.factories import make_category, make_cooperative, make_product, workshop_of


@pytest.fixture
def item(ctx):
    """A variant with no stock yet, and its cooperative's workshop."""
    coop = make_cooperative()
    product = make_product(coop, make_category(), name_it="Grembiule", name_en="Apron")
    return product.variants[0].id, workshop_of(coop).id


def movements() -> list[tuple[int, str, str | None]]:
    return [(m.delta, m.reason, m.reference)
            for m in db.session.scalars(select(StockMovement).order_by(StockMovement.id))]


def test_first_adjustment_creates_the_stock_row_and_a_movement(item):
    variant_id, location_id = item

    stock = adjust_stock(variant_id, location_id, 12, MovementReason.INITIAL, reference="apertura")

    assert (stock.variant_id, stock.location_id, stock.on_hand, stock.allocated) == (
        variant_id, location_id, 12, 0)
    assert movements() == [(12, "initial", "apertura")]
    assert ledger_total(variant_id, location_id) == 12


def test_later_adjustments_reuse_the_row_and_keep_the_ledger_in_step(item):
    variant_id, location_id = item
    adjust_stock(variant_id, location_id, 12, MovementReason.INITIAL)

    stock = adjust_stock(variant_id, location_id, -5, MovementReason.SALE, note="banco")
    adjust_stock(variant_id, location_id, 3, MovementReason.PRODUCTION)

    assert stock.on_hand == 10
    assert db.session.scalar(select(func.count()).select_from(Stock)) == 1
    assert movements() == [(12, "initial", None), (-5, "sale", None), (3, "production", None)]
    assert ledger_total(variant_id, location_id) == 10


def test_taking_more_than_on_hand_is_refused_and_changes_nothing(item):
    variant_id, location_id = item
    adjust_stock(variant_id, location_id, 4, MovementReason.INITIAL)

    with pytest.raises(InsufficientStock) as raised:
        adjust_stock(variant_id, location_id, -5, MovementReason.SALE)

    assert (raised.value.on_hand, raised.value.delta) == (4, -5)
    assert db.session.scalar(select(Stock.on_hand)) == 4
    assert movements() == [(4, "initial", None)]


def test_allocated_units_cannot_be_taken_away(item):
    variant_id, location_id = item
    stock = adjust_stock(variant_id, location_id, 5, MovementReason.INITIAL)
    stock.allocated = 3
    db.session.flush()

    with pytest.raises(InsufficientStock):
        adjust_stock(variant_id, location_id, -3, MovementReason.DAMAGED)

    assert adjust_stock(variant_id, location_id, -2, MovementReason.DAMAGED).on_hand == 3


def test_a_zero_movement_is_refused(item):
    variant_id, location_id = item

    with pytest.raises(InvalidMovement):
        adjust_stock(variant_id, location_id, 0, MovementReason.COUNT_CORRECTION)

    assert movements() == []
    assert ledger_total(variant_id, location_id) == 0


def test_taking_from_a_location_that_never_held_the_variant_leaves_no_row(item):
    variant_id, location_id = item

    with pytest.raises(InsufficientStock):
        adjust_stock(variant_id, location_id, -1, MovementReason.SALE)

    db.session.flush()
    assert db.session.scalar(select(func.count()).select_from(Stock)) == 0
    assert movements() == []
