"""Cart models: a cart and its lines; prices are never stored here, always recomputed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.catalog.models import PERSONAL_TEXT_LIMIT
from shop.db import UTCDateTime, utcnow
from shop.extensions import db


class Cart(db.Model):
    __tablename__ = "cart"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"),
                                                unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow,
                                                 index=True)

    lines: Mapped[list[CartLine]] = relationship(
        back_populates="cart", cascade="all, delete-orphan", order_by="CartLine.id",
        lazy="selectin")

    @property
    def quantity(self) -> int:
        return sum(line.quantity for line in self.lines)


class CartLine(db.Model):
    __tablename__ = "cart_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    cart_id: Mapped[int] = mapped_column(ForeignKey("cart.id", ondelete="CASCADE"))
    variant_id: Mapped[int] = mapped_column(ForeignKey("variant.id", ondelete="CASCADE"))
    quantity: Mapped[int] = mapped_column(Integer)
    # What the customer asked for on a personalised product: a text, measurements in cm
    # ({"width": 80}); `personal_key` tells two lines of one variant apart ("" = none).
    personal_text: Mapped[str] = mapped_column(String(PERSONAL_TEXT_LIMIT), default="",
                                               server_default="")
    personal_measures: Mapped[dict[str, int]] = mapped_column(JSON, default=dict,
                                                              server_default=text("'{}'"))
    personal_key: Mapped[str] = mapped_column(String(64), default="", server_default="")

    cart: Mapped[Cart] = relationship(back_populates="lines")
    variant = relationship("Variant", lazy="joined")

    __table_args__ = (
        UniqueConstraint("cart_id", "variant_id", "personal_key"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint(f"length(personal_text) <= {PERSONAL_TEXT_LIMIT}",
                        name="personal_text_length"),
    )
