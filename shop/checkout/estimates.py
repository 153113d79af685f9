"""What a customer sees before paying: shipping in the cart, delivery dates on the review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from shop.checkout.models import ShippingMethod, ShippingZone
from shop.fulfilment.routing import STOCKED_DISPATCH_DAYS

PICKUP_TRANSFER_DAYS = 2  # a cooperative's van to the store, in working days


@dataclass(frozen=True)
class ShippingEstimate:
    """Standard shipping in Italy for goods worth a subtotal, and what free shipping needs."""

    method: ShippingMethod
    cost_cents: int
    missing_for_free_cents: int


@dataclass(frozen=True)
class PartEstimate:
    """One cooperative's part of the order and the day it should reach the customer."""

    cooperative: object
    lines: list
    expected_on: date


def cart_shipping(methods: list[ShippingMethod], subtotal_cents: int) -> ShippingEstimate | None:
    """The cheapest courier in Italy, as the cart shows it before any address is known."""
    domestic = [m for m in methods if m.zone == ShippingZone.ITALY]
    if not domestic:
        return None
    method = min(domestic, key=lambda m: (m.price_for(subtotal_cents), m.position))
    cost = method.price_for(subtotal_cents)
    missing = 0
    if cost and method.free_over_cents is not None:
        missing = max(method.free_over_cents - subtotal_cents, 0)
    return ShippingEstimate(method, cost, missing)


def add_working_days(start: date, days: int) -> date:
    """`days` working days (Monday to Friday) after `start`."""
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def part_estimates(groups, method: ShippingMethod, today: date) -> list[PartEstimate]:
    """Each cooperative's part: ready after its longest lead time, then on the road."""
    pickup = method.zone == ShippingZone.PICKUP
    parts = []
    for group in groups:
        ready = max(line.product.effective_lead_time_days if line.product.made_to_order
                    else STOCKED_DISPATCH_DAYS for line in group.lines)
        ready_on = today + timedelta(days=ready)
        travel = PICKUP_TRANSFER_DAYS if pickup else method.days_max
        parts.append(PartEstimate(group.cooperative, group.lines,
                                  add_working_days(ready_on, travel)))
    return parts
