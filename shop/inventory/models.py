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
