"""Turn the listing's query string into ProductFilters, noting what had to be ignored."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from shop.catalog.models import Institute
from shop.catalog.services import ProductFilters, Sort

_PRICE = re.compile(r"^\s*(\d{1,6})(?:[.,](\d{1,2}))?\s*$")
_SLUG = re.compile(r"^[a-z0-9-]{1,80}$")


@dataclass
class ParsedFilters:
    filters: ProductFilters
    notices: list[str] = field(default_factory=list)


def parse_price(raw: str) -> int | None:
    """'12', '12,5' or '12.50' euros as cents; None when it is not a price."""
    match = _PRICE.match(raw)
    if not match:
        return None
    euros, decimals = match.groups()
    return int(euros) * 100 + int((decimals or "0").ljust(2, "0"))


def parse_filters(args: MultiDict, known_categories: set[str],
                  known_cooperatives: set[str]) -> ParsedFilters:
    notices: list[str] = []

    def slug(name: str, known: set[str]) -> str | None:
        value = (args.get(name) or "").strip()
        if not value:
            return None
        if _SLUG.match(value) and value in known:
            return value
        notices.append(_("The filter “%(value)s” is not known and was ignored.",
                         value=value[:40]))
        return None

    def price(name: str) -> int | None:
        value = (args.get(name) or "").strip()
        if not value:
            return None
        cents = parse_price(value)
        if cents is None:
            notices.append(_("“%(value)s” is not a price in euros and was ignored.",
                             value=value[:40]))
        return cents

    institute = (args.get("institute") or "").strip() or None
    if institute and institute not in {i.value for i in Institute}:
        notices.append(_("The filter “%(value)s” is not known and was ignored.",
                         value=institute[:40]))
        institute = None
    min_price, max_price = price("min_price"), price("max_price")
    if min_price is not None and max_price is not None and min_price > max_price:
        min_price, max_price = max_price, min_price
        notices.append(_("The minimum price was higher than the maximum: we swapped them."))
    try:
        sort = Sort(args.get("sort") or Sort.RELEVANCE)
    except ValueError:
        sort = Sort.RELEVANCE
    try:
        page = max(1, int(args.get("page", "1")))
    except ValueError:
        page = 1
    filters = ProductFilters(
        category=slug("category", known_categories),
        cooperative=slug("cooperative", known_cooperatives),
        institute=institute,
        min_price_cents=min_price,
        max_price_cents=max_price,
        in_stock=args.get("in_stock") in ("1", "on", "true", "y"),
        sort=sort,
        page=min(page, 10_000),
    )
    return ParsedFilters(filters, notices)


@dataclass(frozen=True)
class AppliedFilter:
    """A filter in force, as the listing names it, and the link that drops it."""

    label: str
    remove_url: str


def keep_selected(facets: dict, filters: ProductFilters, choices: dict) -> dict:
    """Facets list only options with results: keep the chosen ones too, at zero.

    `choices` maps "category" and "cooperative" to (slug, name) pairs
    (catalog.filter_choices).
    """
    from shop.catalog.services import FacetOption

    chosen = {
        "category": [(slug, name) for slug, name in choices["category"]
                     if slug == filters.category],
        "cooperative": [(slug, name) for slug, name in choices["cooperative"]
                        if slug == filters.cooperative],
        "institute": [(filters.institute, filters.institute)] if filters.institute else [],
    }
    for dimension, options in chosen.items():
        values = {option.value for option in facets[dimension]}
        facets[dimension] = facets[dimension] + [FacetOption(value, label, 0)
                                                 for value, label in options
                                                 if value not in values]
    return facets


LISTING_ARGS = ("category", "cooperative", "institute", "min_price", "max_price", "in_stock",
                "sort")


def applied_filters(args: MultiDict, filters: ProductFilters, choices: dict, locale: str,
                    institute_label, money) -> list[AppliedFilter]:
    """Each filter in force with a link to the same listing without it."""
    from flask import url_for

    def without(*names: str) -> str:
        kept = {k: args[k] for k in LISTING_ARGS if k not in names and args.get(k)}
        return url_for("storefront.product_list", lang=locale, **kept)

    applied = []
    for slug, name in choices["category"]:
        if slug == filters.category:
            applied.append(AppliedFilter(_("Category: %(name)s", name=name),
                                         without("category")))
    for slug, name in choices["cooperative"]:
        if slug == filters.cooperative:
            applied.append(AppliedFilter(_("Cooperative: %(name)s", name=name),
                                         without("cooperative")))
    if filters.institute:
        applied.append(AppliedFilter(
            _("Workshop: %(name)s", name=institute_label(filters.institute)),
            without("institute")))
    if filters.min_price_cents is not None:
        applied.append(AppliedFilter(_("From %(amount)s", amount=money(filters.min_price_cents)),
                                     without("min_price")))
    if filters.max_price_cents is not None:
        applied.append(AppliedFilter(_("Up to %(amount)s", amount=money(filters.max_price_cents)),
                                     without("max_price")))
    if filters.in_stock:
        applied.append(AppliedFilter(_("Available now or made to order"), without("in_stock")))
    return applied
