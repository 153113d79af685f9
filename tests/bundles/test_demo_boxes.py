"""The demo catalog's gift boxes: two, each made by several cooperatives, on sale."""

from __future__ import annotations

from sqlalchemy import select

from shop.cart.services import sellable
from shop.catalog.models import Product
from shop.extensions import db


def test_the_demo_seed_has_two_gift_boxes_spanning_cooperatives(demo):
    with demo.app_context():
        boxes = [p for p in db.session.scalars(select(Product).order_by(Product.slug))
                 if p.bundle_items]
        assert [b.slug for b in boxes] == ["scatola-regalo-colazione",
                                           "scatola-regalo-scrivania-verde"]
        for box in boxes:
            makers = {item.variant.product.cooperative.slug for item in box.bundle_items}
            assert len(makers) == 3
            variant = box.variants[0]
            assert sellable([variant.id])[variant.id].ship > 0
        assert [(i.variant.sku, i.quantity) for i in boxes[0].bundle_items] == [
            ("FD-TOT-NAT", 1), ("LM-BIS-250", 1), ("VN-SPN-SET", 1)]
