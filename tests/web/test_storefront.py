"""Storefront pages: what a shopper reads, in Italian and English, with exact values."""

from __future__ import annotations

import json
import re

import pytest

from shop.extensions import db
from tests.fixtures.factories import make_category, make_cooperative, make_product


@pytest.fixture
def small_catalog(app):
    """Two cooperatives, two categories, five products with known prices and stock."""
    with app.app_context():
        kitchen = make_category("cucina", "Cucina", "Kitchen", position=1)
        bakery = make_category("forno", "Forno", "Bakery", position=2)
        sew = make_cooperative("filo", "Filo Dritto", institute="bollate", craft="tailoring",
                               people=12)
        bake = make_cooperative("forno-opera", "Forno Libero", institute="opera",
                                craft="bakery", people=8)
        make_product(sew, kitchen, slug="grembiule", name_it="Grembiule blu",
                     name_en="Blue apron", prices=(3250, 3500), stock=(4, 0), age_days=5,
                     story_it="Cucito a Bollate con tela recuperata.",
                     story_en="Sewn in Bollate from recovered canvas.")
        make_product(sew, kitchen, slug="presina", name_it="Presina", name_en="Pot holder",
                     prices=(850,), stock=(0,), age_days=1)
        make_product(bake, bakery, slug="biscotti", name_it="Biscotti al caffè",
                     name_en="Coffee biscuits", prices=(650,), stock=(30,), vat_rate_bp=1000,
                     featured=True, age_days=20)
        make_product(bake, bakery, slug="torta", name_it="Torta su ordinazione",
                     name_en="Cake to order", prices=(2800,), made_to_order=True,
                     lead_time_days=4, age_days=2)
        make_product(bake, bakery, slug="bozza", name_it="Bozza", name_en="Draft",
                     prices=(100,), status="draft")
        db.session.commit()
    return app


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def card_slugs(html: str) -> list[str]:
    return re.findall(r'class="card-link" href="/\w\w/products/([\w-]+)"', html)


def test_root_redirects_by_accept_language(client):
    assert client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).location == "/en/"
    assert client.get("/", headers={"Accept-Language": "it-IT"}).location == "/it/"
    assert client.get("/").location == "/it/"


def test_unknown_language_is_a_404(client, small_catalog):
    response = client.get("/de/products/")
    assert response.status_code == 404


def test_listing_shows_active_products_with_counts_in_both_languages(client, small_catalog):
    html_it = page(client, "/it/products/")
    assert "4 prodotti" in html_it
    assert sorted(card_slugs(html_it)) == ["biscotti", "grembiule", "presina", "torta"]
    assert "Bozza" not in html_it
    assert "da <span class=\"price\">€ 32,50</span>" in html_it
    assert "Esaurito" in html_it
    html_en = page(client, "/en/products/")
    assert "4 products" in html_en
    assert "from <span class=\"price\">€32.50</span>" in html_en
    assert "Blue apron" in html_en and "Grembiule blu" not in html_en


@pytest.mark.parametrize(("query", "expected"), [
    ("category=forno", ["biscotti", "torta"]),
    ("cooperative=filo", ["grembiule", "presina"]),
    ("institute=opera", ["biscotti", "torta"]),
    ("min_price=10&max_price=30", ["torta"]),
    ("max_price=8,50", ["biscotti", "presina"]),
    ("in_stock=1", ["biscotti", "grembiule", "torta"]),
    ("category=cucina&in_stock=1", ["grembiule"]),
])
def test_listing_filters(client, small_catalog, query, expected):
    assert sorted(card_slugs(page(client, f"/it/products/?{query}"))) == expected


@pytest.mark.parametrize(("sort", "expected"), [
    ("price_asc", ["biscotti", "presina", "torta", "grembiule"]),
    ("price_desc", ["grembiule", "torta", "presina", "biscotti"]),
    ("newest", ["presina", "torta", "grembiule", "biscotti"]),
    ("relevance", ["biscotti", "presina", "torta", "grembiule"]),
])
def test_listing_sorts(client, small_catalog, sort, expected):
    assert card_slugs(page(client, f"/en/products/?sort={sort}")) == expected


def test_name_sort_follows_the_language(client, small_catalog):
    assert card_slugs(page(client, "/it/products/?sort=name")) == [
        "biscotti", "grembiule", "presina", "torta"]
    assert card_slugs(page(client, "/en/products/?sort=name")) == [
        "grembiule", "torta", "biscotti", "presina"]


def test_facet_counts_keep_the_other_filters(client, small_catalog):
    html = page(client, "/en/products/?in_stock=1")
    assert '<option value="forno" >Bakery (2)</option>' in html
    assert '<option value="cucina" >Kitchen (1)</option>' in html


@pytest.mark.parametrize("query", [
    "min_price=abc", "category=nope", "institute=rebibbia", "sort=evil", "page=-3",
    "page=abc", "page=99999999999999999999", "max_price=1e9", "category=%00%27",
    "min_price=" + "9" * 500,
])
def test_bad_filters_never_break_the_listing(client, small_catalog, query):
    html = page(client, f"/it/products/?{query}")
    assert "4 prodotti" in html


def test_bad_filter_is_explained_in_the_users_language(client, small_catalog):
    assert "non è un prezzo in euro" in page(client, "/it/products/?min_price=abc")
    assert "is not a price in euros" in page(client, "/en/products/?min_price=abc")


def test_pagination(client, small_catalog, app):
    app.config["PRODUCTS_PER_PAGE"] = 3
    try:
        first = page(client, "/en/products/?sort=price_asc")
        second = page(client, "/en/products/?sort=price_asc&page=2")
        beyond = page(client, "/en/products/?sort=price_asc&page=40")
    finally:
        app.config["PRODUCTS_PER_PAGE"] = 12
    assert card_slugs(first) == ["biscotti", "presina", "torta"]
    assert card_slugs(second) == ["grembiule"]
    assert card_slugs(beyond) == ["grembiule"]
    assert 'rel="next" href="/en/products/?sort=price_asc&amp;page=2"' in first


def test_product_page_shows_variants_prices_and_origin_story(client, small_catalog):
    html = page(client, "/it/products/grembiule")
    assert "<h1 id=\"product-title\">Grembiule blu</h1>" in html
    assert "€ 32,50" in html and "€ 35,00" in html
    assert "IVA inclusa (22%)" in html
    assert "Cucito a Bollate con tela recuperata." in html
    assert 'href="/it/cooperatives/filo"' in html
    assert "Solo 4 disponibili" in html
    assert "Esaurito online" in html
    html_en = page(client, "/en/products/grembiule")
    assert "Sewn in Bollate from recovered canvas." in html_en
    assert "VAT included (22%)" in html_en


def test_made_to_order_shows_lead_time(client, small_catalog):
    assert "ready in 4 days" in page(client, "/en/products/torta")
    assert "pronto in 4 giorni" in page(client, "/it/products/torta")


def test_product_json_ld(client, small_catalog):
    html = page(client, "/en/products/grembiule")
    blocks = [json.loads(b) for b in re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
    product = next(b for b in blocks if b["@type"] == "Product")
    assert product["name"] == "Blue apron"
    assert product["brand"]["name"] == "Filo Dritto"
    offers = {o["sku"]: o for o in product["offers"]}
    assert [(o["price"], o["priceCurrency"], o["availability"]) for o in offers.values()] == [
        ("32.50", "EUR", "https://schema.org/InStock"),
        ("35.00", "EUR", "https://schema.org/OutOfStock"),
    ]


def test_seo_head_tags(client, small_catalog):
    html = page(client, "/it/products/biscotti")
    assert "<title>Biscotti al caffè — Forno Libero | Viale dei Mille</title>" in html
    assert '<link rel="canonical" href="http://127.0.0.1:5000/it/products/biscotti">' in html
    assert '<link rel="alternate" hreflang="en" href="http://127.0.0.1:5000/en/products/biscotti">' in html
    assert '<meta property="og:title" content="Biscotti al caffè — Forno Libero | Viale dei Mille">' in html
    assert 'IVA inclusa (10%)' in html


def test_draft_and_unknown_products_are_404_in_the_right_language(client, small_catalog):
    response = client.get("/it/products/bozza")
    assert response.status_code == 404
    assert "Non abbiamo trovato questa pagina" in response.get_data(as_text=True)
    response = client.get("/en/products/does-not-exist")
    assert response.status_code == 404
    assert "We could not find that page" in response.get_data(as_text=True)
    assert client.get("/en/cooperatives/nobody").status_code == 404


def test_language_switcher_keeps_page_and_filters(client, small_catalog):
    html = page(client, "/it/products/?category=forno&sort=name")
    assert 'href="/en/products/?category=forno&amp;sort=name" hreflang="en"' in html


def test_cooperative_pages(client, small_catalog):
    html = page(client, "/en/cooperatives/")
    assert "Filo Dritto" in html and "Forno Libero" in html
    assert "12 people at work" in html
    html = page(client, "/it/cooperatives/forno-opera")
    assert '<h1 id="coop-title">Forno Libero</h1>' in html
    assert "Carcere di Opera" in html
    assert sorted(card_slugs(html)) == ["biscotti", "torta"]


def test_home_shows_featured_cooperatives_and_figures(client, small_catalog):
    html = page(client, "/it/")
    assert "Biscotti al caffè" in html
    assert "Filo Dritto" in html and "Forno Libero" in html
    assert "<strong>20</strong> persone con un lavoro retribuito" in html
    organization = next(json.loads(b) for b in re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S))
    assert organization["@type"] == "Organization"
    assert organization["name"] == "Consorzio Viale dei Mille"


def test_store_and_legal_pages(client, small_catalog):
    assert "Viale dei Mille 24" in page(client, "/it/store")
    terms_it = page(client, "/it/terms")
    assert "entro 14 giorni" in terms_it and "personalizzati" in terms_it
    assert "deteriorarsi" in terms_it
    terms_en = page(client, "/en/terms")
    assert "within 14 days" in terms_en and "personalised" in terms_en
    assert "Titolare del trattamento" in page(client, "/it/privacy")


def test_sitemap_lists_products_and_cooperatives_in_both_languages(client, small_catalog):
    index = page(client, "/sitemap.xml")
    files = re.findall(r"<loc>http://127.0.0.1:5000(/sitemap-[a-z0-9-]+\.xml)</loc>", index)
    assert files == ["/sitemap-pages.xml", "/sitemap-products-1.xml"]
    xml = "".join(page(client, url) for url in files)
    for lang in ("it", "en"):
        for slug in ("grembiule", "presina", "biscotti", "torta"):
            assert f"<loc>http://127.0.0.1:5000/{lang}/products/{slug}</loc>" in xml
        assert f"<loc>http://127.0.0.1:5000/{lang}/cooperatives/filo</loc>" in xml
    assert "/products/bozza" not in xml


def test_robots_points_to_the_sitemap(client):
    body = page(client, "/robots.txt")
    assert "Sitemap: http://127.0.0.1:5000/sitemap.xml" in body
    assert "Disallow: /staff/" in body
    assert "Disallow: /it/account/" in body
    # Cart and checkout stay crawlable (a crawler has no cart; blocking them costs SEO).
    assert "/cart" not in body and "/checkout" not in body
    assert body.startswith("User-agent: *")


def test_healthz(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
