"""The customer's journey, defects 6–9 and 12: what a new customer reads on the pages."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

from shop import create_app
from shop.catalog.models import Product
from shop.checkout.estimates import add_working_days
from shop.config import ProductionConfig, TestConfig
from shop.db import utcnow
from shop.extensions import db
from shop.fulfilment.routing import local_date
from shop.orders.lifecycle import order_url
from shop.store_hours import opening_summary
from shop.units import weight, work_time
from tests.fixtures.factories import make_category, make_cooperative, make_product
from tests.fixtures.orders import placed_order
from tests.fixtures.shopping import ADDRESS, add, review


def visible_text(html: str) -> str:
    """The page as read: no scripts, no tags."""
    html = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_filters_without_results_stay_shown_with_a_way_to_remove_each(client, catalog):
    """Defect 6: home goods from the bakery cooperative: nothing, and the page says why."""
    html = client.get("/it/products/?category=casa&cooperative=lievito&min_price=5")\
        .get_data(as_text=True)
    assert "<h1>Casa</h1>" in html
    assert "Nessun prodotto corrisponde a questi filtri." in html
    chips = re.findall(r'<li><a href="([^"]+)">([^<]+) <span aria-hidden="true">×', html)
    assert chips == [
        ("/it/products/?cooperative=lievito&amp;min_price=5", "Categoria: Casa"),
        ("/it/products/?category=casa&amp;min_price=5", "Cooperativa: Lievito Madre"),
        ("/it/products/?category=casa&amp;cooperative=lievito", "Da € 5,00"),
    ]
    assert re.search(r'<option value="casa" selected>Casa \(0\)</option>', html)
    assert re.search(r'<option value="lievito" selected>Lievito Madre \(\d+\)</option>', html)


def test_store_hours_are_the_same_in_footer_store_page_and_pickup_email(client, catalog):
    """Defect 7: one source of truth for the opening hours."""
    with catalog.test_request_context("/it/"):
        line_it = opening_summary("it")
    assert line_it == "Da martedì a venerdì 10:00–13:30, 15:00–19:00; Sabato 10:00–19:00"
    store = client.get("/it/store").get_data(as_text=True)
    assert line_it in store  # footer
    assert "<tr><th scope=\"row\">Da martedì a venerdì</th><td>10:00–13:30, 15:00–19:00</td>" \
        in store
    assert re.search(r'"openingHours": ?\["Tu-Fr 10:00-13:30", ?"Tu-Fr 15:00-19:00", ?'
                     r'"Sa 10:00-19:00"\]', store)
    with catalog.test_request_context("/it/"):
        from flask import render_template
        from flask_babel import force_locale

        order = placed_order([(db.session.scalar(select(Product).where(
            Product.slug == "apron")).variants[0], 1)], delivery="pickup")
        with force_locale("it"):
            email = render_template("email/order_ready_for_pickup.txt", order=order,
                                    order_link="x")
    assert f"Orari di apertura: {line_it}" in email
    for text in (store, email):
        assert "Da martedì a sabato, 10:00–19:00" not in text


def test_units_are_written_for_people():
    assert [work_time(m, "it") for m in (1800, 90, 45, 60)] == [
        "30 ore", "1 ora e 30 minuti", "45 minuti", "1 ora"]
    assert [work_time(m, "en") for m in (1800, 90, 1)] == [
        "30 hours", "1 hour and 30 minutes", "1 minute"]
    assert [weight(g, "it") for g in (22000, 1500, 800)] == ["22 kg", "1,5 kg", "800 g"]
    assert weight(1500, "en") == "1.5 kg"


def test_product_page_price_follows_the_option_and_hides_skus(client, app):
    """Defect 8: the headline is the chosen option's price; no SKU; hours and kilos."""
    with app.app_context():
        coop = make_cooperative("venature", "Venature", craft="carpentry")
        product = make_product(coop, make_category("casa", "Casa", "Home"), slug="libreria",
                               name_it="Libreria", name_en="Bookcase", prices=(2800, 1600),
                               stock=(3, 0))
        product.impact_minutes_per_unit = 1800
        product.recovered_grams_per_unit = 22000
        skus = [v.sku for v in product.variants]
        db.session.commit()
    html = client.get("/it/products/libreria").get_data(as_text=True)
    assert '<p class="product-price"><span class="price" data-variant-price>€ 28,00</span>' \
        in html
    assert re.search(r'value="\d+" data-price="€ 28,00" data-label="V0" checked>', html)
    text = visible_text(html)
    assert "a partire da" not in text.lower() and " da € 16,00" not in text
    assert not any(sku in text for sku in skus)
    assert "30 ore di lavoro retribuito da" in text and "per ogni pezzo" in text
    assert "22 kg di legno recuperato sottratti ai rifiuti in ogni pezzo" in text
    assert "minuti" not in text and "22.000 g" not in text


def test_cart_shows_shipping_and_what_is_missing_for_free_shipping(client, catalog):
    """Defect 9, the cart: 32,50 of goods, 6,90 shipping, 27,50 to go for free shipping."""
    add(client, catalog, "SKU-APRON", 1)
    text = visible_text(client.get("/it/cart").get_data(as_text=True))
    assert "Spedizione in Italia € 6,90" in text
    assert "Totale con spedizione € 39,40" in text
    assert "Aggiungi ancora € 27,50 per la spedizione gratuita in Italia." in text
    assert "calcolata alla cassa" not in text
    add(client, catalog, "SKU-APRON", 1)
    text = visible_text(client.get("/it/cart").get_data(as_text=True))
    assert "Spedizione in Italia gratis" in text
    assert "Per questo ordine la spedizione in Italia è gratuita." in text


def test_review_shows_each_parts_delivery_date_and_several_parcels(client, catalog):
    """Defect 9, the review: a date per cooperative, and a word about several parcels."""
    add(client, catalog, "SKU-APRON", 1)
    add(client, catalog, "SKU-BOARD", 1)
    text = visible_text(review(client, ADDRESS).get_data(as_text=True))
    assert "Il tuo ordine arriva in 2 pacchi" in text
    from babel.dates import format_date

    today = local_date(utcnow())
    stocked = add_working_days(date.fromordinal(today.toordinal() + 2), 4)
    made = add_working_days(date.fromordinal(today.toordinal() + 10), 4)
    assert f"Filo Dritto: arrivo previsto entro il {format_date(stocked, 'long', 'it')}" in text
    assert f"Venature: arrivo previsto entro il {format_date(made, 'long', 'it')}" in text


def test_one_parcel_says_nothing_about_parcels(client, catalog):
    add(client, catalog, "SKU-APRON", 1)
    text = visible_text(review(client, ADDRESS).get_data(as_text=True))
    assert "pacchi" not in text
    assert "Filo Dritto: arrivo previsto entro" in text


def test_email_links_follow_the_request_in_development_only(app, catalog):
    """Defect 12: development derives the base URL from the request; production does not."""
    keep = ("SQLALCHEMY_DATABASE_URI", "INSTANCE_PATH", "MEDIA_ROOT", "SEARCH_INDEX_DIR")
    dev_app = create_app(type("DevelopmentTestConfig", (TestConfig,), {
        **{k: app.config[k] for k in keep}, "BASE_URL_FROM_REQUEST": True}))
    with dev_app.test_request_context("/it/", base_url="http://192.168.1.20:5107"):
        dev_app.preprocess_request()
        order = placed_order([(db.session.scalar(select(Product).where(
            Product.slug == "apron")).variants[0], 1)])
        link = order_url(order)
        db.session.remove()
        db.engine.dispose()
    assert link == f"http://192.168.1.20:5107/it/orders/{order.access_token}"
    with app.test_request_context("/it/", base_url="http://192.168.1.20:5107"):
        app.preprocess_request()
        order = db.session.get(type(order), order.id)
        assert order_url(order).startswith("http://127.0.0.1:5000/it/orders/")
    assert ProductionConfig.BASE_URL_FROM_REQUEST is False
