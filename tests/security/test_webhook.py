"""The Stripe webhook: only a repeated event id is a duplicate; a wrong amount pays nothing."""

from __future__ import annotations

import json
import logging

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from shop.extensions import db
from shop.orders.models import Order
from shop.payments import services as payments
from tests.fixtures.fake_stripe import event
from tests.payments.test_stripe import PAID_EMAILS, post_event, snapshot


def test_an_integrity_error_that_is_not_a_repeat_is_a_500_and_rolls_back(
        client, ordered, catalog, fake_stripe, monkeypatch):
    session = fake_stripe.complete(fake_stripe.only_session()["id"])
    body = event("checkout.session.completed", session)
    before = snapshot(catalog)
    real = payments.session_paid

    def clash(*args, **kwargs):
        db.session.flush()
        raise IntegrityError("INSERT INTO payment …", {}, Exception("unique payment_intent"))

    monkeypatch.setattr(payments, "session_paid", clash)
    response = post_event(client, body)
    assert response.status_code == 500
    assert snapshot(catalog) == before  # the event id too: Stripe's retry will apply it
    monkeypatch.setattr(payments, "session_paid", real)
    assert post_event(client, body).get_json() == {"status": "ok"}
    assert post_event(client, body).get_json() == {"status": "duplicate"}
    state = snapshot(catalog)
    assert (state["order"][0], state["events"], state["outbox"]) == ("paid", 1, PAID_EMAILS)


@pytest.mark.parametrize(("change", "detail"), [
    ({"amount_total": 100}, "amount 100 differs from the order total"),
    ({"currency": "usd"}, "currency usd is not eur"),
])
def test_a_paid_session_that_differs_from_the_order_pays_nothing_and_asks_staff(
        client, ordered, catalog, fake_stripe, caplog, change, detail):
    session = {**fake_stripe.complete(fake_stripe.only_session()["id"]), **change}
    caplog.set_level(logging.INFO, logger="shop.security")
    response = post_event(client, event("checkout.session.completed", session))
    assert response.status_code == 200
    with catalog.app_context():
        order = db.session.scalar(select(Order))
        assert order.status == "pending_payment"
        assert order.paid_at is None
        assert f"payment {session['id']} refused: {detail}" in order.needs_attention
    assert snapshot(catalog)["outbox"] == []
    logged = [json.loads(r.getMessage()) for r in caplog.records if r.name == "shop.security"]
    assert [(e["event"], e["order_id"]) for e in logged] == [
        ("webhook.amount_mismatch", order.id)]


def test_a_bad_signature_is_logged_without_the_payload(client, ordered, catalog, fake_stripe,
                                                       caplog):
    session = fake_stripe.complete(fake_stripe.only_session()["id"])
    caplog.set_level(logging.INFO, logger="shop.security")
    response = post_event(client, event("checkout.session.completed", session), secret="whsec_x")
    assert response.status_code == 400
    (record,) = [r for r in caplog.records if r.name == "shop.security"]
    line = json.loads(record.getMessage())
    assert line["event"] == "webhook.bad_signature"
    assert line["ip"] == "127.0.0.1"
    assert session["id"] not in record.getMessage()
