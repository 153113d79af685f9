"""Cart operations. Prices and availability are always read fresh from the catalog."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby

from sqlalchemy import delete, func, select
from sqlalchemy.orm import aliased, joinedload, lazyload, selectinload

from shop.cart.errors import LineNotFound, OutOfStock, VariantUnavailable
from shop.cart.models import Cart, CartLine
from shop.catalog.errors import PersonalisationInvalid
from shop.catalog.models import (
    BundleItem,
    Category,
    Cooperative,
    Product,
    ProductImage,
    ProductStatus,
    Variant,
)
from shop.catalog.personalisation import NONE, Personalisation, read_personalisation
from shop.db import utcnow
from shop.extensions import db
from shop.inventory.bundles import Part, box_from_parts, free_units
from shop.money import vat_included

MAX_LINE_QUANTITY = 99  # also the cap for made-to-order lines


@dataclass(frozen=True)
class Sellable:
    """What can be sold of a variant now: by shipping (workshop) and for pickup (+ store)."""

    ship: int
    pickup: int
    made_to_order: bool

    @property
    def most(self) -> int:
        if self.made_to_order:
            return MAX_LINE_QUANTITY
        return min(MAX_LINE_QUANTITY, max(self.ship, self.pickup))


@dataclass
class CartLineView:
    line_id: int
    variant: Variant
    product: Product
    name: str
    label: str
    quantity: int
    unit_price_cents: int
    sellable: Sellable
    problem: str | None = None  # "sold_out" | "reduced" | None
    personal_text: str = ""
    personal_measures: dict[str, int] = field(default_factory=dict)

    @property
    def total_cents(self) -> int:
        return self.unit_price_cents * self.quantity

    @property
    def vat_cents(self) -> int:
        return vat_included(self.total_cents, self.product.vat_rate_bp)


@dataclass
class CartGroup:
    cooperative: Cooperative
    lines: list[CartLineView]

    @property
    def subtotal_cents(self) -> int:
        return sum(line.total_cents for line in self.lines)


@dataclass
class CartView:
    cart_id: int | None
    groups: list[CartGroup] = field(default_factory=list)

    @property
    def lines(self) -> list[CartLineView]:
        return [line for group in self.groups for line in group.lines]

    @property
    def quantity(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def subtotal_cents(self) -> int:
        return sum(line.total_cents for line in self.lines)

    @property
    def vat_cents(self) -> int:
        return sum(line.vat_cents for line in self.lines)

    @property
    def problems(self) -> list[CartLineView]:
        return [line for line in self.lines if line.problem]

    @property
    def is_empty(self) -> bool:
        return not self.groups


def new_token() -> str:
    return secrets.token_urlsafe(32)


def find_cart(token: str | None = None, user_id: int | None = None) -> Cart | None:
    """The signed-in user's cart, else the one the cookie names (if it belongs to nobody).

    The cart comes with its lines and their variants in the same statement.
    """
    lines = joinedload(Cart.lines)
    if user_id is not None:
        cart = db.session.scalars(select(Cart).where(Cart.user_id == user_id)
                                  .options(lines)).unique().one_or_none()
        if cart is not None:
            return cart
    if token:
        return db.session.scalars(select(Cart).where(Cart.token == token,
                                                     Cart.user_id.is_(None))
                                  .options(lines)).unique().one_or_none()
    return None


def get_or_create_cart(token: str | None = None, user_id: int | None = None) -> Cart:
    cart = find_cart(token, user_id)
    if cart is None:
        cart = Cart(token=new_token(), user_id=user_id)
        db.session.add(cart)
        db.session.flush()
    return cart


def sellable(variant_ids: list[int]) -> dict[int, Sellable]:
    """Units free to sell per variant, by where they are; a gift box by its scarcest part.

    Two statements whatever the number of variants: what each variant is (and a box's
    parts), then the free stock of every variant and part together.
    """
    ids = sorted(set(variant_ids))
    if not ids:
        return {}
    part, part_product = aliased(Variant), aliased(Product)
    rows = db.session.execute(
        select(Variant.id, Product.made_to_order, BundleItem.variant_id, BundleItem.quantity,
               part.active, part_product.status, part_product.made_to_order)
        .join(Product, Product.id == Variant.product_id)
        .outerjoin(BundleItem, BundleItem.bundle_id == Product.id)
        .outerjoin(part, part.id == BundleItem.variant_id)
        .outerjoin(part_product, part_product.id == part.product_id)
        .where(Variant.id.in_(ids)))
    made_to_order: dict[int, bool] = {}
    parts: dict[int, list[Part]] = {}
    for vid, to_order, part_id, units, part_active, part_status, part_to_order in rows:
        made_to_order[vid] = to_order
        if part_id is not None:
            parts.setdefault(vid, []).append(Part(
                part_id, units, part_active and part_status == ProductStatus.ACTIVE,
                part_to_order))
    free = free_units([vid for vid in made_to_order if vid not in parts]
                      + [p.variant_id for box in parts.values() for p in box])
    result = {}
    for vid, to_order in made_to_order.items():
        if vid in parts:
            box = box_from_parts(parts[vid], free)
            result[vid] = Sellable(box.ship, box.pickup, box.made_to_order)
        else:
            result[vid] = Sellable(free[vid].ship, free[vid].pickup, to_order)
    return result


def cart_quantity(token: str | None, user_id: int | None) -> int:
    """Units in the cart `find_cart` would find, in one statement (for the page header)."""
    if user_id is None and not token:
        return 0
    owned = select(Cart.id).where(Cart.user_id == user_id).scalar_subquery()
    guest = select(Cart.id).where(Cart.token == token, Cart.user_id.is_(None)).scalar_subquery()
    which = func.coalesce(owned, guest) if user_id is not None else guest
    return db.session.scalar(select(func.coalesce(func.sum(CartLine.quantity), 0))
                             .where(CartLine.cart_id == which)) or 0


def _on_sale(variant: Variant | None) -> bool:
    return (variant is not None and variant.active
            and variant.product.status == ProductStatus.ACTIVE)


@dataclass(frozen=True)
class LineChange:
    quantity: int  # what the line holds now
    capped: bool  # less than asked for, because that is all that is free


def add_to_cart(cart: Cart, variant_id: int, quantity: int,
                personal: Personalisation = NONE) -> LineChange:
    """Add units of a variant, up to what is free to sell.

    A personalised product's text and measurements are checked again here (raising
    PersonalisationInvalid); a line holds one personalisation, so the same text adds to its
    line and another text makes a line of its own.
    """
    if quantity < 1:
        raise ValueError("quantity must be positive")
    variant = db.session.get(Variant, variant_id)
    if not _on_sale(variant):
        raise VariantUnavailable(variant_id)
    personal = (read_personalisation(variant.product, personal.text, personal.measures)
                if variant.product.is_personalised else NONE)
    most = sellable([variant_id])[variant_id].most
    if most < 1:
        raise OutOfStock(variant_id)
    line = next((line for line in cart.lines if line.variant_id == variant_id
                 and line.personal_key == personal.key), None)
    if line is None:
        line = CartLine(variant_id=variant_id, quantity=0, personal_text=personal.text,
                        personal_measures=dict(personal.measures), personal_key=personal.key)
        cart.lines.append(line)
    wanted = line.quantity + quantity
    line.quantity = min(wanted, most)
    cart.updated_at = utcnow()
    db.session.flush()
    return LineChange(line.quantity, line.quantity < wanted)


def set_quantity(cart: Cart, line_id: int, quantity: int) -> LineChange:
    """Change a line's quantity (0 removes it), up to what is free to sell."""
    line = next((line for line in cart.lines if line.id == line_id), None)
    if line is None:
        raise LineNotFound(line_id)
    if quantity <= 0:
        cart.lines.remove(line)
        db.session.flush()
        return LineChange(0, False)
    if not _on_sale(line.variant):
        raise VariantUnavailable(line.variant_id)
    most = sellable([line.variant_id])[line.variant_id].most
    if most < 1:
        raise OutOfStock(line.variant_id)
    line.quantity = min(quantity, most)
    cart.updated_at = utcnow()
    db.session.flush()
    return LineChange(line.quantity, line.quantity < quantity)


def remove_line(cart: Cart, line_id: int) -> None:
    set_quantity(cart, line_id, 0)


def merge_carts(source: Cart, target: Cart) -> None:
    """Move a guest cart's lines into the user's cart (quantities add up, capped)."""
    if source.id == target.id:
        return
    for line in list(source.lines):
        try:
            add_to_cart(target, line.variant_id, line.quantity,
                        Personalisation(line.personal_text, dict(line.personal_measures or {})))
        except (VariantUnavailable, OutOfStock, PersonalisationInvalid):
            continue
    db.session.delete(source)
    db.session.flush()


def claim_guest_cart(token: str | None, user_id: int) -> Cart | None:
    """At sign-in, the guest cart becomes the user's, or is merged into the one they have."""
    guest = find_cart(token, None) if token else None
    if guest is None:
        return find_cart(None, user_id)
    own = db.session.scalar(select(Cart).where(Cart.user_id == user_id))
    if own is None:
        guest.user_id = user_id
        db.session.flush()
        return guest
    merge_carts(guest, own)
    return own


def view_cart(cart: Cart | None, locale: str) -> CartView:
    """The cart grouped by cooperative, with prices and availability as of now.

    Loads only what the cart and checkout pages show: every line's product with its names,
    maker and first pictures in two statements, availability in two more.
    """
    if cart is None or not cart.lines:
        return CartView(cart.id if cart else None)
    # Kept in a dict: the session holds loaded objects only weakly.
    products = {p.id: p for p in db.session.scalars(
        select(Product).where(Product.id.in_({ln.variant.product_id for ln in cart.lines}))
        .options(joinedload(Product.translations),
                 joinedload(Product.cooperative).lazyload(Cooperative.translations),
                 joinedload(Product.category).lazyload(Category.translations),
                 selectinload(Product.images).lazyload(ProductImage.translations),
                 lazyload(Product.variants), lazyload(Product.bundle_items))).unique()}
    free = sellable([line.variant_id for line in cart.lines])
    views: list[CartLineView] = []
    for line in cart.lines:
        variant = line.variant
        product = products[variant.product_id]
        view = CartLineView(
            line_id=line.id, variant=variant, product=product,
            name=product.tr(locale).name, label=variant.label_for(locale),
            quantity=line.quantity, unit_price_cents=variant.price_cents,
            sellable=free[variant.id], personal_text=line.personal_text,
            personal_measures=dict(line.personal_measures or {}))
        if not _on_sale(variant) or view.sellable.most == 0:
            view.problem = "sold_out"
        elif line.quantity > view.sellable.most:
            view.problem = "reduced"
        views.append(view)
    views.sort(key=lambda v: (v.product.cooperative.name, v.line_id))
    groups = [CartGroup(coop, list(lines)) for coop, lines in
              groupby(views, key=lambda v: v.product.cooperative)]
    return CartView(cart.id, groups)


def fix_problems(cart: Cart, view: CartView) -> None:
    """Drop sold-out lines and cut reduced ones to what is free (the customer was told)."""
    for line_view in view.problems:
        line = next(line for line in cart.lines if line.id == line_view.line_id)
        if line_view.problem == "sold_out":
            cart.lines.remove(line)
        else:
            line.quantity = line_view.sellable.most
    db.session.flush()


def expire_guest_carts(before: datetime) -> int:
    """Delete guest carts untouched since the cut-off (with their lines); accounts keep theirs."""
    stale = select(Cart.id).where(Cart.user_id.is_(None), Cart.updated_at < before)
    db.session.execute(delete(CartLine).where(CartLine.cart_id.in_(stale))
                       .execution_options(synchronize_session=False))
    result = db.session.execute(delete(Cart).where(Cart.user_id.is_(None),
                                                   Cart.updated_at < before)
                                .execution_options(synchronize_session=False))
    return result.rowcount or 0
