"""Personalisation in pages and emails: translated names of text kinds and dimensions,
the limits as customers read them, and the message for each refused field."""

from __future__ import annotations

from flask import Flask
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from shop.catalog.errors import PersonalisationInvalid, PersonalisationProblem
from shop.catalog.personalisation import measure_rows, ordered_measures
from shop.web.labels import label

TEXT_KINDS = {
    "text": _l("Your text"),
    "engraving": _l("Text to engrave"),
    "embroidery": _l("Text to embroider"),
    "print": _l("Text to print"),
}

DIMENSIONS = {
    "width": _l("Width"),
    "height": _l("Height"),
    "depth": _l("Depth"),
}


def text_limits(product) -> str:
    """"Up to 30 characters" (and the lines, when more than one), as the page shows it."""
    chars = ngettext("Up to %(num)d character", "Up to %(num)d characters",
                     product.personal_text_max)
    if product.personal_text_lines > 1:
        return _("%(chars)s, on up to %(lines)d lines", chars=chars,
                 lines=product.personal_text_lines)
    return chars


def measure_limits(measure) -> str:
    return _("from %(low)d to %(high)d cm", low=measure.min_cm, high=measure.max_cm)


def problem_message(problem: PersonalisationProblem) -> str:
    name = label(DIMENSIONS, problem.field) if problem.field in DIMENSIONS else ""
    match problem.code:
        case "required" if problem.field == "text":
            return _("Write the text you want.")
        case "required":
            return _("%(dimension)s: write a number of centimetres from %(low)d to %(high)d.",
                     dimension=name, low=problem.low, high=problem.high)
        case "too_long":
            return ngettext("The text can have at most %(num)d character.",
                            "The text can have at most %(num)d characters.",
                            problem.limit or 0)
        case "too_many_lines":
            return ngettext("The text can have at most %(num)d line.",
                            "The text can have at most %(num)d lines.", problem.limit or 0)
        case "characters":
            return _("The text contains characters we cannot reproduce: use letters, "
                     "digits and punctuation.")
        case "not_a_number":
            return _("%(dimension)s: write a whole number of centimetres, e.g. %(low)d.",
                     dimension=name, low=problem.low)
        case _:
            return _("%(dimension)s: it must be from %(low)d to %(high)d cm.",
                     dimension=name, low=problem.low, high=problem.high)


def problem_messages(exc: PersonalisationInvalid) -> dict[str, str]:
    """Field name in the form ("personal_text", "measure_width") -> its message."""
    return {("personal_text" if p.field == "text" else f"measure_{p.field}"): problem_message(p)
            for p in exc.problems}


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        text_kind_label=lambda code: label(TEXT_KINDS, code),
        dimension_label=lambda code: label(DIMENSIONS, code),
        personal_text_limits=text_limits,
        personal_measure_limits=measure_limits,
        personal_measures_of=ordered_measures,
        personal_measure_rows=measure_rows,
    )
