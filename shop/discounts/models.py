"""Discount codes and the orders that used them."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.db import UTCDateTime, utcnow
from shop.extensions import db


class DiscountKind(enum.StrEnum):
    PERCENT = "percent"
    FIXED = "fixed"


class DiscountCode(db.Model):
    """A code customers type at checkout. Limits left empty do not apply."""

    __tablename__ = "discount_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(8))
    percent_bp: Mapped[int] = mapped_column(Integer, default=0)  # 1500 = 15%
    amount_cents: Mapped[int] = mapped_column(Integer, default=0)
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    min_order_cents: Mapped[int] = mapped_column(Integer, default=0)
    max_uses: Mapped[int | None] = mapped_column(Integer)
    max_uses_per_email: Mapped[int | None] = mapped_column(Integer)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("category.id"))
    cooperative_id: Mapped[int | None] = mapped_column(ForeignKey("cooperative.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    category = relationship("Category", lazy="joined")
    cooperative = relationship("Cooperative", lazy="joined")

    __table_args__ = (
        CheckConstraint("kind IN ('percent', 'fixed')", name="kind_known"),
        CheckConstraint("percent_bp >= 0 AND percent_bp <= 10000", name="percent_in_range"),
        CheckConstraint("amount_cents >= 0 AND min_order_cents >= 0", name="amounts_positive"),
    )


class DiscountRedemption(db.Model):
    """One order's use of a code, with what it took off. Cancelled orders give it back."""

    __tablename__ = "discount_redemption"

    id: Mapped[int] = mapped_column(primary_key=True)
    code_id: Mapped[int] = mapped_column(ForeignKey("discount_code.id"), index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("order.id", ondelete="CASCADE"),
                                          unique=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    amount_cents: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    code: Mapped[DiscountCode] = relationship()
