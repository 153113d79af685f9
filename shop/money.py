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


class PriceFormatError(ValueError):
    """A typed price that is not a non-negative amount with at most two decimals.

    `reason` is one of "empty", "negative", "decimals", "format", "too_large".
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


MAX_PRICE_CENTS = 10_000_000  # 100,000 euro: more is a typing slip


def parse_price_cents(text: str) -> int:
    """Euro typed as `12,50`, `12.50`, `12` or `1.250,00` into integer cents.

    >>> parse_price_cents("12,50"), parse_price_cents("12.5"), parse_price_cents("1.250,00")
    (1250, 1250, 125000)
    """
    value = (text or "").strip().replace(" ", "").replace("\u00a0", "").removeprefix("€")
    value = value.removesuffix("€")
    if not value:
        raise PriceFormatError("empty")
    if value.startswith("-"):
        raise PriceFormatError("negative")
    if "," in value and "." in value:
        # Thousands separators: the last mark is the decimal one.
        if value.rfind(",") > value.rfind("."):
            value = value.replace(".", "")
        else:
            value = value.replace(",", "")
    value = value.replace(",", ".")
    whole, dot, fraction = value.partition(".")
    if not whole.isdigit() and not (whole == "" and fraction):
        raise PriceFormatError("format")
    if dot and not fraction.isdigit():
        raise PriceFormatError("format")
    if len(fraction) > 2:
        raise PriceFormatError("decimals")
    cents = int(whole or "0") * 100 + int((fraction + "00")[:2] if fraction else "0")
    if cents > MAX_PRICE_CENTS:
        raise PriceFormatError("too_large")
    return cents


def format_price_input(cents: int | None) -> str:
    """Cents as a form shows them for editing: `12,50`."""
    if cents is None:
        return ""
    return f"{cents // 100},{cents % 100:02d}"


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
