"""The shapes of the demo catalog's data: plain frozen dataclasses, no database."""

from __future__ import annotations

from dataclasses import dataclass, field

from shop.catalog.models import Craft, Institute


@dataclass(frozen=True)
class Bilingual:
    """One text in Italian and English."""

    it: str
    en: str

    def get(self, locale: str) -> str:
        return getattr(self, locale)

    def differs(self) -> bool:
        return self.it != self.en


@dataclass(frozen=True)
class CategoryData:
    slug: str
    position: int
    name: Bilingual
    description: Bilingual


@dataclass(frozen=True)
class CooperativeData:
    slug: str
    name: str
    institute: Institute
    craft: Craft
    founded_year: int
    people_employed: int
    contact_email: str
    commission_bp: int
    lead_time_days: int
    tagline: Bilingual
    story: Bilingual


@dataclass(frozen=True)
class VariantData:
    """A sellable version of a product, with its opening stock in the workshop and the store."""

    sku: str
    label: Bilingual
    price_cents: int
    weight_grams: int
    workshop_stock: int = 0
    store_stock: int = 0


@dataclass(frozen=True)
class ProductData:
    """A product as the demo presents it; `motif` and `tint` tell images.py what to draw."""

    slug: str
    cooperative: str
    category: str
    name: Bilingual
    description: Bilingual
    origin_story: Bilingual
    materials: Bilingual
    vat_rate_bp: int
    variants: tuple[VariantData, ...]
    impact_minutes_per_unit: int
    recovered_grams_per_unit: int
    age_days: int
    motif: str
    tint: str
    made_to_order: bool = False
    lead_time_days: int | None = None
    featured: bool = False
    extra_images: int = field(default=0)
    # The kind of the recovered grams; None: the usual one of the cooperative's craft.
    recovered_material: str | None = None
    personal: PersonalData | None = None


@dataclass(frozen=True)
class PersonalData:
    """What a personalised product asks the customer: a text, and measurements in cm."""

    text_kind: str = ""
    text_max: int = 0
    text_lines: int = 1
    text_required: bool = False
    measures: tuple[tuple[str, int, int], ...] = ()  # (dimension, min cm, max cm)


def label(it: str, en: str | None = None) -> Bilingual:
    """A variant label; sizes and weights read the same in both languages."""
    return Bilingual(it, it if en is None else en)
