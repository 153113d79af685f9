"""An accepted quote becomes an order: quoted prices, stock reserved, paid by card or transfer.

The order's lines carry the gross unit price (net plus its VAT, per unit) like every other
order, so statements and pages read them the same way; the order's totals are the quote's,
with VAT rounded per rate. The card payment sends Stripe the net lines plus one VAT line per
rate, so the amount charged is exactly the quote's total.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import select

from shop.accounts.access import staff_actor
from shop.audit.services import record
from shop.catalog.models import Product
from shop.db import begin_write, utcnow
from shop.extensions import db
from shop.inventory.locks import lock_stock
from shop.inventory.models import Location, LocationKind
from shop.inventory.reservations import reserve
from shop.orders.boxes import add_part_lines
from shop.orders.models import (
    Allocation,
    DeliveryMethod,
    Order,
    OrderEvent,
    OrderLine,
    OrderSource,
    OrderStatus,
)
from shop.orders.services import lock_order, transition
from shop.payments.gateway import CheckoutLine, CheckoutRequest
from shop.payments.models import Payment, PaymentStatus
from shop.quotes import notifications, pricing
from shop.quotes.errors import InvalidQuoteMove, PaymentNotPossible, QuoteNotFound
from shop.quotes.models import PaymentChoice, Quote, QuoteRequest, QuoteStatus
from shop.quotes.services import answerable_request, move

# A company pays by transfer in days, not minutes: its stock is held this long.
PAYMENT_HOLD = timedelta(days=10)
REMINDER_BEFORE = timedelta(days=3)
TRANSFER_PROVIDER = "transfer"
SHIPPING_CODE = "quote"


def accept(token: str, po_number: str, payment_choice: PaymentChoice,
           now: datetime | None = None) -> Order:
    """Accept the current quote: the order is created at its prices and its stock reserved.

    A company with payment terms may choose them: its order is routed at once.
    """
    now = now or utcnow()
    request = answerable_request(token, now)
    quote = request.current_quote
    if request.status != QuoteStatus.QUOTED or quote is None:
        raise InvalidQuoteMove(request.status, QuoteStatus.ACCEPTED)
    if payment_choice == PaymentChoice.TERMS and not request.company.payment_terms_days:
        raise PaymentNotPossible(request.id)
    request.po_number, request.payment_choice = po_number.strip()[:60], payment_choice
    move(request, QuoteStatus.ACCEPTED, "company", version=quote.version,
          note=f"PO {request.po_number}" if request.po_number else "")
    order = create_order(request, quote, payment_choice, now)
    request.order_id = order.id
    move(request, QuoteStatus.ORDERED, "system", version=quote.version, note=order.number)
    notifications.quote_accepted(request, order)
    if payment_choice == PaymentChoice.TERMS:
        _route(order)
    return order


def create_order(request: QuoteRequest, quote: Quote, payment_choice: str,
                 now: datetime) -> Order:
    """The order of an accepted quote; stocked lines reserve what the workshop holds."""
    company = request.company
    address = (request.addresses or [{}])[0]
    money = pricing.totals(quote.lines)
    several = len(request.addresses or []) > 1  # one shipment per address once routed
    order = Order(
        status=OrderStatus.PENDING_PAYMENT, access_token=secrets.token_urlsafe(24),
        locale=request.locale, source=OrderSource.QUOTE, email=request.contact_email,
        name=request.contact_name[:120], phone=request.contact_phone,
        delivery_method=DeliveryMethod.SHIP, shipping_method=SHIPPING_CODE,
        ship_name=(address.get("name") or company.name)[:120],
        ship_line1=address.get("line1", "")[:200], ship_postal_code=address.get(
            "postal_code", "")[:16], ship_city=address.get("city", "")[:120],
        ship_province=address.get("province", "")[:4], ship_country=address.get(
            "country", "IT")[:2],
        invoice_requested=True, invoice_company=company.name[:200],
        invoice_vat_number=company.vat_number, invoice_tax_code=company.tax_code,
        invoice_sdi_code=company.sdi_code, invoice_pec=company.pec,
        subtotal_cents=money.gross_cents, shipping_cents=0, vat_cents=money.vat_cents,
        total_cents=money.gross_cents, terms_accepted_at=now,
        reserved_until=None if payment_choice == PaymentChoice.TERMS else now + PAYMENT_HOLD,
        delivery_addresses=list(request.addresses) if several else None,
        created_at=now)
    db.session.add(order)
    boxes: list[tuple[OrderLine, Product, int | None]] = []
    for line in quote.lines:
        variant = line.variant
        product = variant.product if variant else None
        box = product is not None and bool(product.bundle_items)
        made_to_order = product is None or (product.made_to_order and not box)
        lead = max(((line.delivery_date - now.date()).days if line.delivery_date else 0), 0)
        order_line = OrderLine(
            variant_id=variant.id if variant else None,
            product_id=product.id if product else None, cooperative_id=line.cooperative_id,
            sku=variant.sku if variant else "CUSTOM",
            name=(product.tr(request.locale).name if product else line.description)[:200],
            variant_label=(variant.label_for(request.locale) if variant else "")[:120],
            unit_price_cents=pricing.gross_unit_cents(line.unit_price_cents, line.vat_rate_bp),
            vat_rate_bp=line.vat_rate_bp, quantity=line.quantity,
            made_to_order=made_to_order, lead_time_days=lead if made_to_order else 0)
        order.lines.append(order_line)
        if box:
            boxes.append((order_line, product, lead if line.delivery_date else None))
    db.session.flush()
    order.number = f"VDM-{now.year}-{order.id:06d}"
    # A gift box's parts, as the storefront writes them: routed, reserved and invoiced
    # part by part. Parts made to order are due by the quote's date when it gives one.
    for box_line, product, lead in boxes:
        for part in add_part_lines(order, box_line, product, request.locale):
            if part.made_to_order and lead is not None:
                part.lead_time_days = lead
    db.session.flush()
    _reserve(order)
    db.session.add(OrderEvent(order=order, from_status=None,
                              to_status=OrderStatus.PENDING_PAYMENT, actor="company",
                              note=request.reference))
    db.session.flush()
    return order


def _reserve(order: Order) -> None:
    """Hold what each cooperative's workshop has of the stocked lines (made to order: none).

    A gift box holds no stock of its own: each of its parts is held at the workshop of the
    cooperative that makes it.

    A shortfall is not an error: the quote's dates already allowed for making the rest.
    """
    workshops = {loc.cooperative_id: loc for loc in db.session.scalars(
        select(Location).where(Location.kind == LocationKind.WORKSHOP))}
    stocked = [unit for line in order.lines for unit in line.units
               if not unit.made_to_order and unit.variant_id]
    locked = lock_stock({(line.variant_id, workshops[line.cooperative_id].id)
                         for line in stocked if line.cooperative_id in workshops})
    for line in stocked:
        workshop = workshops.get(line.cooperative_id)
        stock = locked.get((line.variant_id, workshop.id)) if workshop else None
        take = min(line.quantity, stock.available) if stock else 0
        if take > 0:
            reserve(stock, take)
            db.session.add(Allocation(line=line, stock_id=stock.id, quantity=take))


def _route(order: Order) -> None:
    from shop.fulfilment.notifications import notify_cooperative
    from shop.fulfilment.routing import route_order

    for fulfilment in route_order(order):
        notify_cooperative(fulfilment)


def request_of_order(order_id: int) -> QuoteRequest:
    request = db.session.scalar(select(QuoteRequest).where(QuoteRequest.order_id == order_id))
    if request is None:
        raise QuoteNotFound(order_id)
    return request


def checkout_request(request: QuoteRequest, order: Order, success_url: str,
                     cancel_url: str, now: datetime | None = None) -> CheckoutRequest:
    """The card payment: the quote's net lines and one VAT line per rate, to the cent."""
    now = now or utcnow()
    quote = next(q for q in request.quotes if q.sent_at is not None
                 and q.version == _ordered_version(request))
    lines = [CheckoutLine(line.description[:200], line.unit_price_cents, line.quantity)
             for line in quote.lines if line.unit_price_cents > 0]
    for rate in pricing.totals(quote.lines).rates:
        if rate.vat_cents:
            lines.append(CheckoutLine(f"IVA {rate.rate_bp / 100:g}%", rate.vat_cents, 1))
    attempt = db.session.scalar(
        select(db.func.count(Payment.id)).where(Payment.order_id == order.id)) or 0
    checkout = CheckoutRequest(
        order_id=order.id, order_number=order.number or "", email=order.email,
        locale=order.locale, lines=lines, success_url=success_url, cancel_url=cancel_url,
        expires_at=now + timedelta(minutes=31),
        idempotency_key=f"order-{order.id}-attempt-{attempt + 1}")
    if checkout.amount_cents != order.total_cents:
        raise AssertionError("checkout amount differs from the order total")
    return checkout


def _ordered_version(request: QuoteRequest) -> int:
    for event in reversed(request.events):
        if event.to_status == QuoteStatus.ORDERED:
            return event.quote_version or 0
    return request.current_quote.version if request.current_quote else 0


def ordered_quote(request: QuoteRequest) -> Quote | None:
    version = _ordered_version(request)
    return next((q for q in request.quotes if q.version == version), None)


def mark_transfer_received(order_id: int, user, now: datetime | None = None) -> Order:
    """Staff saw the bank transfer arrive: the order is paid and routed (once)."""
    staff_actor(user)
    now = now or utcnow()
    begin_write(db.session)
    order = lock_order(order_id)
    request = request_of_order(order.id)
    if order.source != OrderSource.QUOTE or order.status not in (
            OrderStatus.PENDING_PAYMENT,) or order.paid_at is not None:
        raise PaymentNotPossible(order.id)
    db.session.add(Payment(order_id=order.id, provider=TRANSFER_PROVIDER,
                           session_id=f"transfer-{order.number}", amount_cents=order.total_cents,
                           status=PaymentStatus.PAID, expires_at=now, paid_at=now))
    transition(order, OrderStatus.PAID, actor="staff", user_id=user.id,
               note="bank transfer received")
    record("order.transfer_received", "order", order.id,
           before={"status": OrderStatus.PENDING_PAYMENT},
           after={"status": OrderStatus.PAID}, summary=f"{order.number} {request.reference}")
    from shop.orders.lifecycle import order_paid

    order_paid(order)
    return order


def send_payment_reminders(now: datetime | None = None) -> int:
    """Remind companies whose order's reservation runs out soon that payment is due."""
    now = now or utcnow()
    orders = list(db.session.scalars(
        select(Order).where(Order.source == OrderSource.QUOTE,
                            Order.status == OrderStatus.PENDING_PAYMENT,
                            Order.reserved_until.is_not(None),
                            Order.reserved_until > now,
                            Order.reserved_until <= now + REMINDER_BEFORE)))
    sent = 0
    for order in orders:
        request = db.session.scalar(select(QuoteRequest).where(QuoteRequest.order_id == order.id))
        if request is not None and notifications.payment_reminder(request, order):
            sent += 1
    return sent
