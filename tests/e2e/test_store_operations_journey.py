"""The store's day: goods asked from a workshop, sent, received short, one sold at the counter
with its receipt, and a line of an online order refunded.

Runs on a tablet (the counter's) and on a desktop; every page reached is checked by the
harness (axe-core, console, assets).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from shop.catalog.models import Cooperative
from shop.catalog.seed import DEMO_USERS
from shop.extensions import db
from tests.e2e.conftest import AXE_PATH
from tests.e2e.signin import sign_in as sign_in_with_code
from tests.e2e.test_coop_journey import stocked_variant
from tests.fixtures.orders import paid_order

STAFF = next(u for u in DEMO_USERS if u.role == "staff")
COOP = next(u for u in DEMO_USERS if u.role == "coop")
TABLET = {"viewport": {"width": 820, "height": 1180}, "device_scale_factor": 1,
          "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}


@pytest.fixture(params=["tablet", "desktop"])
def viewport(request) -> str:
    return request.param


@pytest.fixture
def page(browser, viewport, live_server) -> Iterator[Page]:
    context = browser.new_context(**(TABLET if viewport == "tablet" else DESKTOP),
                                  locale="de-DE", timezone_id="Europe/Rome", bypass_csp=True)
    context.set_default_timeout(10_000)
    context.add_init_script(path=str(AXE_PATH))
    page = context.new_page()
    yield page
    context.close()


@dataclass(frozen=True)
class Day:
    cooperative: str
    product: str
    sku: str
    order_id: int
    order_number: str
    order_line_id: int
    unit_price: str


@pytest.fixture
def day(demo_rw) -> Day:
    """The demo shop with a paid online order of one of the demo member's products."""
    with demo_rw.test_request_context():
        mine = db.session.scalars(select(Cooperative).order_by(Cooperative.id)).first()
        variant = stocked_variant(mine)
        order = paid_order([(variant, 2)], locale="it")
        cents = variant.price_cents
        return Day(mine.name, variant.product.tr("it").name, variant.sku, order.id,
                   order.number, order.lines[0].id, f"€ {cents // 100},{cents % 100:02d}")


def sign_in(shop, who) -> None:
    shop.page.context.clear_cookies()
    sign_in_with_code(shop, who.email, who.password)


def test_the_store_asks_receives_sells_and_refunds(shop, day):
    page = shop.page
    main = page.locator("main")

    sign_in(shop, STAFF)
    shop.goto("/staff/transfers/new", step="new transfer")
    page.get_by_label("Cooperativa", exact=True).select_option(label=day.cooperative)
    shop.submit("Mostra i suoi prodotti", step="its products")
    row = main.locator("tr", has_text=day.sku)
    row.get_by_role("spinbutton").fill("3")
    page.get_by_label("Nota per la cooperativa (facoltativa)").fill("Per la vetrina")
    shop.submit("Invia la richiesta", step="requested")
    expect(page.locator(".flash")).to_contain_text("richiesto")
    number = re.search(r"TR-\d{5}", page.locator("h1").inner_text()).group(0)

    sign_in(shop, COOP)
    shop.goto("/coop/transfers/", step="coop transfers")
    shop.click_link(number, step="coop transfer")
    expect(main).to_contain_text("Per la vetrina")
    shop.submit("Spedisci", step="sent")
    expect(page.locator(".flash")).to_have_text("Spedito: la merce ha lasciato gli scaffali.")

    sign_in(shop, STAFF)
    shop.goto("/staff/transfers?status=sent", step="staff transfers")
    shop.click_link(number, step="staff transfer")
    main.locator("tr", has_text=day.sku).get_by_role("spinbutton").fill("2")
    shop.submit("Conferma il ricevimento", step="received")
    expect(page.locator(".flash")).to_contain_text("1 pezzi mancanti")
    expect(main).to_contain_text("Mancanti all'arrivo")

    shop.goto("/staff/pos", step="counter")
    page.get_by_label("Nome o codice (SKU)").fill(day.sku)
    shop.submit("Cerca", step="found")
    shop.click(main.locator(".pos-add", has_text=day.sku), step="added")
    expect(main.locator(".pos-total")).to_have_text(day.unit_price)
    page.get_by_label("POS con carta").check()
    shop.click(main.locator(".pos-confirm"), step="sold")
    expect(page.locator(".flash")).to_contain_text("registrata")
    expect(main.locator(".receipt")).to_contain_text(day.unit_price)
    expect(main.locator(".receipt")).to_contain_text("POS con carta")
    shop.click_link("Scontrino 80 mm", step="receipt 80 mm")
    expect(main.locator(".receipt-80mm")).to_be_visible()

    shop.goto(f"/staff/orders/{day.order_id}", step="online order")
    page.locator(f"#qty-{day.order_line_id}").fill("1")
    page.locator(f"#ret-{day.order_line_id}").fill("1")
    page.locator("#refund-reason").fill("Taglia sbagliata")
    shop.submit("Rimborsa", step="refunded")
    expect(page.locator(".flash")).to_have_text("Rimborso registrato.")
    expect(main.locator(".refund-row")).to_contain_text("−" + day.unit_price)
