"""Order models. Lines snapshot what was sold; allocations hold the stock it reserved."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.catalog.models import PERSONAL_TEXT_LIMIT
from shop.db import UTCDateTime, utcnow
from shop.extensions import db


class OrderStatus(enum.StrEnum):
    PENDING_PAYMENT = "pending_payment"
    PAID = "paid"
    PARTIALLY_FULFILLED = "partially_fulfilled"
    FULFILLED = "fulfilled"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    PARTIALLY_REFUNDED = "partially_refunded"
    REFUNDED = "refunded"


class DeliveryMethod(enum.StrEnum):
    SHIP = "ship"
    PICKUP = "pickup"


class OrderSource(enum.StrEnum):
    WEB = "web"
    QUOTE = "quote"
    STORE = "store"


class AllocationStatus(enum.StrEnum):
    RESERVED = "reserved"  # held for the order, counted in Stock.allocated
    RELEASED = "released"  # given back (order cancelled or expired)
    CONSUMED = "consumed"  # shipped: on_hand went down by the same amount


class Order(db.Model):
    __tablename__ = "order"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str | None] = mapped_column(String(24), unique=True)
    status: Mapped[str] = mapped_column(String(24), default=OrderStatus.PENDING_PAYMENT,
                                        index=True)
    access_token: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    locale: Mapped[str] = mapped_column(String(5), default="it")
    source: Mapped[str] = mapped_column(String(8), default=OrderSource.WEB)

    email: Mapped[str] = mapped_column(String(254))
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(40), default="")
    delivery_method: Mapped[str] = mapped_column(String(8))
    shipping_method: Mapped[str] = mapped_column(String(24))
    ship_name: Mapped[str] = mapped_column(String(120), default="")
    ship_line1: Mapped[str] = mapped_column(String(200), default="")
    ship_line2: Mapped[str] = mapped_column(String(200), default="")
    ship_postal_code: Mapped[str] = mapped_column(String(16), default="")
    ship_city: Mapped[str] = mapped_column(String(120), default="")
    ship_province: Mapped[str] = mapped_column(String(4), default="")
    ship_country: Mapped[str] = mapped_column(String(2), default="")
    # A company's list of destinations (from its quote request's CSV): each
    # {"name", "line1", "postal_code", "city", "province", "country", "quantity"}; routing
    # makes one shipment per address (shop.fulfilment.addresses). NULL: the address above.
    delivery_addresses: Mapped[list | None] = mapped_column(JSON)

    invoice_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    invoice_company: Mapped[str] = mapped_column(String(200), default="")
    invoice_vat_number: Mapped[str] = mapped_column(String(20), default="")
    invoice_tax_code: Mapped[str] = mapped_column(String(20), default="")
    invoice_sdi_code: Mapped[str] = mapped_column(String(7), default="")
    invoice_pec: Mapped[str] = mapped_column(String(254), default="")
    invoice_address: Mapped[str] = mapped_column(Text, default="")

    subtotal_cents: Mapped[int] = mapped_column(Integer)
    shipping_cents: Mapped[int] = mapped_column(Integer)
    vat_cents: Mapped[int] = mapped_column(Integer)
    total_cents: Mapped[int] = mapped_column(Integer)
    is_gift: Mapped[bool] = mapped_column(Boolean, default=False)  # no prices on the slip
    gift_message: Mapped[str] = mapped_column(Text, default="")
    discount_code: Mapped[str] = mapped_column(String(32), default="")
    discount_cents: Mapped[int] = mapped_column(Integer, default=0)
    refunded_cents: Mapped[int] = mapped_column(Integer, default=0)

    terms_accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reserved_until: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    needs_attention: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    # What the customer bought: a gift box is one line here; its parts (lines with a
    # bundle_line_id) hang off it as `OrderLine.parts` and never appear in this list.
    lines: Mapped[list[OrderLine]] = relationship(
        primaryjoin="and_(Order.id == OrderLine.order_id, OrderLine.bundle_line_id.is_(None))",
        cascade="all, delete-orphan", order_by="OrderLine.id", lazy="selectin",
        overlaps="order")
    events: Mapped[list[OrderEvent]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderEvent.id")

    __table_args__ = (
        CheckConstraint("subtotal_cents >= 0 AND shipping_cents >= 0 AND vat_cents >= 0 "
                        "AND discount_cents >= 0 "
                        "AND total_cents = subtotal_cents + shipping_cents - discount_cents",
                        name="totals_add_up"),
        CheckConstraint("refunded_cents >= 0 AND refunded_cents <= total_cents",
                        name="refund_within_total"),
    )


class OrderLine(db.Model):
    __tablename__ = "order_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("order.id", ondelete="CASCADE"),
                                          index=True)
    variant_id: Mapped[int | None] = mapped_column(ForeignKey("variant.id",
                                                              ondelete="SET NULL"))
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id",
                                                              ondelete="SET NULL"))
    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperative.id"), index=True)
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    variant_label: Mapped[str] = mapped_column(String(120))
    unit_price_cents: Mapped[int] = mapped_column(Integer)
    vat_rate_bp: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[int] = mapped_column(Integer)
    discount_cents: Mapped[int] = mapped_column(Integer, default=0)  # this line's share
    made_to_order: Mapped[bool] = mapped_column(Boolean, default=False)
    lead_time_days: Mapped[int] = mapped_column(Integer, default=0)
    # The product's impact figures when the line was written (like the price): filled in by
    # shop.impact.ledger at the line's first flush, whichever path writes the line.
    impact_minutes_per_unit: Mapped[int | None] = mapped_column(Integer)
    recovered_grams_per_unit: Mapped[int | None] = mapped_column(Integer)
    recovered_material: Mapped[str | None] = mapped_column(String(12))
    # A part of a gift box: the box's line, and this part's share of the box's price (for the
    # whole line, VAT included), split by list prices when the order was placed.
    bundle_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("order_line.id", ondelete="CASCADE"), index=True)
    share_cents: Mapped[int | None] = mapped_column(Integer)
    # The customer's personalisation, as it was when the order was placed: the text and the
    # measurements in cm by dimension ({"width": 80, "height": 180}).
    personal_text: Mapped[str] = mapped_column(String(PERSONAL_TEXT_LIMIT), default="",
                                               server_default="")
    personal_measures: Mapped[dict[str, int]] = mapped_column(JSON, default=dict,
                                                              server_default=text("'{}'"))

    order: Mapped[Order] = relationship(foreign_keys=[order_id], overlaps="lines")
    parts: Mapped[list[OrderLine]] = relationship(
        foreign_keys=[bundle_line_id], cascade="all, delete-orphan", order_by="OrderLine.id",
        lazy="selectin")
    allocations: Mapped[list[Allocation]] = relationship(
        back_populates="line", cascade="all, delete-orphan", lazy="selectin")
    cooperative = relationship("Cooperative", lazy="joined")

    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("unit_price_cents >= 0", name="price_non_negative"),
        CheckConstraint("share_cents IS NULL OR share_cents >= 0", name="share_non_negative"),
        CheckConstraint(f"length(personal_text) <= {PERSONAL_TEXT_LIMIT}",
                        name="personal_text_length"),
    )

    @property
    def total_cents(self) -> int:
        """What the line is worth, VAT included: a box part's share of the box's price."""
        if self.share_cents is not None:
            return self.share_cents
        return self.unit_price_cents * self.quantity

    @property
    def paid_cents(self) -> int:
        """What the customer pays for this line, its share of any discount taken off."""
        return self.total_cents - self.discount_cents

    def gross_for(self, units: int) -> int:
        """The value of `units` of this line (a part of it, when a fulfilment splits it)."""
        if units == self.quantity:
            return self.total_cents
        return (2 * self.total_cents * units + self.quantity) // (2 * self.quantity)

    @property
    def units(self) -> list[OrderLine]:
        """What is picked and shipped for this line: a box's parts, or the line itself."""
        return list(self.parts) or [self]


class Allocation(db.Model):
    """Units of one order line held at one location."""

    __tablename__ = "allocation"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_line.id", ondelete="CASCADE"),
                                               index=True)
    stock_id: Mapped[int] = mapped_column(ForeignKey("stock.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), default=AllocationStatus.RESERVED)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    line: Mapped[OrderLine] = relationship(back_populates="allocations")
    stock = relationship("Stock", lazy="joined")

    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),)


class OrderEvent(db.Model):
    """One change of an order's status: who, when, from, to."""

    __tablename__ = "order_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("order.id", ondelete="CASCADE"),
                                          index=True)
    from_status: Mapped[str | None] = mapped_column(String(24))
    to_status: Mapped[str] = mapped_column(String(24))
    actor: Mapped[str] = mapped_column(String(80))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    order: Mapped[Order] = relationship(back_populates="events")
