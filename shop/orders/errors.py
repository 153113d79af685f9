"""Errors of the orders domain."""


class OrderError(Exception):
    """Base of order errors."""


class OrderNotFound(OrderError):
    """No order answers to that token or id."""


class InvalidTransition(OrderError):
    """The order cannot move from its status to the one asked."""

    def __init__(self, from_status: str, to_status: str):
        super().__init__(f"{from_status} -> {to_status}")
        self.from_status = from_status
        self.to_status = to_status


class NotOnShelf(OrderError):
    """A counter sale asks for more than the store's shelves hold free.

    `shortages` lists (name, label, wanted, available).
    """

    def __init__(self, shortages: list[tuple[str, str, int, int]]):
        super().__init__(", ".join(f"{n} {lbl}: {w}>{a}" for n, lbl, w, a in shortages))
        self.shortages = shortages


class EmptySale(OrderError):
    """A counter sale with nothing in it."""


class RefundRefused(OrderError):
    """A refund or cancellation that cannot be made. `code` says why:

    "above_paid" (more than what is left of the payment), "not_paid", "nothing",
    "quantity" (more units than the line has left), "part_state" (the part has left),
    "gateway" (the payment provider refused), "state" (the order's status forbids it).
    """

    def __init__(self, code: str, available_cents: int = 0, detail: str = ""):
        super().__init__(f"{code} {detail}".strip())
        self.code = code
        self.available_cents = available_cents
        self.detail = detail
