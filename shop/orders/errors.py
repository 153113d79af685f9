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
