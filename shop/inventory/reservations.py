"""Reserving stock for orders and giving it back; locks come from shop.inventory.locks."""

from __future__ import annotations

from shop.extensions import db
from shop.inventory.errors import InsufficientStock
from shop.inventory.locks import lock_stock_ids
from shop.inventory.models import MovementReason, Stock
from shop.inventory.services import adjust_stock
from shop.orders.models import Allocation, AllocationStatus


def reserve(stock: Stock, quantity: int) -> None:
    """Promise `quantity` units of a locked stock row."""
    if quantity <= 0 or stock.available < quantity:
        raise InsufficientStock(stock.variant_id, stock.location_id, -quantity,
                                stock.on_hand, stock.allocated)
    stock.allocated += quantity


def release_allocations(allocations: list[Allocation]) -> int:
    """Give reserved units back to their locations; return how many were released.

    Only allocations still RESERVED are touched, so releasing twice releases once.
    """
    reserved = [a for a in allocations if a.status == AllocationStatus.RESERVED]
    locked = lock_stock_ids({a.stock_id for a in reserved})
    released = 0
    for allocation in reserved:
        stock = locked[allocation.stock_id]
        stock.allocated -= allocation.quantity
        allocation.status = AllocationStatus.RELEASED
        released += allocation.quantity
    db.session.flush()
    return released


def consume_allocations(allocations: list[Allocation], reference: str,
                        user_id: int | None = None) -> int:
    """The reserved units leave their location: on_hand and allocated go down together.

    Each allocation still RESERVED becomes CONSUMED and writes a SALE row in the ledger, so
    on_hand keeps equalling the sum of its movements. Consuming twice consumes once.
    Returns the number of units consumed.
    """
    reserved = [a for a in allocations if a.status == AllocationStatus.RESERVED]
    locked = lock_stock_ids({a.stock_id for a in reserved})
    consumed = 0
    for allocation in reserved:
        stock = locked[allocation.stock_id]
        # Free the promise first: adjust_stock refuses to take on_hand below allocated.
        stock.allocated -= allocation.quantity
        db.session.flush()
        adjust_stock(stock.variant_id, stock.location_id, -allocation.quantity,
                     MovementReason.SALE, reference=reference, user_id=user_id)
        allocation.status = AllocationStatus.CONSUMED
        consumed += allocation.quantity
    db.session.flush()
    return consumed
