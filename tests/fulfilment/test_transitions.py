"""Moving fulfilments forward: allowed moves write events, others change nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from shop.extensions import db
from shop.fulfilment import services
from shop.fulfilment.errors import InvalidTransition, NotFound, TrackingRequired
from shop.fulfilment.models import Fulfilment, FulfilmentEvent, FulfilmentStatus
from shop.inventory.models import Stock, StockMovement
from shop.inventory.services import ledger_total
from shop.notifications.models import OutboxMessage
from shop.orders.models import Allocation, OrderEvent
from tests.fixtures.factories import store_location, workshop_of
from tests.fixtures.orders import paid_order

S = FulfilmentStatus
ALL = list(S)


def part(order, cooperative=None) -> Fulfilment:
    stmt = select(Fulfilment).where(Fulfilment.order_id == order.id)
    stmt = stmt.where(Fulfilment.cooperative_id == cooperative.id) if cooperative else \
        stmt.where(Fulfilment.cooperative_id.is_(None))
    return db.session.scalar(stmt)


def snapshot(fulfilment_id: int):
    """What a refused move must leave untouched."""
    db.session.expire_all()
    f = db.session.get(Fulfilment, fulfilment_id)
    return (f.status, f.carrier, f.tracking_code, f.shipped_at,
            db.session.scalar(select(func.count(FulfilmentEvent.id))),
            db.session.scalar(select(func.count(OrderEvent.id))),
            db.session.scalar(select(func.count(StockMovement.id))),
            sorted(db.session.execute(select(Stock.id, Stock.on_hand, Stock.allocated))),
            sorted(db.session.execute(select(Allocation.id, Allocation.status))))


def move(user, fulfilment, to, **kwargs):
    result = services.advance(user, fulfilment.id, to, **kwargs)
    db.session.commit()
    return result


def refuse_all_but(user, fulfilment, allowed: set[str]) -> None:
    """Every move outside `allowed` is refused for this user and changes nothing."""
    before = snapshot(fulfilment.id)
    for to in ALL:
        if to in allowed:
            continue
        with pytest.raises(InvalidTransition) as refused:
            services.advance(user, fulfilment.id, to, carrier="brt", tracking_code="ABC12345")
        db.session.rollback()
        assert refused.value.to_status == to
    assert snapshot(fulfilment.id) == before


def last_event(fulfilment):
    return db.session.execute(
        select(FulfilmentEvent.from_status, FulfilmentEvent.to_status, FulfilmentEvent.actor,
               FulfilmentEvent.user_id)
        .where(FulfilmentEvent.fulfilment_id == fulfilment.id)
        .order_by(FulfilmentEvent.id.desc()).limit(1)).one()


@pytest.mark.parametrize("path", [
    [S.ACCEPTED, S.IN_PRODUCTION, S.READY, S.SHIPPED, S.DELIVERED],
    [S.ACCEPTED, S.READY, S.SHIPPED, S.DELIVERED],
])
def test_a_member_walks_a_shipment_through_every_step_and_nothing_else(catalog, path):
    c = catalog
    order = paid_order([(c.apron, 1)])
    fulfilment = part(order, c.sew)
    user = c.sew_member

    for to in path:
        allowed = set(services.allowed_moves(user, fulfilment))
        assert to in allowed
        assert S.CANCELLED not in allowed  # staff only
        refuse_all_but(user, fulfilment, allowed)
        before = fulfilment.status
        move(user, fulfilment, to, carrier="brt", tracking_code="ABC12345")
        assert fulfilment.status == to
        assert last_event(fulfilment) == (before, to, f"coop:{c.sew.id}", user.id)
    refuse_all_but(user, fulfilment, set())


def test_a_pickup_part_goes_to_the_store_and_only_staff_mark_it_collected(catalog):
    c = catalog
    order = paid_order([(c.spoon, 1)], delivery="pickup")
    fulfilment = part(order, c.wood)

    for to in (S.ACCEPTED, S.IN_PRODUCTION, S.READY, S.DELIVERED_TO_STORE):
        refuse_all_but(c.wood_member, fulfilment, set(services.allowed_moves(c.wood_member,
                                                                             fulfilment)))
        move(c.wood_member, fulfilment, to)
    refuse_all_but(c.wood_member, fulfilment, set())
    move(c.staff, fulfilment, S.COLLECTED)

    assert fulfilment.status == S.COLLECTED
    assert last_event(fulfilment) == (S.DELIVERED_TO_STORE, S.COLLECTED, "staff", c.staff.id)


def test_staff_handle_the_store_part_new_ready_collected(catalog):
    c = catalog
    order = paid_order([(c.biscuits, 2)], delivery="pickup")
    store_part = part(order)

    assert services.allowed_moves(c.staff, store_part) == [S.READY, S.CANCELLED]
    refuse_all_but(c.staff, store_part, {S.READY, S.CANCELLED})
    move(c.staff, store_part, S.READY)
    refuse_all_but(c.staff, store_part, {S.COLLECTED})
    move(c.staff, store_part, S.COLLECTED)

    assert [e.to_status for e in store_part.events] == [S.NEW, S.READY, S.COLLECTED]
    # The store's stock left with the customer, through the ledger.
    store = store_location()
    stock = db.session.scalar(select(Stock).where(Stock.variant_id == c.biscuits.id,
                                                  Stock.location_id == store.id))
    assert (stock.on_hand, stock.allocated) == (8, 0)
    assert ledger_total(c.biscuits.id, store.id) == 8


def test_a_member_cannot_see_or_move_another_cooperatives_part(catalog):
    c = catalog
    order = paid_order([(c.apron, 1)])
    fulfilment = part(order, c.sew)
    before = snapshot(fulfilment.id)

    with pytest.raises(NotFound):
        services.get_fulfilment_for(c.wood_member, fulfilment.id)
    with pytest.raises(NotFound):
        services.advance(c.wood_member, fulfilment.id, S.ACCEPTED)
    db.session.rollback()

    assert snapshot(fulfilment.id) == before


def test_shipping_consumes_the_reserved_stock_through_the_ledger(catalog):
    c = catalog
    order = paid_order([(c.apron, 2)])
    fulfilment = part(order, c.sew)
    workshop = workshop_of(c.sew)
    move(c.sew_member, fulfilment, S.ACCEPTED)
    move(c.sew_member, fulfilment, S.READY)
    stock = db.session.scalar(select(Stock).where(Stock.variant_id == c.apron.id,
                                                  Stock.location_id == workshop.id))
    assert (stock.on_hand, stock.allocated) == (5, 2)

    move(c.sew_member, fulfilment, S.SHIPPED, carrier="brt", tracking_code=" abc 123-45 ")

    db.session.refresh(stock)
    assert (stock.on_hand, stock.allocated) == (3, 0)
    assert ledger_total(c.apron.id, workshop.id) == 3
    assert db.session.execute(select(StockMovement.delta, StockMovement.reason,
                                     StockMovement.reference, StockMovement.user_id)
                              .order_by(StockMovement.id.desc()).limit(1)).one() == (
        -2, "sale", order.number, c.sew_member.id)
    assert [a.status for a in fulfilment.lines[0].order_line.allocations] == ["consumed"]
    assert (fulfilment.carrier, fulfilment.tracking_code) == ("brt", "ABC 123-45")
    assert fulfilment.shipped_at is not None


def test_shipping_needs_a_carrier_and_a_tracking_code(catalog):
    c = catalog
    order = paid_order([(c.apron, 1)])
    fulfilment = part(order, c.sew)
    move(c.sew_member, fulfilment, S.ACCEPTED)
    move(c.sew_member, fulfilment, S.READY)
    before = snapshot(fulfilment.id)

    for carrier, code in (("", "ABC12345"), ("pigeon", "ABC12345"), ("brt", ""),
                          ("brt", "x"), ("brt", "<script>")):
        with pytest.raises(TrackingRequired):
            services.advance(c.sew_member, fulfilment.id, S.SHIPPED, carrier=carrier,
                             tracking_code=code)
        db.session.rollback()

    assert snapshot(fulfilment.id) == before


def test_the_customer_is_told_when_a_parcel_leaves(catalog):
    c = catalog
    order = paid_order([(c.apron, 1)], locale="en")
    fulfilment = part(order, c.sew)
    move(c.sew_member, fulfilment, S.ACCEPTED)
    move(c.sew_member, fulfilment, S.READY)

    move(c.sew_member, fulfilment, S.SHIPPED, carrier="brt", tracking_code="12345678")

    mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "order_shipped"))
    assert (mail.recipient, mail.locale, mail.dedupe_key) == (
        "giulia@example.org", "en", f"order-shipped:{fulfilment.id}")
    assert mail.subject == f"Your order {order.number} is on its way"
    assert "Carrier: BRT" in mail.body_text
    assert "Tracking code: 12345678" in mail.body_text
    assert "delivery address" not in mail.body_text  # one address: the order's own
    assert "https://vas.brt.it/vas/sped_det_show.hsm?Nspediz=12345678" in mail.body_text


def test_the_order_status_follows_its_parts(catalog):
    c = catalog
    order = paid_order([(c.apron, 1), (c.biscuits, 1), (c.spoon, 1)])
    sew, bake, wood = (part(order, coop) for coop in (c.sew, c.bake, c.wood))
    for member, f in ((c.sew_member, sew), (c.bake_member, bake), (c.wood_member, wood)):
        move(member, f, S.ACCEPTED)
        move(member, f, S.READY)
    assert order.status == "paid"

    move(c.sew_member, sew, S.SHIPPED, carrier="poste", tracking_code="RR123456789IT")
    assert order.status == "partially_fulfilled"
    move(c.bake_member, bake, S.SHIPPED, carrier="gls", tracking_code="GLS0001")
    assert order.status == "partially_fulfilled"
    move(c.wood_member, wood, S.SHIPPED, carrier="sda", tracking_code="SDA0001")
    assert order.status == "fulfilled"
    for member, f in ((c.sew_member, sew), (c.bake_member, bake), (c.wood_member, wood)):
        move(member, f, S.DELIVERED)
    assert order.status == "completed"
    assert [(e.from_status, e.to_status) for e in order.events] == [
        (None, "pending_payment"), ("pending_payment", "paid"),
        ("paid", "partially_fulfilled"), ("partially_fulfilled", "fulfilled"),
        ("fulfilled", "completed")]


def test_a_pickup_order_is_ready_only_when_every_part_is_at_the_store(catalog):
    c = catalog
    order = paid_order([(c.apron, 3), (c.spoon, 1)], delivery="pickup", locale="en")
    sew, wood, store_part = part(order, c.sew), part(order, c.wood), part(order)

    def ready_mails() -> int:
        return db.session.scalar(select(func.count(OutboxMessage.id)).where(
            OutboxMessage.kind == "order_ready_for_pickup"))

    move(c.staff, store_part, S.READY)
    for f, user in ((sew, c.sew_member), (wood, c.wood_member)):
        move(user, f, S.ACCEPTED)
        move(user, f, S.READY)
    move(c.sew_member, sew, S.DELIVERED_TO_STORE)
    assert (order.status, ready_mails()) == ("partially_fulfilled", 0)

    move(c.wood_member, wood, S.DELIVERED_TO_STORE)
    assert (order.status, ready_mails()) == ("fulfilled", 1)
    mail = db.session.scalar(select(OutboxMessage).where(
        OutboxMessage.kind == "order_ready_for_pickup"))
    assert mail.subject == f"Your order {order.number} is ready for pickup"
    assert "Viale dei Mille 24, Milan" in mail.body_text

    for f in (sew, wood, store_part):
        move(c.staff, f, S.COLLECTED)
    assert order.status == "completed"
    assert ready_mails() == 1


def test_staff_can_cancel_a_part_before_it_leaves_and_its_stock_is_freed(catalog):
    c = catalog
    order = paid_order([(c.apron, 2), (c.spoon, 1)])
    sew, wood = part(order, c.sew), part(order, c.wood)

    move(c.staff, sew, S.CANCELLED)

    stock = db.session.scalar(select(Stock).where(Stock.variant_id == c.apron.id,
                                                  Stock.location_id == workshop_of(c.sew).id))
    assert (stock.on_hand, stock.allocated) == (5, 0)
    assert services.allowed_moves(c.staff, sew) == []
    # The order follows the part that is left.
    move(c.wood_member, wood, S.ACCEPTED)
    move(c.wood_member, wood, S.READY)
    move(c.wood_member, wood, S.SHIPPED, carrier="ups", tracking_code="1Z999AA10123456784")
    assert order.status == "fulfilled"
