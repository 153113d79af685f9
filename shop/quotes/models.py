"""Corporate gift quotes: companies, their requests, versioned quotes, price breaks.

A `QuoteRequest` is the thread a company opens: it carries the workflow status and the
private link token. Each quote staff send is a `Quote` row with its own version number, so
earlier versions stay readable after a revision.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.db import UTCDateTime, utcnow
from shop.extensions import db


class QuoteStatus(enum.StrEnum):
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    QUOTED = "quoted"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    ORDERED = "ordered"


class PaymentChoice(enum.StrEnum):
    CARD = "card"
    TRANSFER = "transfer"
    TERMS = "terms"  # bank transfer within the company's agreed payment terms


class Company(db.Model):
    __tablename__ = "company"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    vat_number: Mapped[str] = mapped_column(String(20), unique=True)
    tax_code: Mapped[str] = mapped_column(String(20), default="")
    sdi_code: Mapped[str] = mapped_column(String(7), default="")
    pec: Mapped[str] = mapped_column(String(254), default="")
    # Set by staff once the company is approved: bank transfer within this many days.
    payment_terms_days: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        CheckConstraint("payment_terms_days IS NULL OR payment_terms_days > 0",
                        name="terms_positive"),
    )


class QuoteRequest(db.Model):
    __tablename__ = "quote_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default=QuoteStatus.SUBMITTED, index=True)
    locale: Mapped[str] = mapped_column(String(5), default="it")
    contact_name: Mapped[str] = mapped_column(String(120))
    contact_email: Mapped[str] = mapped_column(String(254), index=True)
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    custom_needs: Mapped[str] = mapped_column(Text, default="")
    personalisation: Mapped[str] = mapped_column(Text, default="")
    logo_path: Mapped[str] = mapped_column(String(200), default="")
    logo_type: Mapped[str] = mapped_column(String(40), default="")
    budget_per_gift_cents: Mapped[int | None] = mapped_column(Integer)
    wanted_by: Mapped[date | None] = mapped_column(Date)
    # Where the gifts go: one address from the form or several from a CSV, each
    # {"name", "line1", "postal_code", "city", "province", "country", "quantity"}.
    addresses: Mapped[list] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    po_number: Mapped[str] = mapped_column(String(60), default="")
    payment_choice: Mapped[str] = mapped_column(String(10), default="")
    order_id: Mapped[int | None] = mapped_column(ForeignKey("order.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    company: Mapped[Company] = relationship(lazy="joined")
    items: Mapped[list[QuoteRequestItem]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="QuoteRequestItem.id",
        lazy="selectin")
    quotes: Mapped[list[Quote]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="Quote.version")
    events: Mapped[list[QuoteEvent]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="QuoteEvent.id")
    order = relationship("Order")

    __table_args__ = (
        CheckConstraint("budget_per_gift_cents IS NULL OR budget_per_gift_cents >= 0",
                        name="budget_non_negative"),
    )

    @property
    def reference(self) -> str:
        return f"Q-{self.created_at.year}-{self.id:05d}"

    @property
    def current_quote(self) -> Quote | None:
        sent = [q for q in self.quotes if q.sent_at is not None]
        return sent[-1] if sent else None

    @property
    def draft(self) -> Quote | None:
        return next((q for q in self.quotes if q.sent_at is None), None)


class QuoteRequestItem(db.Model):
    """A catalog variant the company asked about, with how many."""

    __tablename__ = "quote_request_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("quote_request.id", ondelete="CASCADE"),
                                            index=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variant.id"))
    quantity: Mapped[int] = mapped_column(Integer)

    request: Mapped[QuoteRequest] = relationship(back_populates="items")
    variant = relationship("Variant", lazy="joined")

    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),)


class Quote(db.Model):
    """One version of the quote; a revision is a new row, the old one stays as it was."""

    __tablename__ = "quote"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("quote_request.id", ondelete="CASCADE"),
                                            index=True)
    version: Mapped[int] = mapped_column(Integer)
    valid_until: Mapped[date] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    request: Mapped[QuoteRequest] = relationship(back_populates="quotes")
    lines: Mapped[list[QuoteLine]] = relationship(
        back_populates="quote", cascade="all, delete-orphan", order_by="QuoteLine.position",
        lazy="selectin")

    __table_args__ = (UniqueConstraint("request_id", "version"),)


class QuoteLine(db.Model):
    """A catalog variant or a custom line, priced net of VAT."""

    __tablename__ = "quote_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quote.id", ondelete="CASCADE"),
                                          index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    variant_id: Mapped[int | None] = mapped_column(ForeignKey("variant.id"))
    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperative.id"))
    description: Mapped[str] = mapped_column(String(300))
    unit_price_cents: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[int] = mapped_column(Integer)
    vat_rate_bp: Mapped[int] = mapped_column(Integer, default=2200)
    delivery_date: Mapped[date | None] = mapped_column(Date)

    quote: Mapped[Quote] = relationship(back_populates="lines")
    variant = relationship("Variant", lazy="joined")
    cooperative = relationship("Cooperative", lazy="joined")

    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("unit_price_cents >= 0", name="price_non_negative"),
        CheckConstraint("vat_rate_bp >= 0 AND vat_rate_bp <= 10000", name="vat_range"),
    )

    @property
    def net_cents(self) -> int:
        return self.unit_price_cents * self.quantity


class QuoteEvent(db.Model):
    """One move of a quote request: who, when, from, to, and what they wrote."""

    __tablename__ = "quote_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("quote_request.id", ondelete="CASCADE"),
                                            index=True)
    from_status: Mapped[str | None] = mapped_column(String(12))
    to_status: Mapped[str] = mapped_column(String(12))
    actor: Mapped[str] = mapped_column(String(40))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    quote_version: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    request: Mapped[QuoteRequest] = relationship(back_populates="events")


class PriceBreak(db.Model):
    """From `min_quantity` units of a variant up, each costs `unit_price_cents` net."""

    __tablename__ = "price_break"

    id: Mapped[int] = mapped_column(primary_key=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variant.id", ondelete="CASCADE"),
                                            index=True)
    min_quantity: Mapped[int] = mapped_column(Integer)
    unit_price_cents: Mapped[int] = mapped_column(Integer)

    variant = relationship("Variant")

    __table_args__ = (
        UniqueConstraint("variant_id", "min_quantity"),
        CheckConstraint("min_quantity > 0", name="min_quantity_positive"),
        CheckConstraint("unit_price_cents >= 0", name="price_non_negative"),
    )
