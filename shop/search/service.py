"""Search for the storefront: index answers turned into the products a page shows."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from shop.catalog.models import Product, ProductStatus
from shop.catalog.services import ProductFilters, availability_by_product, card_options
from shop.extensions import db
from shop.search import query
from shop.search.query import SearchResult
from shop.search.queue import current_store


@dataclass
class SearchPage:
    result: SearchResult
    products: list[Product] = field(default_factory=list)
    availability: dict[int, int] = field(default_factory=dict)


def find_products(text: str | None, lang: str, filters: ProductFilters,
                  per_page: int = 12) -> SearchPage:
    """One page of search results, as products in the order the index ranked them."""
    result = query.search(current_store(), text or "", lang, filters, per_page=per_page)
    products = products_in_order(result.product_ids)
    return SearchPage(result, products, availability_by_product([p.id for p in products]))


def suggest_products(text: str | None, lang: str, limit: int = query.SUGGESTIONS
                     ) -> list[Product]:
    """Products to offer while a shopper types, best first."""
    return products_in_order(query.suggest(current_store(), text or "", lang, limit=limit))


def products_in_order(ids: list[int]) -> list[Product]:
    """Active products with these ids, in the same order (the index may lag a moment)."""
    if not ids:
        return []
    found = {p.id: p for p in db.session.scalars(
        select(Product).where(Product.id.in_(ids), Product.status == ProductStatus.ACTIVE)
        # What a result card shows, and nothing more: a page of results is a few queries.
        .options(*card_options())).unique()}
    return [found[i] for i in ids if i in found]
