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


class RefundStatus(enum.StrEnum):
    REQUESTED = "requested"  # written before the gateway is asked, under the order's lock
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class RefundRequest(db.Model):
    """Staff asking for money back on an order, once: `request_key` comes from the form.

    The gateway's idempotency key is derived from this row, so pressing the button twice,
    or retrying after a crash, never pays twice.
    """

    __tablename__ = "refund_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("order.id"), index=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payment.id"))
    refund_id: Mapped[int | None] = mapped_column(ForeignKey("refund.id"))
    request_key: Mapped[str] = mapped_column(String(64), unique=True)
    amount_cents: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default=RefundStatus.REQUESTED)
    return_location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"))
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    payment: Mapped[Payment] = relationship()
    refund: Mapped[Refund | None] = relationship()
    lines: Mapped[list[RefundRequestLine]] = relationship(
        back_populates="request", cascade="all, delete-orphan", lazy="selectin")

    __table_args__ = (CheckConstraint("amount_cents > 0", name="amount_positive"),)

    @property
    def idempotency_key(self) -> str:
        return f"refund-{self.order_id}-{self.request_key}"


class RefundRequestLine(db.Model):
    """Units of an order line refunded, and how many of them came back to a shelf."""

    __tablename__ = "refund_request_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    refund_request_id: Mapped[int] = mapped_column(
        ForeignKey("refund_request.id", ondelete="CASCADE"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_line.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    returned: Mapped[int] = mapped_column(Integer, default=0)
    amount_cents: Mapped[int] = mapped_column(Integer)

    request: Mapped[RefundRequest] = relationship(back_populates="lines")
    order_line = relationship("OrderLine", lazy="joined")

    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("returned >= 0 AND returned <= quantity", name="returned_within"),
        CheckConstraint("amount_cents >= 0", name="amount_non_negative"),
    )
