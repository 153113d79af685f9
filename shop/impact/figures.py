"""What an order (or a product unit) funded: minutes of paid work and grams recovered."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class CoopImpact:
    """One cooperative's share of an order's impact."""

    cooperative_id: int
    minutes: int = 0
    grams: int = 0


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
        share.minutes += (line.impact_minutes_per_unit or 0) * line.quantity
        share.grams += (line.recovered_grams_per_unit or 0) * line.quantity
    return impact


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


def order_impact_rows(order) -> list[NamedImpact]:
    """The order's impact per cooperative, named, largest first; empty shares left out."""
    names = {line.cooperative_id: line.cooperative.name for line in order.lines}
    rows = [NamedImpact(names[c.cooperative_id], c.minutes, c.grams)
            for c in order_impact(order).by_cooperative.values() if c.minutes or c.grams]
    return sorted(rows, key=lambda r: (-r.minutes, -r.grams, r.name))
