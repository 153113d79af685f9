"""Marking the words that matched a search, in escaped HTML."""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape

from shop.search.analysis import WORDS, language_analyzer

SNIPPET_LENGTH = 160


def _spans(text: str, terms: Iterable[str], lang: str) -> list[tuple[int, int]]:
    wanted = frozenset(terms) - {""}
    if not wanted or not text:
        return []
    term_of = language_analyzer(lang).term
    return [(m.start(), m.end()) for m in WORDS.finditer(text) if term_of(m.group()) in wanted]


def _marked(text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None
            ) -> Markup:
    end = len(text) if end is None else end
    parts, position = [], start
    for left, right in spans:
        if left < start or right > end:
            continue
        parts.append(escape(text[position:left]))
        parts.append(Markup("<mark>%s</mark>") % text[left:right])
        position = right
    parts.append(escape(text[position:end]))
    return Markup("").join(parts)


def highlight(text: str | None, terms: Iterable[str], lang: str) -> Markup:
    """The text, escaped, with every word whose term is in `terms` inside <mark>."""
    text = text or ""
    return _marked(text, _spans(text, terms, lang))


def snippet(text: str | None, terms: Iterable[str], lang: str,
            length: int = SNIPPET_LENGTH) -> Markup:
    """About `length` characters of the text around its first match, highlighted."""
    text = " ".join((text or "").split())
    spans = _spans(text, terms, lang)
    if len(text) <= length:
        return _marked(text, spans)
    first = spans[0][0] if spans else 0
    start = max(0, first - length // 4)
    if start:
        start = text.find(" ", start) + 1 or start
        start = min(start, first)
    end = min(len(text), start + length)
    if end < len(text):
        cut = text.rfind(" ", start, end)
        end = cut if cut > start else end
    body = _marked(text, spans, start, end)
    return (Markup("… ") if start else Markup("")) + body + (
        Markup(" …") if end < len(text) else Markup(""))
