"""Quantities written for people: work time in hours and minutes, weights in kg or g."""

from __future__ import annotations

from babel.numbers import format_decimal

_WORDS = {
    "it": {"hour": ("ora", "ore"), "minute": ("minuto", "minuti")},
    "en": {"hour": ("hour", "hours"), "minute": ("minute", "minutes")},
}


def _count(n: int, unit: str, locale: str) -> str:
    one, many = _WORDS.get(locale, _WORDS["en"])[unit]
    return f"{n} {one if n == 1 else many}"


def work_time(minutes: int, locale: str) -> str:
    """1800 → '30 ore'; 90 → '1 ora e 30 minuti' ('1 hour and 30 minutes'); 45 → '45 minuti'.

    >>> work_time(1800, "it"), work_time(90, "en"), work_time(45, "it")
    ('30 ore', '1 hour and 30 minutes', '45 minuti')
    """
    hours, rest = divmod(max(minutes, 0), 60)
    if not hours:
        return _count(rest, "minute", locale)
    if not rest:
        return _count(hours, "hour", locale)
    joiner = " e " if locale == "it" else " and "
    return _count(hours, "hour", locale) + joiner + _count(rest, "minute", locale)


def weight(grams: int, locale: str) -> str:
    """22000 → '22 kg'; 1500 → '1,5 kg' ('1.5 kg'); 800 → '800 g'.

    >>> weight(22000, "it"), weight(1500, "it"), weight(1500, "en"), weight(800, "en")
    ('22 kg', '1,5 kg', '1.5 kg', '800 g')
    """
    if grams < 1000:
        return f"{grams} g"
    kilos = round(grams / 1000, 1)
    return f"{format_decimal(kilos, format='#,##0.#', locale=locale)} kg"
