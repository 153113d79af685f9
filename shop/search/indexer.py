"""Turning products into index documents, and writing them: a full rebuild or a few updates.

Documents are read with plain column queries, a batch of products at a time, rather than
through ORM objects: a rebuild reads the whole catalog and this keeps it quick. The
functions here take the session and the store they work with, assume the caller holds the
store's writer lock (shop.search.queue takes it) and never commit the session.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shop.catalog.models import (
    BundleItem,
    Category,
    CategoryTranslation,
    Cooperative,
    Product,
    ProductStatus,
    ProductTranslation,
    Variant,
    VariantTranslation,
)
from shop.inventory.bundles import box_availability
from shop.inventory.models import Stock
from shop.search import segments
from shop.search.analysis import fold
from shop.search.schema import Availability, price_band, sort_field, text_field, vocabulary_field
from shop.search.store import IndexStore

BATCH_SIZE = 500
DEFAULT_LOCALE = "it"  # the catalog's fallback when a text is missing in a language

# How each language names the prisons and the crafts, so that "San Vittore", "carcere di
# Opera" or "falegnameria" find products. Codes without an entry are indexed as they are.
PRISON_TEXT = {
    "it": {"san_vittore": "carcere di San Vittore", "opera": "carcere di Opera",
           "bollate": "carcere di Bollate"},
    "en": {"san_vittore": "San Vittore prison", "opera": "Opera prison",
           "bollate": "Bollate prison"},
}
CRAFT_TEXT = {
    "it": {"tailoring": "sartoria", "bakery": "forno panetteria pasticceria",
           "print": "stamperia legatoria", "carpentry": "falegnameria",
           "plants": "serra vivaio giardinaggio"},
    "en": {"tailoring": "tailoring sewing", "bakery": "bakery", "print": "print bookbinding",
           "carpentry": "carpentry woodwork", "plants": "greenhouse nursery gardening"},
}


@dataclass(frozen=True)
class RebuildReport:
    generation: str
    products: int
    seconds: float


def _pick(by_locale: dict, lang: str):
    """The text for a language, else the default locale's, else any (as Product.tr does)."""
    if not by_locale:
        return None
    return by_locale.get(lang) or by_locale.get(DEFAULT_LOCALE) or next(iter(by_locale.values()))


class DocumentLoader:
    """Builds index documents for batches of product ids from one session."""

    def __init__(self, session: Session, languages: Iterable[str]) -> None:
        self.session = session
        self.languages = tuple(languages)
        self._cooperatives = {row.id: row for row in session.execute(
            select(Cooperative.id, Cooperative.slug, Cooperative.name, Cooperative.institute,
                   Cooperative.craft))}
        self._categories = {row.id: row.slug for row in session.execute(
            select(Category.id, Category.slug))}
        self._category_names: dict[int, dict[str, str]] = defaultdict(dict)
        for row in session.execute(select(CategoryTranslation.category_id,
                                          CategoryTranslation.locale, CategoryTranslation.name)):
            self._category_names[row.category_id][row.locale] = row.name

    def documents(self, product_ids: Iterable[int]) -> dict[int, dict]:
        """Documents of the active products among these ids (absent ids: not to be found)."""
        ids = sorted(set(product_ids))
        if not ids:
            return {}
        session = self.session
        products = session.execute(
            select(Product.id, Product.cooperative_id, Product.category_id,
                   Product.made_to_order, Product.created_at)
            .where(Product.id.in_(ids), Product.status == ProductStatus.ACTIVE)).all()
        if not products:
            return {}
        ids = [p.id for p in products]
        texts: dict[int, dict] = defaultdict(dict)
        for row in session.execute(
                select(ProductTranslation.product_id, ProductTranslation.locale,
                       ProductTranslation.name, ProductTranslation.description,
                       ProductTranslation.origin_story, ProductTranslation.materials)
                .where(ProductTranslation.product_id.in_(ids))):
            texts[row.product_id][row.locale] = row
        variants: dict[int, list] = defaultdict(list)
        for row in session.execute(
                select(Variant.id, Variant.product_id, Variant.label, Variant.price_cents)
                .where(Variant.product_id.in_(ids), Variant.active.is_(True))
                .order_by(Variant.product_id, Variant.position, Variant.id)):
            variants[row.product_id].append(row)
        labels: dict[int, dict[str, str]] = defaultdict(dict)
        variant_ids = [v.id for rows in variants.values() for v in rows]
        for start in range(0, len(variant_ids), BATCH_SIZE):
            for row in session.execute(
                    select(VariantTranslation.variant_id, VariantTranslation.locale,
                           VariantTranslation.label)
                    .where(VariantTranslation.variant_id.in_(
                        variant_ids[start:start + BATCH_SIZE]))):
                labels[row.variant_id][row.locale] = row.label
        available = dict(session.execute(
            select(Variant.product_id, func.sum(Stock.on_hand - Stock.allocated))
            .join(Stock, Stock.variant_id == Variant.id)
            .where(Variant.product_id.in_(ids), Variant.active.is_(True))
            .group_by(Variant.product_id)).all())
        # Gift boxes hold no stock: they are available as far as their parts make boxes.
        boxes = session.scalars(select(Product).where(
            Product.id.in_(ids), Product.id.in_(select(BundleItem.bundle_id))))
        available.update({pid: box.pickup
                          for pid, box in box_availability(boxes, session).items()})
        return {p.id: self._document(p, texts[p.id], variants[p.id], labels,
                                     int(available.get(p.id) or 0))
                for p in products}

    def _document(self, product, texts: dict, variants: list, labels: dict,
                  available: int) -> dict:
        price = min((v.price_cents for v in variants), default=0)
        if product.made_to_order:
            availability = Availability.MADE_TO_ORDER
        elif available > 0:
            availability = Availability.IN_STOCK
        else:
            availability = Availability.SOLD_OUT
        cooperative = self._cooperatives[product.cooperative_id]
        doc = {
            "id": str(product.id),
            # Columns hold bytes; shop.search.facets decodes them.
            "category": self._categories[product.category_id].encode(),
            "cooperative": cooperative.slug.encode(),
            "institute": cooperative.institute.encode(),
            "price_band": price_band(price).encode(),
            "availability": availability.encode(),
            "price": price,
            "created": int(product.created_at.timestamp()),
        }
        for lang in self.languages:
            text = _pick(texts, lang)
            if text is None:
                continue
            category = (_pick(self._category_names[product.category_id], lang)
                        or self._categories[product.category_id])
            variant_labels = " ".join(_pick(labels.get(v.id, {}), lang) or v.label
                                      for v in variants)
            prison = PRISON_TEXT.get(lang, {}).get(cooperative.institute, cooperative.institute)
            craft = CRAFT_TEXT.get(lang, {}).get(cooperative.craft, cooperative.craft)
            doc.update({
                text_field("name", lang): text.name,
                text_field("description", lang): text.description or "",
                text_field("story", lang): text.origin_story or "",
                text_field("materials", lang): text.materials or "",
                text_field("variants", lang): variant_labels,
                text_field("category", lang): category,
                text_field("cooperative", lang): f"{cooperative.name} {craft}",
                text_field("prison", lang): prison,
                vocabulary_field(lang): f"{text.name} {category}",
                sort_field(lang): fold(text.name).encode(),
            })
        return doc


def active_product_ids(session: Session) -> list[int]:
    return list(session.scalars(
        select(Product.id).where(Product.status == ProductStatus.ACTIVE).order_by(Product.id)))


def rebuild(store: IndexStore, session: Session, progress: Callable[[int], None] | None = None,
            processes: int = 1) -> RebuildReport:
    """Index every active product into a new generation, then make it the live one."""
    started = time.perf_counter()
    ids = active_product_ids(session)
    name, ix = store.new_generation()
    try:
        segments.build(ix, session, store.languages, ids, progress=progress,
                       processes=processes)
    except BaseException:
        store.discard(name)
        raise
    store.publish(name)
    return RebuildReport(name, len(ids), time.perf_counter() - started)


def documents_in_batches(session: Session, languages: Iterable[str],
                         ids: list[int]) -> Iterator[tuple[int, list[dict]]]:
    """(batch size, documents) for the ids in batches: memory stays flat on large catalogs."""
    loader = DocumentLoader(session, languages)
    for chunk in chunks(ids, BATCH_SIZE):
        yield len(chunk), list(loader.documents(chunk).values())


def apply_changes(ix, languages: Iterable[str], session: Session,
                  product_ids: Iterable[int]) -> int:
    """Bring these products' documents up to date in an index; return how many."""
    ids = set(product_ids)
    if not ids:
        return 0
    documents = DocumentLoader(session, languages).documents(ids)
    # The store's writer lock is already held, so Whoosh's own lock is free.
    writer = ix.writer(timeout=5.0)
    try:
        for product_id in sorted(ids):
            doc = documents.get(product_id)
            if doc is None:
                writer.delete_by_term("id", str(product_id))
            else:
                writer.update_document(**doc)
        writer.commit(mergetype=segments.merge_small_segments)
    except BaseException:
        writer.cancel()
        raise
    return len(ids)


def count_active(session: Session) -> int:
    return session.scalar(
        select(func.count(Product.id)).where(Product.status == ProductStatus.ACTIVE)) or 0


def chunks(items: list[int], size: int) -> Iterator[list[int]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
