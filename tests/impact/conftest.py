"""Two cooperatives whose products carry impact figures, and orders paid for them."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from shop.extensions import db
from tests.fixtures.factories import make_category, make_cooperative, make_product


@dataclass
class Goods:
    apron_id: int  # tailoring: 90 min, 400 g of fabric per unit, € 32,50
    board_id: int  # carpentry: 150 min, 1800 g of wood per unit, € 45,00
    filo_id: int
    legno_id: int


@pytest.fixture
def goods(app) -> Goods:
    with app.app_context():
        home = make_category("casa")
        filo = make_cooperative("filo", "Filo Dritto")
        legno = make_cooperative("legno", "Legno Buono", institute="opera", craft="carpentry")
        apron = make_product(filo, home, slug="apron", name_it="Grembiule", name_en="Apron", prices=(3250,), stock=(50,))
        apron.impact_minutes_per_unit, apron.recovered_grams_per_unit = 90, 400
        board = make_product(legno, home, slug="board", name_it="Tagliere", name_en="Board", prices=(4500,), stock=(50,))
        board.impact_minutes_per_unit, board.recovered_grams_per_unit = 150, 1800
        db.session.commit()
        return Goods(apron.variants[0].id, board.variants[0].id, filo.id, legno.id)


@pytest.fixture
def rctx(app):
    """A request context: paying an order builds links for its emails."""
    with app.test_request_context():
        yield
        db.session.rollback()
