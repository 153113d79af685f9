"""A small catalog over three cooperatives and the store, with known prices and stock."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from shop.extensions import db
from tests.fixtures.factories import make_category, make_cooperative, make_product
from tests.fixtures.orders import member, staff


@dataclass
class Catalog:
    sew: object
    bake: object
    wood: object
    apron: object  # variant: € 32,50, 22% VAT, workshop 5, store 2
    biscuits: object  # variant: € 6,50, 10% VAT, workshop 30, store 10
    cake: object  # variant: € 28,00, 10% VAT, made to order in 4 days
    spoon: object  # variant: € 12,00, 22% VAT, workshop 3, store 0
    sew_member: object
    bake_member: object
    wood_member: object
    staff: object


@pytest.fixture
def req(app):
    """An app and request context (emails build absolute links)."""
    with app.test_request_context():
        yield
        db.session.rollback()


@pytest.fixture
def catalog(req) -> Catalog:
    kitchen = make_category("cucina")
    sew = make_cooperative("filo", "Filo Dritto", craft="tailoring", commission_bp=2500)
    bake = make_cooperative("forno", "Forno Libero", institute="opera", craft="bakery",
                            commission_bp=2000)
    wood = make_cooperative("legno", "Legno Buono", institute="san_vittore", craft="carpentry",
                            commission_bp=1500)
    apron = make_product(sew, kitchen, name_it="Grembiule", name_en="Apron", prices=(3250,),
                         stock=(5,), store_stock=(2,))
    biscuits = make_product(bake, kitchen, name_it="Biscotti", name_en="Biscuits",
                            prices=(650,), vat_rate_bp=1000, stock=(30,), store_stock=(10,))
    cake = make_product(bake, kitchen, name_it="Torta", name_en="Cake", prices=(2800,),
                        vat_rate_bp=1000, made_to_order=True, lead_time_days=4)
    spoon = make_product(wood, kitchen, name_it="Cucchiaio", name_en="Spoon", prices=(1200,),
                         stock=(3,))
    catalog = Catalog(sew, bake, wood, apron.variants[0], biscuits.variants[0],
                      cake.variants[0], spoon.variants[0], member(sew), member(bake),
                      member(wood), staff())
    db.session.commit()
    return catalog
