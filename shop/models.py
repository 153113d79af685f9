"""Every domain's models in one import, for the application, Alembic and the tests.

One import line per domain: add yours, nothing else (F401 is off for this file).
"""

from shop.accounts.models import PasswordResetToken, Role, User
from shop.audit.models import AuditEntry
from shop.cart.models import Cart, CartLine
from shop.catalog.models import (
    BundleItem,
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
from shop.invoicing.models import Invoice, InvoiceCounter
from shop.notifications.models import OutboxMessage
from shop.orders.models import Allocation, Order, OrderEvent, OrderLine
from shop.payments.models import Payment, ProcessedWebhookEvent, Refund
from shop.search.models import SearchUpdate
