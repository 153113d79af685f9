"""Why a discount code was refused; each maps to one message for the customer."""

from __future__ import annotations


class DiscountRefused(Exception):
    """Base: the code cannot be used on this order."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


class UnknownCode(DiscountRefused):
    """No active code by that name."""


class NotValidNow(DiscountRefused):
    """Before its first or after its last day."""


class BelowMinimum(DiscountRefused):
    def __init__(self, code: str, min_order_cents: int):
        super().__init__(code)
        self.min_order_cents = min_order_cents


class UsedUp(DiscountRefused):
    """Every use has been taken (possibly a moment ago, by another order)."""


class AlreadyUsedByEmail(DiscountRefused):
    """This email has used the code as often as allowed."""


class NothingEligible(DiscountRefused):
    """The code is limited to a category or cooperative with nothing in this cart."""


class CodeTaken(DiscountRefused):
    """Staff tried to add a code that already exists."""
