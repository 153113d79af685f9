"""Routing a paid order: which cooperative (or the store) delivers which units, and by when.

- Shipping orders: one fulfilment per cooperative, sent to the customer from its workshop.
- Pickup orders: the units reserved on the store's shelves form one store fulfilment; the
  rest of each line goes to its cooperative, which brings it to the store.
- A gift box's line is routed as its part lines, each to its own cooperative.
- A company's order with several delivery addresses becomes one shipment per address
  and cooperative: each line's units are shared over the addresses by the rule in
  shop.fulfilment.addresses.
- Made-to-order lines reserve no stock: they go to their cooperative and are due
  `lead_time_days` after payment. Stocked parts are due a few days after payment.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from shop.db import utcnow
from shop.extensions import db
from shop.fulfilment.addresses import several, share_units
from shop.fulfilment.models import (
    Destination,
    Fulfilment,
    FulfilmentEvent,
    FulfilmentLine,
    FulfilmentStatus,
)
from shop.inventory.models import LocationKind
from shop.orders.models import AllocationStatus, DeliveryMethod, Order, OrderLine

# The consortium's calendar: due dates and statement months are days in Milan.
LOCAL_TZ = ZoneInfo("Europe/Rome")
STOCKED_DISPATCH_DAYS = 2  # a cooperative packs and sends what it has on its shelves
STORE_SET_ASIDE_DAYS = 1  # the store sets aside what it already holds


def local_date(moment: datetime) -> date:
    return moment.astimezone(LOCAL_TZ).date()


def route_order(order: Order, now: datetime | None = None) -> list[Fulfilment]:
    """Split a paid order into fulfilments; a second call returns the first call's ones."""
    existing = list(db.session.scalars(
        select(Fulfilment).where(Fulfilment.order_id == order.id).order_by(Fulfilment.id)))
    if existing:
        return existing
    paid_day = local_date(order.paid_at or now or utcnow())
    pickup = order.delivery_method == DeliveryMethod.PICKUP
    destination = Destination.STORE if pickup else Destination.CUSTOMER

    # cooperative id (None: the store) -> [(order line, units, due date of the line)]
    parts: dict[int | None, list[tuple[OrderLine, int, date | None]]] = {}
    # A gift box is routed as its parts, each to the cooperative that makes it.
    for line in (unit for box_or_line in order.lines for unit in box_or_line.units):
        if line.made_to_order:
            due = paid_day + timedelta(days=line.lead_time_days)
            parts.setdefault(line.cooperative_id, []).append((line, line.quantity, due))
            continue
        from_store = sum(a.quantity for a in line.allocations
                         if a.status == AllocationStatus.RESERVED
                         and a.stock.location.kind == LocationKind.STORE)
        if pickup and from_store:
            parts.setdefault(None, []).append((line, from_store, None))
        rest = line.quantity - (from_store if pickup else 0)
        if rest > 0:
            parts.setdefault(line.cooperative_id, []).append((line, rest, None))

    created = []
    # Cooperatives in the order their lines appear; the store's part last.
    for cooperative_id in sorted(parts, key=lambda c: c is None):
        for address_no, entries in _by_address(order, cooperative_id, parts[cooperative_id],
                                               pickup):
            fulfilment = Fulfilment(
                order_id=order.id, cooperative_id=cooperative_id, address_no=address_no,
                destination=Destination.STORE if cooperative_id is None else destination,
                status=FulfilmentStatus.NEW,
                due_date=_due_date(cooperative_id, entries, paid_day),
                lines=[FulfilmentLine(order_line_id=line.id, quantity=units, due_date=due)
                       for line, units, due in entries])
            fulfilment.events.append(FulfilmentEvent(
                from_status=None, to_status=FulfilmentStatus.NEW, actor="system"))
            db.session.add(fulfilment)
            created.append(fulfilment)
    db.session.flush()
    return created


def _by_address(order: Order, cooperative_id: int | None, entries, pickup: bool):
    """(address number, entries): one part per destination of a multi-address order."""
    addresses = order.delivery_addresses or []
    if pickup or cooperative_id is None or not several(addresses):
        return [(0, entries)]
    per_address: list[list] = [[] for _ in addresses]
    for line, units, due in entries:
        for index, share in enumerate(share_units(units, addresses)):
            if share:
                per_address[index].append((line, share, due))
    return [(index + 1, shares) for index, shares in enumerate(per_address) if shares]


def _due_date(cooperative_id: int | None, entries, paid_day: date) -> date:
    if cooperative_id is None:
        return paid_day + timedelta(days=STORE_SET_ASIDE_DAYS)
    dates = [due for _, _, due in entries if due is not None]
    if any(due is None for _, _, due in entries):
        dates.append(paid_day + timedelta(days=STOCKED_DISPATCH_DAYS))
    return max(dates)
