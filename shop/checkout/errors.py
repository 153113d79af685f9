"""Errors of checkout: each one tells the customer what to do next."""

from __future__ import annotations

from dataclasses import dataclass


class CheckoutError(Exception):
    """Base of checkout errors."""


class CartEmpty(CheckoutError):
    """Nothing to order."""


class CartChanged(CheckoutError):
    """A product left the catalog, or prices moved, since the customer looked."""


@dataclass
class Shortage:
    name: str
    label: str
    requested: int
    available: int


class NotEnoughStock(CheckoutError):
    """Some lines cannot be reserved; nothing was reserved."""

    def __init__(self, shortages: list[Shortage]):
        super().__init__(", ".join(f"{s.name}: {s.available}/{s.requested}" for s in shortages))
        self.shortages = shortages


class ShippingUnavailable(CheckoutError):
    """No such shipping method for that destination."""


class CannotCancel(CheckoutError):
    """The order is paid, being paid, or already closed: staff must handle it."""
