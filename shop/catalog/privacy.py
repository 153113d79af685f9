"""The privacy rule of stories: first names only, with consent, never a crime or sentence."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Words that would tell why someone is in prison or for how long, in either language.
FORBIDDEN = re.compile(
    r"\b(reat[oi]|condann\w*|pena|pene|detenut[oaie] per|carcerat[oaie] per|ergastol\w*|"
    r"omicidi\w*|rapin\w*|furt[oi]|spaccio|crim\w*|convict\w*|sentenc\w*|offen[cs]\w*|"
    r"felon\w*|murder\w*|robber\w*|theft|jail term|prison term)\b",
    re.IGNORECASE)

FIRST_NAME = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")


def forbidden_words(texts: Iterable[str]) -> list[str]:
    """The forbidden words found in the texts, lower-cased, each once, in order found."""
    found: list[str] = []
    for text in texts:
        for match in FORBIDDEN.finditer(text or ""):
            word = match.group(0).lower()
            if word not in found:
                found.append(word)
    return found


def parse_names(text: str) -> list[str]:
    """First names as the editor lists them ("Anna, Marco"), tidied, each once."""
    names: list[str] = []
    for part in re.split(r"[,;\n]+", text or ""):
        name = " ".join(part.split())
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return names


def invalid_names(names: Iterable[str]) -> list[str]:
    """Entries that are not a single first name (a surname would make two words or more)."""
    return [n for n in names if not FIRST_NAME.match(n) or len(n) > 60]


def names_without_consent(names: Iterable[str], consents: Iterable) -> list[str]:
    """The names no consent record covers (compared without regard to case)."""
    covered = {c.first_name.strip().casefold() for c in consents}
    return [n for n in names if n.casefold() not in covered]
