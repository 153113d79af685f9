"""Stock that needs the store's attention: variants almost or entirely sold out somewhere.

Uses the workshop's threshold (`LOW_STOCK`), so the staff home, the cooperative's stock
page and the storefront's "last pieces" all speak alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from shop.accounts.access import staff_actor
from shop.catalog.models import Product, ProductStatus, Variant
from shop.extensions import db
from shop.inventory.models import Location, Stock
from shop.inventory.workshop import LOW_STOCK


@dataclass(frozen=True)
class LowStock:
    variant: Variant
    product: Product
    location: Location
    on_hand: int
    allocated: int

    @property
    def available(self) -> int:
        return self.on_hand - self.allocated


def low_stock(user, limit: int = 20) -> list[LowStock]:
    """Active stocked variants with at most LOW_STOCK units free in a location, fewest first."""
    staff_actor(user)
    rows = db.session.execute(
        select(Variant, Product, Location, Stock)
        .join(Product, Variant.product_id == Product.id)
        .join(Stock, Stock.variant_id == Variant.id)
        .join(Location, Stock.location_id == Location.id)
        .where(Product.status == ProductStatus.ACTIVE, Product.made_to_order.is_(False),
               Variant.active.is_(True), Stock.on_hand - Stock.allocated <= LOW_STOCK)
        .order_by(Stock.on_hand - Stock.allocated, Product.slug, Variant.id, Location.id)
        .limit(limit))
    return [LowStock(variant, product, location, stock.on_hand, stock.allocated)
            for variant, product, location, stock in rows]
