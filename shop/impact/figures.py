"""What an order (or a product unit) funded: minutes of paid work and grams recovered."""

from __future__ import annotations

from dataclasses import dataclass, field

from shop.catalog.models import craft_material


@dataclass
class CoopImpact:
    """One cooperative's share of an order's impact."""

    cooperative_id: int
    minutes: int = 0
    grams: int = 0
    # Grams per kind of material (shop.catalog.models.RecoveredMaterial values).
    materials: dict[str, int] = field(default_factory=dict)

    def add(self, minutes: int, grams: int, material: str, quantity: int) -> None:
        self.minutes += minutes * quantity
        self.grams += grams * quantity
        if grams:
            self.materials[material] = self.materials.get(material, 0) + grams * quantity


@dataclass
class OrderImpact:
    by_cooperative: dict[int, CoopImpact] = field(default_factory=dict)

    @property
    def minutes(self) -> int:
        return sum(c.minutes for c in self.by_cooperative.values())

    @property
    def grams(self) -> int:
        return sum(c.grams for c in self.by_cooperative.values())

    @property
    def is_empty(self) -> bool:
        return self.minutes == 0 and self.grams == 0


def order_impact(order) -> OrderImpact:
    """The sum of the order's line snapshots, per cooperative (refunds not subtracted)."""
    impact = OrderImpact()
    for line in order.lines:
        share = impact.by_cooperative.setdefault(line.cooperative_id,
                                                 CoopImpact(line.cooperative_id))
        share.add(line.impact_minutes_per_unit or 0, line.recovered_grams_per_unit or 0,
                  line_material(line), line.quantity)
    return impact


def line_material(line) -> str:
    """The line's snapshot of the material kind; lines from before it: the craft's usual."""
    if line.recovered_material:
        return line.recovered_material
    return craft_material(line.cooperative.craft).value


def remaining_share(value: int, total_cents: int, refunded_cents: int) -> int:
    """The part of `value` still funded once `refunded_cents` of `total_cents` went back.

    Rounded half away from zero; a full refund leaves exactly zero, and successive partial
    refunds add up to the same figure as one refund of their sum.
    """
    if total_cents <= 0:
        return 0
    kept = max(total_cents - refunded_cents, 0)
    return (2 * value * kept + total_cents) // (2 * total_cents)


@dataclass(frozen=True)
class NamedImpact:
    """A cooperative's share with its name, for pages and emails."""

    name: str
    minutes: int
    grams: int
    # (kind, grams) per kind of recovered material, heaviest first.
    materials: tuple[tuple[str, int], ...] = ()


def _named(impact: OrderImpact, names: dict[int, str]) -> list[NamedImpact]:
    rows = [NamedImpact(names[c.cooperative_id], c.minutes, c.grams,
                        tuple(sorted(c.materials.items(), key=lambda m: (-m[1], m[0]))))
            for c in impact.by_cooperative.values() if c.minutes or c.grams]
    return sorted(rows, key=lambda r: (-r.minutes, -r.grams, r.name))


def order_impact_rows(order) -> list[NamedImpact]:
    """The order's impact per cooperative, named, largest first; empty shares left out."""
    names = {line.cooperative_id: line.cooperative.name for line in order.lines}
    return _named(order_impact(order), names)


def cart_impact(lines) -> OrderImpact:
    """What a cart would fund once ordered: its lines' products' figures, as the order's
    lines will snapshot them (one line per cart line, the product's cooperative)."""
    impact = OrderImpact()
    for line in lines:
        product = line.product
        share = impact.by_cooperative.setdefault(product.cooperative_id,
                                                 CoopImpact(product.cooperative_id))
        share.add(product.impact_minutes_per_unit, product.recovered_grams_per_unit,
                  product.recovered_material, line.quantity)
    return impact


def cart_impact_rows(lines) -> list[NamedImpact]:
    lines = list(lines)
    names = {line.product.cooperative_id: line.product.cooperative.name for line in lines}
    return _named(cart_impact(lines), names)
