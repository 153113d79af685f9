"""Every domain's models in one import, for the application, Alembic and the tests."""

from shop.accounts.models import Role, User
from shop.catalog.models import (
    Category,
    CategoryTranslation,
    Cooperative,
    CooperativeTranslation,
    Product,
    ProductImage,
    ProductImageTranslation,
    ProductTranslation,
    Variant,
    VariantTranslation,
)
from shop.inventory.models import Location, Stock, StockMovement
from shop.search.models import SearchUpdate

__all__ = [
    "Category", "CategoryTranslation", "Cooperative", "CooperativeTranslation", "Location",
    "Product", "ProductImage", "ProductImageTranslation", "ProductTranslation", "Role",
    "SearchUpdate", "Stock", "StockMovement", "User", "Variant", "VariantTranslation",
]
