"""The store's opening hours: the one source for the footer, the store page and emails."""

from __future__ import annotations

from babel.dates import get_day_names
from flask_babel import gettext as _

# Monday = 0. Each day: its opening intervals; none = closed.
WEEK: dict[int, tuple[tuple[str, str], ...]] = {
    0: (),
    1: (("10:00", "13:30"), ("15:00", "19:00")),
    2: (("10:00", "13:30"), ("15:00", "19:00")),
    3: (("10:00", "13:30"), ("15:00", "19:00")),
    4: (("10:00", "13:30"), ("15:00", "19:00")),
    5: (("10:00", "19:00"),),
    6: (),
}
_SCHEMA_DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


def _runs() -> list[tuple[int, int, tuple[tuple[str, str], ...]]]:
    """Consecutive days with the same hours: (first day, last day, intervals)."""
    runs: list[tuple[int, int, tuple[tuple[str, str], ...]]] = []
    for day in range(7):
        if runs and runs[-1][2] == WEEK[day] and runs[-1][1] == day - 1:
            runs[-1] = (runs[-1][0], day, WEEK[day])
        else:
            runs.append((day, day, WEEK[day]))
    return runs


def _days(first: int, last: int, locale: str) -> str:
    names = get_day_names("wide", locale=locale)
    text = names[first] if first == last else _("%(first)s to %(last)s", first=names[first],
                                                 last=names[last])
    return text[:1].upper() + text[1:]


def _times(intervals) -> str:
    return ", ".join(f"{start}–{end}" for start, end in intervals)


def opening_rows(locale: str) -> list[tuple[str, str]]:
    """(days, hours) rows for a table, closed days included."""
    return [(_days(first, last, locale), _times(intervals) if intervals else _("Closed"))
            for first, last, intervals in _runs()]


def opening_summary(locale: str) -> str:
    """One line for a footer or an email: the open days only."""
    return "; ".join(f"{_days(first, last, locale)} {_times(intervals)}"
                     for first, last, intervals in _runs() if intervals)


def schema_org_hours() -> list[str]:
    """openingHours for schema.org, e.g. 'Tu-Fr 10:00-13:30'."""
    out = []
    for first, last, intervals in _runs():
        days = _SCHEMA_DAYS[first] + ("" if first == last else "-" + _SCHEMA_DAYS[last])
        out += [f"{days} {start}-{end}" for start, end in intervals]
    return out
