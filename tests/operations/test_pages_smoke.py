"""Every staff page of the operations renders for staff, with the store's real data."""

from __future__ import annotations

from tests.operations.conftest import login


def test_every_page_renders(client, shop):
    login(client, "negozio@example.org")
    for url in ("/staff/stock", "/staff/stock?low=1&cooperative=1&q=apron",
                f"/staff/stock/{shop.apron}/{shop.store}", "/staff/stock/import",
                "/staff/stock.csv", "/staff/transfers", "/staff/transfers/new",
                f"/staff/transfers/new?cooperative={shop.sew}", "/staff/pos",
                "/staff/pos?q=grembiule", "/staff/orders", "/staff/statements"):
        response = client.get(url)
        assert response.status_code == 200, url
