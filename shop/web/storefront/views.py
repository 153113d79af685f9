"""Storefront pages: home, listing, product, cooperatives, store, impact, legal."""

from __future__ import annotations

from flask import abort, current_app, g, make_response, render_template, request
from flask_login import current_user

from shop.catalog import services as catalog
from shop.catalog.editing import get_preview
from shop.catalog.errors import NotFound
from shop.fulfilment.services import today_local
from shop.i18n import format_money
from shop.impact.chart import impact_chart
from shop.impact.public import public_impact
from shop.web import labels
from shop.web.storefront import bp
from shop.web.storefront.filters import applied_filters, keep_selected, parse_filters


@bp.get("/")
def home():
    """Show what the consortium is, featured products and the five cooperatives."""
    return render_template(
        "storefront/home.html",
        featured=catalog.featured_products(limit=8),
        cooperatives=catalog.list_cooperatives(),
        figures=catalog.impact_figures(),
    )


@bp.get("/products/")
def product_list():
    """List active products with filters, facet counts, sorting and pages."""
    choices = catalog.filter_choices(g.lang)
    parsed = parse_filters(request.args, {slug for slug, _ in choices["category"]},
                           {slug for slug, _ in choices["cooperative"]})
    per_page = current_app.config["PRODUCTS_PER_PAGE"]
    result = catalog.list_products(parsed.filters, g.lang, per_page=per_page)
    return render_template(
        "storefront/product_list.html",
        result=result,
        filters=parsed.filters,
        notices=parsed.notices,
        facets=keep_selected(catalog.facet_counts(parsed.filters, g.lang), parsed.filters,
                             choices),
        applied=applied_filters(
            request.args, parsed.filters, choices, g.lang,
            lambda code: labels.label(labels.INSTITUTES, code), format_money),
        sorts=list(catalog.Sort),
    )


@bp.get("/products/<slug>")
def product_detail(slug: str):
    """Show one product with its variants, availability and origin story.

    Staff also see drafts and archived products here, under a banner, as customers would
    see them once published; for everybody else they do not exist.
    """
    preview = get_preview(current_user, slug)
    product = preview if preview is not None else found(catalog.get_active_product, slug)
    response = make_response(render_product(product))
    if preview is not None:
        response.headers["Cache-Control"] = "private, no-store"
    return response


def render_product(product, **extra) -> str:
    """The product page; `extra` carries a refused personalisation back (values, errors)."""
    parts = catalog.box_contents(product, g.lang) if product.bundle_items else []
    return render_template(
        "storefront/product_detail.html",
        product=product,
        preview=product.status != "active",
        box_parts=parts,
        availability=catalog.variant_availability(product, parts),
        related=catalog.related_products(product),
        **extra,
    )


@bp.get("/cooperatives/")
def cooperative_list():
    """Introduce the five cooperatives and their workshops."""
    return render_template("storefront/cooperative_list.html",
                           cooperatives=catalog.list_cooperatives())


@bp.get("/cooperatives/<slug>")
def cooperative_detail(slug: str):
    """Tell one cooperative's story and list what it makes."""
    cooperative = found(catalog.get_cooperative, slug)
    page = request.args.get("page", default=1, type=int) or 1
    result = catalog.list_products(catalog.ProductFilters(cooperative=cooperative.slug, page=page),
                                   g.lang, per_page=current_app.config["PRODUCTS_PER_PAGE"])
    return render_template(
        "storefront/cooperative_detail.html",
        cooperative=cooperative,
        products=result.products,
        result=result,
        availability=result.availability,
    )


@bp.get("/impact")
def impact():
    """Show what paid orders funded, per cooperative and month, from the public ledger."""
    figures = public_impact(today_local())
    return render_template("storefront/impact.html", figures=catalog.impact_figures(),
                           cooperatives=catalog.list_cooperatives(), impact=figures,
                           chart=impact_chart(figures.months))


@bp.get("/store")
def store():
    """Give the Viale dei Mille shop's address and opening hours."""
    return render_template("storefront/store.html")


@bp.get("/terms")
def terms():
    """Show the terms of sale, with the right of withdrawal."""
    return render_template("storefront/legal.html", page="terms")


@bp.get("/privacy")
def privacy():
    """Show the privacy notice."""
    return render_template("storefront/legal.html", page="privacy")


def found(lookup, slug: str):
    try:
        return lookup(slug)
    except NotFound:
        abort(404)
