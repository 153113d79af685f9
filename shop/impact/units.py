"""Impact figures written for people: "2 h 30 min", "30 ore", "1,2 kg", "850 g"."""

from __future__ import annotations

from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _


def duration(minutes: int) -> str:
    """Minutes of work as hours and minutes in the reader's language."""
    minutes = int(minutes or 0)
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(abs(minutes), 60)
    if hours and rest:
        return sign + _("%(hours)s h %(minutes)s min", hours=format_decimal(hours),
                        minutes=rest)
    if hours:
        return sign + ngettext("%(num)s hour", "%(num)s hours", hours)
    return sign + ngettext("%(num)s minute", "%(num)s minutes", rest)


def weight(grams: int) -> str:
    """Grams as g below a kilo, else kg with at most one decimal."""
    grams = int(grams or 0)
    if abs(grams) < 1000:
        return _("%(grams)s g", grams=format_decimal(grams))
    kilos = grams / 1000
    pattern = "#,##0" if kilos >= 100 or grams % 1000 == 0 else "#,##0.0"
    return _("%(kilos)s kg", kilos=format_decimal(round(kilos, 1), format=pattern))
