"""Stock operations: the one way to change on_hand, always through the ledger."""

from __future__ import annotations

from sqlalchemy import func, select

from shop.extensions import db
from shop.inventory.errors import InsufficientStock, InvalidMovement
from shop.inventory.locks import lock_stock
from shop.inventory.models import MovementReason, Stock, StockMovement


def adjust_stock(variant_id: int, location_id: int, delta: int, reason: MovementReason, *,
                 reference: str | None = None, user_id: int | None = None,
                 note: str = "") -> Stock:
    """Change a location's on_hand by `delta` and record the movement in the ledger.

    The Stock row is created on first use. Units already allocated to orders cannot be
    taken away, so on_hand never drops below allocated (nor below zero).
    """
    if delta == 0:
        raise InvalidMovement("a stock movement must change the quantity")
    reason = MovementReason(reason)
    # Row locks on stock are all taken in shop.inventory.locks, in one fixed order.
    stock = lock_stock({(variant_id, location_id)}).get((variant_id, location_id))
    on_hand, allocated = (stock.on_hand, stock.allocated) if stock else (0, 0)
    if on_hand + delta < allocated:
        raise InsufficientStock(variant_id, location_id, delta, on_hand, allocated)
    if stock is None:
        stock = Stock(variant_id=variant_id, location_id=location_id, on_hand=0, allocated=0)
        db.session.add(stock)
    stock.on_hand = on_hand + delta
    db.session.add(StockMovement(variant_id=variant_id, location_id=location_id, delta=delta,
                                 reason=reason.value, reference=reference, user_id=user_id,
                                 note=note))
    db.session.flush()
    return stock


def ledger_total(variant_id: int, location_id: int) -> int:
    """The sum of every movement of a variant at a location: what on_hand must equal."""
    total = db.session.scalar(
        select(func.coalesce(func.sum(StockMovement.delta), 0))
        .where(StockMovement.variant_id == variant_id, StockMovement.location_id == location_id))
    return int(total or 0)

