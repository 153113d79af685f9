"""Typed errors of the fulfilment domain."""

from __future__ import annotations


class FulfilmentError(Exception):
    """Base class of fulfilment errors."""


class NotFound(FulfilmentError):
    """Nothing the acting user may see answers to that id (foreign ids included)."""


class InvalidTransition(FulfilmentError):
    """The fulfilment cannot move from its status to the one asked, or not by this user."""

    def __init__(self, from_status: str, to_status: str, allowed: list[str]) -> None:
        super().__init__(f"{from_status} -> {to_status} (allowed: {', '.join(allowed) or '-'})")
        self.from_status = from_status
        self.to_status = to_status
        self.allowed = allowed


class TrackingRequired(FulfilmentError):
    """Shipping to a customer needs a known carrier and a tracking code."""


class InvalidMonth(FulfilmentError):
    """A statement month outside the range the shop can report on."""
