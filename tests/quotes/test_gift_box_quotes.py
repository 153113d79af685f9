"""A gift box quoted to a company becomes its parts on the order, as at the storefront:
each part reserved and routed to the cooperative that makes it, per delivery address, and
invoiced at its own VAT rate."""

from __future__ import annotations

import io

import pytest
from lxml import etree
from sqlalchemy import select

from shop.accounts.models import User
from shop.catalog.models import BundleItem, Category, Cooperative, Variant
from shop.extensions import db
from shop.fulfilment.models import Fulfilment
from shop.inventory.models import Location, LocationKind, Stock
from shop.invoicing.models import Invoice
from shop.orders.models import Order
from shop.quotes.conversion import accept, mark_transfer_received
from shop.quotes.models import PaymentChoice, QuoteRequest
from tests.fixtures.factories import make_product
from tests.quotes.conftest import STAFF_EMAIL, request_form, staff_sends, submit, valid_until
from tests.web.conftest import login

TWO_OFFICES = (b"name;address;postal_code;city;province;country;quantity\n"
               b"Sede Milano;Via Roma 1;20121;Milano;MI;IT;2\n"
               b"Filiale Torino;Via Po 2;10123;Torino;TO;IT;1\n")


@pytest.fixture
def box(shop):
    """A gift box of Filo Dritto: one apron (€ 32,50, 22%) and two biscuit bags of Lievito
    Madre (€ 6,50 each, 10%)."""
    with shop.app_context():
        sew = db.session.scalar(select(Cooperative).where(Cooperative.slug == "filo"))
        apron, biscotti = (db.session.scalar(select(Variant).where(Variant.sku == sku))
                           for sku in ("SKU-APRON", "SKU-BISCOTTI"))
        product = make_product(sew, db.session.scalar(select(Category)), name_it="Scatola regalo",
                               name_en="Gift box", prices=(4500,), slug="scatola-regalo")
        product.variants[0].sku = "SKU-BOX"
        product.bundle_items = [BundleItem(variant=apron, quantity=1, position=0),
                                BundleItem(variant=biscotti, quantity=2, position=1)]
        db.session.commit()
        return product.variants[0].id


def quoted_boxes(shop, client, box_id: int, csv: bytes | None = None) -> str:
    """The company asks for 3 boxes; staff quote them at € 50,00 net each (22%)."""
    response = submit(client, request_form(**{
        "items-0-variant_id": str(box_id), "items-0-quantity": "3",
        **({"ship_line1": "", "ship_postal_code": "", "ship_city": ""} if csv else {})}),
        files={"addresses_csv": (io.BytesIO(csv), "indirizzi.csv")} if csv else None)
    assert response.status_code == 303, response.get_data(as_text=True)
    with shop.app_context():
        request = db.session.scalar(select(QuoteRequest))
        ids = {"id": request.id, "token": request.token}
    login(client, STAFF_EMAIL)
    staff_sends(client, ids, [{"variant_id": box_id, "quantity": 3, "unit_price": "50,00"}])
    return ids["token"]


def reserved(sku: str) -> tuple[int, int]:
    """(on hand, allocated) of a variant at its cooperative's workshop."""
    stock = db.session.scalar(
        select(Stock).join(Location).join(Variant, Variant.id == Stock.variant_id)
        .where(Variant.sku == sku, Location.kind == LocationKind.WORKSHOP))
    db.session.refresh(stock)
    return stock.on_hand, stock.allocated


def test_an_accepted_quote_for_boxes_orders_and_reserves_their_parts(shop, client, box):
    token = quoted_boxes(shop, client, box)

    with shop.test_request_context():
        order = accept(token, "PO-9", PaymentChoice.TRANSFER)
        db.session.commit()

        # The box line (3 × € 61,00) holds its parts, its price shared by list prices
        line = order.lines[0]
        assert (line.sku, line.quantity, line.unit_price_cents, line.made_to_order) == (
            "SKU-BOX", 3, 6100, False)
        assert [(p.sku, p.quantity, p.share_cents, p.vat_rate_bp, p.cooperative.slug)
                for p in line.parts] == [("SKU-APRON", 3, 13071, 2200, "filo"),
                                         ("SKU-BISCOTTI", 6, 5229, 1000, "lievito")]
        # Each part is held at its own workshop; the box holds no stock of its own
        assert reserved("SKU-APRON") == (5, 3)
        assert reserved("SKU-BISCOTTI") == (30, 6)
        assert [(a.line.sku, a.quantity) for p in line.parts for a in p.allocations] == [
            ("SKU-APRON", 3), ("SKU-BISCOTTI", 6)]
        assert line.allocations == []


def test_paid_boxes_go_to_each_cooperative_per_address_and_are_invoiced_by_rate(
        shop, client, box):
    token = quoted_boxes(shop, client, box, TWO_OFFICES)
    with shop.test_request_context():
        order = accept(token, "PO-9", PaymentChoice.TRANSFER)
        db.session.commit()

        mark_transfer_received(order.id, db.session.scalar(
            select(User).where(User.email == STAFF_EMAIL)))
        db.session.commit()

        parts = db.session.scalars(select(Fulfilment).where(Fulfilment.order_id == order.id)
                                   .order_by(Fulfilment.id))
        assert [(p.cooperative.slug, p.address_no, p.ship_to["city"],
                 [(fl.order_line.sku, fl.quantity) for fl in p.lines]) for p in parts] == [
            ("filo", 1, "Milano", [("SKU-APRON", 2)]),
            ("filo", 2, "Torino", [("SKU-APRON", 1)]),
            ("lievito", 1, "Milano", [("SKU-BISCOTTI", 4)]),
            ("lievito", 2, "Torino", [("SKU-BISCOTTI", 2)]),
        ]

        # The invoice takes the boxes at their parts' rates: € 130,71 at 22%, € 52,29 at 10%
        invoice = db.session.scalar(select(Invoice).where(Invoice.order_id == order.id))
        root = etree.fromstring(invoice.xml.encode("utf-8"))
        assert [(x.findtext("Quantita"), x.findtext("PrezzoTotale"), x.findtext("AliquotaIVA"))
                for x in root.iterfind(".//DettaglioLinee")] == [("3.00", "107.14", "22.00"),
                                                          ("3.00", "47.54", "10.00")]
        assert [(s.findtext("AliquotaIVA"), s.findtext("ImponibileImporto"),
                 s.findtext("Imposta")) for s in root.iterfind(".//DatiRiepilogo")] == [
            ("22.00", "107.14", "23.57"), ("10.00", "47.54", "4.75")]
        assert (invoice.taxable_cents, invoice.vat_cents, invoice.total_cents) == (
            15468, 2832, 18300)
        assert db.session.get(Order, order.id).total_cents == 18300


def test_a_made_to_order_part_of_a_quoted_box_is_due_by_the_quotes_date(shop, client):
    # Given a box of one apron (stocked) and one engraved board (made to order in 10 days)
    with shop.app_context():
        sew = db.session.scalar(select(Cooperative).where(Cooperative.slug == "filo"))
        apron, board = (db.session.scalar(select(Variant).where(Variant.sku == sku))
                        for sku in ("SKU-APRON", "SKU-BOARD"))
        product = make_product(sew, db.session.scalar(select(Category)), name_it="Scatola",
                               name_en="Box", prices=(7000,), slug="scatola-tagliere")
        product.bundle_items = [BundleItem(variant=apron, quantity=1, position=0),
                                BundleItem(variant=board, quantity=1, position=1)]
        db.session.commit()
        box_id = product.variants[0].id
    response = submit(client, request_form(**{"items-0-variant_id": str(box_id),
                                              "items-0-quantity": "2"}))
    assert response.status_code == 303
    with shop.app_context():
        request = db.session.scalar(select(QuoteRequest))
        ids = {"id": request.id, "token": request.token}
    login(client, STAFF_EMAIL)
    # When staff quote two boxes for delivery in 20 days and the company accepts
    staff_sends(client, ids, [{"variant_id": box_id, "quantity": 2, "unit_price": "60,00",
                               "delivery_date": valid_until(20)}])
    with shop.test_request_context():
        order = accept(ids["token"], "", PaymentChoice.TRANSFER)
        db.session.commit()

        # Then the board is made to order by the quote's date; the apron is reserved
        line = order.lines[0]
        assert (line.made_to_order, line.lead_time_days) == (False, 0)
        assert [(p.sku, p.quantity, p.made_to_order, p.lead_time_days,
                 sum(a.quantity for a in p.allocations)) for p in line.parts] == [
            ("SKU-APRON", 2, False, 0, 2), ("SKU-BOARD", 2, True, 20, 0)]
