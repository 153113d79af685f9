"""Fulfilment models: one part of an order per producer, its lines and its history."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
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


class FulfilmentStatus(enum.StrEnum):
    NEW = "new"
    ACCEPTED = "accepted"
    IN_PRODUCTION = "in_production"
    READY = "ready"
    SHIPPED = "shipped"  # handed to the carrier for the customer
    DELIVERED = "delivered"
    DELIVERED_TO_STORE = "delivered_to_store"  # brought to Viale dei Mille for a pickup order
    COLLECTED = "collected"  # the customer took it at the store
    CANCELLED = "cancelled"


class Destination(enum.StrEnum):
    CUSTOMER = "customer"  # sent by courier to the order's address
    STORE = "store"  # collected by the customer at the Viale dei Mille store


class Fulfilment(db.Model):
    """The part of an order one cooperative makes and sends, or the store hands over.

    `cooperative_id` is NULL for the store's part: units of a pickup order already on the
    store's shelves.
    """

    __tablename__ = "fulfilment"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("order.id", ondelete="CASCADE"), index=True)
    cooperative_id: Mapped[int | None] = mapped_column(ForeignKey("cooperative.id"), index=True)
    destination: Mapped[str] = mapped_column(String(12))
    status: Mapped[str] = mapped_column(String(24), default=FulfilmentStatus.NEW, index=True)
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    # Which of the order's `delivery_addresses` this shipment goes to (1-based); 0 for the
    # order's own address.
    address_no: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    carrier: Mapped[str] = mapped_column(String(24), default="")
    tracking_code: Mapped[str] = mapped_column(String(64), default="")
    shipped_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    order = relationship("Order", lazy="joined")
    cooperative = relationship("Cooperative", lazy="joined")
    lines: Mapped[list[FulfilmentLine]] = relationship(
        back_populates="fulfilment", cascade="all, delete-orphan", order_by="FulfilmentLine.id",
        lazy="selectin")
    events: Mapped[list[FulfilmentEvent]] = relationship(
        back_populates="fulfilment", cascade="all, delete-orphan", order_by="FulfilmentEvent.id")

    __table_args__ = (
        UniqueConstraint("order_id", "cooperative_id", "address_no"),
        CheckConstraint("destination IN ('customer', 'store')", name="destination_known"),
        CheckConstraint("cooperative_id IS NOT NULL OR destination = 'store'",
                        name="store_part_is_collected"),
    )

    @property
    def is_store_part(self) -> bool:
        return self.cooperative_id is None

    @property
    def quantity(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def ship_to(self) -> dict | None:
        """The address of one of a company's several destinations, or None (the order's)."""
        addresses = self.order.delivery_addresses or []
        if 0 < self.address_no <= len(addresses):
            return addresses[self.address_no - 1]
        return None

    @property
    def gross_cents(self) -> int:
        return sum(line.gross_cents for line in self.lines)


class FulfilmentLine(db.Model):
    """Units of one order line that this fulfilment delivers (a line can be split)."""

    __tablename__ = "fulfilment_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    fulfilment_id: Mapped[int] = mapped_column(
        ForeignKey("fulfilment.id", ondelete="CASCADE"), index=True)
    order_line_id: Mapped[int] = mapped_column(
        ForeignKey("order_line.id", ondelete="CASCADE"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    due_date: Mapped[date | None] = mapped_column(Date)  # made-to-order lines only

    fulfilment: Mapped[Fulfilment] = relationship(back_populates="lines")
    order_line = relationship("OrderLine", lazy="joined")

    __table_args__ = (
        UniqueConstraint("fulfilment_id", "order_line_id"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
    )

    @property
    def gross_cents(self) -> int:
        """What the customer paid for these units, VAT included: their value (a gift box
        part: its share of the box) less their share of a discount."""
        line = self.order_line
        discount = (2 * line.discount_cents * self.quantity + line.quantity) // (2 * line.quantity)
        return line.gross_for(self.quantity) - discount


class FulfilmentEvent(db.Model):
    """One change of a fulfilment's status: who, when, from, to."""

    __tablename__ = "fulfilment_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    fulfilment_id: Mapped[int] = mapped_column(
        ForeignKey("fulfilment.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(24))
    to_status: Mapped[str] = mapped_column(String(24))
    actor: Mapped[str] = mapped_column(String(80))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    fulfilment: Mapped[Fulfilment] = relationship(back_populates="events")
    user = relationship("User", lazy="joined")
