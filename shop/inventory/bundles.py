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
    """Free units per variant: its own cooperative's workshop, plus the store for pickup.

    One statement: the owner's workshop is found by joining the variant's product.
    """
    session = session or db.session
    ids = sorted(set(variant_ids))
    if not ids:
        return {}
    rows = session.execute(
        select(Variant.id, Location.kind, Location.cooperative_id, Product.cooperative_id,
               func.sum(Stock.on_hand - Stock.allocated))
        .join(Product, Product.id == Variant.product_id)
        .join(Stock, Stock.variant_id == Variant.id)
        .join(Location, Location.id == Stock.location_id)
        .where(Variant.id.in_(ids))
        .group_by(Variant.id, Location.kind, Location.cooperative_id, Product.cooperative_id))
    workshop: dict[int, int] = {}
    store: dict[int, int] = {}
    for variant_id, kind, location_owner, owner, free in rows:
        if kind == LocationKind.STORE:
            store[variant_id] = store.get(variant_id, 0) + int(free)
        elif location_owner == owner:
            workshop[variant_id] = workshop.get(variant_id, 0) + int(free)
    return {vid: FreeUnits(max(0, workshop.get(vid, 0)),
                           max(0, workshop.get(vid, 0)) + max(0, store.get(vid, 0)))
            for vid in ids}


@dataclass(frozen=True)
class Part:
    """One part of a gift box as plain values: what `boxes_of` needs to count boxes."""

    variant_id: int
    quantity: int  # units in one box
    on_sale: bool  # variant active and its product active
    made_to_order: bool


def boxes_of(parts: Iterable[Part], free: Mapping[int, int]) -> int | None:
    """Whole boxes these free part units make; None when no part is limited by stock.

    A part no longer on sale makes no box.
    """
    parts = list(parts)
    if any(not part.on_sale for part in parts):
        return 0
    counts = [free.get(part.variant_id, 0) // part.quantity for part in parts
              if not part.made_to_order]
    return min(counts) if counts else None


def box_from_parts(parts: Iterable[Part], free: Mapping[int, FreeUnits]) -> BoxAvailability:
    """How many boxes made of these parts can be sold, given each part's free units."""
    parts = list(parts)
    ship = boxes_of(parts, {k: f.ship for k, f in free.items()})
    pickup = boxes_of(parts, {k: f.pickup for k, f in free.items()})
    return BoxAvailability(ship or 0, pickup or 0, ship is None)


def boxes_from(items: list[BundleItem], free: Mapping[int, int]) -> int | None:
    """Whole boxes these free part units make (see `boxes_of`), from loaded bundle items."""
    return boxes_of((part_of(item) for item in items), free)


def part_of(item: BundleItem) -> Part:
    return Part(item.variant_id, item.quantity,
                item.variant.active and item.variant.product.status == ProductStatus.ACTIVE,
                item.variant.product.made_to_order)


@dataclass(frozen=True)
class BoxAvailability:
    ship: int
    pickup: int
    made_to_order: bool


def box_availability(products: Iterable[Product], session=None) -> dict[int, BoxAvailability]:
    """How many of each gift box can be sold now (by product id); other products are absent."""
    boxes = [p for p in products if p.bundle_items]
    free = free_units((item.variant_id for box in boxes for item in box.bundle_items), session)
    return {box.id: box_from_parts([part_of(item) for item in box.bundle_items], free)
            for box in boxes}


def parts_of(product: Product, boxes: int) -> list[tuple[Variant, int]]:
    """The part variants `boxes` gift boxes need, with their unit counts."""
    return [(item.variant, item.quantity * boxes) for item in product.bundle_items]
