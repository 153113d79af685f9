"""Monthly statements: what a cooperative shipped, what was refunded, what it is owed.

Amounts are integer cents. Prices include VAT; the VAT in each line is worked out with
shop.money.vat_included. A line counts in the month its part left the workshop (shipped to
the customer or delivered to the store). A refund is shared between an order's parts in
proportion to their goods (shipping stays with the consortium) and appears as negative
lines in the month of the refund, or of the shipment if that came later. The consortium's
commission is taken from the net (VAT-free) amount of the month. A gift box's parts count
at their share of the box's price (split by list prices when the order was placed), so the
parts of a box add up to exactly what it sold for.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import or_, select

from shop.accounts.access import member_actor
from shop.catalog.models import Cooperative
from shop.extensions import db
from shop.fulfilment.errors import InvalidMonth
from shop.fulfilment.models import Fulfilment, FulfilmentLine
from shop.fulfilment.routing import LOCAL_TZ, local_date
from shop.money import vat_included
from shop.orders.models import Order
from shop.payments.models import Payment, Refund

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
    sold = db.session.execute(
        select(FulfilmentLine, Fulfilment.shipped_at, Order.number)
        .join(Fulfilment, FulfilmentLine.fulfilment_id == Fulfilment.id)
        .join(Order, Fulfilment.order_id == Order.id)
        .where(Fulfilment.cooperative_id == cooperative_id,
               Fulfilment.shipped_at >= start, Fulfilment.shipped_at < end)
        .order_by(Fulfilment.shipped_at, Fulfilment.id, FulfilmentLine.id))
    for fline, shipped_at, number in sold:
        line = fline.order_line
        # A gift box part counts at its share of the box's price, not its list price.
        gross = line.gross_for(fline.quantity)
        unit_price = line.unit_price_cents if line.share_cents is None else None
        statement.lines.append(StatementLine(
            "sale", local_date(shipped_at), number or "", line.sku, line.name,
            line.variant_label, fline.quantity, unit_price, line.vat_rate_bp,
            gross, vat_included(gross, line.vat_rate_bp)))
    statement.lines.extend(_refund_lines(cooperative_id, start, end))
    return statement


def _refund_lines(cooperative_id: int, start: datetime, end: datetime) -> list[StatementLine]:
    rows = db.session.execute(
        select(Refund, Fulfilment, Order)
        .join(Payment, Refund.payment_id == Payment.id)
        .join(Order, Payment.order_id == Order.id)
        .join(Fulfilment, Fulfilment.order_id == Order.id)
        .where(Fulfilment.cooperative_id == cooperative_id,
               Fulfilment.shipped_at.is_not(None), Fulfilment.shipped_at < end,
               Refund.created_at < end, Refund.status.in_(COUNTED_REFUNDS),
               or_(Refund.created_at >= start, Fulfilment.shipped_at >= start))
        .order_by(Refund.created_at, Refund.id))
    lines = []
    for refund, fulfilment, order in rows:
        day = local_date(max(refund.created_at, fulfilment.shipped_at))
        for fline, share in refund_shares(refund.amount_cents, order.total_cents,
                                          fulfilment.lines):
            if share == 0:
                continue
            line = fline.order_line
            lines.append(StatementLine(
                "refund", day, order.number or "", line.sku, line.name, line.variant_label,
                0, None, line.vat_rate_bp, -share, -vat_included(share, line.vat_rate_bp)))
    return lines


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
