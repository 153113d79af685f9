"""Store staff create a product in both languages with a photo, preview it, publish, find it.

Runs on a phone and on a desktop; every page reached is checked by the harness (axe-core,
console, assets, screenshots).
"""

from __future__ import annotations

import gc
import warnings

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from shop.catalog.seed import DEMO_USERS
from shop.extensions import db
from shop.search import reindex
from tests.e2e.signin import sign_in

STAFF_USER = next(u for u in DEMO_USERS if u.role == "staff")


@pytest.fixture
def catalog_ready(demo_rw):
    """The demo catalog, this test's to change, and a search index of exactly it.

    The live server answers each request in a new thread, and the search keeps one open
    searcher per thread (shop.search.store): when a thread ends after the index changed,
    its searcher's files are closed by the garbage collector, which warns. Production
    workers keep their threads; here those warnings are not the journey's concern.
    """
    with demo_rw.app_context():
        reindex()
        db.session.remove()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        yield demo_rw
        gc.collect()


@pytest.fixture
def photo(tmp_path):
    """A product photo as a phone would take it: a JPEG of a blue tote on linen."""
    image = Image.new("RGB", (1600, 1200), (228, 220, 205))
    draw = ImageDraw.Draw(image)
    draw.rectangle([520, 380, 1080, 1020], fill=(63, 95, 138))
    draw.arc([640, 160, 960, 560], 180, 360, fill=(63, 95, 138), width=40)
    path = tmp_path / "IMG_4411.jpg"
    image.save(path, format="JPEG", quality=88)
    return path


def test_staff_create_preview_publish_and_find_a_product(shop, catalog_ready, photo):
    page = shop.page
    sign_in(shop, STAFF_USER.email, STAFF_USER.password)

    shop.goto("/staff/catalog/products", step="product list")
    expect(page.get_by_role("heading", level=1)).to_have_text("Prodotti")
    shop.click_link("Nuovo prodotto", step="new product")
    page.get_by_label("Nome in italiano", exact=True).fill("Borsa della spesa turchina")
    page.get_by_label("Nome in inglese", exact=True).fill("Turquoise shopping bag")
    page.get_by_label("Descrizione in italiano", exact=True).fill(
        "Tela robusta, manici lunghi.")
    page.get_by_label("Descrizione in inglese", exact=True).fill(
        "Sturdy canvas, long handles.")
    page.get_by_label("Storia in italiano", exact=True).fill(
        "Cucita nel laboratorio di San Vittore.\n\nOgni borsa è *unica*.")
    page.get_by_label("Storia in inglese", exact=True).fill(
        "Sewn in the San Vittore workshop.\n\nEvery bag is *unique*.")
    page.get_by_label("Cooperativa", exact=True).select_option(label="Cooperativa Filo Dritto")
    page.get_by_label("Codice (SKU) della prima variante").fill("BORSA-TURCH-01")
    page.get_by_label("Prezzo in euro, IVA inclusa").fill("18,50")
    shop.submit("Crea il prodotto", step="created")
    expect(page.locator(".flash")).to_have_text(
        "Prodotto creato. Aggiungi le foto, poi pubblicalo.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Borsa della spesa turchina")

    page.get_by_label("Foto (JPEG, PNG o WebP, fino a 10 MB)").set_input_files(str(photo))
    page.get_by_label("Descrizione della foto in italiano", exact=True).fill(
        "Borsa turchina su fondo di lino")
    page.get_by_label("Descrizione della foto in inglese", exact=True).fill(
        "Turquoise bag on a linen background")
    shop.submit("Carica la foto", step="photo uploaded")
    expect(page.locator(".flash")).to_have_text("Foto aggiunta.")
    expect(page.get_by_role("img", name="Borsa turchina su fondo di lino")).to_be_visible()

    shop.click_link("Vedi nel negozio (inglese)", step="draft preview")
    expect(page.locator(".preview-banner")).to_contain_text("Draft")
    expect(page.get_by_role("heading", level=1)).to_have_text("Turquoise shopping bag")
    expect(page.locator("img.gallery-main")).to_have_attribute(
        "alt", "Turquoise bag on a linen background")
    expect(page.locator(".origin-text em")).to_have_text("unique")
    shop.click_link("Back to editing", step="back to editing")

    shop.submit("Pubblica", step="published")
    expect(page.locator(".flash")).to_have_text("Stato cambiato.")
    expect(page.locator("h1 .status-badge")).to_have_text("Pubblicato")

    shop.goto("/it/search?q=turchina", step="search in Italian")
    expect(page.locator("main")).to_contain_text("Borsa della spesa turchina")
    expect(page.locator("main")).to_contain_text("€ 18,50")
    shop.goto("/en/search?q=turquoise", step="search in English")
    expect(page.locator("main")).to_contain_text("Turquoise shopping bag")
    shop.click_link("Turquoise shopping bag", step="product page", exact=False)
    expect(page.locator(".preview-banner")).to_have_count(0)
