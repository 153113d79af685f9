"""A gift box on an order: its parts as lines under the box's line, each with its share.

Both ways an order is written (the storefront's checkout and a company's accepted quote)
call `add_part_lines`, so a box is routed to each producing cooperative, reserved part by
part and invoiced by its parts' VAT rates the same way whichever path sold it.
"""

from __future__ import annotations

from shop.catalog.models import Product
from shop.inventory.bundles import parts_of
from shop.money import split_by_weight
from shop.orders.models import Order, OrderLine


def add_part_lines(order: Order, box_line: OrderLine, box: Product,
                   locale: str) -> list[OrderLine]:
    """A gift box's parts as lines under the box's line, each with its share of the price.

    The box's price is split over its parts in proportion to their list prices, to the cent
    (largest remainders), so the cooperatives' statements add up to what the box sold for.
    The order must have its id (flushed).
    """
    parts = parts_of(box, box_line.quantity)
    shares = split_by_weight(box_line.total_cents,
                             [variant.price_cents * units for variant, units in parts])
    for (variant, units), share in zip(parts, shares, strict=True):
        product = variant.product
        box_line.parts.append(OrderLine(
            order_id=order.id, variant_id=variant.id, product_id=product.id,
            cooperative_id=product.cooperative_id, sku=variant.sku,
            name=product.tr(locale).name,
            variant_label=f"{variant.label_for(locale)} · {box_line.name}"[:120],
            unit_price_cents=variant.price_cents, vat_rate_bp=product.vat_rate_bp,
            quantity=units, share_cents=share, made_to_order=product.made_to_order,
            lead_time_days=product.effective_lead_time_days if product.made_to_order else 0))
    return list(box_line.parts)
