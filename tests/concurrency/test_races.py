"""Races that only show under load: the last unit, and carts locking rows in opposite orders.

Each shopper is a test client in its own thread, prepared up to the place-order button; a
barrier releases them together. On PostgreSQL this exercises SELECT ... FOR UPDATE, on
SQLite BEGIN IMMEDIATE.
"""

from __future__ import annotations

import re
import threading
import time

from sqlalchemy import func, select

from shop.catalog.models import Variant
from shop.extensions import db
from shop.inventory.models import Stock
from shop.orders.models import Order
from tests.fixtures.shopping import ADDRESS, add, csrf, review


def ready_to_place(app, skus: list[str]):
    """A client with these SKUs in its cart and the review page's form data."""
    client = app.test_client()
    for sku in skus:
        add(client, app, sku, 1)
    html = review(client, ADDRESS).get_data(as_text=True)
    form_html = html.split("/checkout/place")[1].split("</form>")[0]
    data = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form_html))
    return client, {**data, "csrf_token": csrf(html), "accept_terms": "y"}


def place_together(app, shoppers) -> list:
    barrier = threading.Barrier(len(shoppers))
    results: list = [None] * len(shoppers)

    def go(i, client, data):
        barrier.wait()
        results[i] = client.post("/it/checkout/place", data=data)

    threads = [threading.Thread(target=go, args=(i, c, d)) for i, (c, d) in enumerate(shoppers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads), "a checkout hung"
    return results


def stock(app, sku: str) -> list[tuple[int, int]]:
    with app.app_context():
        return sorted(db.session.execute(
            select(Stock.on_hand, Stock.allocated).join(Variant, Variant.id == Stock.variant_id)
            .where(Variant.sku == sku)).all())


def test_twenty_shoppers_for_the_last_unit_one_gets_it(catalog):
    shoppers = [ready_to_place(catalog, ["SKU-TOTE"]) for _ in range(20)]
    results = place_together(catalog, shoppers)
    statuses = sorted(r.status_code for r in results)
    assert statuses == [302] * 19 + [303]
    winners = [r for r in results if r.status_code == 303]
    assert "/checkout/demo/" in winners[0].location
    losers = [(client, r) for (client, _), r in zip(shoppers, results, strict=True)
              if r.status_code == 302]
    assert all(r.location == "/it/cart" for _, r in losers)
    for client, _ in losers:
        html = client.get("/it/cart").get_data(as_text=True)
        assert ("ne hai chiesti 1, ora se ne possono riservare solo 0" in html
                or "Qualcosa nel carrello è cambiato" in html)
        assert "Borsa (V0) è esaurito: rimuovilo per continuare." in html
    assert stock(catalog, "SKU-TOTE") == [(1, 1)]
    with catalog.app_context():
        assert db.session.scalar(select(func.count(Order.id))) == 1


def test_opposite_carts_at_once_do_not_deadlock(catalog):
    shoppers = []
    for i in range(8):
        skus = ["SKU-APRON", "SKU-BISCOTTI"] if i % 2 == 0 else ["SKU-BISCOTTI", "SKU-APRON"]
        shoppers.append(ready_to_place(catalog, skus))
    started = time.monotonic()
    results = place_together(catalog, shoppers)
    elapsed = time.monotonic() - started
    outcomes = sorted(r.status_code for r in results)
    # Five aprons can ship from the workshop: five orders get both, three are told why not.
    assert outcomes == [302] * 3 + [303] * 5
    assert stock(catalog, "SKU-APRON") == [(2, 0), (5, 5)]
    assert stock(catalog, "SKU-BISCOTTI") == [(30, 5)]
    assert elapsed < 30
