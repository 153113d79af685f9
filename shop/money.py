"""Money arithmetic in integer cents: VAT contained in a VAT-inclusive amount."""

from __future__ import annotations


def vat_included(gross_cents: int, rate_bp: int) -> int:
    """The VAT inside a VAT-inclusive amount, rounded half up to the cent.

    >>> vat_included(1220, 2200)
    220
    >>> vat_included(650, 1000)
    59
    """
    if gross_cents < 0 or rate_bp < 0:
        raise ValueError("amounts and rates are never negative")
    denominator = 10_000 + rate_bp
    return (2 * gross_cents * rate_bp + denominator) // (2 * denominator)
