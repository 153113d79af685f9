"""Routing a paid order: one fulfilment per cooperative, and the store's part for pickup."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from shop.extensions import db
from shop.fulfilment.models import Fulfilment, FulfilmentEvent
from shop.fulfilment.routing import local_date, route_order
from shop.notifications.models import OutboxMessage
from shop.orders.lifecycle import order_paid
from tests.fixtures.orders import paid_order


def parts(order) -> list[tuple[str | None, str, str, list[tuple[str, int]]]]:
    """(cooperative slug or None, destination, status, [(sku, units)]) per fulfilment."""
    rows = db.session.scalars(select(Fulfilment).where(Fulfilment.order_id == order.id)
                              .order_by(Fulfilment.id))
    return [(f.cooperative.slug if f.cooperative else None, f.destination, f.status,
             [(line.order_line.sku, line.quantity) for line in f.lines]) for f in rows]


def test_a_mixed_paid_order_is_split_into_one_fulfilment_per_cooperative(catalog):
    c = catalog
    order = paid_order([(c.apron, 2), (c.biscuits, 3), (c.cake, 1), (c.spoon, 1)])

    assert order.status == "paid"
    assert parts(order) == [
        ("filo", "customer", "new", [(c.apron.sku, 2)]),
        ("forno", "customer", "new", [(c.biscuits.sku, 3), (c.cake.sku, 1)]),
        ("legno", "customer", "new", [(c.spoon.sku, 1)]),
    ]


def test_due_dates_come_from_lead_times(catalog):
    c = catalog
    order = paid_order([(c.apron, 1), (c.biscuits, 1), (c.cake, 1)])
    paid_day = local_date(order.paid_at)

    sew, bake = db.session.scalars(select(Fulfilment).order_by(Fulfilment.id))

    assert sew.due_date == paid_day + timedelta(days=2)
    assert bake.due_date == paid_day + timedelta(days=4)
    assert [(line.order_line.sku, line.due_date) for line in bake.lines] == [
        (c.biscuits.sku, None), (c.cake.sku, paid_day + timedelta(days=4))]


def test_a_pickup_order_takes_store_stock_first_and_routes_the_rest(catalog):
    c = catalog
    # Store holds 2 aprons (of 3 wanted), 10 biscuits (of 2), no spoons; the cake is made.
    order = paid_order([(c.apron, 3), (c.biscuits, 2), (c.spoon, 1), (c.cake, 1)],
                       delivery="pickup")

    assert parts(order) == [
        ("filo", "store", "new", [(c.apron.sku, 1)]),
        ("forno", "store", "new", [(c.cake.sku, 1)]),
        ("legno", "store", "new", [(c.spoon.sku, 1)]),
        (None, "store", "new", [(c.apron.sku, 2), (c.biscuits.sku, 2)]),
    ]
    store = db.session.scalar(select(Fulfilment).where(Fulfilment.cooperative_id.is_(None)))
    assert store.due_date == local_date(order.paid_at) + timedelta(days=1)


def test_each_fulfilment_starts_with_an_event_and_each_cooperative_gets_an_email(catalog):
    c = catalog
    order = paid_order([(c.apron, 1), (c.spoon, 1)], delivery="pickup")

    events = db.session.execute(select(FulfilmentEvent.from_status, FulfilmentEvent.to_status,
                                       FulfilmentEvent.actor)).all()
    assert events == [(None, "new", "system")] * 2  # the store part and Legno Buono
    mails = db.session.execute(select(OutboxMessage.kind, OutboxMessage.recipient,
                                      OutboxMessage.subject)
                               .where(OutboxMessage.kind == "coop_new_order")
                               .order_by(OutboxMessage.id)).all()
    assert mails == [
        ("coop_new_order", c.wood.contact_email, f"Nuovo ordine da evadere: {order.number}"),
    ]
    body = db.session.scalar(select(OutboxMessage.body_text)
                             .where(OutboxMessage.kind == "coop_new_order"))
    assert "Consegnalo al negozio di Viale dei Mille" in body
    assert f"1 × Cucchiaio (V0) — {c.spoon.sku}" in body


def test_routing_twice_creates_nothing_more(catalog):
    c = catalog
    order = paid_order([(c.apron, 1), (c.cake, 2)])
    before = (db.session.scalar(select(func.count(Fulfilment.id))),
              db.session.scalar(select(func.count(OutboxMessage.id))))

    again = route_order(order)
    order_paid(order)
    db.session.flush()

    assert [f.cooperative.slug for f in again] == ["filo", "forno"]
    assert (db.session.scalar(select(func.count(Fulfilment.id))),
            db.session.scalar(select(func.count(OutboxMessage.id)))) == before
