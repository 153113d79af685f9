"""What staff do with whole orders: find them, read everything, cancel, refund, resend.

Every operation locks the order first (shop.orders.services.lock_order), then stock rows
(shop.inventory.locks), never the other way round, and writes one audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, or_, select

from shop.accounts.access import staff_actor
from shop.audit.services import record
from shop.db import begin_write
from shop.extensions import db
from shop.fulfilment import services as fulfilments
from shop.fulfilment.errors import InvalidTransition as FulfilmentTransition
from shop.fulfilment.models import Fulfilment, FulfilmentStatus
from shop.fulfilment.routing import LOCAL_TZ
from shop.inventory.models import Location, MovementReason
from shop.inventory.services import adjust_stock
from shop.invoicing.credit_notes import credit_notes_of_order, issue_credit_note
from shop.invoicing.models import CreditNote, Invoice
from shop.invoicing.services import invoice_of
from shop.notifications.models import OutboxMessage
from shop.notifications.services import enqueue_email
from shop.orders.errors import OrderNotFound, RefundRefused
from shop.orders.models import Order, OrderEvent, OrderLine, OrderSource, OrderStatus
from shop.orders.services import lock_order
from shop.payments import refunds
from shop.payments.models import Payment, Refund, RefundRequest, RefundStatus
from shop.payments.services import cancel_order, payment_under_way

PER_PAGE = 30
RESENDABLE = ("order_confirmation", "order_shipped")


@dataclass(frozen=True)
class OrderFilters:
    status: str = ""
    source: str = ""
    cooperative: int | None = None
    since: date | None = None
    until: date | None = None
    q: str = ""
    page: int = 1


@dataclass
class OrderPage:
    items: list[Order]
    total: int
    page: int
    pages: int


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=LOCAL_TZ)


def list_orders(user, filters: OrderFilters, per_page: int = PER_PAGE) -> OrderPage:
    """Orders matching the filters and search, newest first."""
    staff_actor(user)
    stmt = select(Order).where(Order.number.is_not(None))
    if filters.status in set(OrderStatus):
        stmt = stmt.where(Order.status == filters.status)
    if filters.source in set(OrderSource):
        stmt = stmt.where(Order.source == filters.source)
    if filters.cooperative:
        stmt = stmt.where(Order.id.in_(select(OrderLine.order_id).where(
            OrderLine.cooperative_id == filters.cooperative)))
    if filters.since:
        stmt = stmt.where(Order.created_at >= _day_start(filters.since))
    if filters.until:
        stmt = stmt.where(Order.created_at < _day_start(filters.until + timedelta(days=1)))
    q = filters.q.strip().lower()
    if q:
        like = f"%{q}%"
        stmt = stmt.where(or_(func.lower(Order.number).like(like),
                              func.lower(Order.email).like(like),
                              func.lower(Order.name).like(like)))
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(filters.page, 1), pages)
    items = list(db.session.scalars(stmt.order_by(Order.created_at.desc(), Order.id.desc())
                                    .limit(per_page).offset((page - 1) * per_page)))
    return OrderPage(items, total, page, pages)


@dataclass(frozen=True)
class LineState:
    line: OrderLine
    refunded: int  # units refunded so far

    @property
    def refundable(self) -> int:
        return self.line.quantity - self.refunded


@dataclass
class OrderFile:
    """Everything about one order, for its staff page."""

    order: Order
    lines: list[LineState]
    parts: list[Fulfilment]
    payments: list[Payment]
    refunds: list[Refund]
    requests: list[RefundRequest]
    emails: list[OutboxMessage]
    events: list[OrderEvent]
    refundable_cents: int
    cancellable_parts: list[Fulfilment] = field(default_factory=list)
    invoice: Invoice | None = None
    credit_notes: list[CreditNote] = field(default_factory=list)

    @property
    def can_cancel(self) -> bool:
        return (self.order.status == OrderStatus.PENDING_PAYMENT
                and not payment_under_way(self.order))


def order_file(user, order_id: int) -> OrderFile:
    staff_actor(user)
    order = db.session.get(Order, order_id)
    if order is None or order.number is None:
        raise OrderNotFound(order_id)
    done = refunds.refunded_units(order)
    parts = fulfilments.order_fulfilments(order)
    payments = list(db.session.scalars(select(Payment).where(Payment.order_id == order.id)
                                       .order_by(Payment.id)))
    paid = order.status not in (OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED)
    return OrderFile(
        order=order, lines=[LineState(line, done.get(line.id, 0)) for line in order.lines],
        parts=parts, payments=payments,
        refunds=[r for p in payments for r in p.refunds],
        requests=list(db.session.scalars(select(RefundRequest).where(
            RefundRequest.order_id == order.id).order_by(RefundRequest.id))),
        emails=list(db.session.scalars(select(OutboxMessage).where(
            OutboxMessage.order_id == order.id).order_by(OutboxMessage.id))),
        events=list(db.session.scalars(select(OrderEvent).where(
            OrderEvent.order_id == order.id).order_by(OrderEvent.id))),
        refundable_cents=refunds.refundable_cents(order) if paid else 0,
        cancellable_parts=[p for p in parts if paid and FulfilmentStatus.CANCELLED in
                           fulfilments.allowed_moves(user, p)],
        invoice=invoice_of(order.id), credit_notes=credit_notes_of_order(order.id))


def cancel_unpaid(user, order_id: int, note: str = "") -> Order:
    """Cancel an order nobody has paid: its reserved stock goes back on sale."""
    actor = staff_actor(user)
    begin_write(db.session)
    order = lock_order(order_id)
    if order.status != OrderStatus.PENDING_PAYMENT or payment_under_way(order):
        raise RefundRefused("state", detail=order.status)
    cancel_order(order, actor=actor.label, user_id=actor.user_id, note=note or "staff")
    record("order.cancel", "order", order.id, before={"status": "pending_payment"},
           after={"status": order.status}, summary=f"{order.number} cancelled: {note}")
    return order


@dataclass(frozen=True)
class RefundAsk:
    """What staff ask on the refund form. Empty `quantities` with `full` refunds it all."""

    request_key: str
    reason: str
    quantities: dict[int, int] = field(default_factory=dict)  # order line id -> units
    returns: dict[int, int] = field(default_factory=dict)  # order line id -> units back
    return_location_id: int | None = None
    full: bool = False


def refund(user, order_id: int, ask: RefundAsk, order_link=None) -> RefundRequest:
    """Refund an order in full or by line and quantity, once per request key.

    Goods that came back enter the chosen location as `return` ledger rows. The customer
    is emailed. RefundRefused says why nothing was done.
    """
    actor = staff_actor(user)
    begin_write(db.session)
    order = lock_order(order_id)
    existing = refunds.find_request(ask.request_key)
    if existing is not None:
        return existing
    if not ask.reason.strip():
        raise RefundRefused("reason")
    done = refunds.refunded_units(order)
    by_id = {line.id: line for line in order.lines}
    if ask.full:
        quantities = {line.id: line.quantity - done.get(line.id, 0) for line in order.lines}
        quantities = {k: v for k, v in quantities.items() if v > 0}
        amount = refunds.refundable_cents(order)
    else:
        quantities = {k: v for k, v in ask.quantities.items() if v}
        if not quantities:
            raise RefundRefused("nothing")
        for line_id, units in quantities.items():
            line = by_id.get(line_id)
            if line is None or units < 0 or units > line.quantity - done.get(line_id, 0):
                raise RefundRefused("quantity", detail=line.sku if line else str(line_id))
        amount = sum(by_id[k].unit_price_cents * v for k, v in quantities.items())
    returns = {k: v for k, v in ask.returns.items() if v}
    for line_id, units in returns.items():
        if units < 0 or units > quantities.get(line_id, 0):
            raise RefundRefused("returns", detail=str(line_id))
    location = None
    if returns:
        location = db.session.get(Location, ask.return_location_id or 0)
        if location is None:
            raise RefundRefused("location")
    lines = [refunds.RefundLine(k, v, by_id[k].unit_price_cents * v, returns.get(k, 0))
             for k, v in sorted(quantities.items())]
    request = refunds.refund_order(
        order, request_key=ask.request_key, amount_cents=amount, lines=lines,
        reason=ask.reason.strip(), user_id=actor.user_id, actor=actor.label,
        return_location_id=location.id if location else None)
    if request.status != RefundStatus.SUCCEEDED:
        return request
    issue_credit_note(request)  # an invoiced order gets its credit note (TD04)
    for line_id, units in returns.items():
        line = by_id[line_id]
        if line.variant_id is not None:
            adjust_stock(line.variant_id, location.id, units, MovementReason.RETURN,
                         reference=order.number, user_id=actor.user_id, note=ask.reason)
    _tell_customer(order, request, order_link)
    record("order.refund", "order", order.id, only_changes=False,
           after={"amount_cents": amount, "lines": {str(k): v for k, v in quantities.items()},
                  "returned": {str(k): v for k, v in returns.items()},
                  "location": location.code if location else None},
           summary=f"{order.number}: refund {amount} cents, {ask.reason.strip()}"[:300])
    return request


def cancel_part(user, fulfilment_id: int, request_key: str, reason: str,
                order_link=None) -> RefundRequest | None:
    """Cancel one part of a paid order and refund what it was worth, once.

    The part's reserved stock is released; its value goes back to the customer, who is
    emailed. Returns the refund request (None when nothing was left to refund).
    """
    actor = staff_actor(user)
    existing = refunds.find_request(request_key)
    if existing is not None:
        return existing
    if not reason.strip():
        raise RefundRefused("reason")
    part = fulfilments.get_fulfilment_for(user, fulfilment_id)
    if part.order.status in (OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED):
        raise RefundRefused("not_paid")
    try:
        # Locks the order, then the part (fulfilment.services), and releases its stock.
        fulfilments.advance(user, fulfilment_id, FulfilmentStatus.CANCELLED, note=reason)
    except FulfilmentTransition as exc:
        existing = refunds.find_request(request_key)
        if existing is not None:  # the same press, applied meanwhile
            return existing
        raise RefundRefused("part_state", detail=part.status) from exc
    order = lock_order(part.order_id)
    done = refunds.refunded_units(order)
    lines = []
    for fline in part.lines:
        line = fline.order_line
        units = min(fline.quantity, line.quantity - done.get(line.id, 0))
        if units > 0:
            lines.append(refunds.RefundLine(line.id, units, line.unit_price_cents * units))
    amount = min(sum(line.amount_cents for line in lines), refunds.refundable_cents(order))
    record("fulfilment.cancel", "fulfilment", part.id, before={"status": "open"},
           after={"status": "cancelled", "refund_cents": amount},
           summary=f"{order.number}: part cancelled, {reason.strip()}"[:300])
    if amount <= 0:
        return None
    request = refunds.refund_order(order, request_key=request_key, amount_cents=amount,
                                   lines=lines, reason=reason.strip(), user_id=actor.user_id,
                                   actor=actor.label)
    if request.status == RefundStatus.SUCCEEDED:
        issue_credit_note(request)
        _tell_customer(order, request, order_link, part=part)
    return request


def _tell_customer(order: Order, request: RefundRequest, order_link, part=None) -> None:
    if not order.email:
        return
    enqueue_email("order_refund", order.email, "order_refund", locale=order.locale,
                  dedupe_key=f"order-refund:{request.id}", order_id=order.id, order=order,
                  request=request, part=part,
                  order_link=order_link(order) if order_link else "")


def resend_email(user, order_id: int, kind: str, order_link=None) -> OutboxMessage:
    """Queue the order's confirmation, or each shipped part's email, once more."""
    staff_actor(user)
    order = db.session.get(Order, order_id)
    if order is None or kind not in RESENDABLE or not order.email:
        raise RefundRefused("email", detail=kind)
    link = order_link(order) if order_link else ""
    if kind == "order_confirmation":
        if order.status in (OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED):
            raise RefundRefused("email", detail=kind)
        message = enqueue_email(kind, order.email, kind, locale=order.locale,
                                order_id=order.id, order=order, order_link=link)
    else:
        from shop.fulfilment.carriers import CARRIERS, tracking_url

        shipped = [p for p in fulfilments.order_fulfilments(order) if p.tracking_code]
        if not shipped:
            raise RefundRefused("email", detail=kind)
        message = None
        for part in shipped:
            message = enqueue_email(
                kind, order.email, kind, locale=order.locale, order_id=order.id, order=order,
                fulfilment=part, carrier=CARRIERS.get(part.carrier),
                tracking_link=tracking_url(part.carrier, part.tracking_code), order_link=link)
    record("order.resend_email", "order", order.id, after={"email": kind},
           summary=f"{order.number}: {kind} sent again", only_changes=False)
    return message
