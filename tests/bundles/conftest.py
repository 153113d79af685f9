"""Gift box fixtures: a box of three products from two cooperatives, with known prices."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from shop.catalog.models import BundleItem
from shop.extensions import db
from tests.fixtures.factories import make_category, make_cooperative, make_product
from tests.fixtures.orders import member, staff


@pytest.fixture
def req(app):
    """An app and request context (emails build absolute links)."""
    with app.test_request_context():
        yield
        db.session.rollback()


@dataclass
class Boxes:
    sew: object
    bake: object
    apron: object  # € 32,50, 22%, Filo Dritto workshop 5
    tote: object  # € 18,00, 22%, Filo Dritto workshop 3, store 1
    biscuits: object  # € 6,50, 10%, Forno Libero workshop 10 (the box holds 2)
    box: object  # the product: apron + tote + 2 biscuits, € 45,00, 22%
    box_variant: object
    sew_member: object
    bake_member: object
    staff: object


@pytest.fixture
def boxes(req) -> Boxes:
    gifts = make_category("regali")
    sew = make_cooperative("filo", "Filo Dritto", craft="tailoring")
    bake = make_cooperative("forno", "Forno Libero", institute="opera", craft="bakery")
    apron = make_product(sew, gifts, name_it="Grembiule", name_en="Apron", prices=(3250,),
                         stock=(5,))
    tote = make_product(sew, gifts, name_it="Borsa", name_en="Tote", prices=(1800,),
                        stock=(3,), store_stock=(1,))
    biscuits = make_product(bake, gifts, name_it="Biscotti", name_en="Biscuits",
                            prices=(650,), vat_rate_bp=1000, stock=(10,))
    box = make_product(sew, gifts, name_it="Scatola regalo", name_en="Gift box",
                       prices=(4500,), slug="scatola-regalo")
    box.bundle_items = [BundleItem(variant=apron.variants[0], quantity=1, position=0),
                        BundleItem(variant=tote.variants[0], quantity=1, position=1),
                        BundleItem(variant=biscuits.variants[0], quantity=2, position=2)]
    db.session.flush()
    result = Boxes(sew, bake, apron.variants[0], tote.variants[0], biscuits.variants[0], box,
                   box.variants[0], member(sew), member(bake), staff())
    db.session.commit()
    return result
