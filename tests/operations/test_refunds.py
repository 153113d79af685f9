"""Refunds and cancellations: once, to the cent, never above what was paid, told to all."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from shop.accounts.models import User
from shop.catalog.models import Variant
from shop.extensions import db
from shop.fulfilment import services as fulfilments
from shop.fulfilment.models import Fulfilment
from shop.fulfilment.services import today_local
from shop.fulfilment.statements import cooperative_statement
from shop.inventory.models import StockMovement
from shop.notifications.models import OutboxMessage
from shop.orders import counter, operations
from shop.orders.errors import RefundRefused
from shop.orders.models import Order
from shop.payments.gateway import RefundInfo
from shop.payments.models import Refund, RefundRequest
from shop.payments.services import record_refunds
from tests.fixtures.orders import paid_order, placed_order
from tests.operations.conftest import login, post, reading
from tests.operations.test_stock import levels


def ask(key: str, reason: str = "reso", **kwargs) -> operations.RefundAsk:
    return operations.RefundAsk(request_key=key, reason=reason, **kwargs)


def lines_by_sku(order: Order) -> dict[str, int]:
    return {line.sku: line.id for line in order.lines}


@dataclass
class Online:
    id: int
    total_cents: int
    lines: dict[str, int]  # sku -> order line id


@pytest.fixture
def online(app, shop) -> Online:
    """A paid shipping order: 2 aprons (€ 65,00), 1 biscuits (€ 6,50) and shipping."""
    with app.test_request_context():
        order = paid_order([(db.session.get(Variant, shop.apron), 2),
                            (db.session.get(Variant, shop.biscuits), 1)])
        return Online(order.id, order.total_cents, lines_by_sku(order))


def test_partial_refunds_add_up_to_the_cent(shop, staff_user, online):
    ids = online.lines
    total = online.total_cents
    first = operations.refund(staff_user, online.id, ask("k1", quantities={ids["SKU-APRON"]: 1}))
    db.session.commit()
    second = operations.refund(staff_user, online.id,
                               ask("k2", quantities={ids["SKU-BISCOTTI"]: 1}))
    db.session.commit()
    assert (first.amount_cents, second.amount_cents) == (3250, 650)
    assert db.session.get(Order, online.id).status == "partially_refunded"
    rest = operations.refund(staff_user, online.id, ask("k3", full=True))
    db.session.commit()
    order = db.session.get(Order, online.id)
    assert rest.amount_cents == total - 3900
    assert order.refunded_cents == total
    assert sum(db.session.scalars(select(Refund.amount_cents))) == total
    assert order.status == "refunded"
    assert [line.quantity for line in rest.lines] == [1]  # the second apron
    mails = db.session.scalars(select(OutboxMessage.kind).where(
        OutboxMessage.kind == "order_refund")).all()
    assert mails == ["order_refund"] * 3


def test_pressing_twice_refunds_once(shop, staff_user, online):
    ids = online.lines
    press = ask("same-form", quantities={ids["SKU-APRON"]: 1})
    first = operations.refund(staff_user, online.id, press)
    db.session.commit()
    second = operations.refund(staff_user, online.id, press)
    db.session.commit()
    assert first.id == second.id
    assert db.session.scalar(select(func.count(Refund.id))) == 1
    assert db.session.get(Order, online.id).refunded_cents == 3250


def test_a_refund_above_what_was_paid_is_refused(app, client, shop, online):
    # Money already went back from the Stripe dashboard: only the rest can be refunded.
    with app.test_request_context():
        record_refunds(f"pi_test_{online.id}", [RefundInfo("re_dash", 6000, "succeeded")],
                       "stripe")
        db.session.commit()
    order_id, apron_line = online.id, online.lines["SKU-APRON"]
    left = online.total_cents - 6000
    login(client, "negozio@example.org")
    refused = post(client, f"/staff/orders/{order_id}/refund",
                   {"request_key": "abc", "reason": "rotto", f"qty-{apron_line}": "2"},
                   page=f"/staff/orders/{order_id}")
    assert refused.status_code == 409
    euros = f"€ {left // 100},{left % 100:02d}"
    assert (f"Rifiutato: su questo ordine si possono ancora rimborsare al massimo {euros}."
            in refused.get_data(as_text=True))
    with reading(app) as session:
        assert session.get(Order, order_id).refunded_cents == 6000
        # only the dashboard's refund is on record: the refused request wrote nothing
        assert session.scalars(select(RefundRequest.request_key)).all() == ["dashboard-re_dash"]


def test_returned_goods_enter_the_chosen_location(app, client, shop, online):
    order_id, apron_line = online.id, online.lines["SKU-APRON"]
    login(client, "negozio@example.org")
    done = post(client, f"/staff/orders/{order_id}/refund",
                {"request_key": "r1", "reason": "taglia sbagliata", f"qty-{apron_line}": "1",
                 f"ret-{apron_line}": "1", "location": shop.store},
                page=f"/staff/orders/{order_id}")
    assert done.status_code == 303
    page = client.get(done.location).get_data(as_text=True)
    assert "Rimborso registrato." in page and "taglia sbagliata" in page and "−€ 32,50" in page
    assert levels(app, (shop.apron, shop.store)) == [(3, 0)]
    with reading(app) as session:
        move = session.scalars(select(StockMovement).where(
            StockMovement.reason == "return")).one()
        assert (move.location_id, move.delta) == (shop.store, 1)


def test_cancelling_an_unpaid_order_releases_its_stock(app, client, shop):
    with app.test_request_context():
        order = placed_order([(db.session.get(Variant, shop.apron), 3)])
        order_id = order.id
    assert levels(app, (shop.apron, shop.sew_workshop)) == [(5, 3)]
    login(client, "negozio@example.org")
    done = post(client, f"/staff/orders/{order_id}/cancel", {"reason": "cliente al telefono"},
                page=f"/staff/orders/{order_id}")
    assert done.status_code == 303
    assert levels(app, (shop.apron, shop.sew_workshop)) == [(5, 0)]
    with reading(app) as session:
        assert session.get(Order, order_id).status == "cancelled"


def test_cancelling_a_part_refunds_its_value_and_tells_the_customer(app, client, shop,
                                                                    online):
    order_id = online.id
    with reading(app) as session:
        part_id = session.scalar(select(Fulfilment.id).where(
            Fulfilment.order_id == order_id, Fulfilment.cooperative_id == shop.bake))
    login(client, "negozio@example.org")
    done = post(client, f"/staff/orders/{order_id}/parts/{part_id}/cancel",
                {"request_key": "part-1", "reason": "forno chiuso"},
                page=f"/staff/orders/{order_id}")
    assert done.status_code == 303
    page = client.get(done.location).get_data(as_text=True)
    assert "La parte è stata annullata e il suo valore rimborsato." in page
    assert "−€ 6,50" in page
    assert levels(app, (shop.biscuits, shop.bake_workshop)) == [(30, 0)]
    with reading(app) as session:
        order = session.get(Order, order_id)
        assert (order.refunded_cents, order.status) == (650, "partially_refunded")
        mail = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "order_refund")).one()
        assert "annullata" in mail.body_text and "€ 6,50" in mail.body_text
    again = post(client, f"/staff/orders/{order_id}/parts/{part_id}/cancel",
                 {"request_key": "part-2", "reason": "ancora"}, page=f"/staff/orders/{order_id}")
    assert again.status_code == 409
    with reading(app) as session:
        assert session.get(Order, order_id).refunded_cents == 650


def test_consigned_goods_sold_at_the_counter_count_in_their_month(shop, staff_user):
    sale = counter.record_store_sale(staff_user, {shop.biscuits: 2, shop.apron: 1}, "terminal")
    db.session.commit()
    today = today_local()
    bake = cooperative_statement(shop.bake, today.year, today.month)
    assert [(line.kind, line.sku, line.quantity, line.gross_cents, line.vat_cents)
            for line in bake.lines] == [("sale", "SKU-BISCOTTI", 2, 1300, 118)]
    assert (bake.net_cents, bake.commission_cents, bake.amount_due_cents) == (1182, 236, 946)
    sew = cooperative_statement(shop.sew, today.year, today.month)
    assert (sew.gross_cents, sew.vat_cents, sew.commission_cents, sew.amount_due_cents) == (
        3250, 586, 666, 1998)

    biscuit_line = lines_by_sku(sale)["SKU-BISCOTTI"]
    operations.refund(staff_user, sale.id, ask("back", quantities={biscuit_line: 1},
                                               returns={biscuit_line: 1},
                                               return_location_id=shop.store))
    db.session.commit()
    bake = cooperative_statement(shop.bake, today.year, today.month)
    assert [(line.kind, line.gross_cents, line.vat_cents) for line in bake.lines] == [
        ("sale", 1300, 118), ("refund", -650, -59)]
    assert (bake.net_cents, bake.commission_cents, bake.amount_due_cents) == (591, 118, 473)
    sew = cooperative_statement(shop.sew, today.year, today.month)
    assert sew.refunds == []


def test_staff_see_every_statement_side_by_side_with_each_csv(app, client, shop, staff_user):
    counter.record_store_sale(staff_user, {shop.biscuits: 2}, "cash")
    db.session.commit()
    login(client, "negozio@example.org")
    html = client.get("/staff/statements").get_data(as_text=True)
    assert "Filo Dritto" in html and "Forno Libero" in html and "€ 9,46" in html
    today = today_local()
    csv_text = client.get(f"/staff/statements/{shop.bake}/{today.year}/{today.month}.csv"
                          ).get_data(as_text=True)
    assert "SKU-BISCOTTI" in csv_text and "9,46" in csv_text


def test_a_part_that_left_cannot_be_cancelled(shop, staff_user, online):
    part = db.session.scalar(select(Fulfilment).where(Fulfilment.order_id == online.id,
                                                      Fulfilment.cooperative_id == shop.sew))
    for step in ("accepted", "ready"):
        fulfilments.advance(staff_user, part.id, step)
        db.session.commit()
    fulfilments.advance(staff_user, part.id, "shipped", carrier="brt",
                        tracking_code="12345678901234")
    db.session.commit()
    with pytest.raises(RefundRefused) as refused:
        operations.cancel_part(staff_user, part.id, "k", "troppo tardi")
    assert refused.value.code == "part_state"
    db.session.rollback()
    assert db.session.get(Order, online.id).refunded_cents == 0
    assert isinstance(db.session.get(User, staff_user.id), User)
