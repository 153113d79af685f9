"""Discount codes: check a code, share its amount across lines, redeem it under a lock.

The discount is spread over the eligible lines in proportion to their totals, rounded to
the cent by largest remainder, so lines add up exactly to the discount and VAT can be
taken per line (per rate) on what the customer actually pays.

Lock order: the code row is locked before any stock row (shop.inventory.locks), always.
On PostgreSQL that is SELECT ... FOR UPDATE; on SQLite the checkout transaction began with
BEGIN IMMEDIATE and holds the single write lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from shop.accounts.access import staff_actor
from shop.audit.services import record, snapshot
from shop.db import utcnow
from shop.discounts.errors import (
    AlreadyUsedByEmail,
    BelowMinimum,
    CodeTaken,
    NothingEligible,
    NotValidNow,
    UnknownCode,
    UsedUp,
)
from shop.discounts.models import DiscountCode, DiscountKind, DiscountRedemption
from shop.extensions import db
from shop.orders.models import Order, OrderStatus

FIELDS = ("code", "kind", "percent_bp", "amount_cents", "starts_at", "ends_at",
          "min_order_cents", "max_uses", "max_uses_per_email", "category_id", "cooperative_id",
          "active")


@dataclass(frozen=True)
class LineAmount:
    """What the discount needs to know of a line: its total and what it is."""

    key: object
    total_cents: int
    category_id: int | None
    cooperative_id: int | None


@dataclass(frozen=True)
class Discount:
    code: DiscountCode
    amount_cents: int
    per_line: dict  # line key -> cents taken off that line


def normalise(code: str) -> str:
    return "".join(code.split()).upper()[:32]


def find_code(code: str) -> DiscountCode:
    row = db.session.scalar(select(DiscountCode).where(
        DiscountCode.code == normalise(code), DiscountCode.active.is_(True)))
    if row is None:
        raise UnknownCode(normalise(code))
    return row


def lock_code(code_id: int) -> DiscountCode:
    """Lock a code's row for the rest of the transaction (before any stock row)."""
    return db.session.scalars(
        select(DiscountCode).where(DiscountCode.id == code_id)
        .with_for_update(of=DiscountCode).execution_options(populate_existing=True)).one()


def uses(code: DiscountCode, email: str | None = None) -> int:
    """Orders that hold the code: paid ones and ones still waiting for payment."""
    stmt = (select(func.count(DiscountRedemption.id))
            .join(Order, Order.id == DiscountRedemption.order_id)
            .where(DiscountRedemption.code_id == code.id,
                   Order.status != OrderStatus.CANCELLED))
    if email is not None:
        stmt = stmt.where(DiscountRedemption.email == email.lower())
    return db.session.scalar(stmt) or 0


def split(amount_cents: int, weights: dict) -> dict:
    """Share `amount_cents` in proportion to `weights`, to the cent, largest remainder first.

    >>> split(100, {"a": 1, "b": 1, "c": 1})
    {'a': 34, 'b': 33, 'c': 33}
    """
    total = sum(weights.values())
    if total <= 0:
        return {key: 0 for key in weights}
    shares = {key: amount_cents * w // total for key, w in weights.items()}
    remainders = sorted(weights, key=lambda k: (-(amount_cents * weights[k] % total),
                                                list(weights).index(k)))
    for key in remainders[:amount_cents - sum(shares.values())]:
        shares[key] += 1
    return shares


def evaluate(code: DiscountCode, lines: list[LineAmount], email: str | None,
             now: datetime | None = None) -> Discount:
    """What the code takes off these lines, or the reason it cannot be used."""
    now = now or utcnow()
    if (code.starts_at and now < code.starts_at) or (code.ends_at and now >= code.ends_at):
        raise NotValidNow(code.code)
    eligible = {line.key: line.total_cents for line in lines
                if (code.category_id is None or line.category_id == code.category_id)
                and (code.cooperative_id is None or line.cooperative_id == code.cooperative_id)}
    base = sum(eligible.values())
    if not base:
        raise NothingEligible(code.code)
    if sum(line.total_cents for line in lines) < code.min_order_cents:
        raise BelowMinimum(code.code, code.min_order_cents)
    if code.max_uses is not None and uses(code) >= code.max_uses:
        raise UsedUp(code.code)
    if (email and code.max_uses_per_email is not None
            and uses(code, email) >= code.max_uses_per_email):
        raise AlreadyUsedByEmail(code.code)
    if code.kind == DiscountKind.PERCENT:
        amount = (base * code.percent_bp + 5_000) // 10_000
    else:
        amount = code.amount_cents
    amount = min(amount, base)
    return Discount(code, amount, split(amount, eligible))


def redeem(order: Order, discount: Discount) -> DiscountRedemption:
    redemption = DiscountRedemption(code_id=discount.code.id, order_id=order.id,
                                    email=order.email.lower(),
                                    amount_cents=discount.amount_cents)
    db.session.add(redemption)
    db.session.flush()
    return redemption


def create_code(code: str, *, kind: DiscountKind, value: int, starts_at=None, ends_at=None,
                min_order_cents: int = 0, max_uses: int | None = None,
                max_uses_per_email: int | None = None, category_id: int | None = None,
                cooperative_id: int | None = None) -> DiscountCode:
    """A new code; `value` is basis points for a percentage, cents for a fixed amount."""
    row = DiscountCode(
        code=normalise(code), kind=kind,
        percent_bp=value if kind == DiscountKind.PERCENT else 0,
        amount_cents=value if kind == DiscountKind.FIXED else 0,
        starts_at=starts_at, ends_at=ends_at, min_order_cents=min_order_cents,
        max_uses=max_uses, max_uses_per_email=max_uses_per_email, category_id=category_id,
        cooperative_id=cooperative_id, active=True)
    db.session.add(row)
    db.session.flush()
    record("discount.create", "discount_code", row.id, after=snapshot(row, FIELDS),
           summary=f"discount code {row.code}", only_changes=False)
    return row


def add_code(user, code: str, **kwargs) -> DiscountCode:
    """A member of staff adds a code (checked again here, not only by the page)."""
    staff_actor(user)
    if db.session.scalar(select(DiscountCode.id).where(DiscountCode.code == normalise(code))):
        raise CodeTaken(normalise(code))
    return create_code(code, **kwargs)


def deactivate_code(user, code_id: int) -> DiscountCode:
    """Stop a code from being used; orders that used it keep their discount."""
    staff_actor(user)
    row = db.session.get(DiscountCode, code_id)
    if row is None:
        raise UnknownCode(str(code_id))
    before = snapshot(row, ("active",))
    row.active = False
    db.session.flush()
    record("discount.update", "discount_code", row.id, before=before,
           after=snapshot(row, ("active",)), summary=f"discount code {row.code} stopped")
    return row


def list_codes() -> list[tuple[DiscountCode, int]]:
    return [(code, uses(code)) for code in db.session.scalars(
        select(DiscountCode).order_by(DiscountCode.created_at.desc(), DiscountCode.id.desc()))]
