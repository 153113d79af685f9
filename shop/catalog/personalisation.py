"""Personalised and made-to-measure products: reading what the customer asks for.

A product declares what it takes (`Product.personal_text_*`, `Product.measures`); the
customer's input is checked here, once, whoever calls (the product page, the cart service).
What comes out is a `Personalisation`: a clean text and whole centimetres per dimension.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from shop.catalog.errors import PersonalisationInvalid, PersonalisationProblem
from shop.catalog.models import (
    MEASURE_LIMIT_CM,
    PERSONAL_TEXT_LIMIT,
    Dimension,
    Product,
)

DIMENSION_ORDER = {dimension.value: index for index, dimension in enumerate(Dimension)}
# Anything longer than this is refused before it is looked at.
RAW_TEXT_LIMIT = 4 * PERSONAL_TEXT_LIMIT
_WHOLE_NUMBER = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class Personalisation:
    """A customer's text (lines joined by "\\n") and measurements in cm by dimension."""

    text: str = ""
    measures: dict[str, int] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not self.text and not self.measures

    @property
    def key(self) -> str:
        """Equal for equal personalisations, "" for none: it keeps cart lines apart."""
        if self.is_empty:
            return ""
        canonical = json.dumps({"text": self.text, "measures": self.measures},
                               sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


NONE = Personalisation()


def clean_text(raw: str) -> str:
    """Unicode NFC, one kind of line break, spaces trimmed per line, no empty lines at the end."""
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


def text_length(text: str) -> int:
    """Characters as the customer counts them: line breaks are free."""
    return len(text.replace("\n", ""))


def _unprintable(text: str) -> bool:
    return any(ch != "\n" and unicodedata.category(ch)[0] == "C" for ch in text)


def ordered_measures(product: Product):
    return sorted(product.measures, key=lambda m: DIMENSION_ORDER.get(m.dimension, 99))


def read_personalisation(product: Product, text: str | None,
                         measures: Mapping[str, object] | None) -> Personalisation:
    """The customer's input for this product, checked against its limits.

    Fields the product does not take are ignored. Raises PersonalisationInvalid with every
    problem found, so the page can mark each field at once.
    """
    if not product.is_personalised:
        return NONE
    problems: list[PersonalisationProblem] = []
    clean = ""
    if product.takes_text:
        raw = text or ""
        if len(raw) > RAW_TEXT_LIMIT:
            problems.append(PersonalisationProblem("text", "too_long",
                                                   limit=product.personal_text_max))
        else:
            clean = clean_text(raw)
            if not clean and product.personal_text_required:
                problems.append(PersonalisationProblem("text", "required"))
            elif _unprintable(clean):
                problems.append(PersonalisationProblem("text", "characters"))
            elif text_length(clean) > product.personal_text_max:
                problems.append(PersonalisationProblem(
                    "text", "too_long", limit=product.personal_text_max,
                    value=text_length(clean)))
            elif clean.count("\n") + 1 > product.personal_text_lines:
                problems.append(PersonalisationProblem(
                    "text", "too_many_lines", limit=product.personal_text_lines))
    given: dict[str, int] = {}
    for measure in ordered_measures(product):
        raw_value = (measures or {}).get(measure.dimension)
        raw_text = str(raw_value if raw_value is not None else "").strip()
        if not raw_text:
            problems.append(PersonalisationProblem(measure.dimension, "required",
                                                   low=measure.min_cm, high=measure.max_cm))
            continue
        if not _WHOLE_NUMBER.fullmatch(raw_text):
            problems.append(PersonalisationProblem(measure.dimension, "not_a_number",
                                                   low=measure.min_cm, high=measure.max_cm))
            continue
        value = int(raw_text) if len(raw_text) <= 6 else MEASURE_LIMIT_CM + 1
        if not measure.min_cm <= value <= measure.max_cm:
            problems.append(PersonalisationProblem(measure.dimension, "out_of_range",
                                                   low=measure.min_cm, high=measure.max_cm))
            continue
        given[measure.dimension] = value
    if problems:
        raise PersonalisationInvalid(problems)
    return Personalisation(clean[:PERSONAL_TEXT_LIMIT], given)


def stored(text: str, measures: Mapping[str, int] | None) -> Personalisation:
    """A personalisation as a cart or order line holds it (already checked when written)."""
    return Personalisation(text or "", {k: int(v) for k, v in (measures or {}).items()})


def measure_rows(measures: Mapping[str, int] | None) -> list[tuple[str, int]]:
    """(dimension, cm) in the usual order: width, height, depth."""
    return sorted((measures or {}).items(), key=lambda item: DIMENSION_ORDER.get(item[0], 99))
