"""The search index's schema: one document per product, text fields per language.

A product is one document whatever the number of languages: the text fields carry the
language in their name (`name_it`, `name_en`), each analysed by that language's chain, and
the facet and sort fields are shared. A search in Italian reads the Italian fields, so its
results are the Italian texts, and a third language adds fields, not documents.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from whoosh.columns import NumericColumn, RefBytesColumn, VarBytesColumn
from whoosh.fields import COLUMN, ID, TEXT, Schema
from whoosh.system import pack_uint

from shop.search.analysis import LanguageAnalyzer, language_analyzer, spelling_analyzer

# Text fields of each language, with the weight a match in it carries.
TEXT_FIELDS: dict[str, float] = {
    "name": 4.0,
    "category": 2.0,
    "materials": 1.5,
    "cooperative": 1.5,
    "prison": 1.2,
    "variants": 1.2,
    "description": 1.0,
    "story": 0.6,
}
# Fields where a misspelt word still finds its product (edit distance 1).
FUZZY_FIELDS = ("name", "description")
# One value per product, kept as columns (not indexed): the facets and the listing's
# filters are counted and applied from these, see shop.search.facets.
FACET_FIELDS = ("category", "cooperative", "institute", "price_band", "availability")

# Facet values computed from a product rather than copied from it.
PRICE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    # (value, lowest price in cents, highest price in cents or None)
    ("under-10", 0, 999),
    ("10-25", 1000, 2499),
    ("25-50", 2500, 4999),
    ("over-50", 5000, None),
)


class Availability:
    IN_STOCK = "in_stock"
    MADE_TO_ORDER = "made_to_order"
    SOLD_OUT = "sold_out"
    # What the listing's "in stock" filter keeps: available now, or made when ordered.
    ORDERABLE = (IN_STOCK, MADE_TO_ORDER)


class CatalogText(TEXT):
    """A text field without positions whose indexing skips Whoosh's token stream.

    Whoosh turns each token into an object passed through a chain of generators; counting
    the analyzer's terms directly gives the same postings in a fraction of the time.
    """

    def __init__(self, analyzer: LanguageAnalyzer) -> None:
        super().__init__(analyzer=analyzer, phrase=False)

    def index(self, value, **kwargs):
        boost = self.format.field_boost
        counts = Counter(self.analyzer.terms(value))
        return [(word.encode("utf-8"), n, n * boost, pack_uint(n))
                for word, n in counts.items()]


def price_band(cents: int) -> str:
    for value, low, high in PRICE_BANDS:
        if cents >= low and (high is None or cents <= high):
            return value
    return PRICE_BANDS[0][0]


def text_field(name: str, lang: str) -> str:
    return f"{name}_{lang}"


def vocabulary_field(lang: str) -> str:
    """Whole words of a language's names and short texts, for spelling suggestions."""
    return f"words_{lang}"


def sort_field(lang: str) -> str:
    return f"sortname_{lang}"


def build_schema(languages: Iterable[str]) -> Schema:
    fields = {
        "id": ID(unique=True, stored=True),
        "price": COLUMN(NumericColumn("I")),
        "created": COLUMN(NumericColumn("Q")),
    }
    for name in FACET_FIELDS:
        fields[name] = COLUMN(RefBytesColumn())
    for lang in languages:
        analyzer = language_analyzer(lang)
        for name in TEXT_FIELDS:
            fields[text_field(name, lang)] = CatalogText(analyzer)
        fields[vocabulary_field(lang)] = CatalogText(spelling_analyzer(lang))
        fields[sort_field(lang)] = COLUMN(VarBytesColumn())
    return Schema(**fields)

