"""Staff edit products: the storefront and search follow at once, in both languages."""

from __future__ import annotations

from sqlalchemy import select

from shop.catalog.models import Product, ProductStatus, Variant
from shop.extensions import db
from tests.fixtures.orders import paid_order
from tests.staff.conftest import (
    CUSTOMER,
    edit_form,
    form_values,
    indexed_ids,
    product_id,
    text_of,
)
from tests.web.conftest import login


def test_editing_name_price_and_story_changes_the_storefront_and_search(staff_client, shop):
    apron = product_id(shop, "apron")
    data = edit_form(staff_client, apron)
    data.update(name_it="Grembiule da giardiniere", name_en="Gardener's apron",
                origin_story_it="Cucito a mano.\n\nOgni *tasca* è rinforzata.",
                origin_story_en="Sewn by hand.\n\nEvery *pocket* is reinforced.")

    saved = staff_client.post(f"/staff/catalog/products/{apron}", data=data)
    variant_id = _variant_id(shop, "SKU-APRON")
    url = f"/staff/catalog/products/{apron}/variants/{variant_id}"
    price = form_values(staff_client.get(url).get_data(as_text=True), url)
    price.update(price="29,90", label_en="One size")
    priced = staff_client.post(url, data=price)

    assert (saved.status_code, priced.status_code) == (303, 303)
    page_it = staff_client.get("/it/products/apron").get_data(as_text=True)
    page_en = staff_client.get("/en/products/apron").get_data(as_text=True)
    assert "<h1 id=\"product-title\">Grembiule da giardiniere</h1>" in page_it
    assert "<p>Ogni <em>tasca</em> è rinforzata.</p>" in page_it
    assert "€ 29,90" in page_it
    assert "<h1 id=\"product-title\">Gardener&#39;s apron</h1>" in page_en
    assert "<p>Every <em>pocket</em> is reinforced.</p>" in page_en
    assert "€29.90" in page_en
    assert indexed_ids(shop, "giardiniere", "it") == [apron]
    assert indexed_ids(shop, "gardener", "en") == [apron]
    assert indexed_ids(shop, "rinforzata", "it") == [apron]
    found_it = text_of(staff_client.get("/it/search?q=giardiniere").get_data(as_text=True))
    found_en = text_of(staff_client.get("/en/search?q=gardener").get_data(as_text=True))
    assert "Grembiule da giardiniere" in found_it and "€ 29,90" in found_it
    assert "Gardener's apron" in found_en and "€29.90" in found_en


def test_archiving_removes_a_product_from_the_listing_and_search(staff_client, shop):
    apron = product_id(shop, "apron")
    assert indexed_ids(shop, "grembiule", "it") == [apron]
    data = edit_form(staff_client, apron)
    data["status"] = "archived"

    response = staff_client.post(f"/staff/catalog/products/{apron}", data=data)

    assert response.status_code == 303
    assert indexed_ids(shop, "grembiule", "it") == []
    assert indexed_ids(shop, "apron", "en") == []
    assert "/products/apron" not in staff_client.get("/it/products/").get_data(as_text=True)
    staff_client.post("/it/account/logout", data={"csrf_token": data["csrf_token"]})
    assert staff_client.get("/it/products/apron").status_code == 404


def test_a_new_product_is_a_draft_only_staff_see_with_a_banner(staff_client, shop):
    page = staff_client.get("/staff/catalog/products/new").get_data(as_text=True)
    data = form_values(page, "/staff/catalog/products/new")
    data.update(name_it="Presine a quadri", name_en="Checked pot holders",
                description_it="Due presine.", description_en="Two pot holders.",
                cooperative="1", category="1", sku="PRESINE-01", price="12.50",
                label_it="Coppia", label_en="Pair", weight_grams="120")

    response = staff_client.post("/staff/catalog/products/new", data=data)

    assert response.status_code == 303
    with shop.app_context():
        product = db.session.scalar(select(Product).where(Product.slug == "presine-a-quadri"))
        assert product.status == ProductStatus.DRAFT
        assert [(v.sku, v.price_cents, v.label_for("en")) for v in product.variants] == [
            ("PRESINE-01", 1250, "Pair")]
        assert response.location == f"/staff/catalog/products/{product.id}"
    preview = staff_client.get("/en/products/presine-a-quadri")
    assert preview.status_code == 200
    assert "Only store staff can see this page" in preview.get_data(as_text=True)
    assert preview.headers["Cache-Control"] == "private, no-store"
    assert indexed_ids(shop, "presine", "it") == []
    client = shop.test_client()
    assert client.get("/it/products/presine-a-quadri").status_code == 404
    login(client, CUSTOMER)
    assert client.get("/it/products/presine-a-quadri").status_code == 404


def test_prices_are_typed_as_people_write_them_and_mistakes_explained(staff_client, shop):
    apron = product_id(shop, "apron")
    url = f"/staff/catalog/products/{apron}/variants/new"
    base = form_values(staff_client.get(url).get_data(as_text=True), url)
    base.update(sku="APRON-XL", label_it="Taglia XL", label_en="Size XL", weight_grams="300")
    refusals = {
        "-4,00": "A price cannot be negative.",
        "12,505": "A price has at most two decimals (cents), for example 12,50.",
        "dodici": "Type the price as a number of euro, for example 12,50 or 12.50.",
        "": "Type the price, for example 12,50.",
    }
    for typed, message in refusals.items():
        response = staff_client.post(url, data={**base, "price": typed})
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
        assert 'value="Taglia XL"' in response.get_data(as_text=True)
    assert _variant_id(shop, "APRON-XL") is None

    ok = staff_client.post(url, data={**base, "price": "34,5"})

    assert ok.status_code == 303
    with shop.app_context():
        assert db.session.scalar(select(Variant.price_cents).where(Variant.sku == "APRON-XL")) \
            == 3450


def test_a_sku_already_used_is_refused(staff_client, shop):
    apron = product_id(shop, "apron")
    url = f"/staff/catalog/products/{apron}/variants/new"
    data = form_values(staff_client.get(url).get_data(as_text=True), url)
    data.update(sku="sku-tote", label_it="Altra", label_en="Other", price="10",
                weight_grams="0")

    response = staff_client.post(url, data=data)

    assert response.status_code == 409
    assert "The SKU sku-tote is already used by another variant" in response.get_data(
        as_text=True)


def test_a_stale_form_is_refused_and_keeps_what_was_typed(staff_client, shop):
    apron = product_id(shop, "apron")
    first = edit_form(staff_client, apron)
    second = dict(first)
    first["name_en"] = "Kitchen apron"
    assert staff_client.post(f"/staff/catalog/products/{apron}", data=first).status_code == 303

    second["name_en"] = "Denim apron"
    second["materials_en"] = "denim"
    response = staff_client.post(f"/staff/catalog/products/{apron}", data=second)

    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Someone else saved this product while you were editing it." in html
    assert 'value="Denim apron"' in html and 'value="denim"' in html
    assert "<td>Kitchen apron</td><td>Denim apron</td>" in html
    with shop.app_context():
        product = db.session.get(Product, apron)
        assert (product.tr("en").name, product.tr("en").materials, product.version) == (
            "Kitchen apron", "cotton", 2)
    # Having seen the difference, saving again keeps the second person's version.
    again = form_values(html, f"/staff/catalog/products/{apron}")
    assert staff_client.post(f"/staff/catalog/products/{apron}", data=again).status_code == 303
    with shop.app_context():
        assert db.session.get(Product, apron).tr("en").name == "Denim apron"


def test_a_product_with_orders_is_archived_not_deleted(staff_client, shop):
    with shop.test_request_context():
        paid_order([(db.session.scalar(select(Variant).where(Variant.sku == "SKU-TOTE")), 1)])
    tote, board = product_id(shop, "tote"), product_id(shop, "board")
    token = edit_form(staff_client, tote)["csrf_token"]

    archived = staff_client.post(f"/staff/catalog/products/{tote}/delete",
                                 data={"csrf_token": token})
    deleted = staff_client.post(f"/staff/catalog/products/{board}/delete",
                                data={"csrf_token": token})

    assert (archived.status_code, deleted.status_code) == (303, 303)
    listing = staff_client.get("/staff/catalog/products").get_data(as_text=True)
    assert "This product appears in orders, so it was archived instead of deleted." in listing
    with shop.app_context():
        assert db.session.get(Product, tote).status == ProductStatus.ARCHIVED
        assert db.session.get(Product, board) is None
    assert indexed_ids(shop, "tagliere", "it") == []


def test_the_product_list_searches_names_and_skus_and_filters(staff_client, shop):
    def names(query: str) -> list[str]:
        html = staff_client.get(f"/staff/catalog/products?{query}").get_data(as_text=True)
        return sorted(a.split(">")[1] for a in __import__("re").findall(
            r'href="/staff/catalog/products/\d+">[^<]+', html))

    assert names("q=biscu") == ["Biscuits"]
    assert names("q=sku-board") == ["Engraved board"]
    assert names("cooperative=1") == ["Apron", "Tote bag"]
    assert names("status=draft") == []
    assert names("category=2") == ["Biscuits"]


def test_staff_read_the_catalog_in_their_own_language(client, shop):
    from tests.fixtures.orders import staff

    with shop.app_context():
        staff("italiana@example.org")
        db.session.commit()
    login(client, "italiana@example.org")

    html = client.get("/staff/catalog/products").get_data(as_text=True)

    assert "Grembiule" in html and "Apron" not in html
    assert "Pubblicato" in html and "active" not in text_of(html)


def _variant_id(app, sku: str) -> int | None:
    with app.app_context():
        return db.session.scalar(select(Variant.id).where(Variant.sku == sku))
