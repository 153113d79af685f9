"""Impact in the browser: what a piece pays for, what an order funded, the public page.

Phone and desktop; every page checked by axe-core.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from shop.catalog.models import Product, ProductStatus
from shop.extensions import db
from tests.fixtures.orders import paid_order

UI = {
    "it": {"work": "Il lavoro che paga", "funds": "Che cosa finanzia il tuo ordine",
           "chart": "Ore di lavoro retribuito e chili di materiale recuperato al mese",
           "table": "Mostra i dati in tabella", "ledger": "Il registro in JSON"},
    "en": {"work": "Work it pays for", "funds": "What your order funds",
           "chart": "Hours of paid work and kilos of material recovered per month",
           "table": "Show the figures as a table", "ledger": "The ledger as JSON"},
}


def stocked_product_with_impact(app):
    with app.app_context():
        product = db.session.scalar(select(Product).where(
            Product.status == ProductStatus.ACTIVE, Product.made_to_order.is_(False),
            Product.impact_minutes_per_unit > 0, Product.recovered_grams_per_unit > 0)
            .order_by(Product.id))
        return product.slug, product.active_variants[0].id


@pytest.mark.parametrize("lang", ["it", "en"])
def test_impact_from_the_product_to_the_public_ledger(shop, demo_rw, lang):
    ui, page = UI[lang], shop.page
    slug, variant_id = stocked_product_with_impact(demo_rw)

    shop.goto(f"/{lang}/products/{slug}", step="product impact")
    expect(page.locator(".facts")).to_contain_text(ui["work"])

    with demo_rw.test_request_context():
        from shop.catalog.models import Variant

        order = paid_order([(db.session.get(Variant, variant_id), 2)], locale=lang)
        token = order.access_token
    shop.goto(f"/{lang}/orders/{token}", step="order impact")
    panel = page.locator(".impact-panel")
    expect(panel).to_contain_text(ui["funds"])

    shop.goto(f"/{lang}/impact", step="impact page")
    chart = page.locator("svg.chart[role=img]")
    expect(chart).to_be_visible()
    expect(page.locator("#impact-chart-title")).to_contain_text(ui["chart"])
    expect(page.locator("#impact-chart-desc")).not_to_be_empty()
    page.get_by_text(ui["table"]).click()
    expect(page.locator(".chart-table table")).to_be_visible()
    shop.check("impact table open")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= page.viewport_size["width"]
    expect(page.get_by_role("link", name=ui["ledger"])).to_have_attribute(
        "href", "/impact/ledger.json")
