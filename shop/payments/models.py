"""Payment models: one row per checkout session, refunds, and the webhook events seen."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.db import UTCDateTime, utcnow
from shop.extensions import db


class PaymentProvider(enum.StrEnum):
    STRIPE = "stripe"
    DEMO = "demo"


class PaymentStatus(enum.StrEnum):
    OPEN = "open"  # checkout session created, customer not done yet
    PROCESSING = "processing"  # completed, waiting for a delayed method (e.g. SEPA)
    PAID = "paid"
    FAILED = "failed"
    EXPIRED = "expired"


class Payment(db.Model):
    __tablename__ = "payment"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("order.id"), index=True)
    provider: Mapped[str] = mapped_column(String(8))
    session_id: Mapped[str] = mapped_column(String(255), unique=True)
    session_url: Mapped[str] = mapped_column(Text, default="")
    payment_intent_id: Mapped[str | None] = mapped_column(String(255), index=True)
    amount_cents: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3), default="eur")
    status: Mapped[str] = mapped_column(String(12), default=PaymentStatus.OPEN)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    order = relationship("Order")
    refunds: Mapped[list[Refund]] = relationship(back_populates="payment", lazy="selectin")

    __table_args__ = (CheckConstraint("amount_cents > 0", name="amount_positive"),)


class Refund(db.Model):
    __tablename__ = "refund"

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payment.id"), index=True)
    provider_refund_id: Mapped[str] = mapped_column(String(255), unique=True)
    amount_cents: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(24), default="succeeded")
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    payment: Mapped[Payment] = relationship(back_populates="refunds")

    __table_args__ = (CheckConstraint("amount_cents > 0", name="amount_positive"),)


class ProcessedWebhookEvent(db.Model):
    """A provider event already applied; its id is unique, so a replay changes nothing."""

    __tablename__ = "processed_webhook_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    provider: Mapped[str] = mapped_column(String(8))
    event_id: Mapped[str] = mapped_column(String(255), unique=True)
    event_type: Mapped[str] = mapped_column(String(80))
    processed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
