"""Names of quote statuses and payment choices as people read them, in their language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

QUOTE_STATUSES = {
    "submitted": _l("Received"),
    "in_review": _l("Being prepared"),
    "quoted": _l("Quote sent"),
    "accepted": _l("Accepted"),
    "declined": _l("Declined"),
    "expired": _l("Expired"),
    "ordered": _l("Ordered"),
}
PAYMENT_CHOICES = {
    "card": _l("Card"),
    "transfer": _l("Bank transfer"),
    "terms": _l("Bank transfer on payment terms"),
}


def quote_labels() -> dict:
    """Template globals: quote_status_label(code), payment_choice_label(code)."""
    return {
        "quote_status_label": lambda code: str(QUOTE_STATUSES.get(code, code)),
        "payment_choice_label": lambda code: str(PAYMENT_CHOICES.get(code, code or "—")),
    }
