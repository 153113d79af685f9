"""The review step says what the whole order will fund: the sum of what its lines keep."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from shop.checkout.defaults import ensure_default_shipping_methods
from shop.extensions import db
from shop.impact.figures import order_impact
from shop.orders.models import Order
from tests.fixtures.shopping import ADDRESS, csrf, place, review


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture(autouse=True)
def shipping(app, goods):
    with app.app_context():
        ensure_default_shipping_methods()
        db.session.commit()


def add(client, slug: str, variant_id: int, quantity: int, lang: str) -> None:
    html = client.get(f"/{lang}/products/{slug}").get_data(as_text=True)
    response = client.post(f"/{lang}/products/{slug}/add", data={
        "csrf_token": csrf(html), "variant_id": variant_id, "quantity": quantity})
    assert response.status_code in (302, 303)


def test_the_review_step_shows_the_orders_impact_in_english(app, client, goods):
    add(client, "apron", goods.apron_id, 2, "en")   # 2 × 90 min, 2 × 400 g of fabric
    add(client, "board", goods.board_id, 1, "en")   # 150 min, 1800 g of wood

    page = text_of(review(client, ADDRESS, "en").get_data(as_text=True))

    assert ("What your order will fund 5 hours and 30 minutes of paid work in the prison "
            "workshops and 2.6 kg of material recovered.") in page
    assert "Filo Dritto : 3 hours · 800 g of recovered fabric" in page
    assert "Legno Buono : 2 hours and 30 minutes · 1.8 kg of recovered wood" in page


def test_the_review_figures_are_the_placed_orders_snapshots_in_italian(app, client, goods):
    add(client, "apron", goods.apron_id, 3, "it")   # 270 min, 1200 g

    page = text_of(review(client, ADDRESS, "it").get_data(as_text=True))
    assert ("Cosa finanzierà il tuo ordine 4 ore e 30 minuti di lavoro retribuito nei "
            "laboratori in carcere e 1,2 kg di materiale recuperato.") in page
    assert "Filo Dritto : 4 ore e 30 minuti · 1,2 kg di tessuto recuperato" in page
    assert place(client, ADDRESS, "it").status_code == 303

    with app.app_context():
        order = db.session.scalar(select(Order))
        impact = order_impact(order)
        assert (impact.minutes, impact.grams) == (270, 1200)
        assert impact.by_cooperative[goods.filo_id].materials == {"fabric": 1200}
        assert [(line.impact_minutes_per_unit, line.recovered_grams_per_unit,
                 line.recovered_material) for line in order.lines] == [(90, 400, "fabric")]


def test_materials_are_named_for_people(app):
    from shop.web.labels import materials_text

    with app.test_request_context("/it/"):
        from flask_babel import force_locale

        with force_locale("it"):
            assert materials_text([("wood", 2200), ("none", 800), ("paper", 0)], "it") == (
                "2,2 kg di legno recuperato, 800 g di materiale recuperato")
        with force_locale("en"):
            assert materials_text([("food", 1500)], "en") == "1.5 kg of surplus ingredients"
