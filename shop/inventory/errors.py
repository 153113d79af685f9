"""Typed errors of the inventory domain."""

from __future__ import annotations


class InventoryError(Exception):
    """Base class: a stock change the rules of the ledger do not allow."""


class InvalidMovement(InventoryError):
    """A movement that would not change anything (the ledger stores no zero deltas)."""


class InsufficientStock(InventoryError):
    """Taking units a location does not have, or has already promised to someone."""

    def __init__(self, variant_id: int, location_id: int, delta: int, on_hand: int,
                 allocated: int) -> None:
        self.variant_id = variant_id
        self.location_id = location_id
        self.delta = delta
        self.on_hand = on_hand
        self.allocated = allocated
        super().__init__(
            f"variant {variant_id} at location {location_id}: cannot change on hand "
            f"{on_hand} by {delta} with {allocated} allocated")


class StockNotFound(InventoryError):
    """No variant of the member's own cooperative answers to that id (foreign ids included)."""


class InvalidAdjustment(InventoryError):
    """An adjustment with a reason members may not use, or a quantity that makes no sense."""


class CountFileInvalid(InventoryError):
    """A count file with bad rows: nothing was applied. `problems` names each row and error."""

    def __init__(self, problems: list) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} bad row(s) in the count file")


class TransferNotFound(InventoryError):
    """No transfer the user may see answers to that id (foreign ids included)."""


class TransferRefused(InventoryError):
    """A transfer move not allowed now, for this user, or with these quantities.

    `code` says why: "state" (already moved on), "quantity", "empty", "stock".
    """

    def __init__(self, code: str, current: str = "", detail: str = "") -> None:
        self.code = code
        self.current = current
        self.detail = detail
        super().__init__(f"{code}: {current} {detail}".strip())
