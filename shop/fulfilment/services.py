"""Fulfilment operations, always on behalf of an actor and scoped to what they may see.

A cooperative member reaches only their cooperative's fulfilments: every lookup filters on
it, so a foreign id is indistinguishable from a missing one (NotFound). Staff see all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import case, func, select

from shop.accounts.access import Actor, actor_for, staff_actor
from shop.audit.services import record, snapshot
from shop.db import begin_write, utcnow
from shop.extensions import db
from shop.fulfilment import notifications
from shop.fulfilment.carriers import CARRIERS, normalise_tracking_code, valid_tracking_code
from shop.fulfilment.errors import InvalidTransition, NotFound, TrackingRequired
from shop.fulfilment.models import Fulfilment, FulfilmentEvent, FulfilmentStatus
from shop.fulfilment.routing import local_date
from shop.fulfilment.workflow import (
    LEAVES_LOCATION,
    TODO,
    flow_of,
    is_done,
    next_statuses,
    within_reach,
)
from shop.inventory.models import Location, LocationKind
from shop.inventory.reservations import consume_allocations, release_allocations
from shop.orders.models import (
    Allocation,
    AllocationStatus,
    DeliveryMethod,
    Order,
    OrderStatus,
)
from shop.orders.services import lock_order, transition

S = FulfilmentStatus
PER_PAGE = 25
DUE_FILTERS = ("overdue", "today", "week")
AUDITED_FIELDS = ("status", "carrier", "tracking_code")


@dataclass(frozen=True)
class Filters:
    status: str = "todo"  # "" (any), "todo", or one FulfilmentStatus value
    due: str = ""  # "" (any), "overdue", "today" (due by today), "week" (by a week from now)
    cooperative: str = ""  # staff only: "" (any), "store", or a cooperative id
    page: int = 1


@dataclass
class FulfilmentPage:
    items: list[Fulfilment]
    total: int
    page: int
    pages: int


@dataclass
class StatusCounts:
    by_status: dict[str, int] = field(default_factory=dict)
    overdue: int = 0

    @property
    def todo(self) -> int:
        return sum(n for status, n in self.by_status.items() if status in TODO)


def today_local(now: datetime | None = None) -> date:
    return local_date(now or utcnow())


def _scoped(actor: Actor):
    stmt = select(Fulfilment)
    if not actor.is_staff:
        stmt = stmt.where(Fulfilment.cooperative_id == actor.cooperative_id)
    return stmt


def _overdue(today: date):
    return Fulfilment.status.in_(TODO) & (Fulfilment.due_date < today)


def get_fulfilment_for(user, fulfilment_id: int) -> Fulfilment:
    """The fulfilment if the user may see it; NotFound for a foreign or unknown id."""
    actor = actor_for(user)
    fulfilment = db.session.scalar(_scoped(actor).where(Fulfilment.id == fulfilment_id))
    if fulfilment is None:
        raise NotFound(fulfilment_id)
    return fulfilment


def list_fulfilments(user, filters: Filters, today: date | None = None,
                     per_page: int = PER_PAGE) -> FulfilmentPage:
    """The user's fulfilments matching the filters: overdue first, then by due date."""
    actor = actor_for(user)
    today = today or today_local()
    stmt = _scoped(actor)
    if filters.status == "todo":
        stmt = stmt.where(Fulfilment.status.in_(TODO))
    elif filters.status in set(S):
        stmt = stmt.where(Fulfilment.status == filters.status)
    if filters.due == "overdue":
        stmt = stmt.where(_overdue(today))
    elif filters.due == "today":
        stmt = stmt.where(Fulfilment.due_date <= today)
    elif filters.due == "week":
        stmt = stmt.where(Fulfilment.due_date <= date.fromordinal(today.toordinal() + 7))
    if actor.is_staff and filters.cooperative == "store":
        stmt = stmt.where(Fulfilment.cooperative_id.is_(None))
    elif actor.is_staff and filters.cooperative.isdigit():
        stmt = stmt.where(Fulfilment.cooperative_id == int(filters.cooperative))
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(filters.page, 1), pages)
    order = (case((_overdue(today), 0), (Fulfilment.status.in_(TODO), 1), else_=2),
             Fulfilment.due_date, Fulfilment.id)
    items = list(db.session.scalars(stmt.order_by(*order).limit(per_page)
                                    .offset((page - 1) * per_page)))
    return FulfilmentPage(items, total, page, pages)


def status_counts(user, today: date | None = None) -> StatusCounts:
    """How many of the user's fulfilments are in each status, and how many are overdue."""
    actor = actor_for(user)
    today = today or today_local()
    scoped = _scoped(actor).subquery()
    rows = db.session.execute(select(scoped.c.status, func.count()).group_by(scoped.c.status))
    counts = StatusCounts(by_status={status: n for status, n in rows})
    counts.overdue = db.session.scalar(
        select(func.count()).select_from(_scoped(actor).where(_overdue(today)).subquery())) or 0
    return counts


def order_fulfilments(order: Order) -> list[Fulfilment]:
    """Every part of an order, for the customer's order page (who holds its link)."""
    return list(db.session.scalars(
        select(Fulfilment).where(Fulfilment.order_id == order.id)
        .order_by(case((Fulfilment.cooperative_id.is_(None), 1), else_=0), Fulfilment.id)))


def allowed_moves(user, fulfilment: Fulfilment) -> list[str]:
    return next_statuses(fulfilment, actor_for(user).is_staff)


def advance(user, fulfilment_id: int, to_status: str, *, carrier: str = "",
            tracking_code: str = "", note: str = "", now: datetime | None = None) -> Fulfilment:
    """Move a fulfilment one step forward for the user, with everything that step implies.

    Goods leaving their location consume their reserved stock; shipping to a customer needs
    a carrier and a tracking code and tells the customer; cancelling frees the stock. The
    order's own status follows its parts.
    """
    actor = actor_for(user)
    begin_write(db.session)
    fulfilment = _lock_for(actor, fulfilment_id)
    allowed = next_statuses(fulfilment, actor.is_staff)
    if to_status not in allowed:
        raise InvalidTransition(fulfilment.status, to_status, allowed)
    flow = flow_of(fulfilment)
    now = now or utcnow()
    if to_status == S.SHIPPED:
        tracking_code = normalise_tracking_code(tracking_code)
        if carrier not in CARRIERS or not valid_tracking_code(tracking_code):
            raise TrackingRequired(carrier, tracking_code)
        fulfilment.carrier, fulfilment.tracking_code = carrier, tracking_code
    if to_status == LEAVES_LOCATION[flow]:
        consume_allocations(_allocations(fulfilment), reference=fulfilment.order.number or "",
                            user_id=actor.user_id)
    if to_status in (S.SHIPPED, S.DELIVERED_TO_STORE):
        fulfilment.shipped_at = now
    if to_status == S.CANCELLED:
        release_allocations(_allocations(fulfilment))
    db.session.add(FulfilmentEvent(fulfilment=fulfilment, from_status=fulfilment.status,
                                   to_status=to_status, actor=actor.label,
                                   user_id=actor.user_id, note=note, created_at=now))
    audit_before = snapshot(fulfilment, AUDITED_FIELDS)
    fulfilment.status = to_status
    fulfilment.updated_at = now
    record("fulfilment.advance", "fulfilment", fulfilment.id, before=audit_before,
           after=snapshot(fulfilment, AUDITED_FIELDS), summary=fulfilment.order.number or "",
           only_changes=True)
    db.session.flush()
    if to_status == S.SHIPPED:
        notifications.notify_shipped(fulfilment)
    sync_order_status(fulfilment.order, actor=actor.label, user_id=actor.user_id)
    return fulfilment


def _lock_for(actor: Actor, fulfilment_id: int) -> Fulfilment:
    """Lock the order, then the fulfilment (always in that order), if the actor may see it."""
    row = db.session.execute(select(Fulfilment.order_id, Fulfilment.cooperative_id)
                             .where(Fulfilment.id == fulfilment_id)).first()
    if row is None or (not actor.is_staff and row.cooperative_id != actor.cooperative_id):
        raise NotFound(fulfilment_id)
    lock_order(row.order_id)
    return db.session.scalar(
        select(Fulfilment).where(Fulfilment.id == fulfilment_id)
        .with_for_update(of=Fulfilment).execution_options(populate_existing=True))


def source_location_id(fulfilment: Fulfilment) -> int | None:
    """Where the fulfilment's stocked units were reserved: the store or the workshop."""
    if fulfilment.cooperative_id is None:
        stmt = select(Location.id).where(Location.kind == LocationKind.STORE)
    else:
        stmt = select(Location.id).where(Location.cooperative_id == fulfilment.cooperative_id)
    return db.session.scalar(stmt)


def _allocations(fulfilment: Fulfilment) -> list[Allocation]:
    """The allocations behind this part: its lines' units reserved at its location.

    A line shared by several parts (a company's order with several addresses) has its
    reservation split, so each part takes at most its own units: the part's share is cut
    off an allocation into a new row, the rest stays reserved for the other parts.
    """
    location_id = source_location_id(fulfilment)
    taken: list[Allocation] = []
    for fline in fulfilment.lines:
        wanted = fline.quantity
        for allocation in list(fline.order_line.allocations):
            if wanted <= 0:
                break
            if allocation.stock.location_id != location_id:
                continue
            if allocation.status != AllocationStatus.RESERVED:
                continue  # already consumed or released: never twice
            if allocation.quantity > wanted:
                allocation.quantity -= wanted
                allocation = Allocation(line=fline.order_line, stock_id=allocation.stock_id,
                                        quantity=wanted, status=AllocationStatus.RESERVED)
                db.session.add(allocation)
            wanted -= allocation.quantity
            taken.append(allocation)
    db.session.flush()
    return taken


def sync_order_status(order: Order, *, actor: str, user_id: int | None = None) -> None:
    """Derive the order's status from its parts, moving it forward only.

    Ignoring cancelled parts: all delivered or collected → completed; all on their way or
    at the store → fulfilled (for pickup: ready for pickup); some → partially fulfilled.
    """
    parts = [f for f in order_fulfilments(order) if f.status != S.CANCELLED]
    ladder = [OrderStatus.PAID, OrderStatus.PARTIALLY_FULFILLED, OrderStatus.FULFILLED,
              OrderStatus.COMPLETED]
    if not parts or order.status not in ladder:
        return
    if all(is_done(f) for f in parts):
        target = OrderStatus.COMPLETED
    elif all(within_reach(f) for f in parts):
        target = OrderStatus.FULFILLED
    elif any(within_reach(f) for f in parts):
        target = OrderStatus.PARTIALLY_FULFILLED
    else:
        return
    while ladder.index(order.status) < ladder.index(target):
        if order.status == OrderStatus.FULFILLED:
            step = OrderStatus.COMPLETED
        elif target in (OrderStatus.FULFILLED, OrderStatus.COMPLETED):
            step = OrderStatus.FULFILLED
        else:
            step = OrderStatus.PARTIALLY_FULFILLED
        transition(order, step, actor=actor, user_id=user_id)
        if step == OrderStatus.FULFILLED and order.delivery_method == DeliveryMethod.PICKUP:
            notifications.notify_ready_for_pickup(order, parts)


def is_overdue(fulfilment: Fulfilment, today: date | None = None) -> bool:
    today = today or today_local()
    return (fulfilment.status in TODO and fulfilment.due_date is not None
            and fulfilment.due_date < today)



@dataclass(frozen=True)
class WaitingOrder:
    order: Order
    fulfilment_ids: list[int]  # its parts (none if it was not routed)


def orders_waiting(user, limit: int = 10) -> list[WaitingOrder]:
    """Paid orders no one has taken up yet: no part accepted (or not routed), oldest first."""
    staff_actor(user)
    taken = select(Fulfilment.id).where(
        Fulfilment.order_id == Order.id,
        Fulfilment.status.not_in((S.NEW, S.CANCELLED))).exists()
    orders = list(db.session.scalars(
        select(Order).where(Order.status == OrderStatus.PAID, ~taken)
        .order_by(Order.paid_at, Order.id).limit(limit)))
    parts: dict[int, list[int]] = {order.id: [] for order in orders}
    for order_id, fulfilment_id in db.session.execute(
            select(Fulfilment.order_id, Fulfilment.id)
            .where(Fulfilment.order_id.in_(list(parts))).order_by(Fulfilment.id)):
        parts[order_id].append(fulfilment_id)
    return [WaitingOrder(order, parts[order.id]) for order in orders]
