"""The impact ledger: append-only, hash-chained entries, one per paid order or refund."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.db import UTCDateTime, utcnow
from shop.extensions import db

GENESIS_HASH = "0" * 64


class EntryKind(enum.StrEnum):
    ORDER = "order"
    REFUND = "refund"


class ImpactEntry(db.Model):
    """One link of the chain. `payload` is the canonical JSON the hash covers, verbatim.

    hash = SHA-256(prev_hash + "\\n" + payload). The payload holds no personal data: the
    order number, the day, and minutes and grams per cooperative.
    """

    __tablename__ = "impact_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    kind: Mapped[str] = mapped_column(String(8))
    order_id: Mapped[int | None] = mapped_column(
        ForeignKey("order.id", ondelete="SET NULL"), index=True)
    order_number: Mapped[str] = mapped_column(String(24), index=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    lines: Mapped[list[ImpactEntryLine]] = relationship(
        back_populates="entry", cascade="all, delete-orphan", lazy="selectin")


class ImpactEntryLine(db.Model):
    """An entry's figures for one cooperative, kept beside the payload for fast totals."""

    __tablename__ = "impact_entry_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("impact_entry.id", ondelete="CASCADE"),
                                          index=True)
    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperative.id"), index=True)
    minutes: Mapped[int] = mapped_column(Integer)
    grams: Mapped[int] = mapped_column(Integer)

    entry: Mapped[ImpactEntry] = relationship(back_populates="lines")
    __table_args__ = (UniqueConstraint("entry_id", "cooperative_id"),)


class ImpactChainHead(db.Model):
    """The single row every append locks and moves on: the chain's last seq and hash."""

    __tablename__ = "impact_chain_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[str] = mapped_column(String(64), default=GENESIS_HASH)
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)
