"""Stripe Checkout and its webhook, against a local fake Stripe through the official library."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from shop.extensions import db
from shop.inventory.models import Stock
from shop.notifications.models import OutboxMessage
from shop.orders.models import Allocation, Order, OrderEvent
from shop.payments.models import Payment, ProcessedWebhookEvent, Refund
from shop.payments.services import expire_stale_orders
from tests.fixtures.fake_stripe import event, signed
from tests.fixtures.shopping import ADDRESS, add, csrf, place
from tests.payments.conftest import WEBHOOK_SECRET


def snapshot(app) -> dict:
    """What a webhook could change, to compare before and after."""
    with app.app_context():
        order = db.session.scalar(select(Order))
        return {
            "order": (order.status, order.refunded_cents, order.paid_at) if order else None,
            "events": db.session.scalar(select(func.count(ProcessedWebhookEvent.id))),
            "order_events": db.session.scalar(select(func.count(OrderEvent.id))),
            "payments": [(p.status, p.payment_intent_id) for p in db.session.scalars(
                select(Payment).order_by(Payment.id))],
            "outbox": sorted(db.session.scalars(select(OutboxMessage.kind))),
            "refunds": db.session.scalar(select(func.count(Refund.id))),
            "stock": sorted(db.session.execute(
                select(Stock.id, Stock.on_hand, Stock.allocated)).all()),
            "allocations": sorted(db.session.execute(
                select(Allocation.id, Allocation.status)).all()),
        }


# Paying the order tells the customer, and each of its two cooperatives.
PAID_EMAILS = ["coop_new_order", "coop_new_order", "order_confirmation"]


def post_event(client, body: dict, secret: str = WEBHOOK_SECRET, timestamp: int | None = None):
    payload, header = signed(body, secret, timestamp)
    return client.post("/webhooks/stripe", data=payload,
                       headers={"Stripe-Signature": header, "Content-Type": "application/json"})


@pytest.fixture
def ordered(client, catalog, fake_stripe):
    """An order for 2 aprons and 1 biscuit bag, sent to Stripe's hosted page."""
    add(client, catalog, "SKU-APRON", 2)
    add(client, catalog, "SKU-BISCOTTI", 1)
    response = place(client, ADDRESS)
    assert response.status_code == 303
    return response


def order_row(app) -> Order:
    with app.app_context():
        order = db.session.scalar(select(Order))
        db.session.expunge(order)
        return order


def test_checkout_session_carries_the_order_to_the_cent(ordered, catalog, fake_stripe):
    session = fake_stripe.only_session()
    order = order_row(catalog)
    assert ordered.location == session["url"]
    assert session["amount_total"] == order.total_cents == 2 * 3250 + 650
    assert [(i["price_data"]["product_data"]["name"], int(i["price_data"]["unit_amount"]),
             int(i["quantity"])) for i in session["line_items_sent"]] == [
        ("Grembiule — V0", 3250, 2), ("Biscotti — V0", 650, 1)]
    assert session["customer_email"] == "anna@example.org"
    assert session["locale"] == "it"
    assert session["client_reference_id"] == order.number
    assert session["metadata"] == {"order_id": str(order.id), "order_number": order.number}
    assert session["success_url"] == (
        f"http://127.0.0.1:5000/it/orders/{order.access_token}?session_id={{CHECKOUT_SESSION_ID}}")
    lifetime = session["expires_at"] - time.time()
    assert 30 * 60 < lifetime <= 31 * 60 + 5
    (headers,) = [h for h in fake_stripe.headers if h.get("Idempotency-Key")]
    assert headers["Idempotency-Key"] == f"order-{order.id}-attempt-1"
    expires = datetime.fromtimestamp(session["expires_at"], UTC)
    assert order.reserved_until >= expires + timedelta(minutes=10)


def test_shipping_is_a_line_of_its_own(client, catalog, fake_stripe):
    add(client, catalog, "SKU-BISCOTTI", 1)
    place(client, ADDRESS)
    items = fake_stripe.only_session()["line_items_sent"]
    assert [(i["price_data"]["product_data"]["name"], int(i["price_data"]["unit_amount"]))
            for i in items] == [("Biscotti — V0", 650), ("Spedizione / Shipping", 690)]
    assert fake_stripe.only_session()["amount_total"] == order_row(catalog).total_cents == 1340


def test_stripe_down_keeps_the_order_and_lets_the_customer_retry(client, catalog, fake_stripe):
    add(client, catalog, "SKU-APRON", 1)
    fake_stripe.fail_next = 10
    response = place(client, ADDRESS)
    order = order_row(catalog)
    assert response.location == f"/it/orders/{order.access_token}"
    html = client.get(response.location).get_data(as_text=True)
    assert "Il servizio di pagamento non ha risposto." in html
    assert order.status == "pending_payment"
    fake_stripe.fail_next = 0
    retry = client.post(f"/it/orders/{order.access_token}/pay", data={"csrf_token": csrf(html)})
    assert retry.location == fake_stripe.only_session()["url"]


def test_completed_event_pays_once_however_often_it_arrives(client, ordered, catalog,
                                                          fake_stripe):
    session = fake_stripe.complete(fake_stripe.only_session()["id"])
    body = event("checkout.session.completed", session)
    responses = [post_event(client, body) for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert [r.get_json()["status"] for r in responses] == ["ok", "duplicate", "duplicate"]
    state = snapshot(catalog)
    assert state["order"][0] == "paid"
    assert state["events"] == 1
    assert state["outbox"] == PAID_EMAILS
    assert state["payments"] == [("paid", session["payment_intent"])]
    assert [(s, allocated) for _, s, allocated in state["stock"] if allocated] == [(5, 2), (30, 1)]


def test_the_same_event_delivered_twice_at_once_applies_once(client, ordered, catalog,
                                                            fake_stripe):
    session = fake_stripe.complete(fake_stripe.only_session()["id"])
    body = event("checkout.session.completed", session)
    barrier = threading.Barrier(2)
    results = []

    def deliver():
        with catalog.test_client() as own_client:
            barrier.wait()
            results.append(post_event(own_client, body).status_code)

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(results) == [200, 200]
    state = snapshot(catalog)
    assert (state["order"][0], state["events"], state["outbox"]) == ("paid", 1, PAID_EMAILS)
    assert state["order_events"] == 2  # created, paid
    assert [(s, allocated) for _, s, allocated in state["stock"] if allocated] == [(5, 2), (30, 1)]


def test_events_out_of_order_end_in_the_same_state(client, ordered, catalog, fake_stripe):
    session_id = fake_stripe.only_session()["id"]
    unpaid = dict(fake_stripe.complete(session_id, paid=False))
    succeeded = dict(fake_stripe.complete(session_id, paid=True))
    post_event(client, event("checkout.session.async_payment_succeeded", succeeded))
    post_event(client, event("checkout.session.completed", unpaid))
    post_event(client, event("checkout.session.expired", {**succeeded, "status": "expired"}))
    state = snapshot(catalog)
    assert state["order"][0] == "paid"
    assert state["payments"] == [("paid", succeeded["payment_intent"])]
    assert state["outbox"] == PAID_EMAILS
    assert all(status == "reserved" for _, status in state["allocations"])


def test_bank_debit_waits_then_fails_and_releases_stock(client, ordered, catalog, fake_stripe):
    session = fake_stripe.complete(fake_stripe.only_session()["id"], paid=False)
    post_event(client, event("checkout.session.completed", session))
    assert snapshot(catalog)["payments"][0][0] == "processing"
    with catalog.app_context():  # long past the reservation: still held while money is on its way
        assert expire_stale_orders(datetime.now(UTC) + timedelta(days=3)) == 0
        db.session.execute(update(Order).values(
            reserved_until=datetime.now(UTC) - timedelta(minutes=1)))
        db.session.commit()
    assert order_row(catalog).status == "pending_payment"
    post_event(client, event("checkout.session.async_payment_failed", session))
    state = snapshot(catalog)
    assert state["order"][0] == "cancelled"
    assert {status for _, status in state["allocations"]} == {"released"}
    assert [allocated for _, _, allocated in state["stock"]] == [0, 0, 0, 0]


def test_a_failure_within_the_reservation_keeps_the_order_to_pay_again(client, ordered, catalog,
                                                                     fake_stripe):
    session = fake_stripe.complete(fake_stripe.only_session()["id"], paid=False)
    post_event(client, event("checkout.session.completed", session))
    post_event(client, event("checkout.session.async_payment_failed", session))
    state = snapshot(catalog)
    assert state["order"][0] == "pending_payment"
    assert state["payments"][0][0] == "failed"
    assert {status for _, status in state["allocations"]} == {"reserved"}


@pytest.mark.parametrize("attack", ["forged", "tampered", "stale", "missing", "garbage"])
def test_bad_signatures_are_refused_and_change_nothing(client, ordered, catalog, fake_stripe,
                                                       attack):
    session = fake_stripe.complete(fake_stripe.only_session()["id"])
    body = event("checkout.session.completed", session)
    before = snapshot(catalog)
    if attack == "forged":
        response = post_event(client, body, secret="whsec_someone_else")
    elif attack == "stale":
        response = post_event(client, body, timestamp=int(time.time()) - 600)
    else:
        payload, header = signed(body, WEBHOOK_SECRET)
        if attack == "tampered":
            payload = payload.replace(b'"paid"', b'"PAID"', 1)
        headers = {} if attack == "missing" else {"Stripe-Signature": header}
        if attack == "garbage":
            headers = {"Stripe-Signature": "t=1,v1=zzz"}
        response = client.post("/webhooks/stripe", data=payload, headers=headers)
    assert response.status_code == 400
    assert snapshot(catalog) == before


def test_expired_session_releases_stock_exactly_once(client, ordered, catalog, fake_stripe):
    session = fake_stripe.expire(fake_stripe.only_session()["id"])
    assert post_event(client, event("checkout.session.expired", session)).status_code == 200
    assert post_event(client, event("checkout.session.expired", session)).status_code == 200
    with catalog.app_context():
        assert expire_stale_orders(datetime.now(UTC) + timedelta(hours=2)) == 0
        db.session.commit()
    state = snapshot(catalog)
    assert state["order"][0] == "cancelled"
    assert state["order_events"] == 2
    assert [allocated for _, _, allocated in state["stock"]] == [0, 0, 0, 0]
    assert [on_hand for _, on_hand, _ in state["stock"]] == [5, 2, 1, 30]


def test_worker_expires_reservations_without_a_webhook(client, ordered, catalog, fake_stripe):
    with catalog.app_context():
        assert expire_stale_orders(datetime.now(UTC) + timedelta(minutes=20)) == 0
        assert expire_stale_orders(datetime.now(UTC) + timedelta(minutes=46)) == 1
        db.session.commit()
    state = snapshot(catalog)
    assert state["order"][0] == "cancelled"
    assert [allocated for _, _, allocated in state["stock"]] == [0, 0, 0, 0]


def test_refunds_are_recorded_once_per_refund_id(client, ordered, catalog, fake_stripe):
    session = fake_stripe.complete(fake_stripe.only_session()["id"])
    post_event(client, event("checkout.session.completed", session))
    intent = session["payment_intent"]
    first = fake_stripe.refund(intent, 1000)
    charge = {"id": "ch_test_1", "object": "charge", "payment_intent": intent,
              "amount": 7150, "amount_refunded": 1000}
    post_event(client, event("charge.refunded", charge))
    post_event(client, event("charge.refunded", charge))  # another delivery, new event id
    order = order_row(catalog)
    assert (order.status, order.refunded_cents) == ("partially_refunded", 1000)
    fake_stripe.refund(intent, 6150)
    post_event(client, event("charge.refunded", {**charge, "amount_refunded": 7150}))
    order = order_row(catalog)
    assert (order.status, order.refunded_cents) == ("refunded", 7150)
    with catalog.app_context():
        refunds = sorted(db.session.execute(
            select(Refund.provider_refund_id, Refund.amount_cents)).all())
    assert len(refunds) == 2 and (first["id"], 1000) in refunds


def test_an_error_inside_returns_500_commits_nothing_and_the_retry_works(
        client, ordered, catalog, fake_stripe, monkeypatch):
    import shop.orders.lifecycle as lifecycle

    session = fake_stripe.complete(fake_stripe.only_session()["id"])
    body = event("checkout.session.completed", session)
    before = snapshot(catalog)
    real = lifecycle.order_paid

    def broken(order):
        raise RuntimeError("mail template exploded")

    monkeypatch.setattr(lifecycle, "order_paid", broken)
    assert post_event(client, body).status_code == 500
    assert snapshot(catalog) == before
    monkeypatch.setattr(lifecycle, "order_paid", real)
    assert post_event(client, body).status_code == 200
    state = snapshot(catalog)
    assert (state["order"][0], state["events"], state["outbox"]) == ("paid", 1, PAID_EMAILS)


def test_returning_customer_sees_paid_before_the_webhook(client, ordered, catalog, fake_stripe):
    session = fake_stripe.complete(fake_stripe.only_session()["id"])
    order = order_row(catalog)
    html = client.get(f"/it/orders/{order.access_token}?session_id={session['id']}").get_data(
        as_text=True)
    assert "Il tuo ordine è confermato e pagato." in html
    post_event(client, event("checkout.session.completed", session))
    state = snapshot(catalog)
    assert (state["order"][0], state["outbox"], state["order_events"]) == ("paid", PAID_EMAILS, 2)


def test_someone_elses_session_id_on_the_return_url_changes_nothing(client, catalog,
                                                                   fake_stripe):
    add(client, catalog, "SKU-APRON", 1)
    place(client, ADDRESS)
    add(client, catalog, "SKU-BISCOTTI", 1)
    place(client, ADDRESS)
    with catalog.app_context():
        first, second = db.session.scalars(select(Order).order_by(Order.id)).all()
        first_token = first.access_token
        second_session = db.session.scalar(
            select(Payment.session_id).where(Payment.order_id == second.id))
    fake_stripe.complete(second_session)
    client.get(f"/it/orders/{first_token}?session_id={second_session}")
    with catalog.app_context():
        assert [o.status for o in db.session.scalars(select(Order).order_by(Order.id))] == [
            "pending_payment", "pending_payment"]


def test_webhook_without_configuration_is_not_found(client, catalog):
    assert client.post("/webhooks/stripe", data=b"{}").status_code == 404
