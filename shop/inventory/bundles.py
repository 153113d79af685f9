"""Gift boxes in stock terms: a box holds no stock of its own; its parts do.

A box can be sold as many times as its scarcest part allows: for each part, the units free
to sell divided by how many the box holds, and the smallest of those. Parts made to order
set no limit. Checkout reserves each part at its own cooperative's workshop (and, for
store pickup, on the store's shelves first), so routing and statements follow the parts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import func, select

from shop.catalog.models import BundleItem, Product, ProductStatus, Variant
from shop.extensions import db
from shop.inventory.models import Location, LocationKind, Stock


@dataclass(frozen=True)
class FreeUnits:
    """Units of a variant free to sell: from its workshop (ship) and with the store (pickup)."""

    ship: int
    pickup: int


def free_units(variant_ids: Iterable[int], session=None) -> dict[int, FreeUnits]:
    """Free units per variant: its own cooperative's workshop, plus the store for pickup."""
    session = session or db.session
    ids = sorted(set(variant_ids))
    if not ids:
        return {}
    owner = {v.id: v.product.cooperative_id for v in session.scalars(
        select(Variant).where(Variant.id.in_(ids)))}
    rows = session.execute(
        select(Stock.variant_id, Location.kind, Location.cooperative_id,
               func.sum(Stock.on_hand - Stock.allocated))
        .join(Location, Location.id == Stock.location_id)
        .where(Stock.variant_id.in_(ids))
        .group_by(Stock.variant_id, Location.kind, Location.cooperative_id))
    workshop: dict[int, int] = {}
    store: dict[int, int] = {}
    for variant_id, kind, cooperative_id, free in rows:
        if kind == LocationKind.STORE:
            store[variant_id] = store.get(variant_id, 0) + int(free)
        elif cooperative_id == owner.get(variant_id):
            workshop[variant_id] = workshop.get(variant_id, 0) + int(free)
    return {vid: FreeUnits(max(0, workshop.get(vid, 0)),
                           max(0, workshop.get(vid, 0)) + max(0, store.get(vid, 0)))
            for vid in owner}


def boxes_from(items: list[BundleItem], free: Mapping[int, int]) -> int | None:
    """Whole boxes these free part units make; None when no part is limited by stock.

    A part no longer on sale (inactive variant, product not active) makes no box.
    """
    if any(not item.variant.active or item.variant.product.status != ProductStatus.ACTIVE
           for item in items):
        return 0
    counts = [free.get(item.variant_id, 0) // item.quantity for item in items
              if not item.variant.product.made_to_order]
    return min(counts) if counts else None


@dataclass(frozen=True)
class BoxAvailability:
    ship: int
    pickup: int
    made_to_order: bool


def box_availability(products: Iterable[Product], session=None) -> dict[int, BoxAvailability]:
    """How many of each gift box can be sold now (by product id); other products are absent."""
    boxes = [p for p in products if p.bundle_items]
    free = free_units((item.variant_id for box in boxes for item in box.bundle_items), session)
    result = {}
    for box in boxes:
        ship = boxes_from(box.bundle_items, {k: f.ship for k, f in free.items()})
        pickup = boxes_from(box.bundle_items, {k: f.pickup for k, f in free.items()})
        result[box.id] = BoxAvailability(ship or 0, pickup or 0, ship is None)
    return result


def parts_of(product: Product, boxes: int) -> list[tuple[Variant, int]]:
    """The part variants `boxes` gift boxes need, with their unit counts."""
    return [(item.variant, item.quantity * boxes) for item in product.bundle_items]
