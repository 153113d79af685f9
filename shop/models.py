"""Every domain's models in one import, for the application, Alembic and the tests."""

from shop.accounts.models import PasswordResetToken, Role, User
from shop.cart.models import Cart, CartLine
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
from shop.checkout.models import ShippingMethod, ShippingMethodTranslation
from shop.fulfilment.models import Fulfilment, FulfilmentEvent, FulfilmentLine
from shop.inventory.models import Location, Stock, StockMovement
from shop.notifications.models import OutboxMessage
from shop.orders.models import Allocation, Order, OrderEvent, OrderLine
from shop.payments.models import Payment, ProcessedWebhookEvent, Refund
from shop.search.models import SearchUpdate

__all__ = [
    "Allocation", "Cart", "CartLine", "Category", "CategoryTranslation", "Cooperative",
    "CooperativeTranslation", "Fulfilment", "FulfilmentEvent", "FulfilmentLine", "Location",
    "Order", "OrderEvent", "OrderLine", "OutboxMessage", "PasswordResetToken", "Payment",
    "ProcessedWebhookEvent", "Product", "ProductImage", "ProductImageTranslation",
    "ProductTranslation", "Refund", "Role", "SearchUpdate", "ShippingMethod",
    "ShippingMethodTranslation",
    "Stock", "StockMovement", "User", "Variant", "VariantTranslation",
]
