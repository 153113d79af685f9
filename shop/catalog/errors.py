"""Errors of the catalog domain."""


class CatalogError(Exception):
    """Base of catalog errors."""


class NotFound(CatalogError):
    """Nothing public answers to that slug."""


class ProductNotFound(NotFound):
    """No active product answers to that slug."""


class CooperativeNotFound(NotFound):
    """No cooperative answers to that slug."""
