"""Staff edit what is inside a gift box: add a part, change its quantity, take it out.

A box is a product with `BundleItem` rows; stock, routing and statements follow them (see
shop.inventory.bundles). The rules: a part is an existing variant of a product that is not
itself a box (no box inside a box, and a product inside a box cannot become one), never the
box's own variant, 1 to 99 units. Orders already placed keep the parts they were sold with
(their part lines were written then). Every change writes one audit entry with the box's
contents before and after, as {sku: quantity}.
"""

from __future__ import annotations

from sqlalchemy import func, select

from shop.accounts.access import staff_actor
from shop.audit.services import record
from shop.catalog.errors import BoxRefused, NotFound
from shop.catalog.models import BundleItem, Product, Variant
from shop.extensions import db

MAX_UNITS = 99


def contents(product: Product) -> dict[str, int]:
    return {item.variant.sku: item.quantity for item in product.bundle_items}


def is_part_of_a_box(product: Product) -> bool:
    return bool(db.session.scalar(
        select(func.count(BundleItem.id)).join(Variant, BundleItem.variant_id == Variant.id)
        .where(Variant.product_id == product.id)))


def _box(user, product_id: int) -> Product:
    staff_actor(user)
    product = db.session.get(Product, product_id)
    if product is None:
        raise NotFound(product_id)
    return product


def set_part(user, product_id: int, sku: str, quantity: int) -> BundleItem:
    """Put `quantity` units of the variant with this SKU in the box (adding or changing)."""
    box = _box(user, product_id)
    sku = (sku or "").strip()
    if not 1 <= quantity <= MAX_UNITS:
        raise BoxRefused("quantity", sku)
    variant = db.session.scalar(select(Variant).where(func.upper(Variant.sku) == sku.upper()))
    if variant is None:
        raise BoxRefused("unknown_sku", sku)
    if variant.product_id == box.id:
        raise BoxRefused("itself", variant.sku)
    if variant.product.bundle_items:
        raise BoxRefused("box_in_box", variant.sku)
    if is_part_of_a_box(box):
        raise BoxRefused("is_part", variant.sku)
    before = contents(box)
    item = next((i for i in box.bundle_items if i.variant_id == variant.id), None)
    if item is None:
        item = BundleItem(variant=variant, quantity=quantity,
                          position=max((i.position for i in box.bundle_items), default=-1) + 1)
        box.bundle_items.append(item)
    item.quantity = quantity
    db.session.flush()
    _changed(box, before)
    return item


def remove_part(user, product_id: int, item_id: int) -> None:
    """Take a part out of the box (a box with no part left is a plain product again)."""
    box = _box(user, product_id)
    item = next((i for i in box.bundle_items if i.id == item_id), None)
    if item is None:
        raise NotFound(item_id)
    before = contents(box)
    box.bundle_items.remove(item)
    db.session.flush()
    _changed(box, before)


def _changed(box: Product, before: dict[str, int]) -> None:
    record("product.box_contents", "product", box.id, before={"contents": before},
           after={"contents": contents(box)}, summary=box.slug)
