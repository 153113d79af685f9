"""Relevance on the demo catalog: the product a shopper means comes first, or nearly."""

from __future__ import annotations

import pytest

from shop.catalog.services import ProductFilters
from shop.search import service


def top_slugs(app, lang: str, text: str, count: int = 3) -> list[str]:
    with app.test_request_context():
        found = service.find_products(text, lang, ProductFilters())
        return [product.slug for product in found.products[:count]]


@pytest.mark.parametrize(("lang", "text", "expected", "within"), [
    # Italian, as written, without accents, with typos, and in the other language
    ("it", "biscotti", "biscotti-frolla-burro", 2),
    ("it", "biscotti", "biscotti-caffe-cacao", 2),
    ("it", "biscoti", "biscotti-frolla-burro", 2),
    ("it", "caffe", "biscotti-caffe-cacao", 3),
    ("it", "caffè", "borsa-juta-sacchi-caffe", 3),
    ("it", "grembiule", "grembiule-canapa", 1),
    ("it", "grembuile", "grembiule-canapa", 1),
    ("it", "tote bag blu", "tote-bag-tela", 1),
    ("it", "regalo aziendale", "cofanetto-dolce-lavoro", 3),
    ("it", "regalo aziendale", "kit-scrivania-regalo", 3),
    ("it", "panetone", "panettone-tradizionale", 1),
    ("it", "tagliere", "tagliere-rovere", 2),
    ("it", "lavanda", "lavanda-vaso", 1),
    ("it", "pianta grassa", "pianta-grassa-vasetto", 1),
    ("it", "CANTUCCI", "cantucci-mandorle", 1),
    ("it", "apron", "grembiule-canapa", 2),
    # English
    ("en", "apron", "grembiule-canapa", 1),
    ("en", "aprons", "grembiule-canapa", 1),
    ("en", "biscuits", "biscotti-frolla-burro", 2),
    ("en", "biscuts", "biscotti-caffe-cacao", 2),
    ("en", "coffee", "biscotti-caffe-cacao", 3),
    ("en", "cofee", "borsa-juta-sacchi-caffe", 3),
    ("en", "tote bag blue", "tote-bag-tela", 1),
    ("en", "corporate gift", "cofanetto-dolce-lavoro", 3),
    ("en", "cutting board", "tagliere-rovere", 1),
    ("en", "lavender", "lavanda-vaso", 1),
    ("en", "olive tree", "olivo-in-vaso", 1),
    ("en", "grembiule", "grembiule-canapa", 2),
])
def test_expected_product_ranks_high(search_demo, lang, text, expected, within):
    assert expected in top_slugs(search_demo, lang, text, within)


def test_results_are_in_the_pages_language(search_demo):
    with search_demo.test_request_context():
        italian = service.find_products("apron", "it", ProductFilters())
        english = service.find_products("apron", "en", ProductFilters())
    assert [p.tr("it").name for p in italian.products] == [
        "Grembiule da cucina in canapa", "Grembiule da lavoro personalizzato"]
    assert [p.slug for p in english.products] == ["grembiule-canapa", "grembiule-personalizzato"]


def test_every_word_must_match_when_some_product_has_them_all(search_demo):
    assert top_slugs(search_demo, "it", "grembiule cucina", 5) == ["grembiule-canapa"]
    assert top_slugs(search_demo, "it", "biscotti cacao", 5) == ["biscotti-caffe-cacao"]


def test_some_words_are_enough_when_no_product_has_them_all(search_demo):
    with search_demo.test_request_context():
        found = service.find_products("grembiule zzzzqx", "it", ProductFilters())
    assert found.result.partial is True
    assert [p.slug for p in found.products] == ["grembiule-canapa", "grembiule-personalizzato"]
