"""Browsing the demo catalog in a browser: home, listing and filters, product, cooperative.

Every journey runs in Italian and English, on a phone and on a desktop (the `viewport`
fixture); every page it reaches is checked by the harness (axe-core, console, assets).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import Locator, expect
from sqlalchemy import func, select

from shop.catalog.models import Category, Product, ProductStatus
from shop.extensions import db

LANGS = ["it", "en"]

UI = {
    "it": {
        "home_h1": "Cose belle, fatte da persone che ricostruiscono la propria vita",
        "browse": "Scopri il negozio",
        "all_products": "Tutti i prodotti",
        "filter": "Filtra e ordina",
        "category": "Categoria",
        "cooperative": "Cooperativa",
        "show_products": "Mostra prodotti",
        "results": "Risultati",
        "count": ("{n} prodotto", "{n} prodotti"),
        "origin": "Da dove viene",
        "origin_kicker": "La storia",
        "vat": "IVA inclusa ({rate}%)",
        "read_story": "Leggi la storia di {name}",
        "our_story": "La nostra storia",
        "made_by": "Fatto da {name}",
        "language": "Lingua",
        "skip": "Vai al contenuto",
        "not_found_title": "Pagina non trovata",
        "not_found_h1": "Non abbiamo trovato questa pagina",
    },
    "en": {
        "home_h1": "Beautiful things, made by people rebuilding their lives",
        "browse": "Browse the shop",
        "all_products": "All products",
        "filter": "Filter and sort",
        "category": "Category",
        "cooperative": "Cooperative",
        "show_products": "Show products",
        "results": "Results",
        "count": ("{n} product", "{n} products"),
        "origin": "Where it comes from",
        "origin_kicker": "Origin story",
        "vat": "VAT included ({rate}%)",
        "read_story": "Read the story of {name}",
        "our_story": "Our story",
        "made_by": "Made by {name}",
        "language": "Language",
        "skip": "Skip to content",
        "not_found_title": "Page not found",
        "not_found_h1": "We could not find that page",
    },
}


# -- what the database says, to assert exact values -----------------------------------------


@dataclass(frozen=True)
class ProductFacts:
    slug: str
    name: dict[str, str]
    origin_story: dict[str, str]
    min_price_cents: int
    vat_rate_bp: int
    category_slug: str
    cooperative_slug: str
    cooperative_name: str


def product_facts(app, slug: str) -> ProductFacts:
    with app.app_context():
        product = db.session.scalar(select(Product).where(Product.slug == slug))
        assert product is not None, f"no product {slug!r} in the demo catalog"
        return ProductFacts(
            slug=slug,
            name={lang: product.tr(lang).name for lang in LANGS},
            origin_story={lang: product.tr(lang).origin_story for lang in LANGS},
            min_price_cents=product.min_price_cents,
            vat_rate_bp=product.vat_rate_bp,
            category_slug=product.category.slug,
            cooperative_slug=product.cooperative.slug,
            cooperative_name=product.cooperative.name,
        )


def active_product_count(app) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count(Product.id)).where(Product.status == ProductStatus.ACTIVE))


def category_name(app, slug: str, lang: str) -> str:
    with app.app_context():
        return db.session.scalar(select(Category).where(Category.slug == slug)).tr(lang).name


def products_by_slug(app, slugs: list[str]) -> dict[str, tuple[str, str]]:
    """slug -> (category slug, cooperative slug)."""
    with app.app_context():
        rows = db.session.scalars(select(Product).where(Product.slug.in_(slugs)))
        return {p.slug: (p.category.slug, p.cooperative.slug) for p in rows}


def bilingual_product_slug(app) -> str:
    """An active product whose English name differs from its Italian one."""
    with app.app_context():
        for product in db.session.scalars(
                select(Product).where(Product.status == ProductStatus.ACTIVE).order_by(Product.id)):
            if product.tr("it").name != product.tr("en").name:
                return product.slug
    raise AssertionError("the demo catalog has no product with distinct it/en names")


# -- how the shop writes things ----------------------------------------------------------------


def money(cents: int, lang: str) -> str:
    """Italian '€ 1.234,50', English '€1,234.50' (written here, not with the app's helper)."""
    euros, rest = divmod(cents, 100)
    grouped = f"{euros:,}"
    if lang == "it":
        return f"€ {grouped.replace(',', '.')},{rest:02d}"
    return f"€{grouped}.{rest:02d}"


def vat_rate(bp: int, lang: str) -> str:
    whole, rest = divmod(bp, 100)
    if not rest:
        return str(whole)
    decimals = f"{rest:02d}".rstrip("0")
    return f"{whole}{',' if lang == 'it' else '.'}{decimals}"


def count_text(n: int, lang: str) -> str:
    one, many = UI[lang]["count"]
    return (one if n == 1 else many).format(n=n)


# -- page parts --------------------------------------------------------------------------------


def card_slugs(cards: Locator) -> list[str]:
    hrefs = cards.get_by_role("link").evaluate_all("links => links.map(a => a.pathname)")
    return [href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs]


def open_filters(page, ui) -> Locator:
    """The filter form; on a phone it starts folded, so unfold it as a person would."""
    summary = page.locator("summary", has_text=ui["filter"])
    expect(summary).to_be_visible()
    if page.locator("details.filters").get_attribute("open") is None:
        summary.click()
    return page.get_by_role("form", name=ui["filter"])


def facet_options(select_box: Locator) -> list[tuple[str, str, int]]:
    """(value, label, count) of a filter's options, without the 'all' option."""
    options = select_box.locator("option").evaluate_all(
        "opts => opts.map(o => [o.value, o.textContent.trim()])")
    parsed = []
    for value, text in options:
        match = re.fullmatch(r"(.+) \((\d+)\)", text)
        if value and match:
            parsed.append((value, match.group(1), int(match.group(2))))
    return parsed


def pick_narrowing(options: list[tuple[str, str, int]], total: int,
                   per_page: int) -> tuple[str, str, int]:
    """The option that narrows the listing most usefully: fewer than all, fits on one page."""
    narrowing = [o for o in options if 1 <= o[2] < total]
    assert narrowing, f"no filter option narrows the {total} products: {options}"
    fitting = [o for o in narrowing if o[2] <= per_page] or narrowing
    return max(fitting, key=lambda o: o[2])


# -- journeys ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_home_to_listing_filter_product_and_cooperative(shop, demo, lang):
    ui, page = UI[lang], shop.page
    total = active_product_count(demo)
    per_page = demo.config["PRODUCTS_PER_PAGE"]

    # Home
    shop.goto(f"/{lang}/", step="home")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(ui["home_h1"])

    # Listing
    shop.click_link(ui["browse"], within=page.get_by_role("main"), step="listing")
    assert shop.path == f"/{lang}/products/"
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(ui["all_products"])
    status = main.get_by_role("status")
    expect(status).to_have_text(count_text(total, lang))
    filters = open_filters(page, ui)

    # Filter by category with the plain GET form
    category_box = filters.get_by_label(ui["category"], exact=True)
    value, label, count = pick_narrowing(facet_options(category_box), total, per_page)
    category_box.select_option(value)
    shop.submit(ui["show_products"], within=filters, step=f"filtered {value}")

    assert f"category={value}" in shop.path
    expect(status).to_have_text(count_text(count, lang))
    expect(main.get_by_role("heading", level=1)).to_have_text(category_name(demo, value, lang))
    assert label == category_name(demo, value, lang)
    expect(open_filters(page, ui).get_by_label(ui["category"], exact=True)
           ).to_have_value(value)
    cards = page.get_by_role("region", name=ui["results"]).get_by_role("article")
    expect(cards).to_have_count(min(count, per_page))
    slugs = card_slugs(cards)
    listed = products_by_slug(demo, slugs)
    assert sorted(listed) == sorted(slugs)
    assert {category for category, _ in listed.values()} == {value}

    # Product page
    product = product_facts(demo, slugs[0])
    shop.click(cards.first.get_by_role("link"), step=f"product {product.slug}")
    assert shop.path == f"/{lang}/products/{product.slug}"
    article = page.get_by_role("article", name=product.name[lang])
    expect(article.get_by_role("heading", level=1)).to_have_text(product.name[lang])
    # Italian "€ 12,50", English "€12.50"; VAT included, with its rate.
    price_line = article.locator(".product-price")
    expect(price_line.locator(".price")).to_have_text(money(product.min_price_cents, lang))
    expect(price_line).to_contain_text(ui["vat"].format(rate=vat_rate(product.vat_rate_bp, lang)))

    # Origin story
    origin = page.get_by_role("region", name=ui["origin"])
    expect(origin.get_by_role("heading", level=2)).to_have_text(ui["origin"])
    expect(origin).to_contain_text(ui["origin_kicker"])
    first_paragraph = product.origin_story[lang].split("\n\n")[0].strip()
    assert first_paragraph, f"{product.slug} has no origin story in {lang}"
    expect(origin.get_by_text(first_paragraph, exact=True)).to_be_visible()

    # The cooperative that made it
    coop_box = origin.get_by_role("complementary", name=product.cooperative_name)
    shop.click_link(ui["read_story"].format(name=product.cooperative_name), within=coop_box,
                    step=f"cooperative {product.cooperative_slug}")
    assert shop.path == f"/{lang}/cooperatives/{product.cooperative_slug}"
    expect(page.get_by_role("heading", level=1)).to_have_text(product.cooperative_name)
    expect(page.get_by_role("heading", name=ui["our_story"], level=2)).to_be_visible()
    made_by = page.get_by_role("region", name=ui["made_by"].format(name=product.cooperative_name))
    expect(made_by.get_by_role("heading", name=product.name[lang], exact=True)).to_be_visible()


@pytest.mark.parametrize("lang", LANGS)
def test_filter_by_cooperative_lists_only_its_products(shop, demo, lang):
    ui, page = UI[lang], shop.page
    total = active_product_count(demo)
    per_page = demo.config["PRODUCTS_PER_PAGE"]
    shop.goto(f"/{lang}/products/", step="listing")
    status = page.get_by_role("main").get_by_role("status")
    expect(status).to_have_text(count_text(total, lang))

    filters = open_filters(page, ui)
    coop_box = filters.get_by_label(ui["cooperative"], exact=True)
    value, name, count = pick_narrowing(facet_options(coop_box), total, per_page)
    coop_box.select_option(value)
    shop.submit(ui["show_products"], within=filters, step=f"filtered {value}")

    assert f"cooperative={value}" in shop.path
    expect(status).to_have_text(count_text(count, lang))
    cards = page.get_by_role("region", name=ui["results"]).get_by_role("article")
    expect(cards).to_have_count(min(count, per_page))
    expect(cards.locator(".card-kicker")).to_have_text([name] * min(count, per_page))
    listed = products_by_slug(demo, card_slugs(cards))
    assert {coop for _, coop in listed.values()} == {value}


def test_language_switch_keeps_the_product(shop, demo):
    page = shop.page
    product = product_facts(demo, bilingual_product_slug(demo))
    shop.goto(f"/it/products/{product.slug}", step="product it")
    expect(page.get_by_role("heading", level=1)).to_have_text(product.name["it"])

    switcher = page.get_by_role("navigation", name=UI["it"]["language"])
    expect(switcher.get_by_text("IT", exact=True)).to_have_attribute("aria-current", "true")
    shop.click_link("EN", within=switcher, step="product en")

    assert shop.path == f"/en/products/{product.slug}"
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(product.name["en"])
    expect(page.get_by_role("region", name=UI["en"]["origin"])).to_be_visible()
    switcher = page.get_by_role("navigation", name=UI["en"]["language"])
    expect(switcher.get_by_role("link", name="IT", exact=True)).to_have_attribute(
        "href", f"/it/products/{product.slug}")


def test_language_switch_keeps_the_filters(shop, demo):
    page = shop.page
    with demo.app_context():
        category = db.session.scalar(select(Product).where(
            Product.status == ProductStatus.ACTIVE).order_by(Product.id)).category.slug
    shop.goto(f"/it/products/?category={category}&sort=price_asc", step="filtered it")
    switcher = page.get_by_role("navigation", name=UI["it"]["language"])
    shop.click_link("EN", within=switcher, step="filtered en")

    assert shop.path.startswith("/en/products/?")
    assert f"category={category}" in shop.path and "sort=price_asc" in shop.path
    expect(page.get_by_role("heading", level=1)).to_have_text(category_name(demo, category, "en"))
    expect(page.get_by_label("Sort by")).to_have_value("price_asc")


@pytest.mark.parametrize("lang", LANGS)
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(shop, demo, lang):
    ui, page = UI[lang], shop.page
    shop.goto(f"/{lang}/", step="home")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name=ui["skip"], exact=True)
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
    # The next Tab goes on from inside main, past the header's navigation.
    page.keyboard.press("Tab")
    expect(page.get_by_role("main").get_by_role("link", name=ui["browse"])).to_be_focused()


@pytest.mark.parametrize("lang", LANGS)
def test_unknown_product_shows_the_404_page_in_the_language_of_the_url(shop, demo, lang):
    ui, page = UI[lang], shop.page
    shop.goto(f"/{lang}/products/no-such-product", status=404, step="404")

    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page).to_have_title(f"{ui['not_found_title']} | Viale dei Mille")
    expect(page.get_by_role("heading", level=1)).to_have_text(ui["not_found_h1"])
    shop.click_link(ui["browse"], within=page.get_by_role("main"), step="listing")
    assert shop.path == f"/{lang}/products/"
