"""Placing an order: one transaction that snapshots the cart and reserves its stock."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from shop.cart.models import Cart
from shop.cart.services import view_cart
from shop.catalog.models import ProductStatus
from shop.checkout.errors import (
    CannotCancel,
    CartChanged,
    CartEmpty,
    NotEnoughStock,
    ShippingUnavailable,
    Shortage,
)
from shop.checkout.geo import zone_of
from shop.checkout.models import ShippingMethod, ShippingZone
from shop.db import begin_write, utcnow
from shop.discounts.models import DiscountCode
from shop.discounts.services import (
    Discount,
    LineAmount,
    evaluate,
    find_code,
    lock_code,
    redeem,
)
from shop.extensions import db
from shop.inventory.bundles import parts_of
from shop.inventory.locks import lock_stock
from shop.inventory.models import Location, LocationKind
from shop.inventory.reservations import reserve
from shop.money import vat_included
from shop.orders.boxes import add_part_lines
from shop.orders.models import (
    Allocation,
    DeliveryMethod,
    Order,
    OrderEvent,
    OrderLine,
    OrderStatus,
)

SHIPPING_VAT_BP = 2200
# Stripe lets a Checkout Session live 30 minutes at least; stock is held a little longer.
RESERVATION = timedelta(minutes=45)


@dataclass
class CheckoutDetails:
    email: str
    name: str
    phone: str
    delivery_method: DeliveryMethod
    shipping_method: str
    locale: str
    ship_name: str = ""
    ship_line1: str = ""
    ship_line2: str = ""
    ship_postal_code: str = ""
    ship_city: str = ""
    ship_province: str = ""
    ship_country: str = ""
    invoice_requested: bool = False
    invoice_company: str = ""
    invoice_vat_number: str = ""
    invoice_tax_code: str = ""
    invoice_sdi_code: str = ""
    invoice_pec: str = ""
    invoice_address: str = ""
    user_id: int | None = None
    discount_code: str = ""
    is_gift: bool = False
    gift_message: str = ""


@dataclass(frozen=True)
class Totals:
    subtotal_cents: int
    shipping_cents: int
    vat_cents: int
    discount_cents: int = 0
    discount: Discount | None = None

    @property
    def total_cents(self) -> int:
        return self.subtotal_cents + self.shipping_cents - self.discount_cents


def shipping_methods(delivery: DeliveryMethod | None = None, country: str | None = None,
                     methods: list[ShippingMethod] | None = None) -> list[ShippingMethod]:
    """Active methods, optionally only those serving a delivery method and destination.

    `methods` are every active method when the caller has them already (no statement then);
    otherwise they are read with their translations in one statement.
    """
    if methods is None:
        methods = list(db.session.scalars(
            select(ShippingMethod).where(ShippingMethod.active.is_(True))
            .options(joinedload(ShippingMethod.translations))
            .order_by(ShippingMethod.position)).unique())
    if delivery == DeliveryMethod.PICKUP:
        return [m for m in methods if m.zone == ShippingZone.PICKUP]
    if delivery == DeliveryMethod.SHIP:
        zone = zone_of(country) if country else None
        return [m for m in methods if (m.zone == zone if zone else m.zone != ShippingZone.PICKUP)]
    return list(methods)


def find_method(code: str, delivery: DeliveryMethod, country: str,
                methods: list[ShippingMethod] | None = None) -> ShippingMethod:
    for method in shipping_methods(delivery, country or None, methods):
        if method.code == code:
            return method
    raise ShippingUnavailable(code)


def compute_totals(subtotal_cents: int, goods_vat_cents: int,
                   method: ShippingMethod | None) -> Totals:
    shipping = method.price_for(subtotal_cents) if method else 0
    return Totals(subtotal_cents, shipping,
                  goods_vat_cents + vat_included(shipping, SHIPPING_VAT_BP))


def line_amounts(view) -> list[LineAmount]:
    return [LineAmount(line.line_id, line.total_cents, line.product.category_id,
                       line.product.cooperative_id) for line in view.lines]


def price_order(view, method: ShippingMethod | None, code: DiscountCode | None,
                email: str | None, now: datetime | None = None) -> Totals:
    """Goods, discount, shipping and VAT per rate on what is paid, to the cent.

    Raises a DiscountRefused error when the code cannot be used on this cart.
    """
    if code is None:
        return compute_totals(view.subtotal_cents, view.vat_cents, method)
    discount = evaluate(code, line_amounts(view), email, now)
    goods_vat = sum(vat_included(line.total_cents - discount.per_line.get(line.line_id, 0),
                                 line.product.vat_rate_bp) for line in view.lines)
    paid_goods = view.subtotal_cents - discount.amount_cents
    shipping = method.price_for(paid_goods) if method else 0
    return Totals(view.subtotal_cents, shipping,
                  goods_vat + vat_included(shipping, SHIPPING_VAT_BP),
                  discount.amount_cents, discount)


def place_order(cart_id: int, details: CheckoutDetails, expected_total_cents: int | None,
                now: datetime | None = None) -> Order:
    """Turn the cart into an order awaiting payment, reserving all its stock or none.

    Stock comes from the producing cooperative's workshop for shipping; for store pickup
    the store's shelves are used first and the workshop covers the rest. Made-to-order
    lines reserve nothing. The cart is emptied: the order page offers to pay or cancel.
    """
    begin_write(db.session)
    now = now or utcnow()
    cart = db.session.get(Cart, cart_id)
    if cart is None or not cart.lines:
        raise CartEmpty()
    view = view_cart(cart, details.locale)
    if any(line.problem == "sold_out" or line.product.status != ProductStatus.ACTIVE
           for line in view.lines):
        raise CartChanged()
    method = find_method(details.shipping_method, details.delivery_method,
                         details.ship_country)
    # The code's row is locked first, stock rows after (the fixed lock order): a code's
    # last use goes to one order only, and the other is refused before anything is held.
    code = lock_code(find_code(details.discount_code).id) if details.discount_code else None
    totals = price_order(view, method, code, details.email, now)
    if expected_total_cents is not None and totals.total_cents != expected_total_cents:
        raise CartChanged()

    store = db.session.scalar(select(Location).where(Location.kind == LocationKind.STORE))
    workshops = {loc.cooperative_id: loc for loc in db.session.scalars(
        select(Location).where(Location.kind == LocationKind.WORKSHOP))}

    def sources(product) -> list[Location]:
        workshop = workshops.get(product.cooperative_id)
        if details.delivery_method == DeliveryMethod.PICKUP:
            return [loc for loc in (store, workshop) if loc is not None]
        return [workshop] if workshop is not None else []

    # What each cart line takes from stock: a gift box its parts, anything else itself.
    # Made-to-order products take none.
    needs = [(index, part, variant, quantity)
             for index, line in enumerate(view.lines)
             for part, (variant, quantity) in enumerate(_stock_units(line))
             if not variant.product.made_to_order]
    locked = lock_stock({(variant.id, loc.id) for _, _, variant, _ in needs
                         for loc in sources(variant.product)})

    plan: list[tuple[tuple[int, int], list[tuple[object, int]]]] = []
    short: dict[int, int] = {}  # cart line index -> how many of it could be had
    for index, part, variant, quantity in needs:
        need, takes = quantity, []
        for loc in sources(variant.product):
            stock = locked.get((variant.id, loc.id))
            take = min(need, stock.available) if stock else 0
            if take > 0:
                takes.append((stock, take))
                need -= take
        if need > 0:
            line = view.lines[index]
            per_line = quantity // line.quantity  # units of this part in one box (or 1)
            could = (quantity - need) // per_line
            short[index] = min(short.get(index, could), could)
        plan.append(((index, part), takes))
    if short:
        raise NotEnoughStock([Shortage(view.lines[i].name, view.lines[i].label,
                                       view.lines[i].quantity, could)
                              for i, could in sorted(short.items())])

    order = Order(
        status=OrderStatus.PENDING_PAYMENT, access_token=secrets.token_urlsafe(24),
        user_id=details.user_id, locale=details.locale, email=details.email.lower(),
        name=details.name, phone=details.phone, delivery_method=details.delivery_method,
        shipping_method=method.code,
        ship_name=details.ship_name, ship_line1=details.ship_line1,
        ship_line2=details.ship_line2, ship_postal_code=details.ship_postal_code,
        ship_city=details.ship_city, ship_province=details.ship_province,
        ship_country=details.ship_country if details.delivery_method == DeliveryMethod.SHIP
        else "",
        invoice_requested=details.invoice_requested,
        invoice_company=details.invoice_company,
        invoice_vat_number=details.invoice_vat_number,
        invoice_tax_code=details.invoice_tax_code, invoice_sdi_code=details.invoice_sdi_code,
        invoice_pec=details.invoice_pec, invoice_address=details.invoice_address,
        subtotal_cents=totals.subtotal_cents, shipping_cents=totals.shipping_cents,
        vat_cents=totals.vat_cents, total_cents=totals.total_cents,
        discount_cents=totals.discount_cents,
        is_gift=details.is_gift, gift_message=details.gift_message,
        discount_code=totals.discount.code.code if totals.discount else "",
        terms_accepted_at=now, reserved_until=now + RESERVATION, created_at=now)
    db.session.add(order)
    created = []
    for line in view.lines:
        product = line.product
        order_line = OrderLine(
            variant_id=line.variant.id, product_id=product.id,
            cooperative_id=product.cooperative_id, sku=line.variant.sku, name=line.name,
            variant_label=line.label, unit_price_cents=line.unit_price_cents,
            vat_rate_bp=product.vat_rate_bp, quantity=line.quantity,
            discount_cents=totals.discount.per_line.get(line.line_id, 0) if totals.discount
            else 0,
            made_to_order=product.made_to_order and not product.bundle_items,
            lead_time_days=product.effective_lead_time_days if product.made_to_order else 0,
            personal_text=line.personal_text, personal_measures=dict(line.personal_measures))
        order.lines.append(order_line)
        created.append(order_line)
    db.session.flush()
    order.number = f"VDM-{now.year}-{order.id:06d}"
    if totals.discount is not None:
        redeem(order, totals.discount)
    targets = {}
    for index, (line, order_line) in enumerate(zip(view.lines, created, strict=True)):
        if line.product.bundle_items:
            for part, part_line in enumerate(add_part_lines(order, order_line, line.product,
                                                               details.locale)):
                targets[(index, part)] = part_line
        else:
            targets[(index, 0)] = order_line
    db.session.flush()
    for key, takes in plan:
        for stock, quantity in takes:
            reserve(stock, quantity)
            db.session.add(Allocation(line=targets[key], stock_id=stock.id, quantity=quantity))
    db.session.add(OrderEvent(order=order, from_status=None,
                              to_status=OrderStatus.PENDING_PAYMENT, actor="customer",
                              user_id=details.user_id))
    cart.lines.clear()
    db.session.flush()
    return order


def _stock_units(line) -> list[tuple[object, int]]:
    """(variant, units) a cart line needs from stock: a box's parts, or its own variant."""
    if line.product.bundle_items:
        return parts_of(line.product, line.quantity)
    return [(line.variant, line.quantity)]


def cancel_unpaid_order(order_id: int, cart: Cart) -> Order:
    """The customer gives up before paying: stock is freed and the items go back in the cart."""
    from shop.cart.errors import CartError
    from shop.cart.services import add_to_cart
    from shop.catalog.errors import PersonalisationInvalid
    from shop.catalog.personalisation import stored
    from shop.orders.services import lock_order
    from shop.payments.services import cancel_order, payment_under_way

    begin_write(db.session)
    order = lock_order(order_id)
    if order.status != OrderStatus.PENDING_PAYMENT or payment_under_way(order):
        raise CannotCancel(order.id)
    cancel_order(order, actor="customer", note="cancelled before payment")
    for line in order.lines:
        if line.variant_id is None:
            continue
        try:
            add_to_cart(cart, line.variant_id, line.quantity,
                        stored(line.personal_text, line.personal_measures))
        except (CartError, PersonalisationInvalid):
            continue  # gone from the catalog meanwhile; the cart page shows what is left
    return order
