"""The staff list: every cooperative's parts and the store's, and the moves only staff make."""

from __future__ import annotations

import re

from shop.extensions import db
from shop.fulfilment.models import Fulfilment
from tests.conftest import csrf_token
from tests.web.conftest import login


def ids(html: str) -> set[int]:
    return {int(i) for i in re.findall(r'href="/staff/fulfilments/(\d+)"', html)}


def test_staff_see_every_cooperative_and_filter_by_one(client, world):
    login(client, world.staff_email)

    everything = client.get("/staff/fulfilments").get_data(as_text=True)
    only_wood = client.get("/staff/fulfilments?cooperative=2").get_data(as_text=True)

    assert {world.a.fulfilment_id, world.b.fulfilment_id, world.a.pickup_fulfilment_id,
            world.b.pickup_fulfilment_id} <= ids(everything)
    assert ids(only_wood) == {world.b.fulfilment_id, world.b.pickup_fulfilment_id}
    detail = client.get(f"/staff/fulfilments/{world.a.fulfilment_id}").get_data(as_text=True)
    assert "giulia@example.org" in detail
    assert "Annulla questa parte" in detail


def test_staff_collect_a_pickup_part_the_cooperative_brought(app, client, world):
    login(client, world.a.member_email)
    url = f"/coop/fulfilments/{world.a.pickup_fulfilment_id}"
    for to in ("accepted", "ready", "delivered_to_store"):
        client.post(f"{url}/status", data={"to": to, "csrf_token": csrf_token(client, url)})
    refused = client.post(f"{url}/status", data={"to": "collected",
                                                 "csrf_token": csrf_token(client, url)})
    assert refused.status_code == 409
    client.post("/it/account/logout", data={"csrf_token": csrf_token(client, url)})

    login(client, world.staff_email)
    staff_url = f"/staff/fulfilments/{world.a.pickup_fulfilment_id}"
    response = client.post(f"{staff_url}/status", data={
        "to": "collected", "csrf_token": csrf_token(client, staff_url)})

    assert (response.status_code, response.location) == (303, staff_url)
    with app.app_context():
        assert db.session.get(Fulfilment, world.a.pickup_fulfilment_id).status == "collected"


def test_members_and_customers_find_no_staff_area(client, world):
    for email in (world.a.member_email, world.customer_email):
        login(client, email)
        assert client.get("/staff/fulfilments").status_code == 404
        assert client.get(f"/staff/fulfilments/{world.a.fulfilment_id}").status_code == 404
        client.post("/it/account/logout",
                    data={"csrf_token": csrf_token(client, "/it/account/password-reset")})
    assert client.get("/staff/fulfilments").location.startswith("/it/account/login")


def test_the_customers_order_page_shows_each_part(client, world):
    html = client.get(f"/en/orders/{world.pickup_order_token}").get_data(as_text=True)

    assert "<h3 class=\"h-small\" id=\"o-progress\">Progress</h3>" in html
    assert html.count('<li class="part">') == 2
    assert "Filo Dritto" in html and "Legno Buono" in html
    assert "Being prepared" in html
    assert "Paid, being prepared" in html
