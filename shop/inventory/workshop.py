"""A cooperative's own workshop stock, as its members see and correct it.

Every function takes the acting user and works only on their cooperative's workshop and
products: a variant of another cooperative is StockNotFound, exactly like a missing one.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from shop.accounts.access import member_actor
from shop.audit.services import record
from shop.catalog.models import Product, ProductStatus, Variant
from shop.db import begin_write
from shop.extensions import db
from shop.inventory.errors import InvalidAdjustment, StockNotFound
from shop.inventory.locks import lock_stock
from shop.inventory.models import Location, MovementReason, Stock, StockMovement
from shop.inventory.services import adjust_stock

LOW_STOCK = 3  # the storefront's "last pieces" threshold, so both speak alike
MEMBER_REASONS = (MovementReason.PRODUCTION, MovementReason.DAMAGED,
                  MovementReason.COUNT_CORRECTION)


@dataclass(frozen=True)
class WorkshopItem:
    variant: Variant
    product: Product
    on_hand: int
    allocated: int

    @property
    def available(self) -> int:
        return self.on_hand - self.allocated

    @property
    def flag(self) -> str | None:
        """'out' when nothing is free to sell, 'low' when little is."""
        if self.available <= 0:
            return "out"
        return "low" if self.available <= LOW_STOCK else None


def _workshop(cooperative_id: int) -> Location:
    location = db.session.scalar(select(Location).where(Location.cooperative_id == cooperative_id))
    if location is None:
        raise StockNotFound(f"cooperative {cooperative_id} has no workshop")
    return location


def _items(cooperative_id: int, variant_id: int | None = None) -> list[WorkshopItem]:
    location = _workshop(cooperative_id)
    stmt = (select(Variant, Product, Stock)
            .join(Product, Variant.product_id == Product.id)
            .outerjoin(Stock, (Stock.variant_id == Variant.id)
                       & (Stock.location_id == location.id))
            .where(Product.cooperative_id == cooperative_id,
                   Product.made_to_order.is_(False),
                   Product.status != ProductStatus.ARCHIVED)
            .order_by(Product.slug, Variant.position, Variant.id))
    if variant_id is not None:
        stmt = stmt.where(Variant.id == variant_id)
    return [WorkshopItem(variant, product, stock.on_hand if stock else 0,
                         stock.allocated if stock else 0)
            for variant, product, stock in db.session.execute(stmt)]


def list_workshop_stock(user) -> list[WorkshopItem]:
    """Every stocked variant the member's cooperative makes, with its workshop counts."""
    return _items(member_actor(user).cooperative_id)


def workshop_item(user, variant_id: int) -> WorkshopItem:
    items = _items(member_actor(user).cooperative_id, variant_id)
    if not items:
        raise StockNotFound(variant_id)
    return items[0]


def recent_movements(user, variant_id: int, limit: int = 20) -> list[StockMovement]:
    """The ledger of one of the member's variants at their workshop, newest first."""
    actor = member_actor(user)
    workshop_item(user, variant_id)
    location = _workshop(actor.cooperative_id)
    return list(db.session.scalars(
        select(StockMovement)
        .where(StockMovement.variant_id == variant_id, StockMovement.location_id == location.id)
        .order_by(StockMovement.id.desc()).limit(limit)))


def adjust_workshop_stock(user, variant_id: int, reason: MovementReason | str, quantity: int,
                          note: str = "") -> Stock:
    """Book a member's change in the ledger.

    production: `quantity` units were finished; damaged: `quantity` units were lost;
    count_correction: `quantity` is what was counted on the shelf.
    """
    actor = member_actor(user)
    try:
        reason = MovementReason(reason)
    except ValueError as exc:
        raise InvalidAdjustment(f"unknown reason {reason!r}") from exc
    if reason not in MEMBER_REASONS:
        raise InvalidAdjustment(f"members cannot book {reason.value}")
    if quantity < 0 or (quantity == 0 and reason != MovementReason.COUNT_CORRECTION):
        raise InvalidAdjustment("the quantity must be positive")
    begin_write(db.session)
    item = workshop_item(user, variant_id)
    location = _workshop(actor.cooperative_id)
    if reason == MovementReason.PRODUCTION:
        delta = quantity
    elif reason == MovementReason.DAMAGED:
        delta = -quantity
    else:
        # Read the count under the row lock, so a sale meanwhile cannot skew the correction.
        stock = lock_stock({(item.variant.id, location.id)}).get((item.variant.id, location.id))
        delta = quantity - (stock.on_hand if stock else 0)
    if delta == 0:
        raise InvalidAdjustment("the count matches the stock already")
    stock = adjust_stock(item.variant.id, location.id, delta, reason, reference="workshop",
                         user_id=actor.user_id, note=note)
    record("stock.adjust", "stock", f"{item.variant.id}@{location.id}",
           before={"on_hand": stock.on_hand - delta},
           after={"on_hand": stock.on_hand, "reason": reason.value, "note": note},
           summary=f"{item.variant.sku} · {location.name}")
    return stock
