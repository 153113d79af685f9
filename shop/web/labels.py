"""Translated names for the values the domains store as codes."""

from flask_babel import lazy_gettext as _l

INSTITUTES = {
    "san_vittore": _l("San Vittore prison"),
    "opera": _l("Opera prison"),
    "bollate": _l("Bollate prison"),
}

CRAFTS = {
    "tailoring": _l("Tailoring"),
    "bakery": _l("Bakery"),
    "print": _l("Print and graphics"),
    "carpentry": _l("Carpentry"),
    "plants": _l("Plants and gardens"),
}

ORDER_STATUSES = {
    "pending_payment": _l("Awaiting payment"),
    "paid": _l("Paid, being prepared"),
    "partially_fulfilled": _l("Partly shipped"),
    "fulfilled": _l("Shipped"),
    "completed": _l("Completed"),
    "cancelled": _l("Cancelled"),
    "partially_refunded": _l("Partly refunded"),
    "refunded": _l("Refunded"),
}

SORTS = {
    "relevance": _l("Featured"),
    "newest": _l("Newest"),
    "price_asc": _l("Price, low to high"),
    "price_desc": _l("Price, high to low"),
    "name": _l("Name, A to Z"),
}


def label(mapping: dict, code: str | None) -> str:
    return str(mapping.get(code or "", code or ""))
