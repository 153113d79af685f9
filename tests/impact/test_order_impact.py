"""What one unit and one order fund, shown where customers look: product, order, email."""

from __future__ import annotations

import re

from sqlalchemy import select

from shop.catalog.models import Product, Variant
from shop.extensions import db
from shop.notifications.models import OutboxMessage
from tests.fixtures.orders import paid_order


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_product_page_says_what_one_piece_pays_for(app, client, goods):
    with app.app_context():
        product = db.session.get(Product, db.session.get(Variant, goods.board_id).product_id)
        product.status = "active"
        product.impact_minutes_per_unit = 1800
        product.recovered_grams_per_unit = 22000
        db.session.commit()

    italian = text_of(client.get("/it/products/board").get_data(as_text=True))
    english = text_of(client.get("/en/products/board").get_data(as_text=True))

    assert "30 ore di lavoro retribuito da Legno Buono, Carcere di Opera, per ogni pezzo" in italian
    assert "22 kg di legno recuperato sottratti ai rifiuti in ogni pezzo" in italian
    assert "30 hours of paid work at Legno Buono, Opera prison, for each piece" in english
    assert "1800" not in italian and "22.000 g" not in italian


def test_the_order_page_and_confirmation_show_what_the_order_funds(app, client, goods):
    with app.test_request_context():
        order = paid_order([(db.session.get(Variant, goods.apron_id), 2),
                            (db.session.get(Variant, goods.board_id), 1)], locale="en")
        token = order.access_token

    page = text_of(client.get(f"/en/orders/{token}").get_data(as_text=True))
    assert ("What your order funds 5 hours and 30 minutes of paid work in the prison workshops and "
            "2.6 kg of material recovered.") in page
    assert "Filo Dritto : 3 hours · 800 g of recovered fabric" in page
    assert "Legno Buono : 2 hours and 30 minutes · 1.8 kg of recovered wood" in page

    with app.app_context():
        mail = db.session.scalar(select(OutboxMessage).where(
            OutboxMessage.kind == "order_confirmation"))
    assert "- Filo Dritto: 3 hours, 800 g of recovered fabric" in mail.body_text
    assert "5 hours and 30 minutes of paid work in the prison workshops" in mail.body_html
