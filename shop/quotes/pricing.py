"""Business prices: net per line, VAT per rate on each rate's total, suggested prices.

VAT is rounded once per rate, on the sum of that rate's net amounts (as an Italian invoice's
VAT summary does), never per line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from shop.extensions import db
from shop.fulfilment.routing import STOCKED_DISPATCH_DAYS
from shop.inventory.models import Location, LocationKind, Stock
from shop.money import vat_included
from shop.quotes.models import PriceBreak


def vat_on_net(net_cents: int, rate_bp: int) -> int:
    """VAT on a net amount, rounded half up to the cent.

    >>> vat_on_net(10000, 2200)
    2200
    >>> vat_on_net(1005, 2200)
    221
    """
    return (2 * net_cents * rate_bp + 10_000) // 20_000


@dataclass(frozen=True)
class RateTotal:
    rate_bp: int
    net_cents: int
    vat_cents: int


@dataclass(frozen=True)
class QuoteTotals:
    rates: list[RateTotal]

    @property
    def net_cents(self) -> int:
        return sum(r.net_cents for r in self.rates)

    @property
    def vat_cents(self) -> int:
        return sum(r.vat_cents for r in self.rates)

    @property
    def gross_cents(self) -> int:
        return self.net_cents + self.vat_cents


def totals(lines) -> QuoteTotals:
    """Net, VAT per rate (highest rate first) and the total of lines with net prices."""
    by_rate: dict[int, int] = {}
    for line in lines:
        by_rate[line.vat_rate_bp] = by_rate.get(line.vat_rate_bp, 0) + (
            line.unit_price_cents * line.quantity)
    return QuoteTotals([RateTotal(rate, net, vat_on_net(net, rate))
                        for rate, net in sorted(by_rate.items(), reverse=True)])


def gross_unit_cents(net_cents: int, rate_bp: int) -> int:
    return net_cents + vat_on_net(net_cents, rate_bp)


def net_list_price(variant) -> int:
    """The shop's consumer price of a variant without its VAT."""
    return variant.price_cents - vat_included(variant.price_cents, variant.product.vat_rate_bp)


def price_breaks(variant_ids) -> dict[int, list[PriceBreak]]:
    ids = sorted(set(variant_ids))
    if not ids:
        return {}
    found: dict[int, list[PriceBreak]] = {i: [] for i in ids}
    for row in db.session.scalars(select(PriceBreak).where(PriceBreak.variant_id.in_(ids))
                                  .order_by(PriceBreak.min_quantity)):
        found[row.variant_id].append(row)
    return found


def suggested_unit_price(variant, quantity: int, breaks: list[PriceBreak] | None = None) -> int:
    """The net unit price for this quantity: the best break reached, else the list price."""
    if breaks is None:
        breaks = price_breaks([variant.id]).get(variant.id, [])
    reached = [b for b in breaks if b.min_quantity <= quantity]
    if reached:
        return max(reached, key=lambda b: b.min_quantity).unit_price_cents
    return net_list_price(variant)


def workshop_available(variant) -> int:
    return db.session.scalar(
        select(Stock.on_hand - Stock.allocated).join(Location)
        .where(Stock.variant_id == variant.id, Location.kind == LocationKind.WORKSHOP,
               Location.cooperative_id == variant.product.cooperative_id)) or 0


def earliest_delivery(variant, quantity: int, today: date, cooperative=None) -> date:
    """When the cooperative can have the goods ready: at once from stock, else after its
    lead time (the product's, or the cooperative's for custom work)."""
    if variant is None:
        return today + timedelta(days=cooperative.lead_time_days + STOCKED_DISPATCH_DAYS)
    product = variant.product
    if not product.made_to_order and workshop_available(variant) >= quantity:
        return today + timedelta(days=STOCKED_DISPATCH_DAYS)
    return today + timedelta(days=product.effective_lead_time_days + STOCKED_DISPATCH_DAYS)


@dataclass
class Suggestion:
    """A line as the builder first shows it, with where its price and date come from."""

    variant_id: int | None
    cooperative_id: int | None
    description: str
    quantity: int
    unit_price_cents: int
    vat_rate_bp: int
    delivery_date: date | None
    list_price_cents: int | None = None
    break_from: int | None = None


def suggest_lines(request, today: date) -> list[Suggestion]:
    """Price the requested variants: the best price break reached, else the net list price;
    the date from the cooperative's stock and lead time."""
    breaks = price_breaks(item.variant_id for item in request.items)
    lines = []
    for item in request.items:
        variant = item.variant
        own = breaks.get(variant.id, [])
        reached = [b for b in own if b.min_quantity <= item.quantity]
        product = variant.product
        name = product.tr(request.locale).name
        if len(product.active_variants) > 1:
            name = f"{name} — {variant.label_for(request.locale)}"
        lines.append(Suggestion(
            variant.id, product.cooperative_id, name, item.quantity,
            suggested_unit_price(variant, item.quantity, own), product.vat_rate_bp,
            earliest_delivery(variant, item.quantity, today), net_list_price(variant),
            max(b.min_quantity for b in reached) if reached else None))
    return lines
