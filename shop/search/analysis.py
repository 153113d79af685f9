"""Text analysis for search: one stemming analyzer per language, and a plain one for spelling.

Both sides of a match go through the same steps, so what a shopper types meets what the
catalog says: lower case, stop words out, accents folded ("caffè" and "caffe" are one
word), then the language's Snowball stemmer ("biscotti" and "biscotto" are one stem).
Folding comes before stemming so that a query typed without accents stems the same way.

Whoosh would chain a tokenizer and four filters as generators; this analyzer does the
same work in one pass and remembers each word's term, which makes indexing several times
faster (a catalog repeats the same few thousand words).
"""

from __future__ import annotations

import re
from functools import cache

from whoosh.analysis import Token, Tokenizer
from whoosh.lang import has_stemmer, has_stopwords, stemmer_for_language, stopwords_for_language
from whoosh.support.charset import accent_map

# Words, with inner dots kept ("a5", "38x42" and "3.5" stay whole); apostrophes split
# Italian elisions ("dell'olio" gives "dell" and "olio").
WORDS = re.compile(r"\w+(?:\.\w+)*")
# Single letters carry no meaning for a shop search and would match almost everything.
MIN_WORD = 2
_CACHE_LIMIT = 200_000


class LanguageAnalyzer(Tokenizer):
    """Tokenize, lower-case, drop stop words, fold accents and stem, in one pass."""

    def __init__(self, lang: str, stem: bool = True, fold: bool = True,
                 minsize: int = MIN_WORD) -> None:
        self.lang = lang
        self.stem = stem
        self.fold = fold
        self.minsize = minsize
        self._setup()

    def _setup(self) -> None:
        self._stops = (frozenset(stopwords_for_language(self.lang))
                       if has_stopwords(self.lang) else frozenset())
        self._stemfn = (stemmer_for_language(self.lang)
                        if self.stem and has_stemmer(self.lang) else None)
        self._terms = _TermCache(self._compute_term)

    # Whoosh pickles the schema, analyzers included, into the index: keep only the settings.
    def __getstate__(self) -> dict:
        return {"lang": self.lang, "stem": self.stem, "fold": self.fold,
                "minsize": self.minsize}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._setup()

    def __eq__(self, other) -> bool:
        return type(other) is type(self) and self.__getstate__() == other.__getstate__()

    def __hash__(self) -> int:
        return hash(tuple(self.__getstate__().items()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.lang!r}, stem={self.stem}, fold={self.fold})"

    def term(self, word: str) -> str:
        """The term a word becomes; "" for a stop word or a word too short to search."""
        return self._terms[word]

    def terms(self, text: str) -> list[str]:
        """The terms of a text, in order: the fast path the index writer uses."""
        return [term for term in map(self._terms.__getitem__, WORDS.findall(text)) if term]

    def _compute_term(self, word: str) -> str:
        lowered = word.lower()
        if len(lowered) < self.minsize or lowered in self._stops:
            return ""
        term = lowered.translate(accent_map) if self.fold else lowered
        return self._stemfn(term) if self._stemfn is not None else term

    def __call__(self, value: str, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="",
                 **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        matches = WORDS.finditer(value) if tokenize else [re.match(r"(?s).*", value)]
        pos = start_pos
        term_of = self._terms.__getitem__
        for match in matches:
            word = match.group()
            term = term_of(word)
            if term:
                token.stopped = False
                token.text = term
            elif removestops:
                continue
            else:
                token.stopped = True
                token.text = word.lower()
            token.boost = 1.0
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = pos
                pos += 1
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token


class _TermCache(dict):
    """word -> term, computed on first sight; emptied when it grows past its limit."""

    def __init__(self, compute) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, word: str) -> str:
        if len(self) > _CACHE_LIMIT:
            self.clear()
        term = self[word] = self._compute(word)
        return term


@cache
def language_analyzer(lang: str) -> LanguageAnalyzer:
    """The analyzer for a language's text fields (index and query alike)."""
    return LanguageAnalyzer(lang)


@cache
def spelling_analyzer(lang: str) -> LanguageAnalyzer:
    """Whole words as written (accents kept), for "did you mean" and autocomplete."""
    return LanguageAnalyzer(lang, stem=False, fold=False, minsize=3)


def analyze(lang: str, text: str) -> list[str]:
    """The terms a text becomes in a language's text fields."""
    return [token.text for token in language_analyzer(lang)(text, mode="query")]


def fold(text: str) -> str:
    """Lower case without accents: the form sort keys and comparisons use."""
    return text.lower().translate(accent_map)
