"""Answering a search: what the shopper typed becomes scored bitsets, a page and facets.

Nothing typed reaches a query parser: the text is cleaned, split into words, and each word
is looked up as a term of the language's fields. Quotes, brackets, AND/OR/NOT, wildcards
and emoji are therefore plain characters (most are not word characters at all).

A product matches a word when one of its fields holds the word's term (stemmed and
folded), when its name or description holds a term one edit away (a typo), or when its
name in another language holds the word. A product must match every word; if none does,
products matching some of the words are shown, and the page says so. The score adds, for
each word, a weight per field it is found in, scaled by how rare the word is.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field

from whoosh.support.levenshtein import damerau_levenshtein

from shop.catalog.services import ProductFilters, Sort
from shop.search.analysis import WORDS, fold, language_analyzer
from shop.search.bitsets import IndexView
from shop.search.schema import (
    FACET_FIELDS,
    FUZZY_FIELDS,
    PRICE_BANDS,
    TEXT_FIELDS,
    Availability,
    sort_field,
    text_field,
    vocabulary_field,
)
from shop.search.scoring import Scores, top_by_value
from shop.search.store import IndexStore

MAX_QUERY_CHARS = 200
MAX_WORDS = 8
MAX_PAGE = 200
# Typos are only looked for in words this long: shorter ones have too many neighbours.
FUZZY_MIN_LENGTH = 4
FUZZY_PREFIX = 2
# Weights relative to a match in the field itself (see schema.TEXT_FIELDS).
FUZZY_WEIGHT = 0.3
OTHER_LANGUAGE_WEIGHT = 0.4
WEIGHT_SCALE = 10
# Among equal matches, products one can buy now come first.
ORDERABLE_BONUS = 1
SUGGESTIONS = 6
COMPLETIONS = 50  # name terms tried for the word being typed

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int


@dataclass
class SearchResult:
    query: str
    product_ids: list[int] = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 1
    per_page: int = 12
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)
    correction: str | None = None
    partial: bool = False  # no product had every word: these have some of them
    highlight: frozenset[str] = frozenset()
    searchable: bool = True  # False when nothing typed could be searched for
    available: bool = True  # False when there is no index yet


def clean_query(raw: str | None) -> str:
    """The text worth searching for: no control characters, one space between words."""
    text = unicodedata.normalize("NFKC", raw or "")
    text = _CONTROL.sub(" ", text)
    return " ".join(text.split())[:MAX_QUERY_CHARS].strip()


@dataclass
class _Word:
    typed: str
    term: str
    exact: dict[str, int] = field(default_factory=dict)
    fuzzy: dict[str, int] = field(default_factory=dict)
    fuzzy_terms: set[str] = field(default_factory=set)
    other: int = 0

    @property
    def matches(self) -> int:
        found = self.other
        for bits in (*self.exact.values(), *self.fuzzy.values()):
            found |= bits
        return found

    @property
    def exact_matches(self) -> int:
        found = self.other
        for bits in self.exact.values():
            found |= bits
        return found


def search(store: IndexStore, raw_query: str, lang: str, filters: ProductFilters,
           per_page: int = 12) -> SearchResult:
    """One page of products matching the query, with facet counts and a correction."""
    query = clean_query(raw_query)
    result = SearchResult(query=query, per_page=per_page)
    view = store.view()
    if view is None:
        result.available = False
        return result
    words = _compile_words(view, query, lang, store.languages)
    if not words:
        result.searchable = False
        return result
    matched = _all_of(words) & view.live
    if not matched and len(words) > 1:
        matched = _any_of(words) & view.live
        result.partial = bool(matched)
    masks = _filter_masks(view, filters)
    candidates = matched
    for mask in masks.values():
        candidates &= mask
    result.total = candidates.bit_count()
    result.pages = max(1, math.ceil(result.total / per_page))
    result.page = min(max(1, filters.page), result.pages, MAX_PAGE)
    wanted = result.page * per_page
    docs = _ranked(view, words, lang, filters.sort, candidates, wanted)
    result.product_ids = [view.stored_id(doc) for doc in docs[wanted - per_page:wanted]]
    result.facets = _facets(view, matched, masks)
    result.correction = _correction(view, words, lang)
    result.highlight = frozenset(
        {w.term for w in words if w.term} | {t for w in words for t in w.fuzzy_terms})
    return result


def suggest(store: IndexStore, raw_query: str, lang: str, limit: int = SUGGESTIONS) -> list[int]:
    """Products whose names start like what is being typed, for autocomplete."""
    query = clean_query(raw_query)
    typed = WORDS.findall(query)[:MAX_WORDS]
    view = store.view() if typed else None
    if view is None:
        return []
    analyzer = language_analyzer(lang)
    name = text_field("name", lang)
    scores = Scores()
    matched = view.live
    for position, word in enumerate(typed):
        term = analyzer.term(word)
        if position == len(typed) - 1:
            if len(word) < 2:
                continue  # one letter says too little
            # The word being typed: the commonest name terms starting like it (stemmed,
            # or as typed when too short to stem).
            completions = sorted(view.expand_prefix(name, term or fold(word)),
                                 key=lambda t: -view.frequency(name, t))[:COMPLETIONS]
        elif term:
            completions = [term]
        else:
            continue  # a stop word between others
        bits = 0
        for completion in completions:
            bits |= view.term(name, completion)
        matched &= bits
        if not matched:
            return []
        scores.add(bits, WEIGHT_SCALE)
    scores.add(_orderable(view), ORDERABLE_BONUS)
    return [view.stored_id(doc) for doc in scores.top(matched, limit)]


# Words ----------------------------------------------------------------------------------

def _compile_words(view: IndexView, query: str, lang: str, languages) -> list[_Word]:
    analyzer = language_analyzer(lang)
    others = [other for other in languages if other != lang]
    words, seen = [], set()
    for typed in WORDS.findall(query):
        term = analyzer.term(typed)
        other_terms = {other: language_analyzer(other).term(typed) for other in others}
        if (not term and not any(other_terms.values())) or (term, typed.lower()) in seen:
            continue
        seen.add((term, typed.lower()))
        word = _Word(typed=typed.lower(), term=term)
        if term:
            for name in TEXT_FIELDS:
                word.exact[name] = view.term(text_field(name, lang), term)
            if len(term) >= FUZZY_MIN_LENGTH:
                for name in FUZZY_FIELDS:
                    near = _near_terms(view, text_field(name, lang), term)
                    word.fuzzy_terms.update(near)
                    bits = 0
                    for other_term in near:
                        bits |= view.term(text_field(name, lang), other_term)
                    word.fuzzy[name] = bits
        for other, other_term in other_terms.items():
            if other_term:
                word.other |= view.term(text_field("name", other), other_term)
        words.append(word)
        if len(words) == MAX_WORDS:
            break
    return words


def _near_terms(view: IndexView, field_name: str, term: str) -> list[str]:
    """Terms of a field one edit away from `term` and sharing its first letters."""
    return view.cached(("near", field_name, term), lambda: [
        candidate for candidate in view.expand_prefix(field_name, term[:FUZZY_PREFIX])
        if candidate != term and _one_edit_apart(candidate, term)])


def _one_edit_apart(a: str, b: str) -> bool:
    """True for one substitution, insertion, deletion or swap of neighbours."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return (a[i + 1:] == b[i + 1:]
                or (i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i]
                    and a[i + 2:] == b[i + 2:]))
    return a[i:] == b[i + 1:]


def _all_of(words: list[_Word]) -> int:
    matched = -1
    for word in words:
        matched &= word.matches
    return matched if matched != -1 else 0


def _any_of(words: list[_Word]) -> int:
    matched = 0
    for word in words:
        matched |= word.matches
    return matched


# Ranking --------------------------------------------------------------------------------

def _ranked(view: IndexView, words: list[_Word], lang: str, sort: Sort, candidates: int,
            count: int) -> list[int]:
    if not candidates:
        return []
    column = {Sort.PRICE_ASC: "price", Sort.PRICE_DESC: "price", Sort.NEWEST: "created",
              Sort.NAME: sort_field(lang)}.get(sort)
    if column and view.has_field(column):
        descending = sort in (Sort.PRICE_DESC, Sort.NEWEST)
        return top_by_value(candidates, count, view.column(column),
                            view.ordered(column, descending), view.size, descending)
    return _scores(view, words).top(candidates, count)


def _scores(view: IndexView, words: list[_Word]) -> Scores:
    scores = Scores()
    documents = max(1, view.live.bit_count())
    for word in words:
        frequency = (word.matches & view.live).bit_count()
        # 1 for a word found everywhere, up to 4 for a rare one.
        rarity = min(4.0, 1.0 + math.log2(1 + documents / (1 + frequency)) / 4)
        for name, bits in word.exact.items():
            scores.add(bits, round(TEXT_FIELDS[name] * WEIGHT_SCALE * rarity))
        for name, bits in word.fuzzy.items():
            scores.add(bits, round(TEXT_FIELDS[name] * FUZZY_WEIGHT * WEIGHT_SCALE * rarity))
        scores.add(word.other,
                   round(TEXT_FIELDS["name"] * OTHER_LANGUAGE_WEIGHT * WEIGHT_SCALE * rarity))
    scores.add(_orderable(view), ORDERABLE_BONUS)
    return scores


def _orderable(view: IndexView) -> int:
    bits = 0
    for value in Availability.ORDERABLE:
        bits |= view.facet("availability", value)
    return bits


# Filters and facets ---------------------------------------------------------------------

def _filter_masks(view: IndexView, filters: ProductFilters) -> dict[str, int]:
    """One bitset per active filter, keyed by the facet it narrows."""
    masks = {}
    for name in ("category", "cooperative", "institute"):
        value = getattr(filters, name)
        if value:
            masks[name] = view.facet(name, value)
    if filters.min_price_cents is not None or filters.max_price_cents is not None:
        masks["price_band"] = view.range_bits("price", filters.min_price_cents,
                                              filters.max_price_cents)
    if filters.in_stock:
        masks["availability"] = _orderable(view)
    return masks


def _facets(view: IndexView, matched: int, masks: dict[str, int]) -> dict[str, list[FacetCount]]:
    """For each facet, how many products each value would show, the other filters kept."""
    facets = {}
    for name in FACET_FIELDS:
        base = matched
        for other, mask in masks.items():
            if other != name:
                base &= mask
        values = (value for value, _, _ in PRICE_BANDS) if name == "price_band" \
            else sorted(view.facet_values(name))
        counts = [FacetCount(value, (base & view.facet(name, value)).bit_count())
                  for value in values]
        facets[name] = [count for count in counts if count.count]
    return facets


# "Did you mean" -------------------------------------------------------------------------

def _correction(view: IndexView, words: list[_Word], lang: str) -> str | None:
    """The query with each word that matched nothing as typed replaced by its best spelling."""
    vocabulary = vocabulary_field(lang)
    if not view.has_field(vocabulary):
        return None
    corrected, changed = [], False
    for word in words:
        replacement = None
        if word.term and not word.exact_matches & view.live and len(word.typed) >= 3:
            replacement = _best_spelling(view, vocabulary, word.typed)
        corrected.append(replacement or word.typed)
        changed |= replacement is not None
    return " ".join(corrected) if changed else None


def _best_spelling(view: IndexView, vocabulary: str, typed: str) -> str | None:
    candidates = [c for c in view.terms_within(vocabulary, typed, 2, prefix=1) if c != typed]
    if not candidates:
        return None
    return min(candidates,
               key=lambda c: (damerau_levenshtein(typed, c), -view.frequency(vocabulary, c), c))
