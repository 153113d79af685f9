"""The impact statement of a company order: paid work and recovered material it funded.

Method: for every line of the order that is a catalog product, its quantity times the
product's own figures (minutes of paid work per unit, grams of recovered material per unit),
summed per cooperative. Custom lines have no figures and are listed as not counted. Figures
are the cooperatives' own estimates per product, kept in the catalog.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from shop.catalog.models import Product
from shop.extensions import db
from shop.orders.models import Order


@dataclass
class CooperativeImpact:
    name: str
    units: int = 0
    minutes: int = 0
    grams: int = 0
    uncounted_units: int = 0

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)

    @property
    def kilograms(self) -> float:
        return round(self.grams / 1000, 1)


@dataclass
class ImpactStatement:
    order: Order
    cooperatives: list[CooperativeImpact] = field(default_factory=list)

    @property
    def hours(self) -> float:
        return round(sum(c.minutes for c in self.cooperatives) / 60, 1)

    @property
    def kilograms(self) -> float:
        return round(sum(c.grams for c in self.cooperatives) / 1000, 1)

    @property
    def uncounted_units(self) -> int:
        return sum(c.uncounted_units for c in self.cooperatives)


def impact_statement(order: Order) -> ImpactStatement:
    """Per cooperative, in the order its lines appear; only for a paid order."""
    if order.paid_at is None:
        raise ValueError("an impact statement is for paid orders")
    by_coop: dict[int, CooperativeImpact] = {}
    for line in order.lines:
        entry = by_coop.setdefault(line.cooperative_id, CooperativeImpact(line.cooperative.name))
        product = db.session.get(Product, line.product_id) if line.product_id else None
        if product is None:
            entry.uncounted_units += line.quantity
            continue
        entry.units += line.quantity
        entry.minutes += product.impact_minutes_per_unit * line.quantity
        entry.grams += product.recovered_grams_per_unit * line.quantity
    return ImpactStatement(order, list(by_coop.values()))
