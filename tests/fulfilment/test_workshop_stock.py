"""Workshop stock as members change it: their own variants only, every change in the ledger."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from shop.accounts.errors import NotAllowed
from shop.extensions import db
from shop.inventory import workshop
from shop.inventory.errors import InsufficientStock, InvalidAdjustment, StockNotFound
from shop.inventory.models import StockMovement
from shop.inventory.services import ledger_total
from tests.fixtures.factories import workshop_of
from tests.fixtures.orders import paid_order


def test_members_list_only_their_own_stocked_variants(catalog):
    c = catalog

    bake = [(i.variant.sku, i.on_hand, i.allocated, i.flag)
            for i in workshop.list_workshop_stock(c.bake_member)]
    wood = [(i.variant.sku, i.on_hand, i.flag) for i in workshop.list_workshop_stock(c.wood_member)]

    assert bake == [(c.biscuits.sku, 30, 0, None)]  # the cake is made to order: no stock
    assert wood == [(c.spoon.sku, 3, "low")]


def test_adjustments_write_the_ledger(catalog):
    c = catalog
    paid_order([(c.spoon, 2)])  # 2 of 3 promised
    location = workshop_of(c.wood).id

    workshop.adjust_workshop_stock(c.wood_member, c.spoon.id, "production", 5, "lotto 3")
    db.session.commit()
    workshop.adjust_workshop_stock(c.wood_member, c.spoon.id, "damaged", 1)
    db.session.commit()
    stock = workshop.adjust_workshop_stock(c.wood_member, c.spoon.id, "count_correction", 4)
    db.session.commit()

    assert (stock.on_hand, stock.allocated) == (4, 2)
    assert ledger_total(c.spoon.id, location) == 4
    moves = db.session.execute(select(StockMovement.delta, StockMovement.reason,
                                      StockMovement.user_id, StockMovement.note)
                               .where(StockMovement.location_id == location)
                               .order_by(StockMovement.id)).all()
    assert moves[-3:] == [(5, "production", c.wood_member.id, "lotto 3"),
                          (-1, "damaged", c.wood_member.id, ""),
                          (-3, "count_correction", c.wood_member.id, "")]
    assert workshop.workshop_item(c.wood_member, c.spoon.id).flag == "low"


def test_nothing_promised_to_orders_can_be_taken_away(catalog):
    c = catalog
    paid_order([(c.spoon, 2)])

    with pytest.raises(InsufficientStock):
        workshop.adjust_workshop_stock(c.wood_member, c.spoon.id, "count_correction", 1)
    db.session.rollback()
    for reason, quantity in (("sale", 1), ("initial", 3), ("production", 0), ("damaged", -2),
                             ("count_correction", 3)):
        with pytest.raises(InvalidAdjustment):
            workshop.adjust_workshop_stock(c.wood_member, c.spoon.id, reason, quantity)
        db.session.rollback()


def test_another_cooperatives_variant_is_not_found_and_untouched(catalog):
    c = catalog
    before = db.session.scalar(select(StockMovement.id).order_by(StockMovement.id.desc()))

    for call in (lambda: workshop.workshop_item(c.wood_member, c.apron.id),
                 lambda: workshop.recent_movements(c.wood_member, c.apron.id),
                 lambda: workshop.adjust_workshop_stock(c.wood_member, c.apron.id,
                                                        "production", 5)):
        with pytest.raises(StockNotFound):
            call()
        db.session.rollback()
    with pytest.raises(NotAllowed):
        workshop.list_workshop_stock(c.staff)

    assert db.session.scalar(select(StockMovement.id).order_by(StockMovement.id.desc())) == before
