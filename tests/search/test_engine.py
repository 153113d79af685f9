"""The pieces under the search page: analysis, query cleaning, scoring, highlighting."""

from __future__ import annotations

import random

import pytest

from shop.search.analysis import analyze
from shop.search.bitsets import bits_of, members
from shop.search.highlight import highlight, snippet
from shop.search.query import MAX_QUERY_CHARS, _one_edit_apart, clean_query
from shop.search.scoring import Scores, top_by_value


@pytest.mark.parametrize(("lang", "text", "terms"), [
    ("it", "Biscotti al CAFFÈ", ["biscott", "caff"]),
    ("it", "biscotto caffe", ["biscott", "caff"]),
    ("it", "Grembiuli e grembiule", ["grembiul", "grembiul"]),
    ("it", "dell'olio", ["oli"]),
    ("it", "il la di e è", []),
    ("en", "Hemp kitchen APRONS", ["hemp", "kitchen", "apron"]),
    ("en", "the coffee-sack bags", ["coffe", "sack", "bag"]),
    ("en", "A5 notebook 38x42", ["a5", "notebook", "38x42"]),
])
def test_analysis_folds_stems_and_drops_stop_words(lang, text, terms):
    assert analyze(lang, text) == terms


@pytest.mark.parametrize(("raw", "clean"), [
    ("  biscotti   al  burro ", "biscotti al burro"),
    ("bis\x00cotti\x1b[31m", "bis cotti [31m"),
    ("caff\u00e8", "caffè"),
    ("ｂｉｓｃｏｔｔｉ", "biscotti"),
    ("\u202egrembiule", "grembiule"),
    (None, ""),
])
def test_queries_are_cleaned(raw, clean):
    assert clean_query(raw) == clean


def test_long_queries_are_capped():
    assert len(clean_query("biscotti " * 1000)) == MAX_QUERY_CHARS


@pytest.mark.parametrize(("a", "b", "near"), [
    ("biscott", "biscot", True), ("biscot", "biscott", True), ("grembiul", "grembuil", True),
    ("panetton", "paneton", True), ("caff", "cafe", True), ("caff", "caff", True),
    ("biscott", "biscuit", False), ("tote", "taste", False), ("abcd", "badc", False),
])
def test_one_edit_apart(a, b, near):
    assert _one_edit_apart(a, b) is near


def test_scores_rank_like_a_plain_sum():
    rng = random.Random(7)
    size = 300
    expected = [0] * size
    scores = Scores()
    for _ in range(12):
        docs = rng.sample(range(size), rng.randint(1, size))
        weight = rng.randint(1, 90)
        scores.add(bits_of(docs, size), weight)
        for doc in docs:
            expected[doc] += weight
    candidates = bits_of(rng.sample(range(size), 200), size)
    wanted = sorted(members(candidates), key=lambda doc: (-expected[doc], doc))
    assert scores.top(candidates, 25) == wanted[:25]
    assert scores.top(candidates, 500) == wanted
    assert [scores.of(doc) for doc in range(size)] == expected


def test_top_by_value_for_few_and_many_candidates():
    values = [5, 3, 9, 3, 1, 7, 0, 2]
    order = sorted(range(len(values)), key=values.__getitem__)
    assert top_by_value(bits_of([1, 2, 5], 8), 2, values, order, 8) == [1, 5]
    assert top_by_value(bits_of(range(8), 8), 3, values, order, 8) == [6, 4, 7]
    assert top_by_value(bits_of(range(8), 8), 2, values, reversed(order), 8,
                        descending=True) == [2, 5]


def test_highlight_marks_matches_and_escapes_the_rest():
    html = highlight('<b>Biscotti</b> & "biscotto"', {"biscott"}, "it")
    assert str(html) == ('&lt;b&gt;<mark>Biscotti</mark>&lt;/b&gt; &amp; &#34;'
                         '<mark>biscotto</mark>&#34;')
    assert str(highlight("Caffè", {"caff"}, "it")) == "<mark>Caffè</mark>"
    assert str(highlight("Nothing", set(), "en")) == "Nothing"


def test_snippet_centres_on_the_first_match():
    text = " ".join(["parola"] * 60) + " grembiule " + " ".join(["fine"] * 60)
    html = str(snippet(text, {"grembiul"}, "it", length=80))
    assert html.startswith("… ") and html.endswith(" …")
    assert "<mark>grembiule</mark>" in html
    assert len(html) < 120
    assert str(snippet("Breve testo", {"nulla"}, "it")) == "Breve testo"
