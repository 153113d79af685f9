"""Inventory models: locations, stock levels and the stock ledger."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.db import UTCDateTime, utcnow
from shop.extensions import db


class LocationKind(enum.StrEnum):
    WORKSHOP = "workshop"
    STORE = "store"


class MovementReason(enum.StrEnum):
    INITIAL = "initial"
    PRODUCTION = "production"
    SALE = "sale"
    DAMAGED = "damaged"
    COUNT_CORRECTION = "count_correction"
    TRANSFER_IN = "transfer_in"
    TRANSFER_OUT = "transfer_out"
    RETURN = "return"


class Location(db.Model):
    __tablename__ = "location"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(12))
    cooperative_id: Mapped[int | None] = mapped_column(ForeignKey("cooperative.id"), unique=True)

    cooperative = relationship("Cooperative")

    __table_args__ = (
        CheckConstraint(
            "(kind = 'workshop' AND cooperative_id IS NOT NULL) OR "
            "(kind = 'store' AND cooperative_id IS NULL)",
            name="kind_matches_owner"),
    )


class Stock(db.Model):
    """How many units of a variant a location holds, and how many of them are promised."""

    __tablename__ = "stock"

    id: Mapped[int] = mapped_column(primary_key=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variant.id", ondelete="CASCADE"))
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"), index=True)
    on_hand: Mapped[int] = mapped_column(Integer, default=0)
    allocated: Mapped[int] = mapped_column(Integer, default=0)

    variant = relationship("Variant")
    location: Mapped[Location] = relationship(lazy="joined")

    __table_args__ = (
        UniqueConstraint("variant_id", "location_id"),
        CheckConstraint("on_hand >= 0", name="on_hand_non_negative"),
        CheckConstraint("allocated >= 0", name="allocated_non_negative"),
        CheckConstraint("allocated <= on_hand", name="available_non_negative"),
    )

    @property
    def available(self) -> int:
        return self.on_hand - self.allocated


class StockMovement(db.Model):
    """One change to a stock level's on_hand; rows are only ever added."""

    __tablename__ = "stock_movement"

    id: Mapped[int] = mapped_column(primary_key=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variant.id", ondelete="CASCADE"))
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    delta: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(24))
    reference: Mapped[str | None] = mapped_column(String(80))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    __table_args__ = (
        CheckConstraint("delta <> 0", name="delta_non_zero"),
        db.Index("ix_stock_movement_variant_location", "variant_id", "location_id"),
    )


class StockThreshold(db.Model):
    """The fewest free units a location should hold of a variant before staff restock it."""

    __tablename__ = "stock_threshold"

    id: Mapped[int] = mapped_column(primary_key=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variant.id", ondelete="CASCADE"))
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"), index=True)
    minimum: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint("variant_id", "location_id"),
        CheckConstraint("minimum >= 0", name="minimum_non_negative"),
    )


class TransferStatus(enum.StrEnum):
    REQUESTED = "requested"
    SENT = "sent"
    RECEIVED = "received"
    CANCELLED = "cancelled"


class Transfer(db.Model):
    """Goods moving between a workshop and the store; `cooperative_id` owns the workshop side."""

    __tablename__ = "transfer"

    id: Mapped[int] = mapped_column(primary_key=True)
    from_location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    to_location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperative.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default=TransferStatus.REQUESTED,
                                        index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    from_location: Mapped[Location] = relationship(foreign_keys=[from_location_id],
                                                   lazy="joined")
    to_location: Mapped[Location] = relationship(foreign_keys=[to_location_id], lazy="joined")
    cooperative = relationship("Cooperative", lazy="joined")
    lines: Mapped[list[TransferLine]] = relationship(
        back_populates="transfer", cascade="all, delete-orphan", order_by="TransferLine.id",
        lazy="selectin")
    events: Mapped[list[TransferEvent]] = relationship(
        back_populates="transfer", cascade="all, delete-orphan", order_by="TransferEvent.id")

    __table_args__ = (
        CheckConstraint("from_location_id <> to_location_id", name="moves_somewhere"),
    )

    @property
    def number(self) -> str:
        return f"TR-{self.id:05d}"

    @property
    def shortfall(self) -> int:
        return sum(line.shortfall for line in self.lines)


class TransferLine(db.Model):
    """Units of one variant asked for, sent and counted on arrival."""

    __tablename__ = "transfer_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    transfer_id: Mapped[int] = mapped_column(ForeignKey("transfer.id", ondelete="CASCADE"),
                                             index=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variant.id"))
    quantity_requested: Mapped[int] = mapped_column(Integer)
    quantity_sent: Mapped[int | None] = mapped_column(Integer)
    quantity_received: Mapped[int | None] = mapped_column(Integer)

    transfer: Mapped[Transfer] = relationship(back_populates="lines")
    variant = relationship("Variant", lazy="joined")

    __table_args__ = (
        UniqueConstraint("transfer_id", "variant_id"),
        CheckConstraint("quantity_requested > 0", name="requested_positive"),
        CheckConstraint("quantity_sent IS NULL OR quantity_sent >= 0", name="sent_non_negative"),
        CheckConstraint("quantity_received IS NULL OR (quantity_received >= 0 "
                        "AND quantity_received <= quantity_sent)", name="received_within_sent"),
    )

    @property
    def shortfall(self) -> int:
        """Units sent that did not arrive (0 until received)."""
        if self.quantity_received is None or self.quantity_sent is None:
            return 0
        return self.quantity_sent - self.quantity_received


class TransferEvent(db.Model):
    """One change of a transfer's status: who, when, from, to, and what was noted."""

    __tablename__ = "transfer_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    transfer_id: Mapped[int] = mapped_column(ForeignKey("transfer.id", ondelete="CASCADE"),
                                             index=True)
    from_status: Mapped[str | None] = mapped_column(String(12))
    to_status: Mapped[str] = mapped_column(String(12))
    actor: Mapped[str] = mapped_column(String(80))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    transfer: Mapped[Transfer] = relationship(back_populates="events")
