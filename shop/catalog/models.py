"""Catalog models: who makes what, described in translation rows (one per locale)."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.db import UTCDateTime, utcnow
from shop.extensions import db


class Institute(enum.StrEnum):
    SAN_VITTORE = "san_vittore"
    OPERA = "opera"
    BOLLATE = "bollate"


class Craft(enum.StrEnum):
    TAILORING = "tailoring"
    BAKERY = "bakery"
    PRINT = "print"
    CARPENTRY = "carpentry"
    PLANTS = "plants"


class RecoveredMaterial(enum.StrEnum):
    """What kind of material a product's recovered grams are (saved from waste)."""

    FABRIC = "fabric"
    WOOD = "wood"
    PAPER = "paper"
    FOOD = "food"  # surplus ingredients
    COMPOST = "compost"  # recycled pots and compost
    NONE = "none"


# The usual material of each craft: the default for a new product of its cooperative.
CRAFT_MATERIALS = {
    Craft.TAILORING: RecoveredMaterial.FABRIC,
    Craft.BAKERY: RecoveredMaterial.FOOD,
    Craft.PRINT: RecoveredMaterial.PAPER,
    Craft.CARPENTRY: RecoveredMaterial.WOOD,
    Craft.PLANTS: RecoveredMaterial.COMPOST,
}


def craft_material(craft: str) -> RecoveredMaterial:
    return CRAFT_MATERIALS.get(craft, RecoveredMaterial.NONE)


class TextKind(enum.StrEnum):
    """What the customer's text on a personalised product becomes (it names the field)."""

    TEXT = "text"
    ENGRAVING = "engraving"
    EMBROIDERY = "embroidery"
    PRINT = "print"


class Dimension(enum.StrEnum):
    """A measurement a made-to-measure product takes, in whole centimetres."""

    WIDTH = "width"
    HEIGHT = "height"
    DEPTH = "depth"


# The longest text any product may take: the cart and order lines hold no more.
PERSONAL_TEXT_LIMIT = 200
PERSONAL_LINES_LIMIT = 6
MEASURE_LIMIT_CM = 1000


class ProductStatus(enum.StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    ARCHIVED = "archived"


class TranslatedMixin:
    """Pick the translation row for a locale, falling back to Italian, then to any."""

    translations: list

    def tr(self, locale: str):
        by_locale = {t.locale: t for t in self.translations}
        return (by_locale.get(locale) or by_locale.get("it")
                or (self.translations[0] if self.translations else None))


class Cooperative(TranslatedMixin, db.Model):
    __tablename__ = "cooperative"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    institute: Mapped[str] = mapped_column(String(20))
    founded_year: Mapped[int] = mapped_column(Integer)
    craft: Mapped[str] = mapped_column(String(20))
    people_employed: Mapped[int] = mapped_column(Integer, default=0)
    contact_email: Mapped[str] = mapped_column(String(254))
    commission_bp: Mapped[int] = mapped_column(Integer, default=2500)
    lead_time_days: Mapped[int] = mapped_column(Integer, default=3)
    # First names the story mentions, comma-separated: each needs a consent record.
    people_named: Mapped[str] = mapped_column(String(300), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    translations: Mapped[list[CooperativeTranslation]] = relationship(
        back_populates="cooperative", cascade="all, delete-orphan", lazy="selectin")
    products: Mapped[list[Product]] = relationship(back_populates="cooperative")

    __table_args__ = (
        CheckConstraint("commission_bp >= 0 AND commission_bp <= 10000", name="commission_range"),
        CheckConstraint("people_employed >= 0", name="people_non_negative"),
    )


class CooperativeTranslation(db.Model):
    __tablename__ = "cooperative_translation"

    id: Mapped[int] = mapped_column(primary_key=True)
    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperative.id", ondelete="CASCADE"))
    locale: Mapped[str] = mapped_column(String(5))
    tagline: Mapped[str] = mapped_column(String(200))
    story: Mapped[str] = mapped_column(Text)
    # How the cooperative measures the minutes of work and grams recovered per product.
    impact_method: Mapped[str] = mapped_column(Text, default="", server_default="")

    cooperative: Mapped[Cooperative] = relationship(back_populates="translations")
    __table_args__ = (UniqueConstraint("cooperative_id", "locale"),)


class Category(TranslatedMixin, db.Model):
    __tablename__ = "category"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    translations: Mapped[list[CategoryTranslation]] = relationship(
        back_populates="category", cascade="all, delete-orphan", lazy="selectin")


class CategoryTranslation(db.Model):
    __tablename__ = "category_translation"

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id", ondelete="CASCADE"))
    locale: Mapped[str] = mapped_column(String(5))
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")

    category: Mapped[Category] = relationship(back_populates="translations")
    __table_args__ = (UniqueConstraint("category_id", "locale"),)


class Product(TranslatedMixin, db.Model):
    __tablename__ = "product"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperative.id"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default=ProductStatus.DRAFT, index=True)
    vat_rate_bp: Mapped[int] = mapped_column(Integer, default=2200)
    made_to_order: Mapped[bool] = mapped_column(Boolean, default=False)
    lead_time_days: Mapped[int | None] = mapped_column(Integer)
    impact_minutes_per_unit: Mapped[int] = mapped_column(Integer, default=0)
    recovered_grams_per_unit: Mapped[int] = mapped_column(Integer, default=0)
    recovered_material: Mapped[str] = mapped_column(String(12), default=RecoveredMaterial.NONE,
                                                    server_default="none")
    featured: Mapped[bool] = mapped_column(Boolean, default=False)
    # First names the origin story mentions, comma-separated: each needs a consent record.
    people_named: Mapped[str] = mapped_column(String(300), default="", server_default="")
    # Personalisation: a text the customer writes ("" = none), up to so many characters on
    # so many lines; the measurements it takes are its `measures`.
    personal_text_kind: Mapped[str] = mapped_column(String(12), default="", server_default="")
    personal_text_max: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    personal_text_lines: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    personal_text_required: Mapped[bool] = mapped_column(Boolean, default=False,
                                                         server_default=false())
    # Raised by every save: a form carries the version it was read at (optimistic locking).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    cooperative: Mapped[Cooperative] = relationship(back_populates="products", lazy="joined")
    category: Mapped[Category] = relationship(lazy="joined")
    translations: Mapped[list[ProductTranslation]] = relationship(
        back_populates="product", cascade="all, delete-orphan", lazy="selectin")
    variants: Mapped[list[Variant]] = relationship(
        back_populates="product", cascade="all, delete-orphan", order_by="Variant.position",
        lazy="selectin")
    images: Mapped[list[ProductImage]] = relationship(
        back_populates="product", cascade="all, delete-orphan", order_by="ProductImage.position",
        lazy="selectin")
    # A gift box: a product made of other products' variants. Stock, routing and the
    # cooperatives' statements follow these parts; the box itself holds no stock.
    bundle_items: Mapped[list[BundleItem]] = relationship(
        back_populates="bundle", cascade="all, delete-orphan", order_by="BundleItem.position",
        lazy="selectin", foreign_keys="BundleItem.bundle_id")
    measures: Mapped[list[ProductMeasure]] = relationship(
        back_populates="product", cascade="all, delete-orphan", order_by="ProductMeasure.position")

    __table_args__ = (
        CheckConstraint("vat_rate_bp >= 0 AND vat_rate_bp <= 10000", name="vat_range"),
        CheckConstraint(f"personal_text_max >= 0 AND personal_text_max <= {PERSONAL_TEXT_LIMIT}",
                        name="personal_text_max_range"),
        CheckConstraint(f"personal_text_lines >= 1 AND personal_text_lines <= "
                        f"{PERSONAL_LINES_LIMIT}", name="personal_text_lines_range"),
        CheckConstraint("impact_minutes_per_unit >= 0", name="impact_non_negative"),
        CheckConstraint("recovered_grams_per_unit >= 0", name="recovered_non_negative"),
    )
    __mapper_args__ = {"version_id_col": version}

    @property
    def active_variants(self) -> list[Variant]:
        return [v for v in self.variants if v.active]

    @property
    def min_price_cents(self) -> int | None:
        prices = [v.price_cents for v in self.active_variants]
        return min(prices) if prices else None

    @property
    def effective_lead_time_days(self) -> int:
        return self.lead_time_days or self.cooperative.lead_time_days

    @property
    def is_bundle(self) -> bool:
        return bool(self.bundle_items)

    # A gift box is never personalised: its parts are what the cooperatives make and see.
    @property
    def takes_text(self) -> bool:
        return (bool(self.personal_text_kind) and self.personal_text_max > 0
                and not self.bundle_items)

    @property
    def is_personalised(self) -> bool:
        return self.takes_text or (bool(self.measures) and not self.bundle_items)


class ProductMeasure(db.Model):
    """A measurement the customer gives for a made-to-measure product, within its limits."""

    __tablename__ = "product_measure"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"),
                                            index=True)
    dimension: Mapped[str] = mapped_column(String(12))
    min_cm: Mapped[int] = mapped_column(Integer)
    max_cm: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)

    product: Mapped[Product] = relationship(back_populates="measures")

    __table_args__ = (
        UniqueConstraint("product_id", "dimension"),
        CheckConstraint(f"min_cm >= 1 AND min_cm <= max_cm AND max_cm <= {MEASURE_LIMIT_CM}",
                        name="measure_range"),
    )


class BundleItem(db.Model):
    """`quantity` units of a variant inside one gift box."""

    __tablename__ = "bundle_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    bundle_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"),
                                           index=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variant.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    position: Mapped[int] = mapped_column(Integer, default=0)

    bundle: Mapped[Product] = relationship(back_populates="bundle_items",
                                           foreign_keys=[bundle_id])
    variant: Mapped[Variant] = relationship(lazy="joined")

    __table_args__ = (
        UniqueConstraint("bundle_id", "variant_id"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
    )


class ProductTranslation(db.Model):
    __tablename__ = "product_translation"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"))
    locale: Mapped[str] = mapped_column(String(5))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    origin_story: Mapped[str] = mapped_column(Text, default="")
    materials: Mapped[str] = mapped_column(String(300), default="")

    product: Mapped[Product] = relationship(back_populates="translations")
    __table_args__ = (UniqueConstraint("product_id", "locale"),)


class Variant(TranslatedMixin, db.Model):
    __tablename__ = "variant"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"),
                                            index=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(120))
    price_cents: Mapped[int] = mapped_column(Integer)
    weight_grams: Mapped[int] = mapped_column(Integer, default=0)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    product: Mapped[Product] = relationship(back_populates="variants")
    translations: Mapped[list[VariantTranslation]] = relationship(
        back_populates="variant", cascade="all, delete-orphan", lazy="selectin")

    __table_args__ = (
        CheckConstraint("price_cents >= 0", name="price_non_negative"),
        CheckConstraint("weight_grams >= 0", name="weight_non_negative"),
    )

    def label_for(self, locale: str) -> str:
        row = self.tr(locale)
        return row.label if row else self.label


class VariantTranslation(db.Model):
    __tablename__ = "variant_translation"

    id: Mapped[int] = mapped_column(primary_key=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variant.id", ondelete="CASCADE"))
    locale: Mapped[str] = mapped_column(String(5))
    label: Mapped[str] = mapped_column(String(120))

    variant: Mapped[Variant] = relationship(back_populates="translations")
    __table_args__ = (UniqueConstraint("variant_id", "locale"),)


class ProductImage(TranslatedMixin, db.Model):
    """A product photo; `path` names the original under MEDIA_ROOT, resized copies sit beside it."""

    __tablename__ = "product_image"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"),
                                            index=True)
    path: Mapped[str] = mapped_column(String(300))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)

    product: Mapped[Product] = relationship(back_populates="images")
    translations: Mapped[list[ProductImageTranslation]] = relationship(
        back_populates="image", cascade="all, delete-orphan", lazy="selectin")

    def alt_for(self, locale: str) -> str:
        row = self.tr(locale)
        return row.alt if row else ""


class ProductImageTranslation(db.Model):
    __tablename__ = "product_image_translation"

    id: Mapped[int] = mapped_column(primary_key=True)
    image_id: Mapped[int] = mapped_column(ForeignKey("product_image.id", ondelete="CASCADE"))
    locale: Mapped[str] = mapped_column(String(5))
    alt: Mapped[str] = mapped_column(String(300))

    image: Mapped[ProductImage] = relationship(back_populates="translations")
    __table_args__ = (UniqueConstraint("image_id", "locale"),)


class ConsentRecord(db.Model):
    """Someone's consent to be named, by first name, in one product's or cooperative's story."""

    __tablename__ = "consent_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(60))
    given_on: Mapped[date] = mapped_column(Date)
    collected_by: Mapped[str] = mapped_column(String(120))
    notes: Mapped[str] = mapped_column(Text, default="")
    product_id: Mapped[int | None] = mapped_column(
        ForeignKey("product.id", ondelete="CASCADE"), index=True)
    cooperative_id: Mapped[int | None] = mapped_column(
        ForeignKey("cooperative.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        CheckConstraint("(product_id IS NULL) <> (cooperative_id IS NULL)",
                        name="one_story_owner"),
    )
