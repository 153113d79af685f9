"""A cooperative member ships a paid order, and the customer sees the parcel on its way.

Runs on a phone and on a desktop; every page reached is checked by the harness (axe-core,
console, assets).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from shop.catalog.models import Cooperative, Product
from shop.catalog.seed import DEMO_USERS
from shop.extensions import db
from shop.fulfilment.models import Fulfilment
from shop.inventory.models import Location, Stock
from tests.fixtures.orders import paid_order

COOP_USER = next(u for u in DEMO_USERS if u.role == "coop")


@dataclass(frozen=True)
class PaidOrder:
    number: str
    token: str
    cooperative: str
    product: str
    other_cooperative: str


def stocked_variant(cooperative: Cooperative):
    """A variant of the cooperative with units free in its workshop."""
    workshop = db.session.scalar(select(Location).where(
        Location.cooperative_id == cooperative.id))
    for product in db.session.scalars(select(Product).where(
            Product.cooperative_id == cooperative.id, Product.made_to_order.is_(False),
            Product.status == "active").order_by(Product.id)):
        for variant in product.active_variants:
            stock = db.session.scalar(select(Stock).where(
                Stock.variant_id == variant.id, Stock.location_id == workshop.id))
            if stock is not None and stock.available >= 1:
                return variant
    raise AssertionError(f"{cooperative.slug} has nothing in stock")


@pytest.fixture
def paid(demo_rw) -> PaidOrder:
    """A paid order with one item from the demo member's cooperative and one from another."""
    with demo_rw.test_request_context():
        mine, other = db.session.scalars(select(Cooperative).order_by(Cooperative.id)).all()[:2]
        variant, other_variant = stocked_variant(mine), stocked_variant(other)
        order = paid_order([(variant, 1), (other_variant, 1)], locale="it")
        assert db.session.scalar(select(Fulfilment.id).where(
            Fulfilment.order_id == order.id, Fulfilment.cooperative_id == mine.id))
        return PaidOrder(order.number, order.access_token, mine.name,
                         variant.product.tr("it").name, other.name)


def test_a_member_ships_an_order_and_the_customer_sees_the_tracking(shop, paid):
    page = shop.page

    shop.goto("/it/account/login", step="sign in")
    page.get_by_label("Email").fill(COOP_USER.email)
    page.get_by_label("Password").fill(COOP_USER.password)
    shop.submit("Accedi", step="dashboard")
    assert shop.path == "/coop/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Ordini da evadere")

    shop.click_link(paid.number, step="order part")
    main = page.locator("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(f"Ordine {paid.number}")
    expect(main).to_contain_text(paid.product)
    expect(main).not_to_contain_text(paid.other_cooperative)

    shop.submit("Accetta", step="accepted")
    expect(page.locator(".flash")).to_have_text("Fatto: ora la parte è «Accettato».")
    shop.submit("Segna come pronto", step="ready")
    page.get_by_label("Corriere").select_option("brt")
    page.get_by_label("Codice di tracciamento").fill("0612 3456 78")
    shop.submit("Spedisci e avvisa il cliente", step="shipped")
    expect(page.locator(".flash")).to_have_text("Fatto: ora la parte è «Spedito».")
    expect(main).to_contain_text("0612 3456 78")

    shop.goto(f"/it/orders/{paid.token}", step="customer order page")
    part = page.locator("li.part", has_text=paid.cooperative)
    expect(part).to_contain_text("Spedito")
    expect(part).to_contain_text("Corriere: BRT")
    tracking = part.get_by_role("link", name="0612 3456 78")
    expect(tracking).to_have_attribute(
        "href", "https://vas.brt.it/vas/sped_det_show.hsm?Nspediz=0612%203456%2078")
    expect(page.locator(".order-status")).to_contain_text("Spedito in parte")
