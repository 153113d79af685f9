"""Editing the catalog from the back office: products, variants, categories.

Every operation checks that the user is staff, writes one audit entry with the fields it
changed, and flushes. Search and the storefront follow through the `search_update` queue
the flush writes (shop.search.queue), applied after the view commits.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass, field

from sqlalchemy import exists, func, select
from sqlalchemy.orm.exc import StaleDataError

from shop.accounts.access import staff_actor
from shop.audit.services import record
from shop.catalog.errors import (
    NotPublishable,
    ProductMissing,
    SkuTaken,
    SlugTaken,
    StaleEdit,
)
from shop.catalog.models import (
    Category,
    CategoryTranslation,
    ConsentRecord,
    Dimension,
    Product,
    ProductMeasure,
    ProductStatus,
    ProductTranslation,
    RecoveredMaterial,
    TextKind,
    Variant,
    VariantTranslation,
)
from shop.catalog.privacy import forbidden_words, names_without_consent, parse_names
from shop.db import utcnow
from shop.extensions import db
from shop.orders.models import OrderLine

LOCALES = ("it", "en")
VAT_RATES_BP = (2200, 1000, 500, 400)  # the Italian rates: ordinary, reduced, super-reduced
PRODUCT_TEXTS = ("name", "description", "origin_story", "materials")
PRODUCT_FIELDS = ("status", "cooperative_id", "category_id", "vat_rate_bp", "made_to_order",
                  "lead_time_days", "impact_minutes_per_unit", "recovered_grams_per_unit",
                  "recovered_material", "featured", "people_named", "personal_text_kind",
                  "personal_text_max", "personal_text_lines", "personal_text_required")
VARIANT_FIELDS = ("sku", "price_cents", "weight_grams", "active")


@dataclass
class ProductInput:
    """What the product form says; `texts[locale]` holds name, description, story, materials."""

    cooperative_id: int
    category_id: int
    status: str = ProductStatus.DRAFT
    vat_rate_bp: int = 2200
    made_to_order: bool = False
    lead_time_days: int | None = None
    impact_minutes_per_unit: int = 0
    recovered_grams_per_unit: int = 0
    recovered_material: str = RecoveredMaterial.NONE
    featured: bool = False
    people_named: str = ""
    texts: dict[str, dict[str, str]] = field(default_factory=dict)
    # Personalisation: the text it takes ("" = none) and measurements {dimension: (min, max)}.
    personal_text_kind: str = ""
    personal_text_max: int = 0
    personal_text_lines: int = 1
    personal_text_required: bool = False
    measures: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass
class VariantInput:
    sku: str
    labels: dict[str, str]
    price_cents: int
    weight_grams: int = 0
    active: bool = True


@dataclass
class CategoryInput:
    position: int
    names: dict[str, str]
    descriptions: dict[str, str]


class Removal(enum.StrEnum):
    DELETED = "deleted"
    ARCHIVED = "archived"


# Reading for the back office ----------------------------------------------------------------

@dataclass(frozen=True)
class ProductQuery:
    text: str = ""
    status: str = ""
    cooperative_id: int | None = None
    category_id: int | None = None
    page: int = 1


@dataclass
class ProductListPage:
    items: list[Product]
    total: int
    page: int
    pages: int


def search_products(user, query: ProductQuery, locale: str, per_page: int = 25) -> ProductListPage:
    """Products of any status matching a name or SKU fragment and the filters, newest first."""
    staff_actor(user)
    stmt = select(Product)
    if query.text:
        pattern = f"%{query.text.strip().lower()}%"
        stmt = stmt.where(
            exists().where(ProductTranslation.product_id == Product.id,
                           func.lower(ProductTranslation.name).like(pattern))
            | exists().where(Variant.product_id == Product.id,
                             func.lower(Variant.sku).like(pattern))
            | (func.lower(Product.slug).like(pattern)))
    if query.status:
        stmt = stmt.where(Product.status == query.status)
    if query.cooperative_id:
        stmt = stmt.where(Product.cooperative_id == query.cooperative_id)
    if query.category_id:
        stmt = stmt.where(Product.category_id == query.category_id)
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(1, query.page), pages)
    items = list(db.session.scalars(stmt.order_by(Product.updated_at.desc(), Product.id.desc())
                                    .limit(per_page).offset((page - 1) * per_page)))
    return ProductListPage(items, total, page, pages)


def get_product(user, product_id: int) -> Product:
    staff_actor(user)
    product = db.session.get(Product, product_id)
    if product is None:
        raise ProductMissing(product_id)
    return product


def get_preview(user, slug: str) -> Product | None:
    """A product of any status for staff (the storefront's draft preview); None for others."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_staff", False):
        return None
    if not user.active:
        return None
    return db.session.scalar(select(Product).where(Product.slug == slug))


def has_orders(product: Product) -> bool:
    return bool(db.session.scalar(select(exists().where(
        OrderLine.variant_id == Variant.id, Variant.product_id == product.id))))


# Products -----------------------------------------------------------------------------------

def product_state(product: Product) -> dict:
    """The product's editable fields, texts flattened as `name_it`, `name_en`, … (for audit)."""
    state = {name: getattr(product, name) for name in PRODUCT_FIELDS}
    state["personal_text_max"] = product.personal_text_max or None  # no text: no length
    measures = {m.dimension: m for m in product.measures}
    for dimension in Dimension:
        measure = measures.get(dimension.value)
        state[f"measure_{dimension.value}_min"] = measure.min_cm if measure else None
        state[f"measure_{dimension.value}_max"] = measure.max_cm if measure else None
    by_locale = {t.locale: t for t in product.translations}
    for locale in LOCALES:
        row = by_locale.get(locale)
        for name in PRODUCT_TEXTS:
            state[f"{name}_{locale}"] = getattr(row, name) if row else ""
    return state


def create_product(user, data: ProductInput, first_variant: VariantInput | None = None) -> Product:
    """A new product (a draft unless published at once) with its first variant, if given.

    The slug is made from the Italian name; one audit entry holds the product and variant.
    """
    staff_actor(user)
    product = Product(slug=_free_slug(data.texts.get("it", {}).get("name", "")
                                      or data.texts.get("en", {}).get("name", "")))
    with db.session.no_autoflush:
        _apply_product(product, data)
        if first_variant is not None:
            _check_sku(first_variant.sku, None)
            variant = Variant(sku="", label="", price_cents=0, position=1)
            _apply_variant(variant, first_variant)
            product.variants.append(variant)
    if product.status == ProductStatus.ACTIVE:
        _check_publishable(product)
    db.session.add(product)
    db.session.flush()
    after = product_state(product)
    after["variants"] = [variant_state(v) for v in product.variants]
    record("product.create", "product", product.id, after=after,
           summary=product.tr("it").name, only_changes=False)
    return product


def update_product(user, product_id: int, data: ProductInput, expected_version: int) -> Product:
    """Save the product form; refuse it if someone saved since the form was read."""
    product = get_product(user, product_id)
    if product.version != expected_version:
        raise StaleEdit(product.version)
    before = product_state(product)
    _apply_product(product, data)
    after = product_state(product)
    if after == before:
        return product
    if product.status == ProductStatus.ACTIVE:
        _check_publishable(product)
    product.updated_at = utcnow()  # the row changes, so its version rises with every save
    record("product.update", "product", product.id, before=before, after=after,
           summary=product.tr("it").name)
    _flush_versioned(product)
    return product


def set_status(user, product_id: int, status: ProductStatus, expected_version: int) -> Product:
    """Publish, archive or return to draft, with the same checks as the form."""
    product = get_product(user, product_id)
    if product.version != expected_version:
        raise StaleEdit(product.version)
    if product.status == status:
        return product
    before = {"status": product.status}
    product.status = status
    if status == ProductStatus.ACTIVE:
        _check_publishable(product)
    product.updated_at = utcnow()
    record("product.update", "product", product.id, before=before, after={"status": status},
           summary=product.tr("it").name)
    _flush_versioned(product)
    return product


def remove_product(user, product_id: int) -> Removal:
    """Delete a product nobody ordered; archive one that appears in orders."""
    product = get_product(user, product_id)
    if has_orders(product):
        if product.status != ProductStatus.ARCHIVED:
            before = {"status": product.status}
            product.status = ProductStatus.ARCHIVED
            product.updated_at = utcnow()
            record("product.archive", "product", product.id, before=before,
                   after={"status": ProductStatus.ARCHIVED}, summary=product.tr("it").name)
            _flush_versioned(product)
        return Removal.ARCHIVED
    record("product.delete", "product", product.id, before=product_state(product),
           summary=product.tr("it").name, only_changes=False)
    db.session.delete(product)
    db.session.flush()
    return Removal.DELETED


def publish_problems(product: Product) -> NotPublishable | None:
    """What keeps this product off the storefront, or None."""
    texts = [getattr(t, name) for t in product.translations for name in PRODUCT_TEXTS]
    names = parse_names(product.people_named)
    missing = names_without_consent(names, consents_of(product))
    words = forbidden_words(texts)
    no_variant = not product.active_variants
    if missing or words or no_variant:
        return NotPublishable(missing, words, no_variant)
    return None


def consents_of(product: Product) -> list[ConsentRecord]:
    if product.id is None:
        return []
    return list(db.session.scalars(select(ConsentRecord).where(
        ConsentRecord.product_id == product.id).order_by(ConsentRecord.given_on)))


def _check_publishable(product: Product) -> None:
    with db.session.no_autoflush:
        problem = publish_problems(product)
    if problem is not None:
        raise problem


def _apply_product(product: Product, data: ProductInput) -> None:
    product.cooperative_id = data.cooperative_id
    product.category_id = data.category_id
    product.status = data.status
    product.vat_rate_bp = data.vat_rate_bp
    product.made_to_order = data.made_to_order
    product.lead_time_days = data.lead_time_days if data.made_to_order else None
    product.impact_minutes_per_unit = data.impact_minutes_per_unit
    product.recovered_grams_per_unit = data.recovered_grams_per_unit
    product.recovered_material = RecoveredMaterial(data.recovered_material)
    product.featured = data.featured
    product.people_named = ", ".join(parse_names(data.people_named))
    _apply_personal(product, data)
    by_locale = {t.locale: t for t in product.translations}
    for locale in LOCALES:
        texts = data.texts.get(locale, {})
        row = by_locale.get(locale)
        if row is None:
            row = ProductTranslation(locale=locale, name="")
            product.translations.append(row)
        for name in PRODUCT_TEXTS:
            value = (texts.get(name) or "").strip()
            if getattr(row, name) != value:
                setattr(row, name, value)


def _apply_personal(product: Product, data: ProductInput) -> None:
    """The text and measurements a product asks for; a text needs a kind and a length."""
    takes_text = data.personal_text_kind in set(TextKind) and data.personal_text_max > 0
    product.personal_text_kind = data.personal_text_kind if takes_text else ""
    product.personal_text_max = data.personal_text_max if takes_text else 0
    product.personal_text_lines = data.personal_text_lines if takes_text else 1
    product.personal_text_required = data.personal_text_required if takes_text else False
    wanted = {d: limits for d, limits in data.measures.items() if d in set(Dimension)}
    for measure in list(product.measures):
        if measure.dimension not in wanted:
            product.measures.remove(measure)
    have = {m.dimension: m for m in product.measures}
    for position, dimension in enumerate(Dimension):
        if dimension.value not in wanted:
            continue
        low, high = wanted[dimension.value]
        measure = have.get(dimension.value)
        if measure is None:
            measure = ProductMeasure(dimension=dimension.value)
            product.measures.append(measure)
        if (measure.min_cm, measure.max_cm, measure.position) != (low, high, position):
            measure.min_cm, measure.max_cm, measure.position = low, high, position


def _flush_versioned(product: Product) -> None:
    """Flush; a save that lost the race with another one becomes a StaleEdit."""
    try:
        db.session.flush()
    except StaleDataError:
        raise StaleEdit(-1) from None


def _free_slug(name: str) -> str:
    base = slugify(name) or "prodotto"
    slug, n = base, 2
    while db.session.scalar(select(exists().where(Product.slug == slug))):
        slug, n = f"{base}-{n}", n + 1
    return slug


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:100]


# Variants -----------------------------------------------------------------------------------

def variant_state(variant: Variant) -> dict:
    state = {name: getattr(variant, name) for name in VARIANT_FIELDS}
    by_locale = {t.locale: t.label for t in variant.translations}
    for locale in LOCALES:
        state[f"label_{locale}"] = by_locale.get(locale, variant.label if locale == "it" else "")
    return state


def get_variant(user, product_id: int, variant_id: int) -> Variant:
    product = get_product(user, product_id)
    variant = next((v for v in product.variants if v.id == variant_id), None)
    if variant is None:
        raise ProductMissing(variant_id)
    return variant


def create_variant(user, product_id: int, data: VariantInput) -> Variant:
    product = get_product(user, product_id)
    _check_sku(data.sku, None)
    variant = Variant(product=product, sku=data.sku, label="", price_cents=0,
                      position=max((v.position for v in product.variants), default=0) + 1)
    _apply_variant(variant, data)
    db.session.add(variant)
    db.session.flush()
    record("variant.create", "variant", variant.id, after=variant_state(variant),
           summary=f"{product.tr('it').name} · {variant.sku}", only_changes=False)
    return variant


def update_variant(user, product_id: int, variant_id: int, data: VariantInput) -> Variant:
    variant = get_variant(user, product_id, variant_id)
    _check_sku(data.sku, variant.id)
    before = variant_state(variant)
    _apply_variant(variant, data)
    after = variant_state(variant)
    if product_is_live_without_variants(variant.product):
        raise NotPublishable(no_variant=True)
    record("variant.update", "variant", variant.id, before=before, after=after,
           summary=f"{variant.product.tr('it').name} · {variant.sku}")
    db.session.flush()
    return variant


def product_is_live_without_variants(product: Product) -> bool:
    return product.status == ProductStatus.ACTIVE and not product.active_variants


def _check_sku(sku: str, own_id: int | None) -> None:
    taken = db.session.scalar(select(Variant.id).where(func.lower(Variant.sku) == sku.lower()))
    if taken is not None and taken != own_id:
        raise SkuTaken(sku)


def _apply_variant(variant: Variant, data: VariantInput) -> None:
    variant.sku = data.sku
    variant.price_cents = data.price_cents
    variant.weight_grams = data.weight_grams
    variant.active = data.active
    variant.label = data.labels.get("it", "")
    by_locale = {t.locale: t for t in variant.translations}
    for locale in LOCALES:
        label = data.labels.get(locale, "")
        row = by_locale.get(locale)
        if row is None:
            variant.translations.append(VariantTranslation(locale=locale, label=label))
        elif row.label != label:
            row.label = label


# Categories ---------------------------------------------------------------------------------

def category_state(category: Category) -> dict:
    state = {"position": category.position}
    by_locale = {t.locale: t for t in category.translations}
    for locale in LOCALES:
        row = by_locale.get(locale)
        state[f"name_{locale}"] = row.name if row else ""
        state[f"description_{locale}"] = row.description if row else ""
    return state


def get_category(user, category_id: int) -> Category:
    staff_actor(user)
    category = db.session.get(Category, category_id)
    if category is None:
        raise ProductMissing(category_id)
    return category


def create_category(user, data: CategoryInput) -> Category:
    staff_actor(user)
    slug = slugify(data.names.get("it", ""))
    if not slug or db.session.scalar(select(exists().where(Category.slug == slug))):
        raise SlugTaken(slug)
    category = Category(slug=slug, position=data.position)
    _apply_category(category, data)
    db.session.add(category)
    db.session.flush()
    record("category.create", "category", category.id, after=category_state(category),
           summary=data.names.get("it", ""), only_changes=False)
    return category


def update_category(user, category_id: int, data: CategoryInput) -> Category:
    category = get_category(user, category_id)
    before = category_state(category)
    _apply_category(category, data)
    record("category.update", "category", category.id, before=before,
           after=category_state(category), summary=data.names.get("it", ""))
    db.session.flush()
    return category


def _apply_category(category: Category, data: CategoryInput) -> None:
    category.position = data.position
    by_locale = {t.locale: t for t in category.translations}
    for locale in LOCALES:
        row = by_locale.get(locale)
        if row is None:
            row = CategoryTranslation(locale=locale, name="", description="")
            category.translations.append(row)
        name, description = data.names.get(locale, ""), data.descriptions.get(locale, "")
        if row.name != name:
            row.name = name
        if row.description != description:
            row.description = description
