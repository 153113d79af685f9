"""The index seen as bitsets: one bit per document, in a Python int.

Whoosh's collectors score and count hit by hit in Python, some tens of microseconds per
matching document: a word found in a third of a 10,000-product catalog took over 100 ms
before facets. Here every term, facet value and filter becomes a set of document numbers
held in an int, so matching, filtering and facet counting are a handful of C-speed AND/OR
and popcount operations, whatever the number of hits.

Segments never change once written (only their deletions do), so per-segment bitsets and
column values are cached by segment id and reused by every later generation that keeps
the segment; only what depends on deletions is recomputed when the index changes.
"""

from __future__ import annotations

import heapq
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator

from whoosh.codec.whoosh3 import W3LeafMatcher

from shop.search.schema import FACET_FIELDS

SEGMENT_CACHE_SIZE = 50_000
# Entries a view (one index generation) keeps for the queries it answers.
VIEW_CACHE_SIZE = 4_000


class LRU:
    """A small thread-safe least-recently-used cache."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], object]):
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = compute()
        with self._lock:
            self._items[key] = value
            if len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_SEGMENTS = LRU(SEGMENT_CACHE_SIZE)


def clear_caches() -> None:
    """Forget every cached segment bitset (the benchmark measures cold queries with it)."""
    _SEGMENTS.clear()


def bits_of(docnums: Iterable[int], size: int) -> int:
    """The bitset of these document numbers (all below `size`)."""
    buffer = bytearray((size >> 3) + 1)
    for doc in docnums:
        buffer[doc >> 3] |= 1 << (doc & 7)
    return int.from_bytes(buffer, "little")


def members(bits: int) -> Iterator[int]:
    """The document numbers of a bitset, ascending."""
    data = bits.to_bytes((bits.bit_length() + 7) >> 3, "little")
    for index, byte in enumerate(data):
        if byte:
            base = index << 3
            for bit in range(8):
                if byte >> bit & 1:
                    yield base + bit


def first_members(bits: int, count: int) -> list[int]:
    found = []
    for doc in members(bits):
        if len(found) == count:
            break
        found.append(doc)
    return found


def _posting_ids(matcher) -> Iterator[int]:
    # Whoosh's own all_ids() walks posting by posting; its blocks already hold id arrays.
    if isinstance(matcher, W3LeafMatcher):
        while matcher.is_active():
            if matcher._ids is None:
                matcher._read_ids()
            yield from matcher._ids
            if matcher._lastblock:
                return
            matcher._next_block()
    else:
        yield from matcher.all_ids()


class IndexView:
    """Bitsets over one searcher's documents; built per index generation, used by queries."""

    def __init__(self, searcher, root) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.size = self.reader.doc_count_all()
        self._root = str(root)
        self._leaves = [(leaf, offset, f"{self._root}:{leaf.segment().segment_id()}")
                        for leaf, offset in self.reader.leaf_readers()
                        if leaf.doc_count_all() and leaf.segment() is not None]
        self._terms: dict = {}
        self._columns: dict[str, list] = {}
        self._derived: dict = {}
        self._lock = threading.Lock()
        self.live = self._live()

    def _live(self) -> int:
        deleted = bits_of((doc + offset for leaf, offset, _ in self._leaves
                           if leaf.has_deletions() for doc in leaf.deleted_docs_set), self.size)
        return ((1 << self.size) - 1) & ~deleted

    # Terms -----------------------------------------------------------------------------

    def term(self, field: str, text: str) -> int:
        """Documents whose `field` contains the term `text`."""
        key = (field, text)
        found = self._terms.get(key)
        if found is None:
            btext = text.encode("utf-8")
            found = 0
            for leaf, offset, segment in self._leaves:
                found |= _SEGMENTS.get((segment, "t", field, btext),
                                       lambda leaf=leaf: self._segment_term(leaf, field, btext)
                                       ) << offset
            self._remember(self._terms, key, found)
        return found

    @staticmethod
    def _remember(cache: dict, key, value) -> None:
        if len(cache) >= VIEW_CACHE_SIZE:
            cache.clear()
        cache[key] = value

    @staticmethod
    def _segment_term(leaf, field: str, btext: bytes) -> int:
        if (field, btext) not in leaf:
            return 0
        return bits_of(_posting_ids(leaf.postings(field, btext)), leaf.doc_count_all())

    def doc_frequency(self, field: str, text: str) -> int:
        return (self.term(field, text) & self.live).bit_count()

    def has_field(self, field: str) -> bool:
        return field in self.reader.schema

    # Columns ---------------------------------------------------------------------------

    def facet(self, field: str, value: str) -> int:
        """Documents whose facet column holds `value`."""
        key = ("facet", field, value)
        found = self._terms.get(key)
        if found is None:
            found = 0
            for leaf, offset, segment in self._leaves:
                by_value = _SEGMENTS.get((segment, "f", field),
                                         lambda leaf=leaf: _segment_facets(leaf, field))
                found |= by_value.get(value, 0) << offset
            self._remember(self._terms, key, found)
        return found

    def facet_values(self, field: str) -> set[str]:
        values: set[str] = set()
        for leaf, _, segment in self._leaves:
            values.update(_SEGMENTS.get((segment, "f", field),
                                        lambda leaf=leaf: _segment_facets(leaf, field)))
        return values

    def column(self, field: str) -> list:
        """Every document's value of a column, indexed by document number."""
        with self._lock:
            values = self._columns.get(field)
            if values is None:
                values = []
                for leaf, _, segment in self._leaves:
                    values.extend(self._segment_column(leaf, segment, field))
                self._columns[field] = values
        return values

    @staticmethod
    def _segment_column(leaf, segment: str, field: str) -> list:
        return _SEGMENTS.get((segment, "c", field),
                             lambda: list(leaf.column_reader(field, translate=True)))

    def ordered(self, field: str, descending: bool = False) -> Iterator[int]:
        """Document numbers by a column's value, lazily merged from each segment's order."""
        runs = []
        for leaf, offset, segment in self._leaves:
            values = self._segment_column(leaf, segment, field)
            order = _SEGMENTS.get((segment, "o", field), lambda values=values: sorted(
                range(len(values)), key=values.__getitem__))
            runs.append(_run(values, order, offset, descending))
        return (doc for _, doc in heapq.merge(*runs, reverse=descending))

    def range_bits(self, field: str, low: int | None, high: int | None) -> int:
        """Documents whose numeric column lies within [low, high] (None: unbounded)."""
        key = ("range", field, low, high)
        found = self._terms.get(key)
        if found is None:
            found = 0
            for leaf, offset, segment in self._leaves:
                values = self._segment_column(leaf, segment, field)
                found |= _SEGMENTS.get((segment, "r", field, low, high), lambda values=values: (
                    bits_of((doc for doc, value in enumerate(values)
                             if (low is None or value >= low)
                             and (high is None or value <= high)), len(values)))) << offset
            self._remember(self._terms, key, found)
        return found

    # Vocabulary ------------------------------------------------------------------------

    def cached(self, key: tuple, compute: Callable[[], object]):
        """A value derived from this generation of the index, computed once."""
        found = self._derived.get(key)
        if found is None:
            found = compute()
            self._remember(self._derived, key, found)
        return found

    def expand_prefix(self, field: str, prefix: str) -> list[str]:
        """The terms of a field starting with `prefix`, sorted.

        Asked segment by segment, each answer cached: merging the term lists of every
        segment through Whoosh's reader took milliseconds after each index update.
        """
        found: set[str] = set()
        for leaf, _, segment in self._leaves:
            found.update(_SEGMENTS.get(
                (segment, "p", field, prefix),
                lambda leaf=leaf: tuple(_decoded(leaf.expand_prefix(field, prefix)))))
        return sorted(found)

    def frequency(self, field: str, text: str) -> int:
        return self.doc_frequency(field, text)

    def terms_within(self, field: str, text: str, maxdist: int, prefix: int) -> list[str]:
        return list(self.reader.terms_within(field, text, maxdist, prefix=prefix))

    def stored_id(self, doc: int) -> int:
        return int(self.searcher.stored_fields(doc)["id"])


def _run(values: list, order: list[int], offset: int, descending: bool):
    for doc in (reversed(order) if descending else order):
        yield values[doc], doc + offset


def _decoded(terms) -> Iterator[str]:
    for term in terms:
        yield term.decode("utf-8") if isinstance(term, bytes) else term


def _segment_facets(leaf, field: str) -> dict[str, int]:
    docs: dict[str, list[int]] = {}
    for doc, value in enumerate(leaf.column_reader(field, translate=True)):
        if value:
            key = value.decode("utf-8") if isinstance(value, bytes) else str(value)
            docs.setdefault(key, []).append(doc)
    size = leaf.doc_count_all()
    return {value: bits_of(found, size) for value, found in docs.items()}


__all__ = [
    "FACET_FIELDS",
    "LRU",
    "IndexView",
    "bits_of",
    "clear_caches",
    "first_members",
    "members",
]
