"""The search page and the suggestions, as a shopper sees them, in Italian and English."""

from __future__ import annotations

import re

import pytest


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="card-title">(.*?)</h3>', html)


def slugs(html: str) -> list[str]:
    return re.findall(r'class="card-link" href="/\w\w/products/([\w-]+)"', html)


def test_results_with_highlighted_words_in_italian(client, search_demo):
    html = page(client, "/it/search?q=biscotti")
    assert "4 prodotti" in html
    assert titles(html)[:2] == ["<mark>Biscotti</mark> al caffè e cacao",
                                "<mark>Biscotti</mark> di frolla al burro"]
    assert "<title>Ricerca: biscotti | Viale dei Mille</title>" in html
    assert '<meta name="robots" content="noindex, follow">' in html


def test_results_in_english_with_snippets(client, search_demo):
    html = page(client, "/en/search?q=apron")
    assert titles(html) == ["Hemp kitchen <mark>apron</mark>",
                            "Personalised work <mark>apron</mark>"]
    assert "2 products" in html
    snippets = re.findall(r'<p class="card-snippet">(.*?)</p>', html, re.S)
    assert len(snippets) == 2 and all(s.strip() for s in snippets)


def test_accents_are_optional_and_marked_in_the_text(client, search_demo):
    html = page(client, "/it/search?q=caffe")
    assert "Borsa in juta dei sacchi del <mark>caffè</mark>" in titles(html)
    assert "<mark>Biscotti</mark>" not in html


def test_did_you_mean_links_to_the_corrected_search(client, search_demo):
    html = page(client, "/it/search?q=panetone")
    assert ('Forse cercavi <a href="/it/search?q=panettone" rel="nofollow">'
            "<strong>panettone</strong></a>?") in html
    assert slugs(html) == ["panettone-tradizionale"]
    html = page(client, "/en/search?q=cofee")
    assert 'Did you mean <a href="/en/search?q=coffee" rel="nofollow">' in html


def test_facet_counts_keep_the_other_filters(client, search_demo):
    html = page(client, "/it/search?q=biscotti")
    assert '<option value="forno-dolci" >Forno e dolci (3)</option>' in html
    assert '<option value="regali-aziendali" >Regali aziendali (1)</option>' in html
    assert '<option value="lievito-madre" >Cooperativa Lievito Madre (4)</option>' in html
    assert "Carcere di Opera <span class=\"count\">(4)</span>" in html
    narrowed = page(client, "/it/search?q=biscotti&category=regali-aziendali")
    assert slugs(narrowed) == ["cofanetto-dolce-lavoro"]
    assert "1 prodotto" in narrowed
    # The category facet still counts what each other category would show.
    assert '<option value="forno-dolci" >Forno e dolci (3)</option>' in narrowed
    assert '<option value="regali-aziendali" selected>Regali aziendali (1)</option>' in narrowed


def test_price_band_links_and_filters(client, search_demo):
    html = page(client, "/it/search?q=biscotti")
    bands = re.findall(r'<li><a href="([^"]+)" >([^<]+)</a> <span class="count">\((\d+)\)', html)
    assert [(label, count) for _, label, count in bands] == [
        ("Fino a € 10,00", "3"), ("Da € 25,00 a € 50,00", "1")]
    assert bands[0][0] == "/it/search?q=biscotti&amp;min_price=&amp;max_price=9.99&amp;page=1"
    cheap = page(client, "/it/search?q=biscotti&max_price=9.99")
    assert sorted(slugs(cheap)) == ["biscotti-caffe-cacao", "biscotti-frolla-burro",
                                    "cantucci-mandorle"]


def test_sold_out_products_leave_with_the_in_stock_filter(client, search_demo):
    html = page(client, "/it/search?q=sgabello")
    assert slugs(html) == ["sgabello-massello"]
    assert "Esaurito" in html
    assert "Disponibili subito o su ordinazione <span class=\"count\">(0)</span>" in html
    filtered = page(client, "/it/search?q=sgabello&in_stock=1")
    assert slugs(filtered) == []
    assert "Nessun prodotto corrisponde a questi filtri." in filtered


def test_sorting_by_price(client, search_demo):
    html = page(client, "/en/search?q=biscuits&sort=price_asc")
    assert slugs(html) == ["biscotti-frolla-burro", "biscotti-caffe-cacao", "cantucci-mandorle",
                           "cofanetto-dolce-lavoro"]
    html = page(client, "/en/search?q=biscuits&sort=price_desc")
    assert slugs(html)[0] == "cofanetto-dolce-lavoro"


def test_pagination(client, search_demo, app):
    app.config["PRODUCTS_PER_PAGE"] = 2
    try:
        first = page(client, "/it/search?q=biscotti")
        second = page(client, "/it/search?q=biscotti&page=2")
    finally:
        app.config["PRODUCTS_PER_PAGE"] = 12
    assert len(slugs(first)) == 2 and len(slugs(second)) == 2
    assert not set(slugs(first)) & set(slugs(second))
    assert 'rel="next" href="/it/search?q=biscotti&amp;page=2"' in first


def test_nothing_found_offers_examples_and_categories(client, search_demo):
    html = page(client, "/it/search?q=zqxwv")
    assert "Nessun prodotto corrisponde a “zqxwv”" in html
    assert '<a href="/it/search?q=biscotti">biscotti</a>' in html
    assert '<a href="/it/products/?category=forno-dolci">Forno e dolci</a>' in html
    assert slugs(html) == []


def test_empty_query_shows_the_empty_state(client, search_demo):
    html = page(client, "/en/search?q=")
    assert "Type a word to search the shop" in html
    assert '<a href="/en/search?q=apron">apron</a>' in html
    assert "Type a word" in page(client, "/en/search")


@pytest.mark.parametrize("query", [
    '"', "((((", ")", "[biscotti]", "{}", "AND OR NOT", "biscotti AND", "NOT", "*", "bis*",
    "?", "biscotti~2", "title:biscotti", "name_it:biscotti", "^3", "\\", "+-&&||!",
    "a" * 5000, "biscotti " * 800, "😀", "🍪 biscotti", "%00", "\x00\x01\x1b[31m", "\u202e",
    "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "ǅ ﬁ ｂｉｓｃｏｔｔｉ",
])
def test_hostile_queries_get_a_normal_page(client, search_demo, query):
    response = client.get("/it/search", query_string={"q": query})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<form class="search-box" role="search"' in html
    assert "<script>alert(1)</script>" not in html
    value = re.search(r'id="site-search"[^>]*value="([^"]*)"', html).group(1)
    assert len(value) <= 200 and "\x00" not in value and "\x1b" not in value


def test_a_word_in_a_hostile_query_is_still_found(client, search_demo):
    assert "biscotti-frolla-burro" in slugs(page(client, "/it/search?q=%5Bbiscotti%5D~2*"))
    assert "biscotti-frolla-burro" in slugs(page(client, "/it/search?q=ｂｉｓｃｏｔｔｉ"))


def test_search_box_is_in_every_pages_header(client, search_demo):
    for url in ("/it/", "/en/products/", "/it/cooperatives/"):
        html = page(client, url)
        lang = url[1:3]
        assert '<label class="visually-hidden" for="site-search">' in html
        assert f'action="/{lang}/search"' in html
        assert f'data-suggest-url="/{lang}/search/suggest"' in html
    html = page(client, "/it/search?q=lavanda")
    assert 'id="site-search" class="search-input" type="search" name="q" maxlength="200"\n' \
           '           value="lavanda"' in html


def test_suggestions_json(client, search_demo):
    assert client.get("/it/search/suggest?q=bisc").get_json() == [
        {"name": "Biscotti di frolla al burro", "url": "/it/products/biscotti-frolla-burro"},
        {"name": "Biscotti al caffè e cacao", "url": "/it/products/biscotti-caffe-cacao"},
    ]
    assert client.get("/en/search/suggest?q=tote b").get_json() == [
        {"name": "Canvas tote bag", "url": "/en/products/tote-bag-tela"}]
    assert client.get("/en/search/suggest?q=apr").get_json()[0]["name"] == "Hemp kitchen apron"


@pytest.mark.parametrize("query", ["", " ", "*", '"(', "zzzzqq", "😀", "a" * 5000, "\x00"])
def test_suggestions_for_junk_are_an_empty_list(client, search_demo, query):
    response = client.get("/it/search/suggest", query_string={"q": query})
    assert response.status_code == 200
    assert response.get_json() == []
