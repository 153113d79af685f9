"""Reading the catalog for the storefront: listings with filters, facets, product pages."""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, field, replace

from sqlalchemy import Select, and_, case, func, literal, select, true, union_all
from sqlalchemy.orm import aliased, joinedload, lazyload, selectinload

from shop.catalog.errors import CooperativeNotFound, ProductNotFound
from shop.catalog.models import (
    BundleItem,
    Category,
    CategoryTranslation,
    Cooperative,
    Institute,
    Product,
    ProductImage,
    ProductStatus,
    ProductTranslation,
    Variant,
    VariantTranslation,
)
from shop.extensions import db
from shop.inventory.bundles import FreeUnits, Part, box_from_parts
from shop.inventory.models import Location, LocationKind, Stock


class Sort(enum.StrEnum):
    RELEVANCE = "relevance"
    NEWEST = "newest"
    PRICE_ASC = "price_asc"
    PRICE_DESC = "price_desc"
    NAME = "name"


@dataclass(frozen=True)
class ProductFilters:
    """What a shopper narrowed the listing to; None means 'any'."""

    category: str | None = None
    cooperative: str | None = None
    institute: str | None = None
    min_price_cents: int | None = None
    max_price_cents: int | None = None
    in_stock: bool = False
    sort: Sort = Sort.RELEVANCE
    page: int = 1

    def without(self, name: str) -> ProductFilters:
        return replace(self, **{name: None})


@dataclass
class FacetOption:
    value: str
    label: str
    count: int


@dataclass
class ProductPage:
    products: list[Product]
    total: int
    page: int
    pages: int
    per_page: int
    availability: dict[int, int] = field(default_factory=dict)
    min_price: dict[int, int] = field(default_factory=dict)


@dataclass
class VariantAvailability:
    variant: Variant
    online: int  # units the producing workshop can ship
    in_store: int  # units on the shelves in Viale dei Mille


def card_options(*, join_variants: bool = False) -> tuple:
    """Load what a product card shows and nothing more: names, prices, first picture, maker.

    The product's own translations come in the same statement; variants and pictures in one
    statement each. Translations of variants, of the cooperative and of the category are
    left unloaded (a card does not show them; anything that does loads them on access).
    """
    return (
        joinedload(Product.translations),
        (joinedload if join_variants else selectinload)(Product.variants)
        .lazyload(Variant.translations),
        selectinload(Product.images).joinedload(ProductImage.translations),
        joinedload(Product.cooperative).lazyload(Cooperative.translations),
        joinedload(Product.category).lazyload(Category.translations),
        lazyload(Product.bundle_items),  # a card does not list a gift box's contents
    )


def _min_price():
    return (select(func.min(Variant.price_cents))
            .where(Variant.product_id == Product.id, Variant.active.is_(True))
            .correlate(Product).scalar_subquery())


def _priced(condition):
    """Ids of products whose cheapest active variant meets `condition` (on the minimum).

    Not correlated with the outer product row: the database reads the variants once and
    matches products against the result, instead of one lookup per product in the catalog.
    """
    return (select(Variant.product_id).where(Variant.active.is_(True))
            .group_by(Variant.product_id).having(condition(func.min(Variant.price_cents))))


def _products_in_stock():
    """Ids of products with units free in some location (summed over active variants);
    one pass over the stock table, whatever the size of the catalog."""
    return (select(Variant.product_id).join(Stock, Stock.variant_id == Variant.id)
            .where(Variant.active.is_(True)).group_by(Variant.product_id)
            .having(func.sum(Stock.on_hand - Stock.allocated) > 0))


def _stocked_box_parts():
    """(box id, units of the part free in every location together, units one box takes)
    for each stocked part of every gift box; made-to-order parts never run out."""
    part = aliased(Product)
    free = (select(func.coalesce(func.sum(Stock.on_hand - Stock.allocated), 0))
            .where(Stock.variant_id == BundleItem.variant_id)
            .correlate(BundleItem).scalar_subquery())
    return (select(BundleItem.bundle_id, free.label("free"), BundleItem.quantity)
            .join(Variant, Variant.id == BundleItem.variant_id)
            .join(part, part.id == Variant.product_id)
            .where(part.made_to_order.is_(False)))


def _boxes_in_stock():
    """Gift boxes whose parts make at least one box (boxes hold no stock of their own):
    one subquery, a box is out when a stocked part has fewer units free than one box takes."""
    parts = _stocked_box_parts().subquery()
    short = select(parts.c.bundle_id).where(parts.c.free < parts.c.quantity)
    return select(BundleItem.bundle_id).where(BundleItem.bundle_id.not_in(short))


def _filtered(filters: ProductFilters) -> Select:
    """Active products matching the filters (no ordering, no paging)."""
    stmt = select(Product).where(Product.status == ProductStatus.ACTIVE)
    if filters.category:
        stmt = stmt.join(Category, Category.id == Product.category_id).where(
            Category.slug == filters.category)
    if filters.cooperative or filters.institute:
        stmt = stmt.join(Cooperative, Cooperative.id == Product.cooperative_id)
        if filters.cooperative:
            stmt = stmt.where(Cooperative.slug == filters.cooperative)
        if filters.institute:
            stmt = stmt.where(Cooperative.institute == filters.institute)
    if filters.min_price_cents is not None:
        low = filters.min_price_cents
        stmt = stmt.where(Product.id.in_(_priced(lambda cheapest: cheapest >= low)))
    if filters.max_price_cents is not None:
        high = filters.max_price_cents
        stmt = stmt.where(Product.id.in_(_priced(lambda cheapest: cheapest <= high)))
    if filters.in_stock:
        stmt = stmt.where((Product.made_to_order.is_(True))
                          | Product.id.in_(_products_in_stock())
                          | Product.id.in_(_boxes_in_stock()))
    return stmt


def list_products(filters: ProductFilters, locale: str, per_page: int = 12) -> ProductPage:
    """One page of the listing, sorted as asked, with prices and availability per product.

    The total comes with the page's rows (a window count), so a page costs one statement
    for the products, two for their variants and pictures, one for availability.
    """
    stmt = _filtered(filters).add_columns(func.count().over().label("total"))
    if filters.sort == Sort.NAME:
        name = aliased(ProductTranslation)
        stmt = stmt.outerjoin(name, and_(name.product_id == Product.id, name.locale == locale))
        stmt = stmt.order_by(func.lower(name.name), Product.id)
    elif filters.sort == Sort.PRICE_ASC:
        stmt = stmt.order_by(_min_price().asc(), Product.id)
    elif filters.sort == Sort.PRICE_DESC:
        stmt = stmt.order_by(_min_price().desc(), Product.id)
    elif filters.sort == Sort.NEWEST:
        stmt = stmt.order_by(Product.created_at.desc(), Product.id.desc())
    else:
        stmt = stmt.order_by(case((Product.featured.is_(True), 0), else_=1),
                             Product.created_at.desc(), Product.id.desc())
    stmt = stmt.options(*card_options())
    page = max(1, filters.page)
    rows = db.session.execute(stmt.limit(per_page).offset((page - 1) * per_page)).unique().all()
    if rows:
        total = rows[0].total
    else:
        total = db.session.scalar(
            select(func.count()).select_from(_filtered(filters).subquery())) or 0
    pages = max(1, math.ceil(total / per_page))
    if not rows and total and page > pages:  # past the end: show the last page
        page = pages
        rows = db.session.execute(
            stmt.limit(per_page).offset((page - 1) * per_page)).unique().all()
    products = [row[0] for row in rows]
    return ProductPage(products, total, page, pages, per_page,
                       availability=availability_by_product([p.id for p in products]),
                       min_price={p.id: p.min_price_cents for p in products})


def filter_choices(locale: str) -> dict[str, list[tuple[str, str]]]:
    """(slug, label) of every category and cooperative, in listing order (cached)."""
    from shop.catalog.cache import cached

    def compute():
        categories = db.session.execute(
            select(Category.slug, CategoryTranslation.name, Category.position)
            .outerjoin(CategoryTranslation, and_(CategoryTranslation.category_id == Category.id,
                                                 CategoryTranslation.locale == locale))
            .order_by(Category.position, Category.slug)).all()
        cooperatives = db.session.execute(
            select(Cooperative.slug, Cooperative.name).order_by(Cooperative.name)).all()
        return {"category": [(slug, name or slug) for slug, name, _ in categories],
                "cooperative": [(slug, name) for slug, name in cooperatives]}

    return cached(f"filter-choices:{locale}", compute)


def facet_counts(filters: ProductFilters, locale: str) -> dict[str, list[FacetOption]]:
    """For each filter dimension, how many products each option would show, other filters kept.

    One statement: the three counts as a UNION ALL; labels come from `filter_choices`.
    """
    parts = []
    for dimension, column, join_on in (
            ("category", Category.slug, Product.category_id == Category.id),
            ("cooperative", Cooperative.slug, Product.cooperative_id == Cooperative.id),
            ("institute", Cooperative.institute, Product.cooperative_id == Cooperative.id)):
        sub = _filtered(filters.without(dimension)).with_only_columns(Product.id).subquery()
        table = Category if dimension == "category" else Cooperative
        parts.append(
            select(literal(dimension).label("dimension"), column.label("value"),
                   func.count(sub.c.id).label("n"))
            .select_from(table).join(Product, join_on).join(sub, sub.c.id == Product.id)
            .group_by(column))
    counts: dict[str, dict[str, int]] = {"category": {}, "cooperative": {}, "institute": {}}
    for dimension, value, n in db.session.execute(union_all(*parts)):
        counts[dimension][value] = n
    choices = filter_choices(locale)
    return {
        "category": [FacetOption(slug, label, counts["category"][slug])
                     for slug, label in choices["category"] if slug in counts["category"]],
        "cooperative": [FacetOption(slug, label, counts["cooperative"][slug])
                        for slug, label in choices["cooperative"]
                        if slug in counts["cooperative"]],
        "institute": [FacetOption(i.value, i.value, counts["institute"][i.value])
                      for i in Institute if counts["institute"].get(i.value)],
    }


def availability_by_product(product_ids: list[int]) -> dict[int, int]:
    """Units available across every location, per product (active variants only)."""
    if not product_ids:
        return {}
    rows = db.session.execute(
        select(Variant.product_id, func.sum(Stock.on_hand - Stock.allocated))
        .join(Stock, Stock.variant_id == Variant.id)
        .where(Variant.product_id.in_(product_ids), Variant.active.is_(True))
        .group_by(Variant.product_id))
    found = {pid: int(n or 0) for pid, n in rows}
    # Gift boxes: as many as their scarcest stocked part makes, in the same one statement.
    parts = _stocked_box_parts().where(BundleItem.bundle_id.in_(product_ids)).subquery()
    found.update({pid: int(n or 0) for pid, n in db.session.execute(
        select(parts.c.bundle_id, func.min(parts.c.free / parts.c.quantity))
        .group_by(parts.c.bundle_id))})
    return {pid: found.get(pid, 0) for pid in product_ids}


def get_active_product(slug: str) -> Product:
    """The product with everything its page shows, in three statements."""
    product = db.session.scalars(
        select(Product).where(Product.slug == slug, Product.status == ProductStatus.ACTIVE)
        .options(joinedload(Product.translations),
                 joinedload(Product.cooperative).joinedload(Cooperative.translations),
                 joinedload(Product.category).joinedload(Category.translations),
                 joinedload(Product.bundle_items).lazyload(BundleItem.variant),
                 joinedload(Product.measures),
                 selectinload(Product.variants).joinedload(Variant.translations),
                 selectinload(Product.images).joinedload(ProductImage.translations))
    ).unique().one_or_none()
    if product is None:
        raise ProductNotFound(slug)
    return product


@dataclass(frozen=True)
class BoxPart:
    """One part of a gift box as its page shows it, with the part's free units."""

    part: Part
    slug: str
    name: str  # the part's product name in the page's language
    label: str  # the part's variant label in the page's language
    cooperative_name: str
    free: FreeUnits

    @property
    def quantity(self) -> int:
        return self.part.quantity


def _translated(model, column, owner_column, owner_id, locale: str):
    """A translated text with the house fallback: the locale, else Italian, else any row."""
    def pick(where):
        return (select(column).where(owner_column == owner_id, where)
                .order_by(model.id).limit(1).scalar_subquery())
    return func.coalesce(pick(model.locale == locale), pick(model.locale == "it"),
                         pick(true()))


def box_contents(product: Product, locale: str) -> list[BoxPart]:
    """A gift box's parts with names, labels, makers and free stock, in one statement."""
    part = aliased(Product)
    free = {}
    for kind in (LocationKind.WORKSHOP, LocationKind.STORE):
        where = [Stock.variant_id == BundleItem.variant_id, Location.kind == kind]
        if kind == LocationKind.WORKSHOP:
            where.append(Location.cooperative_id == part.cooperative_id)
        free[kind] = (select(func.coalesce(func.sum(Stock.on_hand - Stock.allocated), 0))
                      .join(Location, Location.id == Stock.location_id).where(*where)
                      .correlate(BundleItem, part).scalar_subquery())
    rows = db.session.execute(
        select(BundleItem.variant_id, BundleItem.quantity, Variant.active, part.status,
               part.made_to_order, part.slug, Cooperative.name,
               _translated(ProductTranslation, ProductTranslation.name,
                           ProductTranslation.product_id, part.id, locale),
               func.coalesce(_translated(VariantTranslation, VariantTranslation.label,
                                         VariantTranslation.variant_id, Variant.id, locale),
                             Variant.label),
               free[LocationKind.WORKSHOP], free[LocationKind.STORE])
        .join(Variant, Variant.id == BundleItem.variant_id)
        .join(part, part.id == Variant.product_id)
        .join(Cooperative, Cooperative.id == part.cooperative_id)
        .where(BundleItem.bundle_id == product.id)
        .order_by(BundleItem.position, BundleItem.id))
    parts = []
    for (variant_id, units, active, status, to_order, slug, maker, name, label, workshop,
         store) in rows:
        ship = max(0, int(workshop))
        parts.append(BoxPart(Part(variant_id, units, active and status == ProductStatus.ACTIVE,
                                  to_order),
                             slug, name, label, maker, FreeUnits(ship, ship + max(0, int(store)))))
    return parts


def variant_availability(product: Product,
                         parts: list[BoxPart] | None = None) -> list[VariantAvailability]:
    """For each active variant: what its workshop can ship, and what the store holds.

    A gift box counts whole boxes its parts' workshops can ship (the store holds none);
    pass its `box_contents` when they are at hand, else they are read.
    """
    variants = product.active_variants
    if product.bundle_items:
        if parts is None:
            parts = box_contents(product, "it")
        box = box_from_parts([p.part for p in parts], {p.part.variant_id: p.free for p in parts})
        return [VariantAvailability(v, box.ship, 0) for v in variants]
    rows = db.session.execute(
        select(Stock.variant_id, Location.kind, Stock.on_hand - Stock.allocated)
        .join(Location, Location.id == Stock.location_id)
        .where(Stock.variant_id.in_([v.id for v in variants])))
    online: dict[int, int] = {}
    store: dict[int, int] = {}
    for variant_id, kind, available in rows:
        target = store if kind == LocationKind.STORE else online
        target[variant_id] = target.get(variant_id, 0) + max(0, available)
    return [VariantAvailability(v, online.get(v.id, 0), store.get(v.id, 0)) for v in variants]


def related_products(product: Product, limit: int = 4) -> list[Product]:
    """Other products of the same category or cooperative, same category first."""
    stmt = (select(Product)
            .where(Product.status == ProductStatus.ACTIVE, Product.id != product.id,
                   (Product.category_id == product.category_id)
                   | (Product.cooperative_id == product.cooperative_id))
            .order_by(case((Product.category_id == product.category_id, 0), else_=1),
                      Product.featured.desc(), Product.id)
            .options(*card_options(join_variants=True))
            .limit(limit))
    return list(db.session.scalars(stmt).unique())


def featured_products(limit: int = 8) -> list[Product]:
    stmt = (select(Product).where(Product.status == ProductStatus.ACTIVE)
            .order_by(Product.featured.desc(), Product.created_at.desc(), Product.id)
            .options(*card_options())
            .limit(limit))
    return list(db.session.scalars(stmt).unique())


def list_cooperatives() -> list[Cooperative]:
    return list(db.session.scalars(select(Cooperative).options(
        joinedload(Cooperative.translations)).order_by(Cooperative.name)).unique())


def get_cooperative(slug: str) -> Cooperative:
    cooperative = db.session.scalars(select(Cooperative).where(Cooperative.slug == slug)
                                     .options(joinedload(Cooperative.translations))
                                     ).unique().one_or_none()
    if cooperative is None:
        raise CooperativeNotFound(slug)
    return cooperative


def cooperative_products(cooperative: Cooperative) -> list[Product]:
    stmt = (select(Product)
            .where(Product.cooperative_id == cooperative.id,
                   Product.status == ProductStatus.ACTIVE)
            .order_by(Product.featured.desc(), Product.created_at.desc()))
    return list(db.session.scalars(stmt))


def list_categories() -> list[Category]:
    return list(db.session.scalars(select(Category).order_by(Category.position, Category.slug)))


@dataclass
class ImpactFigures:
    cooperatives: int
    institutes: int
    people_employed: int
    products: int


def impact_figures() -> ImpactFigures:
    """The consortium's figures in one statement."""
    products = (select(func.count(Product.id)).where(Product.status == ProductStatus.ACTIVE)
                .scalar_subquery())
    row = db.session.execute(select(
        func.count(Cooperative.id), func.count(func.distinct(Cooperative.institute)),
        func.coalesce(func.sum(Cooperative.people_employed), 0), products)).one()
    return ImpactFigures(cooperatives=row[0], institutes=row[1], people_employed=int(row[2]),
                         products=row[3])


def active_product_count() -> int:
    return db.session.scalar(
        select(func.count(Product.id)).where(Product.status == ProductStatus.ACTIVE)) or 0


def active_product_slugs(page: int, per_page: int) -> list[str]:
    """One slice of the active products' slugs, oldest first (a sitemap file's worth)."""
    return list(db.session.scalars(
        select(Product.slug).where(Product.status == ProductStatus.ACTIVE)
        .order_by(Product.id).limit(per_page).offset((page - 1) * per_page)))


def cooperative_slugs() -> list[str]:
    return list(db.session.scalars(select(Cooperative.slug).order_by(Cooperative.name)))
