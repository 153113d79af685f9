"""A company's list of addresses: one shipment per address and cooperative, quantities as
the CSV gives them (or spread evenly), checked row by row when it is sent."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from shop.catalog.models import Cooperative
from shop.extensions import db
from shop.fulfilment.models import Fulfilment
from shop.fulfilment.services import advance
from shop.inventory.models import Location, Stock
from shop.notifications.models import OutboxMessage
from shop.orders.models import Order
from shop.quotes.conversion import accept
from shop.quotes.models import Company, PaymentChoice, QuoteRequest
from shop.quotes.validation import parse_address_csv
from tests.conftest import csrf_token
from tests.fixtures.orders import member
from tests.quotes.conftest import (
    STAFF_EMAIL,
    request_form,
    rows_v1,
    staff_sends,
    submit,
    variant_id,
)
from tests.web.conftest import login

WITH_QUANTITIES = (b"name;address;postal_code;city;province;country;quantity\n"
                   b"Sede Milano;Via Roma 1;20121;Milano;MI;IT;25\n"
                   b"Filiale Torino;Via Po 2;10123;Torino;TO;IT;15\n"
                   b"Filiale Roma;Via Nazionale 3;00184;Roma;RM;IT;10\n")
WITHOUT_QUANTITIES = (b"name,address,postal_code,city,province,country\n"
                      b"Sede Milano,Via Roma 1,20121,Milano,MI,IT\n"
                      b"Filiale Torino,Via Po 2,10123,Torino,TO,IT\n"
                      b"Filiale Roma,Via Nazionale 3,00184,Roma,RM,IT\n")


def ordered_with(shop, client, csv: bytes) -> int:
    """Request 50 aprons and 20 biscuit bags for the CSV's addresses; staff quote them with
    10 custom boxes; the company (with payment terms) accepts: the order is routed."""
    with shop.app_context():
        apron, biscotti = variant_id("SKU-APRON"), variant_id("SKU-BISCOTTI")
    response = submit(client, request_form(**{
        "items-0-variant_id": str(apron), "items-0-quantity": "50",
        "items-1-variant_id": str(biscotti), "items-1-quantity": "20",
        "ship_line1": "", "ship_postal_code": "", "ship_city": ""}),
        files={"addresses_csv": (io.BytesIO(csv), "indirizzi.csv")})
    assert response.status_code == 303, response.get_data(as_text=True)
    with shop.app_context():
        request = db.session.scalar(select(QuoteRequest))
        ids = {"id": request.id, "token": request.token, "apron": apron, "biscotti": biscotti,
               "wood": db.session.scalar(select(Cooperative.id).where(
                   Cooperative.slug == "venature"))}
        db.session.scalar(select(Company)).payment_terms_days = 30
        db.session.commit()
    login(client, STAFF_EMAIL)
    staff_sends(client, ids, rows_v1(ids))
    with shop.test_request_context():
        order = accept(ids["token"], "PO-77", PaymentChoice.TERMS)
        db.session.commit()
        return order.id


def shipments(order_id: int) -> list[tuple[str, int, str, list[tuple[str, int]]]]:
    """(cooperative slug, address number, city, [(sku, units)]) of every part."""
    parts = db.session.scalars(select(Fulfilment).where(Fulfilment.order_id == order_id)
                               .order_by(Fulfilment.id))
    return [(p.cooperative.slug, p.address_no, p.ship_to["city"],
             [(fl.order_line.sku, fl.quantity) for fl in p.lines]) for p in parts]


def test_each_address_gets_its_own_shipment_with_the_csv_quantities(shop, client):
    order_id = ordered_with(shop, client, WITH_QUANTITIES)

    with shop.app_context():
        assert shipments(order_id) == [
            ("filo", 1, "Milano", [("SKU-APRON", 25)]),
            ("filo", 2, "Torino", [("SKU-APRON", 15)]),
            ("filo", 3, "Roma", [("SKU-APRON", 10)]),
            ("lievito", 1, "Milano", [("SKU-BISCOTTI", 10)]),
            ("lievito", 2, "Torino", [("SKU-BISCOTTI", 6)]),
            ("lievito", 3, "Roma", [("SKU-BISCOTTI", 4)]),
            ("venature", 1, "Milano", [("CUSTOM", 5)]),
            ("venature", 2, "Torino", [("CUSTOM", 3)]),
            ("venature", 3, "Roma", [("CUSTOM", 2)]),
        ]
        assert db.session.get(Order, order_id).needs_attention == ""


def test_without_quantities_the_units_are_spread_evenly(shop, client):
    order_id = ordered_with(shop, client, WITHOUT_QUANTITIES)

    with shop.app_context():
        assert [(slug, no, units) for slug, no, _, units in shipments(order_id)] == [
            ("filo", 1, [("SKU-APRON", 17)]), ("filo", 2, [("SKU-APRON", 17)]),
            ("filo", 3, [("SKU-APRON", 16)]),
            ("lievito", 1, [("SKU-BISCOTTI", 7)]), ("lievito", 2, [("SKU-BISCOTTI", 7)]),
            ("lievito", 3, [("SKU-BISCOTTI", 6)]),
            ("venature", 1, [("CUSTOM", 4)]), ("venature", 2, [("CUSTOM", 3)]),
            ("venature", 3, [("CUSTOM", 3)]),
        ]


def biscuit_stock() -> tuple[int, int]:
    stock = db.session.scalar(select(Stock).join(Location).where(
        Location.cooperative_id == db.session.scalar(
            select(Cooperative.id).where(Cooperative.slug == "lievito")),
        Stock.variant_id == variant_id("SKU-BISCOTTI")))
    db.session.refresh(stock)
    return stock.on_hand, stock.allocated


def test_shipping_one_address_takes_only_its_units_from_the_reservation(shop, client):
    order_id = ordered_with(shop, client, WITH_QUANTITIES)
    with shop.test_request_context():
        baker = member(db.session.scalar(select(Cooperative).where(
            Cooperative.slug == "lievito")), "forno@lievito.example")
        db.session.commit()
        assert biscuit_stock() == (30, 20)
        turin = db.session.scalar(select(Fulfilment.id).where(
            Fulfilment.order_id == order_id, Fulfilment.address_no == 2,
            Fulfilment.cooperative.has(slug="lievito")))

        for status in ("accepted", "ready"):
            advance(baker, turin, status)
            db.session.commit()
        advance(baker, turin, "shipped", carrier="brt", tracking_code="123456789012")
        db.session.commit()

        assert biscuit_stock() == (24, 14)
        # and the company's email names the address this parcel went to
        mail = db.session.scalar(select(OutboxMessage).where(
            OutboxMessage.kind == "order_shipped"))
        assert ("6 × Biscotti (V0)\n\n"
                "Questo pacco va all'indirizzo di consegna 2 di 3:\n"
                "Filiale Torino\nVia Po 2\n10123 Torino (TO)\nIT\n\n"
                "Corriere:") in mail.body_text
        assert ("Questo pacco va all'indirizzo di consegna 2 di 3:<br>\n"
                "<strong>Filiale Torino</strong><br>Via Po 2<br>10123 Torino (TO)<br>IT"
                ) in mail.body_html
        assert "Via Roma" not in mail.body_text and "Nazionale" not in mail.body_text


def test_staff_cooperative_and_company_see_each_shipment_address(shop, client):
    order_id = ordered_with(shop, client, WITH_QUANTITIES)

    staff_page = client.get(f"/staff/orders/{order_id}").get_data(as_text=True)
    assert staff_page.count("Filiale Torino<br>Via Po 2<br>10123 Torino (TO)") == 3
    assert "Indirizzo 3 di 3" in staff_page

    with shop.app_context():
        member(db.session.scalar(select(Cooperative).where(Cooperative.slug == "filo")),
               "anna@filo.example")
        db.session.commit()
        rome = db.session.scalar(select(Fulfilment.id).where(
            Fulfilment.order_id == order_id, Fulfilment.address_no == 3,
            Fulfilment.cooperative.has(slug="filo")))
        token = db.session.get(Order, order_id).access_token
    client.post("/it/account/logout", data={"csrf_token": csrf_token(client, "/it/")})
    login(client, "anna@filo.example")
    coop_page = client.get(f"/coop/fulfilments/{rome}").get_data(as_text=True)
    assert "Filiale Roma<br>Via Nazionale 3<br>00184 Roma (RM)" in coop_page
    assert "Via Po 2" not in coop_page
    slip = client.get(f"/coop/fulfilments/{rome}/packing-slip").get_data(as_text=True)
    assert "Filiale Roma<br>Via Nazionale 3" in slip

    company_page = client.get(f"/it/orders/{token}").get_data(as_text=True)
    assert "3 indirizzi di consegna: una spedizione per ciascuno" in company_page
    assert company_page.count("Sede Milano<br>Via Roma 1<br>20121 Milano (MI)") == 3


@pytest.mark.parametrize(("csv", "expected"), [
    (b"name,address,postal_code,city,province,country,quantity\n"
     b"A,Via Roma 1,20121,Milano,MI,IT,5\n"
     b"B,Via Po 2,10123,Torino,TO,IT,\n"
     b"\n"
     b"C,Via Nazionale 3,0018,Roma,RM,ITA,0\n",
     [(3, "quantity", "quantity_missing"), (5, "country", "country_invalid"),
      (5, "quantity", "quantity_invalid")]),
    (b"name,city\nA,Milano\n", [(1, "address,postal_code,province,country",
                                 "missing_columns")]),
    (b"\x00\x01binary", [(0, "file", "not_csv")]),
    (b"\xff\xfe\x00", [(0, "file", "not_utf8")]),
    (b"name,address,postal_code,city,province,country\n", [(0, "file", "empty")]),
    (b"name,address,postal_code,city,province,country\n"
     + b"A,Via Roma 1,20121,Milano,MI,IT\n" * 501, [(0, "file", "too_many_rows")]),
])
def test_address_csv_problems_are_named_by_row(csv, expected):
    _, errors = parse_address_csv(csv)

    assert [(e.row, e.field, e.code) for e in errors] == expected


def test_a_bad_csv_is_refused_with_row_numbers_and_nothing_saved(shop, client):
    csv = (b"name,address,postal_code,city,province,country,quantity\n"
           b"A,Via Roma 1,20121,Milano,MI,IT,5\n"
           b"B,Via Po 2,10123,Torino,TO,IT,\n")

    response = submit(client, request_form(custom_needs="Quaderni"),
                      files={"addresses_csv": (io.BytesIO(csv), "indirizzi.csv")})

    assert response.status_code == 400
    assert ("Riga 3, quantity: indica una quantità su ogni riga, o su nessuna (allora i "
            "regali sono divisi in parti uguali)") in response.get_data(as_text=True)
    with shop.app_context():
        assert db.session.scalar(select(QuoteRequest)) is None


def test_a_binary_file_as_address_list_is_a_clear_400(shop, client):
    response = submit(client, request_form(custom_needs="Quaderni"),
                      files={"addresses_csv": (io.BytesIO(b"PK\x03\x04\x00\x00"),
                                               "indirizzi.xlsx")})

    assert response.status_code == 400
    assert "non è un file CSV leggibile" in response.get_data(as_text=True)
