"""Sales at the Viale dei Mille counter: an order paid and handed over on the spot.

The sale is an Order with source `store`, paid in cash or on the card terminal, whose one
part (the store's) is collected at once: its units leave the store's shelves through the
ledger (allocations reserved then consumed, under the stock row locks). The consignment
statement counts it for the producing cooperative in the month of the sale.
"""

from __future__ import annotations

import enum
import secrets
from dataclasses import dataclass

from sqlalchemy import func, or_, select

from shop.accounts.access import staff_actor
from shop.audit.services import record
from shop.catalog.models import Product, ProductStatus, ProductTranslation, Variant
from shop.db import begin_write, utcnow
from shop.extensions import db
from shop.fulfilment.models import (
    Destination,
    Fulfilment,
    FulfilmentEvent,
    FulfilmentLine,
    FulfilmentStatus,
)
from shop.inventory.locks import lock_stock
from shop.inventory.models import Location, LocationKind, Stock
from shop.inventory.reservations import consume_allocations, reserve
from shop.money import vat_included
from shop.notifications.services import enqueue_email
from shop.orders.errors import EmptySale, NotOnShelf
from shop.orders.models import (
    Allocation,
    DeliveryMethod,
    Order,
    OrderEvent,
    OrderLine,
    OrderSource,
    OrderStatus,
)
from shop.orders.services import transition
from shop.payments.models import Payment, PaymentStatus


class PaymentMethod(enum.StrEnum):
    CASH = "cash"
    CARD = "terminal"  # the card terminal on the counter


@dataclass(frozen=True)
class SaleLine:
    variant: Variant
    product: Product
    name: str
    quantity: int
    on_shelf: int  # free units on the store's shelves

    @property
    def unit_price_cents(self) -> int:
        return self.variant.price_cents

    @property
    def total_cents(self) -> int:
        return self.unit_price_cents * self.quantity

    @property
    def vat_cents(self) -> int:
        return vat_included(self.total_cents, self.product.vat_rate_bp)

    @property
    def short(self) -> bool:
        return self.quantity > self.on_shelf


@dataclass(frozen=True)
class Sale:
    lines: list[SaleLine]

    @property
    def total_cents(self) -> int:
        return sum(line.total_cents for line in self.lines)

    @property
    def vat_cents(self) -> int:
        return sum(line.vat_cents for line in self.lines)

    @property
    def quantity(self) -> int:
        return sum(line.quantity for line in self.lines)


def _store() -> Location:
    return db.session.scalar(select(Location).where(Location.kind == LocationKind.STORE))


def _name(product: Product, locale: str) -> str:
    row = product.tr(locale)
    return row.name if row else product.slug


def find_products(query: str, locale: str, limit: int = 12) -> list[SaleLine]:
    """Variants whose SKU or name matches, with what the store's shelves hold free."""
    query = query.strip().lower()
    if not query:
        return []
    store = _store()
    like = f"%{query}%"
    stmt = (select(Variant, Product, Stock)
            .join(Product, Variant.product_id == Product.id)
            .outerjoin(Stock, (Stock.variant_id == Variant.id)
                       & (Stock.location_id == (store.id if store else -1)))
            .where(Product.status == ProductStatus.ACTIVE, Product.made_to_order.is_(False),
                   or_(func.lower(Variant.sku) == query, func.lower(Variant.sku).like(like),
                       Product.id.in_(select(ProductTranslation.product_id).where(
                           func.lower(ProductTranslation.name).like(like)))))
            .order_by((func.lower(Variant.sku) == query).desc(), Product.slug, Variant.position)
            .limit(limit))
    return [SaleLine(v, p, _name(p, locale), 1, s.available if s else 0)
            for v, p, s in db.session.execute(stmt)]


def view_sale(items: dict[int, int], locale: str) -> Sale:
    """The server-side cart of a counter sale (variant id → quantity), priced and checked."""
    if not items:
        return Sale([])
    store = _store()
    rows = db.session.execute(
        select(Variant, Product).join(Product, Variant.product_id == Product.id)
        .where(Variant.id.in_(list(items))).order_by(Product.slug, Variant.position))
    shelves = {s.variant_id: s.available for s in db.session.scalars(
        select(Stock).where(Stock.variant_id.in_(list(items)),
                            Stock.location_id == (store.id if store else -1)))}
    return Sale([SaleLine(v, p, _name(p, locale), items[v.id], shelves.get(v.id, 0))
                 for v, p in rows if items.get(v.id, 0) > 0])


def record_store_sale(user, items: dict[int, int], method: str, *, email: str = "",
                      locale: str = "it", receipt_link=None) -> Order:
    """Sell the items from the store's shelves: all of them, or none with NotOnShelf.

    `receipt_link(order)` builds the receipt's address for the email (the web layer's).
    """
    actor = staff_actor(user)
    method = PaymentMethod(method)
    items = {v: q for v, q in items.items() if q > 0}
    if not items:
        raise EmptySale()
    begin_write(db.session)
    store = _store()
    locked = lock_stock({(variant_id, store.id) for variant_id in items})
    sale = view_sale(items, locale)
    shortages = []
    for line in sale.lines:
        stock = locked.get((line.variant.id, store.id))
        free = stock.available if stock else 0
        if line.quantity > free or line.product.status != ProductStatus.ACTIVE:
            shortages.append((line.name, line.variant.label_for(locale), line.quantity, free))
    if shortages or len(sale.lines) != len(items):
        raise NotOnShelf(shortages)

    now = utcnow()
    email = email.strip().lower()
    order = Order(status=OrderStatus.PENDING_PAYMENT, access_token=secrets.token_urlsafe(24),
                  locale=locale, source=OrderSource.STORE, email=email, name="",
                  delivery_method=DeliveryMethod.PICKUP, shipping_method="store",
                  subtotal_cents=sale.total_cents, shipping_cents=0,
                  vat_cents=sale.vat_cents, total_cents=sale.total_cents, created_at=now)
    db.session.add(order)
    for line in sale.lines:
        order.lines.append(OrderLine(
            variant_id=line.variant.id, product_id=line.product.id,
            cooperative_id=line.product.cooperative_id, sku=line.variant.sku,
            name=line.name, variant_label=line.variant.label_for(locale),
            unit_price_cents=line.unit_price_cents, vat_rate_bp=line.product.vat_rate_bp,
            quantity=line.quantity))
    db.session.flush()
    order.number = f"VDM-{now.year}-{order.id:06d}"
    allocations = []
    for oline in order.lines:
        stock = locked[(oline.variant_id, store.id)]
        reserve(stock, oline.quantity)
        allocation = Allocation(line=oline, stock_id=stock.id, quantity=oline.quantity)
        db.session.add(allocation)
        allocations.append(allocation)
    db.session.add(OrderEvent(order=order, from_status=None,
                              to_status=OrderStatus.PENDING_PAYMENT, actor=actor.label,
                              user_id=actor.user_id, note="counter sale"))
    db.session.flush()
    db.session.add(Payment(order_id=order.id, provider=method.value,
                           session_id=f"counter-{order.id}", amount_cents=order.total_cents,
                           status=PaymentStatus.PAID, expires_at=now, paid_at=now))
    transition(order, OrderStatus.PAID, actor=actor.label, user_id=actor.user_id,
               note=method.value)
    part = Fulfilment(order_id=order.id, cooperative_id=None, destination=Destination.STORE,
                      status=FulfilmentStatus.COLLECTED, due_date=None, shipped_at=None,
                      lines=[FulfilmentLine(order_line_id=oline.id, quantity=oline.quantity)
                             for oline in order.lines])
    for from_status, to_status in ((None, FulfilmentStatus.NEW),
                                   (FulfilmentStatus.NEW, FulfilmentStatus.READY),
                                   (FulfilmentStatus.READY, FulfilmentStatus.COLLECTED)):
        part.events.append(FulfilmentEvent(from_status=from_status, to_status=to_status,
                                           actor=actor.label, user_id=actor.user_id,
                                           created_at=now))
    db.session.add(part)
    consume_allocations(allocations, reference=order.number, user_id=actor.user_id)
    transition(order, OrderStatus.FULFILLED, actor=actor.label, user_id=actor.user_id)
    transition(order, OrderStatus.COMPLETED, actor=actor.label, user_id=actor.user_id)
    if email:
        enqueue_email("store_receipt", email, "store_receipt", locale=locale,
                      dedupe_key=f"store-receipt:{order.id}", order_id=order.id, order=order,
                      method=method.value,
                      receipt_link=receipt_link(order) if receipt_link else "")
    record("order.store_sale", "order", order.id, only_changes=False,
           after={"number": order.number, "total_cents": order.total_cents,
                  "method": method.value,
                  "lines": [[line.sku, line.quantity] for line in order.lines]},
           summary=f"{order.number}: counter sale {order.total_cents} cents")
    db.session.flush()
    return order
