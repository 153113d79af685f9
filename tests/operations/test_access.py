"""Nobody but staff reaches the operations pages, and a refused request changes nothing.

The routes come from app.url_map, so a route added later is covered too.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from shop.audit.models import AuditEntry
from shop.inventory.models import Stock, StockMovement, StockThreshold, Transfer
from shop.orders.models import Order
from shop.payments.models import Refund
from tests.conftest import csrf_token
from tests.operations.conftest import login, reading

MINE = ("staff.stock", "staff.transfer", "staff.pos", "staff.order", "staff.statement")


def my_rules(app):
    return sorted((r for r in app.url_map.iter_rules() if r.endpoint.startswith(MINE)),
                  key=lambda r: (r.rule, r.endpoint))


def state(app) -> tuple:
    with reading(app) as session:
        return (sorted(session.execute(select(Stock.id, Stock.on_hand, Stock.allocated))),
                *(session.scalar(select(func.count(model.id))) for model in (
                    StockMovement, StockThreshold, Transfer, Order, Refund, AuditEntry)))


def url_for_rule(app, rule, shop) -> str:
    values = {"variant_id": shop.apron, "location_id": shop.store, "transfer_id": 1,
              "move": "send", "order_id": 1, "fulfilment_id": 1, "cooperative_id": shop.sew,
              "year": 2026, "month": 11}
    unknown = rule.arguments - set(values)
    assert not unknown, f"teach this test what {unknown} of {rule.rule} mean"
    with app.test_request_context():
        return app.url_map.bind("localhost").build(
            rule.endpoint, {k: v for k, v in values.items() if k in rule.arguments})


def test_the_walk_covers_every_operations_endpoint(app):
    assert {r.endpoint for r in my_rules(app)} >= {
        "staff.stock_grid", "staff.stock_export", "staff.stock_detail", "staff.stock_threshold",
        "staff.stock_adjust", "staff.stock_import", "staff.stock_import_preview",
        "staff.transfer_list", "staff.transfer_new", "staff.transfer_create",
        "staff.transfer_detail", "staff.transfer_move", "staff.pos", "staff.pos_line",
        "staff.pos_clear", "staff.pos_sale", "staff.pos_receipt", "staff.order_list",
        "staff.order_detail", "staff.order_cancel", "staff.order_part_cancel",
        "staff.order_refund", "staff.order_resend", "staff.statement_list",
        "staff.statement_csv"}


@pytest.mark.parametrize("who", [None, "cliente@example.org", "anna@filo.example"])
def test_non_staff_reach_nothing_and_change_nothing(app, client, shop, who):
    if who:
        login(client, who)
        token = csrf_token(client, "/it/")  # the sign-out form carries one
    else:
        token = csrf_token(client, "/it/account/login")
    before = state(app)
    for rule in my_rules(app):
        url = url_for_rule(app, rule, shop)
        for method in sorted(rule.methods & {"GET", "POST"}):
            data = {"csrf_token": token, "quantity": "1", "reason": "damaged", "minimum": "1",
                    "variant_id": shop.apron, "method": "cash", "cooperative": shop.sew,
                    f"qty-{shop.apron}": "1", "full": "1", "request_key": "x", "kind":
                    "order_confirmation"}
            response = client.get(url) if method == "GET" else client.post(url, data=data)
            if who is None:
                assert response.status_code == 302, (method, url)
                assert "/account/login" in response.location
            else:
                assert response.status_code == 404, (method, url, who)
    assert state(app) == before
