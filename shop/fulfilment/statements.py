"""Monthly statements: what a cooperative shipped, what was refunded, what it is owed.

Amounts are integer cents. Prices include VAT; the VAT in each line is worked out with
shop.money.vat_included. A line counts in the month its part left the workshop (shipped to
the customer or delivered to the store). A refund is shared between an order's parts in
proportion to their goods (shipping stays with the consortium) and appears as negative
lines in the month of the refund, or of the shipment if that came later (a refund staff made
line by line falls on those lines). The consortium's
commission is taken from the net (VAT-free) amount of the month. A gift box's parts count
at their share of the box's price (split by list prices when the order was placed), so the
parts of a box add up to exactly what it sold for.

Goods on the store's shelves remain their cooperative's until sold (consignment): the
cooperative's lines of a store part (a counter sale, or a pickup served from the shelves)
count in the month the customer took them, with the same rules.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import func, select

from shop.accounts.access import member_actor, staff_actor
from shop.catalog.models import Cooperative
from shop.extensions import db
from shop.fulfilment.errors import InvalidMonth
from shop.fulfilment.models import Fulfilment, FulfilmentEvent, FulfilmentLine, FulfilmentStatus
from shop.fulfilment.routing import LOCAL_TZ, local_date
from shop.money import vat_included
from shop.orders.models import Order, OrderLine
from shop.payments.models import Payment, Refund, RefundRequest, RefundRequestLine

FIRST_YEAR = 2020
COUNTED_REFUNDS = ("succeeded", "pending")


@dataclass(frozen=True)
class StatementLine:
    kind: str  # "sale" or "refund"
    day: date
    order_number: str
    sku: str
    name: str
    variant_label: str
    quantity: int  # units shipped; 0 on refund lines
    unit_price_cents: int | None
    vat_rate_bp: int
    gross_cents: int  # negative on refund lines
    vat_cents: int

    @property
    def net_cents(self) -> int:
        return self.gross_cents - self.vat_cents


@dataclass
class Statement:
    cooperative_id: int
    cooperative_name: str
    year: int
    month: int
    commission_bp: int
    lines: list[StatementLine] = field(default_factory=list)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def gross_cents(self) -> int:
        return sum(line.gross_cents for line in self.lines)

    @property
    def vat_cents(self) -> int:
        return sum(line.vat_cents for line in self.lines)

    @property
    def net_cents(self) -> int:
        return self.gross_cents - self.vat_cents

    @property
    def commission_cents(self) -> int:
        return round_half_away(self.net_cents * self.commission_bp, 10_000)

    @property
    def amount_due_cents(self) -> int:
        return self.net_cents - self.commission_cents

    @property
    def units(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def sales(self) -> list[StatementLine]:
        return [line for line in self.lines if line.kind == "sale"]

    @property
    def refunds(self) -> list[StatementLine]:
        return [line for line in self.lines if line.kind == "refund"]


def round_half_away(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded to the nearest integer, halves away from zero."""
    sign = -1 if (numerator < 0) != (denominator < 0) else 1
    quotient, remainder = divmod(abs(numerator), abs(denominator))
    return sign * (quotient + (1 if 2 * remainder >= abs(denominator) else 0))


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    """The month's first instant and the next month's, in Milan, as UTC."""
    if not (FIRST_YEAR <= year <= 2100 and 1 <= month <= 12):
        raise InvalidMonth(f"{year}-{month}")
    start = datetime(year, month, 1, tzinfo=LOCAL_TZ)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=LOCAL_TZ)
    return start.astimezone(UTC), end.astimezone(UTC)


def statement_for(user, year: int, month: int) -> Statement:
    """The signed-in member's statement of a month (their own cooperative only)."""
    actor = member_actor(user)
    return cooperative_statement(actor.cooperative_id, year, month)


def cooperative_statement(cooperative_id: int, year: int, month: int) -> Statement:
    start, end = month_bounds(year, month)
    cooperative = db.session.get(Cooperative, cooperative_id)
    statement = Statement(cooperative_id, cooperative.name, year, month,
                          cooperative.commission_bp)
    parts = _sold_parts(cooperative_id, end)
    for sold in parts:
        if not start <= sold.at < end:
            continue
        for fline in sold.lines:
            line = fline.order_line
            # What was paid: a discount comes off; a gift box part counts at its share.
            gross = fline.gross_cents
            unit_price = line.unit_price_cents if line.share_cents is None else None
            statement.lines.append(StatementLine(
                "sale", local_date(sold.at), sold.order.number or "", line.sku, line.name,
                line.variant_label, fline.quantity, unit_price, line.vat_rate_bp,
                gross, vat_included(gross, line.vat_rate_bp)))
    statement.lines.extend(_refund_lines(parts, start, end))
    return statement


@dataclass(frozen=True)
class SoldPart:
    """A part that left its location: a cooperative's own part (when it left the workshop),
    or the cooperative's lines of a store part (consignment: when the customer took them)."""

    fulfilment: Fulfilment
    order: Order
    at: datetime
    lines: list[FulfilmentLine]


def _sold_parts(cooperative_id: int, end: datetime) -> list[SoldPart]:
    own = db.session.execute(
        select(Fulfilment, Order).join(Order, Fulfilment.order_id == Order.id)
        .where(Fulfilment.cooperative_id == cooperative_id,
               Fulfilment.shipped_at.is_not(None), Fulfilment.shipped_at < end)
        .order_by(Fulfilment.shipped_at, Fulfilment.id))
    parts = [SoldPart(f, o, f.shipped_at, list(f.lines)) for f, o in own]
    collected = db.session.execute(
        select(Fulfilment, Order, func.min(FulfilmentEvent.created_at))
        .join(Order, Fulfilment.order_id == Order.id)
        .join(FulfilmentEvent, FulfilmentEvent.fulfilment_id == Fulfilment.id)
        .where(Fulfilment.cooperative_id.is_(None),
               Fulfilment.status == FulfilmentStatus.COLLECTED,
               FulfilmentEvent.to_status == FulfilmentStatus.COLLECTED,
               Fulfilment.id.in_(select(FulfilmentLine.fulfilment_id)
                                 .join(OrderLine, FulfilmentLine.order_line_id == OrderLine.id)
                                 .where(OrderLine.cooperative_id == cooperative_id)))
        .group_by(Fulfilment.id, Order.id)
        .having(func.min(FulfilmentEvent.created_at) < end))
    for f, o, at in collected:
        at = at if at.tzinfo else at.replace(tzinfo=UTC)
        parts.append(SoldPart(f, o, at, [fl for fl in f.lines
                                         if fl.order_line.cooperative_id == cooperative_id]))
    parts.sort(key=lambda p: (p.at, p.fulfilment.id))
    return parts


def _refund_lines(parts: list[SoldPart], start: datetime,
                  end: datetime) -> list[StatementLine]:
    by_order: dict[int, list[SoldPart]] = defaultdict(list)
    for part in parts:
        by_order[part.order.id].append(part)
    if not by_order:
        return []
    rows = db.session.execute(
        select(Refund, Payment.order_id)
        .join(Payment, Refund.payment_id == Payment.id)
        .where(Payment.order_id.in_(list(by_order)), Refund.created_at < end,
               Refund.status.in_(COUNTED_REFUNDS))
        .order_by(Refund.created_at, Refund.id))
    rows = list(rows)
    by_line = _refunded_by_line([refund.id for refund, _ in rows])
    lines = []
    for refund, order_id in rows:
        for part in by_order[order_id]:
            if refund.created_at < start and part.at < start:
                continue
            day = local_date(max(refund.created_at, part.at))
            if refund.id in by_line:
                shares = _line_shares(by_line[refund.id], part.lines)
            else:
                shares = refund_shares(refund.amount_cents, part.order.total_cents,
                                       part.lines)
            for fline, share in shares:
                if share == 0:
                    continue
                line = fline.order_line
                lines.append(StatementLine(
                    "refund", day, part.order.number or "", line.sku, line.name,
                    line.variant_label, 0, None, line.vat_rate_bp, -share,
                    -vat_included(share, line.vat_rate_bp)))
    lines.sort(key=lambda line: line.day)
    return lines


def _refunded_by_line(refund_ids: list[int]) -> dict[int, dict[int, int]]:
    """Refunds staff made by line: refund id -> {order line id: cents refunded}."""
    if not refund_ids:
        return {}
    result: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    rows = db.session.execute(
        select(RefundRequest.refund_id, RefundRequestLine.order_line_id,
               RefundRequestLine.amount_cents)
        .join(RefundRequestLine, RefundRequestLine.refund_request_id == RefundRequest.id)
        .where(RefundRequest.refund_id.in_(refund_ids)))
    for refund_id, line_id, cents in rows:
        result[refund_id][line_id] += cents
    return result


def _line_shares(refunded: dict[int, int],
                 lines: list[FulfilmentLine]) -> list[tuple[FulfilmentLine, int]]:
    """A by-line refund falls on the lines it names, split by the units each part holds."""
    return [(fline, round_half_away(refunded.get(fline.order_line_id, 0) * fline.quantity,
                                    fline.order_line.quantity)) for fline in lines]


def refund_shares(refund_cents: int, order_total_cents: int,
                  lines: list[FulfilmentLine]) -> list[tuple[FulfilmentLine, int]]:
    """Split a refund over these lines in proportion to their goods in the order's total.

    The part's share is rounded once (half up); the largest remainders get the odd cents,
    so the lines' shares add up to the part's share exactly.
    """
    if order_total_cents <= 0 or not lines:
        return []
    part_gross = sum(line.gross_cents for line in lines)
    part_share = min(round_half_away(refund_cents * part_gross, order_total_cents), part_gross)
    if part_gross == 0:
        return [(line, 0) for line in lines]
    exact = [(line, part_share * line.gross_cents) for line in lines]
    shares = [[line, value // part_gross, value % part_gross] for line, value in exact]
    missing = part_share - sum(share for _, share, _ in shares)
    for entry in sorted(shares, key=lambda e: -e[2])[:missing]:
        entry[1] += 1
    return [(line, share) for line, share, _ in shares]


@dataclass(frozen=True)
class MonthTotal:
    first_day: date
    gross_cents: int
    units: int


def last_months(today: date, count: int = 12) -> list[date]:
    """First days of the `count` months ending with today's, oldest first."""
    index = today.year * 12 + today.month - 1
    return [date(i // 12, i % 12 + 1, 1) for i in range(index - count + 1, index + 1)]


def shipped_by_month(user, today: date, count: int = 12) -> list[MonthTotal]:
    """Value (VAT included) and units the member's cooperative shipped per month."""
    cooperative_id = member_actor(user).cooperative_id
    months = last_months(today, count)
    start, _ = month_bounds(months[0].year, months[0].month)
    _, end = month_bounds(months[-1].year, months[-1].month)
    totals: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    rows = db.session.execute(
        select(FulfilmentLine, Fulfilment.shipped_at)
        .join(Fulfilment, FulfilmentLine.fulfilment_id == Fulfilment.id)
        .where(Fulfilment.cooperative_id == cooperative_id,
               Fulfilment.shipped_at >= start, Fulfilment.shipped_at < end))
    for fline, shipped_at in rows:
        day = local_date(shipped_at)
        bucket = totals[date(day.year, day.month, 1)]
        bucket[0] += fline.gross_cents
        bucket[1] += fline.quantity
    return [MonthTotal(m, totals[m][0], totals[m][1]) for m in months]


@dataclass(frozen=True)
class CooperativeTotal:
    cooperative_id: int
    name: str
    gross_cents: int
    units: int


def shipped_by_cooperative(user, today: date, count: int = 12) -> list[CooperativeTotal]:
    """Value (VAT included) and units each cooperative shipped in the last `count` months."""
    staff_actor(user)
    months = last_months(today, count)
    start, _ = month_bounds(months[0].year, months[0].month)
    _, end = month_bounds(months[-1].year, months[-1].month)
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    rows = db.session.execute(
        select(FulfilmentLine, Fulfilment.cooperative_id)
        .join(Fulfilment, FulfilmentLine.fulfilment_id == Fulfilment.id)
        .where(Fulfilment.cooperative_id.is_not(None),
               Fulfilment.shipped_at >= start, Fulfilment.shipped_at < end))
    for fline, cooperative_id in rows:
        totals[cooperative_id][0] += fline.gross_cents
        totals[cooperative_id][1] += fline.quantity
    return [CooperativeTotal(c.id, c.name, totals[c.id][0], totals[c.id][1])
            for c in db.session.scalars(select(Cooperative).order_by(Cooperative.name))]
