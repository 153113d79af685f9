"""Errors of the cart domain."""


class CartError(Exception):
    """Base of cart errors."""


class VariantUnavailable(CartError):
    """The variant does not exist, or its product is not on sale."""


class OutOfStock(CartError):
    """Not a single unit can be added."""

    def __init__(self, variant_id: int):
        super().__init__(variant_id)
        self.variant_id = variant_id


class LineNotFound(CartError):
    """The cart has no such line."""
