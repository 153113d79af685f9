"""Shipping methods and their rates, kept in the database so staff can change them."""

from __future__ import annotations

import enum

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.catalog.models import TranslatedMixin
from shop.extensions import db


class ShippingZone(enum.StrEnum):
    ITALY = "it"
    EU = "eu"
    PICKUP = "pickup"


class ShippingMethod(TranslatedMixin, db.Model):
    __tablename__ = "shipping_method"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(24), unique=True)
    zone: Mapped[str] = mapped_column(String(8))
    price_cents: Mapped[int] = mapped_column(Integer)
    free_over_cents: Mapped[int | None] = mapped_column(Integer)
    days_min: Mapped[int] = mapped_column(Integer, default=1)
    days_max: Mapped[int] = mapped_column(Integer, default=3)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    translations: Mapped[list[ShippingMethodTranslation]] = relationship(
        back_populates="method", cascade="all, delete-orphan", lazy="selectin")

    __table_args__ = (
        CheckConstraint("price_cents >= 0", name="price_non_negative"),
        CheckConstraint("zone IN ('it', 'eu', 'pickup')", name="zone_known"),
    )

    def price_for(self, subtotal_cents: int) -> int:
        """What this method costs for goods worth `subtotal_cents` (VAT included)."""
        if self.free_over_cents is not None and subtotal_cents >= self.free_over_cents:
            return 0
        return self.price_cents


class ShippingMethodTranslation(db.Model):
    __tablename__ = "shipping_method_translation"

    id: Mapped[int] = mapped_column(primary_key=True)
    method_id: Mapped[int] = mapped_column(ForeignKey("shipping_method.id", ondelete="CASCADE"))
    locale: Mapped[str] = mapped_column(String(5))
    name: Mapped[str] = mapped_column(String(120))

    method: Mapped[ShippingMethod] = relationship(back_populates="translations")
    __table_args__ = (UniqueConstraint("method_id", "locale"),)
