"""Gifts: a message, another recipient, and a packing slip without prices."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from shop.catalog.models import Cooperative
from shop.extensions import db
from shop.fulfilment.models import Fulfilment
from shop.orders.models import Order
from tests.fixtures.orders import PASSWORD, member
from tests.fixtures.shopping import ADDRESS, add, csrf, place, review

GIFT = {**ADDRESS, "is_gift": "y", "gift_message": "Buon compleanno, Lucia!",
        "ship_recipient": "Lucia Rossi"}


def pay_demo(client, location: str) -> None:
    html = client.get(location).get_data(as_text=True)
    client.post(location, data={"csrf_token": csrf(html), "action": "pay"})


def packing_slip(client, app) -> str:
    with app.app_context():
        filo = db.session.scalar(select(Cooperative).where(Cooperative.slug == "filo"))
        member(filo)
        db.session.commit()
        part = db.session.scalar(select(Fulfilment.id).where(
            Fulfilment.cooperative_id == filo.id))
    html = client.get("/it/account/login").get_data(as_text=True)
    client.post("/it/account/login", data={"csrf_token": csrf(html), "password": PASSWORD,
                                           "email": "member-filo@example.org"})
    return client.get(f"/coop/fulfilments/{part}/packing-slip").get_data(as_text=True)


def test_a_gift_goes_to_its_recipient_with_a_message(client, catalog):
    add(client, catalog, "SKU-APRON", 1)
    text = review(client, GIFT).get_data(as_text=True)
    assert "Lucia Rossi<br>Via Roma 1" in text
    assert "Messaggio: “Buon compleanno, Lucia!”" in text
    pay_demo(client, place(client, GIFT).location)
    with catalog.app_context():
        order = db.session.scalar(select(Order))
        assert (order.status, order.is_gift, order.gift_message, order.name, order.ship_name) \
            == ("paid", True, "Buon compleanno, Lucia!", "Anna Bianchi", "Lucia Rossi")


@pytest.mark.parametrize("gift", [True, False])
def test_the_packing_slip_shows_prices_only_when_not_a_gift(client, catalog, gift):
    add(client, catalog, "SKU-APRON", 2)
    pay_demo(client, place(client, GIFT if gift else ADDRESS).location)
    slip = packing_slip(client, catalog)
    assert "<h1>Documento per il pacco</h1>" in slip
    assert re.search(r"Grembiule \(V0\)</th>\s*<td class=\"num\">2</td>", slip)
    assert ("€ 65,00" in slip) is not gift
    assert ("Buon compleanno, Lucia!" in slip) is gift
    assert ("Lucia Rossi" in slip) is gift
