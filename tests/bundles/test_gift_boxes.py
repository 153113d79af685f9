"""Gift boxes: availability from the scarcest part; reservation, routing, stock moves and
statements follow the parts, each to its cooperative, to the cent."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from shop.cart.services import sellable
from shop.catalog.services import (
    ProductFilters,
    availability_by_product,
    list_products,
    variant_availability,
)
from shop.checkout.errors import NotEnoughStock
from shop.extensions import db
from shop.fulfilment import services
from shop.fulfilment.models import Fulfilment, FulfilmentStatus
from shop.fulfilment.statements import cooperative_statement
from shop.inventory.models import MovementReason, Stock, StockMovement
from shop.orders.models import AllocationStatus, OrderLine
from shop.payments.services import cancel_order
from tests.fixtures.factories import workshop_of
from tests.fixtures.orders import paid_order, placed_order

S = FulfilmentStatus


def free(variant) -> list[tuple[int, int]]:
    return sorted(db.session.execute(select(Stock.on_hand, Stock.allocated)
                                     .where(Stock.variant_id == variant.id)).all())


def ship(member, order, cooperative, when: datetime) -> Fulfilment:
    fulfilment = db.session.scalar(select(Fulfilment).where(
        Fulfilment.order_id == order.id, Fulfilment.cooperative_id == cooperative.id))
    for to in (S.ACCEPTED, S.READY):
        services.advance(member, fulfilment.id, to)
        db.session.commit()
    services.advance(member, fulfilment.id, S.SHIPPED, carrier="brt", tracking_code="BRT0001",
                     now=when)
    db.session.commit()
    return fulfilment


def test_a_box_is_available_as_often_as_its_scarcest_part_allows(boxes):
    # Given aprons 5, totes 3 (+1 in the store) and biscuits 10, two to a box
    # Then three boxes can be shipped, four collected at the store (the store's tote)
    assert (sellable([boxes.box_variant.id])[boxes.box_variant.id].ship,
            sellable([boxes.box_variant.id])[boxes.box_variant.id].pickup) == (3, 4)
    assert variant_availability(boxes.box)[0].online == 3
    assert availability_by_product([boxes.box.id]) == {boxes.box.id: 4}

    # When someone buys 7 packs of biscuits, leaving 3 (one box's worth)
    placed_order([(boxes.biscuits, 7)])

    # Then only one box is left
    assert sellable([boxes.box_variant.id])[boxes.box_variant.id].ship == 1
    assert variant_availability(boxes.box)[0].online == 1


def test_the_product_page_lists_what_is_in_the_box(boxes, client):
    html = client.get("/it/products/scatola-regalo").get_data(as_text=True)
    assert "Nella scatola" in html or "In the box" in html
    assert "1 × <a href=\"/it/products/" in html
    assert "2 × <a href=\"/it/products/" in html
    assert html.count("Filo Dritto") >= 2 and "Forno Libero" in html


def test_two_boxes_reserve_route_ship_and_settle_by_their_parts(boxes):
    # Given two gift boxes bought and paid (shipping)
    order = paid_order([(boxes.box_variant, 2)])

    # Then the order shows one line: the box, at its own price
    assert [(ln.name, ln.quantity, ln.unit_price_cents, ln.total_cents) for ln in order.lines] \
        == [("Scatola regalo", 2, 4500, 9000)]
    assert order.subtotal_cents == 9000
    # and its parts carry the box's price split by list prices, to the cent: of € 90,00,
    # 65,00 / 127,00 to the aprons, 36,00 / 127,00 to the totes, 26,00 / 127,00 to the
    # biscuits; the odd cent goes to the largest remainder (the biscuits' 0.52)
    parts = order.lines[0].parts
    assert [(p.sku, p.quantity, p.cooperative_id, p.share_cents) for p in parts] == [
        (boxes.apron.sku, 2, boxes.sew.id, 4606), (boxes.tote.sku, 2, boxes.sew.id, 2551),
        (boxes.biscuits.sku, 4, boxes.bake.id, 1843)]
    assert sum(p.share_cents for p in parts) == 9000
    # and each part's stock is reserved at its own cooperative's workshop
    assert free(boxes.apron) == [(5, 2)]
    assert free(boxes.tote) == [(1, 0), (3, 2)]
    assert free(boxes.biscuits) == [(10, 4)]

    # and the order went to two cooperatives, each with its own part lines
    fulfilments = list(db.session.scalars(select(Fulfilment).where(
        Fulfilment.order_id == order.id).order_by(Fulfilment.id)))
    assert [(f.cooperative_id, [(ln.order_line.sku, ln.quantity) for ln in f.lines])
            for f in fulfilments] == [
        (boxes.sew.id, [(boxes.apron.sku, 2), (boxes.tote.sku, 2)]),
        (boxes.bake.id, [(boxes.biscuits.sku, 4)])]
    assert [f.gross_cents for f in fulfilments] == [7157, 1843]

    # When both cooperatives ship in December 2026
    when = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)
    ship(boxes.sew_member, order, boxes.sew, when)
    ship(boxes.bake_member, order, boxes.bake, when)

    # Then each part left its workshop: one SALE movement per part
    moves = db.session.execute(
        select(StockMovement.variant_id, StockMovement.location_id, StockMovement.delta)
        .where(StockMovement.reason == MovementReason.SALE,
               StockMovement.reference == order.number).order_by(StockMovement.id)).all()
    assert sorted(moves) == sorted([
        (boxes.apron.id, workshop_of(boxes.sew).id, -2),
        (boxes.tote.id, workshop_of(boxes.sew).id, -2),
        (boxes.biscuits.id, workshop_of(boxes.bake).id, -4)])
    assert free(boxes.apron) == [(3, 0)]
    assert free(boxes.biscuits) == [(6, 0)]

    # and the statements count each part at its share of the box, adding up to the box
    sew = cooperative_statement(boxes.sew.id, 2026, 12)
    bake = cooperative_statement(boxes.bake.id, 2026, 12)
    assert [(ln.sku, ln.quantity, ln.unit_price_cents, ln.gross_cents, ln.vat_cents)
            for ln in sew.lines] == [(boxes.apron.sku, 2, None, 4606, 831),
                                     (boxes.tote.sku, 2, None, 2551, 460)]
    assert [(ln.sku, ln.quantity, ln.gross_cents, ln.vat_cents) for ln in bake.lines] == [
        (boxes.biscuits.sku, 4, 1843, 168)]
    assert sew.gross_cents + bake.gross_cents == 9000


def test_cancelling_an_unpaid_box_gives_every_part_back(boxes):
    # Given a box ordered but not paid
    order = placed_order([(boxes.box_variant, 1)])
    assert free(boxes.biscuits) == [(10, 2)]

    # When the order is cancelled
    cancel_order(order, actor="test")
    db.session.commit()

    # Then every part's reservation is released
    assert free(boxes.apron) == [(5, 0)]
    assert free(boxes.tote) == [(1, 0), (3, 0)]
    assert free(boxes.biscuits) == [(10, 0)]
    statuses = db.session.scalars(select(OrderLine).where(OrderLine.order_id == order.id,
                                                          OrderLine.bundle_line_id.is_not(None)))
    assert {a.status for line in statuses for a in line.allocations} == {
        AllocationStatus.RELEASED}


def test_a_box_whose_part_ran_out_is_refused_at_checkout_and_nothing_is_held(boxes):
    # Given the totes gone from the workshop after the box went in a cart
    db.session.execute(Stock.__table__.update()
                       .where(Stock.variant_id == boxes.tote.id,
                              Stock.location_id == workshop_of(boxes.sew).id)
                       .values(allocated=3))
    db.session.commit()

    # When a shopper checks out one box for shipping
    with pytest.raises(NotEnoughStock) as refused:
        placed_order([(boxes.box_variant, 1)])

    # Then the box is named with none available, and no part was reserved
    db.session.rollback()
    assert [(s.name, s.requested, s.available) for s in refused.value.shortages] == [
        ("Scatola regalo", 1, 0)]
    assert free(boxes.apron) == [(5, 0)]
    assert free(boxes.biscuits) == [(10, 0)]


def test_the_in_stock_listing_keeps_a_box_while_its_parts_make_one(boxes):
    # Given the box, whose parts make three
    def listed() -> bool:
        page = list_products(ProductFilters(in_stock=True), "it", per_page=50)
        return boxes.box.id in [p.id for p in page.products]

    assert listed()

    # When the aprons are all promised elsewhere
    db.session.execute(Stock.__table__.update().where(Stock.variant_id == boxes.apron.id)
                       .values(allocated=Stock.on_hand))
    db.session.commit()

    # Then the box is no longer listed as in stock, and can't be added to a cart
    assert not listed()
    assert sellable([boxes.box_variant.id])[boxes.box_variant.id].most == 0
