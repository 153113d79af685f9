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


def split_by_weight(total_cents: int, weights: list[int]) -> list[int]:
    """Share `total_cents` in proportion to the weights; the shares add up to it exactly.

    Each share is rounded down, then the largest remainders get the cents left over (ties
    go to the earlier entry). With no weight at all the total is shared equally.

    >>> split_by_weight(1000, [1, 1, 1])
    [334, 333, 333]
    >>> split_by_weight(2500, [1200, 800, 450])
    [1225, 816, 459]
    """
    if not weights:
        return []
    if any(w < 0 for w in weights) or total_cents < 0:
        raise ValueError("amounts and weights are never negative")
    weights = weights if sum(weights) else [1] * len(weights)
    whole = sum(weights)
    shares = [total_cents * w // whole for w in weights]
    remainders = [total_cents * w % whole for w in weights]
    left = total_cents - sum(shares)
    for index in sorted(range(len(weights)), key=lambda i: (-remainders[i], i))[:left]:
        shares[index] += 1
    return shares
