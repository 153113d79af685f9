"""Storefront search: the results page and the suggestions a search box asks for."""

from __future__ import annotations

from flask import current_app, g, jsonify, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from shop.catalog import services as catalog
from shop.catalog.services import FacetOption, Sort
from shop.i18n import format_money
from shop.search import highlight as marks
from shop.search import service as search_service
from shop.search.query import MAX_QUERY_CHARS
from shop.search.schema import PRICE_BANDS
from shop.web.storefront import bp
from shop.web.storefront.filters import parse_filters

SEARCH_SORTS = {
    Sort.RELEVANCE: _l("Best match"),
    Sort.NEWEST: _l("Newest"),
    Sort.PRICE_ASC: _l("Price, low to high"),
    Sort.PRICE_DESC: _l("Price, high to low"),
    Sort.NAME: _l("Name, A to Z"),
}
# Suggested when a search finds nothing, or before anything is typed.
EXAMPLES = {"it": ("biscotti", "grembiule", "tote bag", "tagliere", "regalo aziendale"),
            "en": ("biscuits", "apron", "tote bag", "cutting board", "corporate gift")}


@bp.get("/search")
def search():
    """Search products by text, with facet counts, filters, sorting and pages."""
    choices = catalog.filter_choices(g.lang)
    parsed = parse_filters(request.args, {slug for slug, _ in choices["category"]},
                           {slug for slug, _ in choices["cooperative"]})
    found = search_service.find_products(request.args.get("q", ""), g.lang, parsed.filters,
                                         per_page=current_app.config["PRODUCTS_PER_PAGE"])
    return render_template(
        "storefront/search.html",
        found=found,
        result=found.result,
        filters=parsed.filters,
        notices=parsed.notices,
        facets=facet_options(found.result.facets, choices),
        price_bands=price_bands(found.result.facets.get("price_band", [])),
        orderable=sum(f.count for f in found.result.facets.get("availability", [])
                      if f.value != "sold_out"),
        sorts=SEARCH_SORTS,
        categories=choices["category"],
        examples=EXAMPLES.get(g.lang, EXAMPLES["en"]),
        max_query=MAX_QUERY_CHARS,
    )


@bp.get("/search/suggest")
def search_suggest():
    """Return up to six product names for what is being typed, as JSON."""
    products = search_service.suggest_products(request.args.get("q", ""), g.lang)
    response = jsonify([
        {"name": product.tr(g.lang).name,
         "url": url_for("storefront.product_detail", lang=g.lang, slug=product.slug)}
        for product in products])
    response.cache_control.public = True
    response.cache_control.max_age = 60
    return response


def facet_options(facets: dict, choices: dict) -> dict[str, list[FacetOption]]:
    """The index's facet counts with the names shoppers read, in the listing's order."""
    category_names = dict(choices["category"])
    cooperative_names = dict(choices["cooperative"])
    counts = {name: {f.value: f.count for f in values} for name, values in facets.items()}
    return {
        "category": [FacetOption(slug, category_names[slug], counts["category"][slug])
                     for slug in category_names if slug in counts.get("category", {})],
        "cooperative": [FacetOption(slug, cooperative_names[slug], counts["cooperative"][slug])
                        for slug in cooperative_names
                        if slug in counts.get("cooperative", {})],
        "institute": [FacetOption(value, value, count)
                      for value, count in counts.get("institute", {}).items()],
    }


def price_bands(counts) -> list[dict]:
    """Price bands as links: their label, the min/max parameters they set, their count."""
    by_value = {f.value: f.count for f in counts}
    bands = []
    for value, low, high in PRICE_BANDS:
        if high is None:
            label = _("Over %(price)s", price=format_money(low))
        elif not low:
            label = _("Under %(price)s", price=format_money(high + 1))
        else:
            label = _("%(low)s to %(high)s", low=format_money(low), high=format_money(high + 1))
        bands.append({"value": value, "label": label, "count": by_value.get(value, 0),
                      "min_price": _euros(low) if low else "",
                      "max_price": _euros(high) if high is not None else ""})
    return bands


def _euros(cents: int) -> str:
    return f"{cents // 100}" if cents % 100 == 0 else f"{cents // 100}.{cents % 100:02d}"


@bp.app_template_filter("search_highlight")
def search_highlight(text, terms):
    return marks.highlight(text, terms, g.lang)


@bp.app_template_filter("search_snippet")
def search_snippet(text, terms):
    return marks.snippet(text, terms, g.lang)
