"""Typed errors of the quotes domain."""

from __future__ import annotations


class QuoteError(Exception):
    """Base class of quote errors."""


class QuoteNotFound(QuoteError):
    """No quote request answers to that token or id (or not for this contact)."""


class InvalidQuoteMove(QuoteError):
    def __init__(self, from_status: str, to_status: str) -> None:
        super().__init__(f"{from_status} -> {to_status}")
        self.from_status = from_status
        self.to_status = to_status


class QuoteExpired(QuoteError):
    """The quote is past its validity date."""


class QuoteHasNoLines(QuoteError):
    """A quote with nothing in it cannot be sent."""


class InvalidPriceBreak(QuoteError):
    """A price break needs a quantity of at least 1 and a price of at least 0."""


class InvalidUpload(QuoteError):
    """The logo is not a PNG, PDF or safe SVG, or is too large."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class PaymentNotPossible(QuoteError):
    """The order of this quote cannot be paid that way (already paid, cancelled, …)."""
