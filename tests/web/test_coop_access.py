"""Every /coop/ route keeps each cooperative to its own rows, and everyone else out.

The routes are read from app.url_map, so a route added later is covered (or this test
fails until it learns what the route's arguments mean).
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from shop.extensions import db
from shop.fulfilment.models import Fulfilment, FulfilmentEvent
from shop.fulfilment.services import today_local
from shop.inventory.models import Stock, StockMovement
from shop.notifications.models import OutboxMessage
from shop.orders.models import Allocation, Order
from tests.conftest import csrf_token
from tests.web.conftest import login

ID_ARGUMENTS = {"fulfilment_id", "variant_id", "transfer_id"}
MONTH_ARGUMENTS = {"year", "month"}
# What a POST carries: enough to be a valid request if the ids were the member's own.
POST_DATA = {"to": "accepted", "carrier": "brt", "tracking_code": "BRT123456",
             "reason": "production", "quantity": "3", "note": "x"}


def coop_rules(app):
    return sorted((r for r in app.url_map.iter_rules() if r.endpoint.startswith("coop.")),
                  key=lambda r: r.rule)


def state() -> tuple:
    """Everything a request could change, to compare before and after."""
    db.session.expire_all()
    return (
        sorted(db.session.execute(select(Fulfilment.id, Fulfilment.status, Fulfilment.carrier,
                                         Fulfilment.tracking_code))),
        db.session.scalar(select(func.count(FulfilmentEvent.id))),
        sorted(db.session.execute(select(Stock.id, Stock.on_hand, Stock.allocated))),
        db.session.scalar(select(func.count(StockMovement.id))),
        sorted(db.session.execute(select(Allocation.id, Allocation.status))),
        sorted(db.session.execute(select(Order.id, Order.status))),
        db.session.scalar(select(func.count(OutboxMessage.id))),
    )


def build(app, rule, values: dict) -> str:
    with app.test_request_context():
        return app.url_map.bind("localhost").build(rule.endpoint, values)


def args_for(rule, side) -> dict:
    unknown = rule.arguments - ID_ARGUMENTS - MONTH_ARGUMENTS - {"move"}
    assert not unknown, f"teach this test what {unknown} of {rule.rule} mean"
    today = today_local()
    values = {"year": today.year, "month": today.month}
    values.update({"fulfilment_id": side.fulfilment_id, "variant_id": side.variant_id,
                   "transfer_id": side.fulfilment_id + 5000, "move": "send"})
    return {k: v for k, v in values.items() if k in rule.arguments}


def test_the_coop_area_has_the_routes_this_test_knows(app):
    assert {r.endpoint for r in coop_rules(app)} == {
        "coop.dashboard", "coop.fulfilment_detail", "coop.fulfilment_advance",
        "coop.fulfilment_ship", "coop.stock_list", "coop.stock_detail", "coop.stock_adjust",
        "coop.statement_list", "coop.statement_detail", "coop.statement_csv",
        "coop.security", "coop.security_enable", "coop.security_disable",
        "coop.transfer_list", "coop.transfer_detail", "coop.transfer_move",
        "coop.fulfilment_packing_slip"}


@pytest.mark.parametrize("who", ["a", "b"])
def test_every_route_with_another_cooperatives_id_is_404_and_changes_nothing(app, client,
                                                                             world, who):
    me, them = (world.a, world.b) if who == "a" else (world.b, world.a)
    login(client, me.member_email)
    token = csrf_token(client, "/coop/")
    with app.app_context():
        before = state()
    checked = 0
    for rule in coop_rules(app):
        if not rule.arguments & ID_ARGUMENTS:
            continue
        for foreign in (them, type(them)(**{**them.__dict__,
                                            "fulfilment_id": them.pickup_fulfilment_id}),
                        type(them)(**{**them.__dict__, "fulfilment_id": 987654,
                                      "variant_id": 987654})):
            url = build(app, rule, args_for(rule, foreign))
            for method in sorted(rule.methods & {"GET", "POST"}):
                if method == "GET":
                    response = client.get(url)
                else:
                    response = client.post(url, data={**POST_DATA, "csrf_token": token})
                assert response.status_code == 404, (method, url)
                assert them.name not in response.get_data(as_text=True)
                checked += 1
    with app.app_context():
        assert state() == before
    # fulfilment detail, advance, ship, packing slip; stock detail, adjust; transfer detail,
    # move
    assert checked == 3 * 8


@pytest.mark.parametrize("who", ["a", "b"])
def test_pages_without_ids_show_only_the_members_own_cooperative(app, client, world, who):
    me, them = (world.a, world.b) if who == "a" else (world.b, world.a)
    login(client, me.member_email)
    for rule in coop_rules(app):
        if rule.arguments & ID_ARGUMENTS or "GET" not in rule.methods:
            continue
        response = client.get(build(app, rule, args_for(rule, me)))
        body = response.get_data(as_text=True)
        assert response.status_code == 200, rule.rule
        assert them.sku not in body and them.product_name not in body, rule.rule
        assert them.name not in body, rule.rule


def test_own_ids_work_so_the_404s_above_mean_something(client, world):
    login(client, world.a.member_email)
    assert client.get(f"/coop/fulfilments/{world.a.fulfilment_id}").status_code == 200
    assert client.get(f"/coop/stock/{world.a.variant_id}").status_code == 200


def test_signed_out_visitors_are_sent_to_sign_in_and_change_nothing(app, client, world):
    with app.app_context():
        before = state()
    for rule in coop_rules(app):
        url = build(app, rule, args_for(rule, world.a))
        for method in sorted(rule.methods & {"GET", "POST"}):
            response = client.open(url, method=method, data=POST_DATA)
            if method == "GET":
                assert response.status_code == 302, url
                assert response.location.startswith("/it/account/login?next=/coop/"), url
            else:  # no session, no CSRF token: refused before anything else
                assert response.status_code == 400, url
    with app.app_context():
        assert state() == before


@pytest.mark.parametrize("email", ["cliente@example.org", "negozio@example.org"])
def test_customers_and_staff_find_nothing_under_coop(app, client, world, email):
    login(client, email)
    token = csrf_token(client, "/it/account/password-reset")
    with app.app_context():
        before = state()
    for rule in coop_rules(app):
        url = build(app, rule, args_for(rule, world.a))
        if "GET" in rule.methods:
            assert client.get(url).status_code == 404, url
        if "POST" in rule.methods:
            response = client.post(url, data={**POST_DATA, "csrf_token": token})
            assert response.status_code == 404, url
    with app.app_context():
        assert state() == before
