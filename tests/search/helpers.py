"""Asking the search service what a shopper would see, without going through a page."""

from __future__ import annotations

from shop.catalog.services import ProductFilters
from shop.search import service


def found(app, text: str, lang: str = "it", **filters):
    """The search page's data for this query: result, products, availability."""
    with app.test_request_context():
        return service.find_products(text, lang, ProductFilters(**filters))


def found_slugs(app, text: str, lang: str = "it", **filters) -> list[str]:
    return [product.slug for product in found(app, text, lang, **filters).products]
