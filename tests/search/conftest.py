"""Search fixtures: the demo catalog with an index built from it, rebuilt only when needed."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from shop.catalog.models import Product
from shop.extensions import db
from shop.inventory.models import Stock
from shop.search import current_store, reindex

_indexed: dict[str, tuple] = {}


def catalog_signature() -> tuple:
    """Changes whenever the catalog does (products, their edits, stock)."""
    products = db.session.execute(
        select(func.count(Product.id), func.max(Product.id), func.max(Product.updated_at))).one()
    stock = db.session.execute(
        select(func.sum(Stock.on_hand), func.sum(Stock.allocated))).one()
    return (*products, *stock, current_store().current_name())


@pytest.fixture
def search_demo(demo, app):
    """The demo catalog (read only) and an index of exactly that catalog."""
    with app.app_context():
        if _indexed.get("demo") != catalog_signature():
            reindex()
            _indexed["demo"] = catalog_signature()
        db.session.remove()
    return app


@pytest.fixture
def search_demo_rw(demo_rw, app):
    """A fresh demo catalog this test may change, freshly indexed."""
    with app.app_context():
        reindex()
        db.session.remove()
    _indexed.clear()
    return app


@pytest.fixture
def small_index(app):
    """Four products of two cooperatives, indexed: for tests that change the catalog."""
    from tests.fixtures.factories import make_category, make_cooperative, make_product

    with app.app_context():
        plants = make_category("piante", "Piante", "Plants", position=1)
        bakery = make_category("forno", "Forno", "Bakery", position=2)
        garden = make_cooperative("radici", "Cooperativa Radici", institute="bollate",
                                  craft="plants")
        oven = make_cooperative("lievito", "Cooperativa Lievito", institute="opera",
                                craft="bakery")
        make_product(garden, plants, slug="lavanda", name_it="Lavanda in vaso",
                     name_en="Potted lavender", prices=(1200,), stock=(5,))
        make_product(garden, plants, slug="salvia", name_it="Salvia in vaso",
                     name_en="Potted sage", prices=(900,), stock=(3,))
        make_product(oven, bakery, slug="biscotti", name_it="Biscotti al burro",
                     name_en="Butter biscuits", prices=(650,), stock=(20,))
        make_product(oven, bakery, slug="torta", name_it="Torta di nocciole",
                     name_en="Hazelnut cake", prices=(1400,), made_to_order=True)
        db.session.commit()
        reindex()
        db.session.remove()
    _indexed.clear()
    return app
