"""Every domain's models in one import, for the application, Alembic and the tests.

One import line per domain: add yours, nothing else (F401 is off for this file).
"""

from shop.accounts.models import Invitation, PasswordResetToken, RecoveryCode, Role, User
from shop.audit.models import AuditEntry
from shop.cart.models import Cart, CartLine
from shop.catalog.models import (
    BundleItem,
    Category,
    CategoryTranslation,
    ConsentRecord,
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
from shop.discounts.models import DiscountCode, DiscountRedemption
from shop.events.models import Event, EventTranslation, Registration
from shop.fulfilment.models import Fulfilment, FulfilmentEvent, FulfilmentLine
from shop.impact.models import ImpactChainHead, ImpactEntry, ImpactEntryLine
from shop.inventory.models import (
    Location,
    Stock,
    StockMovement,
    StockThreshold,
    Transfer,
    TransferEvent,
    TransferLine,
)
from shop.invoicing.models import CreditNote, CreditNoteCounter, Invoice, InvoiceCounter
from shop.notifications.models import OutboxMessage
from shop.orders.models import Allocation, Order, OrderEvent, OrderLine
from shop.payments.models import (
    Payment,
    ProcessedWebhookEvent,
    Refund,
    RefundRequest,
    RefundRequestLine,
)
from shop.quotes.models import (
    Company,
    PriceBreak,
    Quote,
    QuoteEvent,
    QuoteLine,
    QuoteRequest,
    QuoteRequestItem,
)
from shop.search.models import SearchIndexCursor, SearchUpdate
