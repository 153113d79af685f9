"""Impact in the browser: what a piece pays for, what an order funded, the public page.

Phone and desktop; every page checked by axe-core.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from shop.catalog.models import Product, ProductStatus
from shop.extensions import db
from shop.units import weight, work_time
from tests.fixtures.orders import paid_order

UI = {
    "it": {"work": "Il lavoro che paga", "funds": "Che cosa finanzia il tuo ordine",
           "will_fund": "Cosa finanzierà il tuo ordine", "quantity": "Quantità",
           "add": "Aggiungi al carrello", "name": "Nome e cognome", "address": "Indirizzo",
           "cap": "CAP", "city": "Città", "province": "Provincia (es. MI)",
           "method": re.compile(r"Corriere in Italia,"), "continue": "Continua al riepilogo",
           "chart": "Ore di lavoro retribuito e chili di materiale recuperato al mese",
           "table": "Mostra i dati in tabella", "ledger": "Il registro in JSON"},
    "en": {"work": "Work it pays for", "funds": "What your order funds",
           "will_fund": "What your order will fund", "quantity": "Quantity",
           "add": "Add to cart", "name": "Full name", "address": "Address",
           "cap": "Postcode (CAP)", "city": "City", "province": "Province (e.g. MI)",
           "method": re.compile(r"Courier within Italy,"), "continue": "Continue to review",
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


def single_variant_impact_product(app):
    """A stocked product with one option and both figures: (slug, minutes, grams, coop)."""
    with app.app_context():
        for product in db.session.scalars(select(Product).where(
                Product.status == ProductStatus.ACTIVE, Product.made_to_order.is_(False),
                Product.impact_minutes_per_unit > 0, Product.recovered_grams_per_unit > 0)
                .order_by(Product.id)):
            if len(product.active_variants) == 1 and not product.bundle_items:
                return (product.slug, product.impact_minutes_per_unit,
                        product.recovered_grams_per_unit, product.cooperative.name)
    raise AssertionError("the demo catalog has no single-option product with impact figures")


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_review_step_shows_what_the_order_will_fund(shop, demo_rw, lang):
    ui, page = UI[lang], shop.page
    slug, minutes, grams, coop = single_variant_impact_product(demo_rw)

    shop.goto(f"/{lang}/products/{slug}", step="product")
    page.get_by_label(ui["quantity"], exact=True).fill("2")
    shop.submit(ui["add"], step="added")
    shop.goto(f"/{lang}/checkout", step="details")
    page.get_by_label("Email", exact=True).fill("giulia@example.org")
    page.get_by_label(ui["name"], exact=True).fill("Giulia Neri")
    page.get_by_label(ui["address"], exact=True).fill("Viale Monza 12")
    page.get_by_label(ui["cap"], exact=True).fill("20127")
    page.get_by_label(ui["city"], exact=True).fill("Milano")
    page.get_by_label(ui["province"], exact=True).fill("MI")
    page.get_by_role("radio", name=ui["method"]).check()
    shop.submit(ui["continue"], step="review impact")

    panel = page.locator(".impact-panel")
    expect(panel.get_by_role("heading", level=2)).to_have_text(ui["will_fund"])
    expect(panel).to_contain_text(work_time(2 * minutes, lang))
    expect(panel).to_contain_text(weight(2 * grams, lang))
    expect(panel.locator(".impact-list li")).to_have_count(1)
    expect(panel.locator(".impact-list li")).to_contain_text(coop)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= page.viewport_size["width"]


COMPANY_UI = {
    "it": {"statement": "Dichiarazione d'impatto", "hours": "ore di lavoro retribuito",
           "ledger": "Voci del registro di questi ordini"},
    "en": {"statement": "Impact statement", "hours": "hours of paid work",
           "ledger": "Ledger entries of these orders"},
}


def company_with_a_paid_order(app, email: str) -> tuple[str, int]:
    """A company whose contact signs in with PASSWORD, and one of its orders paid today."""
    import secrets

    from shop.accounts.models import Role
    from shop.catalog.models import Variant
    from shop.db import utcnow
    from shop.quotes.models import Company, QuoteRequest, QuoteStatus
    from tests.fixtures.orders import user

    with app.test_request_context():
        company = db.session.scalar(select(Company).where(Company.vat_number == "00743110157"))
        if company is None:
            company = Company(name="Acme Regali S.r.l.", vat_number="00743110157")
            db.session.add(company)
            db.session.flush()
        user(email, Role.COMPANY).company_id = company.id
        _slug, variant_id = stocked_product_with_impact(app)
        order = paid_order([(db.session.get(Variant, variant_id), 3)])
        db.session.add(QuoteRequest(
            token=secrets.token_urlsafe(16), company_id=company.id, contact_name="Laura",
            contact_email=email, status=QuoteStatus.ORDERED, order_id=order.id))
        db.session.commit()
        return order.number, utcnow().year


@pytest.mark.parametrize("lang", ["it", "en"])
def test_a_company_opens_its_yearly_impact_statement(shop, demo_rw, lang, viewport):
    from tests.e2e.signin import sign_in
    from tests.fixtures.orders import PASSWORD

    ui, page = COMPANY_UI[lang], shop.page
    email = f"laura-{lang}-{viewport}@acme.example"
    number, year = company_with_a_paid_order(demo_rw, email)
    sign_in(shop, email, PASSWORD, lang=lang)

    shop.goto(f"/{lang}/account/company", step="company account")
    shop.click_link(f"{ui['statement']} {year}", step="yearly statement")

    expect(page.get_by_role("heading", level=1)).to_have_text(f"{ui['statement']} {year}")
    expect(page.locator(".hero-figures")).to_contain_text(ui["hours"])
    expect(page.locator(".ledger-refs")).to_contain_text(number)
    expect(page.get_by_role("region", name=ui["ledger"])).to_be_visible()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= page.viewport_size["width"]
    with page.expect_download() as download:
        page.locator("a[href$='.pdf']").click()
    assert download.value.suggested_filename == f"impact-{year}.pdf"
