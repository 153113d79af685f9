"""Staff edit what is inside a gift box on its product page: audited, and validated."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from shop.catalog.models import BundleItem, Category, Cooperative, Product
from shop.extensions import db
from tests.conftest import csrf_token
from tests.fixtures.factories import make_product
from tests.staff.conftest import MEMBER, audit_count, audit_entries
from tests.web.conftest import login


@pytest.fixture
def box_id(shop) -> int:
    """A product of Filo Dritto at € 45,00, with no parts yet."""
    with shop.app_context():
        sew = db.session.scalar(select(Cooperative).where(Cooperative.slug == "filo"))
        box = make_product(sew, db.session.scalar(select(Category)), name_it="Scatola Natale",
                           name_en="Christmas box", prices=(4500,), slug="scatola-natale")
        box.variants[0].sku = "SKU-BOX"
        db.session.commit()
        return box.id


def contents(app, product_id: int) -> dict[str, int]:
    with app.app_context():
        items = db.session.scalars(select(BundleItem).where(BundleItem.bundle_id == product_id)
                                   .order_by(BundleItem.position))
        return {item.variant.sku: item.quantity for item in items}


def put(client, product_id: int, sku: str, quantity: str):
    return client.post(f"/staff/catalog/products/{product_id}/box", data={
        "csrf_token": csrf_token(client, f"/staff/catalog/products/{product_id}"),
        "box-sku": sku, "box-quantity": quantity})


def test_staff_fill_change_and_empty_a_box_each_step_audited(staff_client, shop, box_id):
    # When staff put an apron and two bags of biscuits in the box
    assert put(staff_client, box_id, "SKU-APRON", "1").status_code == 303
    assert put(staff_client, box_id, "sku-biscotti", "2").status_code == 303

    # Then the box holds them, its page lists them, and the storefront shows the contents
    assert contents(shop, box_id) == {"SKU-APRON": 1, "SKU-BISCOTTI": 2}
    page = staff_client.get(f"/staff/catalog/products/{box_id}").get_data(as_text=True)
    assert "SKU-BISCOTTI" in page and "Lievito Madre" in page
    assert "Grembiule" in staff_client.get("/it/products/scatola-natale").get_data(as_text=True)

    # When staff change the biscuits to three, then take the apron out
    assert put(staff_client, box_id, "SKU-BISCOTTI", "3").status_code == 303
    with shop.app_context():
        apron_item = db.session.scalar(select(BundleItem.id).where(
            BundleItem.bundle_id == box_id, BundleItem.quantity == 1))
    response = staff_client.post(
        f"/staff/catalog/products/{box_id}/box/{apron_item}/delete",
        data={"csrf_token": csrf_token(staff_client, f"/staff/catalog/products/{box_id}")})
    assert response.status_code == 303

    # Then the box holds three bags, and each of the four changes wrote one audit entry
    assert contents(shop, box_id) == {"SKU-BISCOTTI": 3}
    entries = [(e.action, e.entity_id, e.actor_email, e.before, e.after)
               for e in audit_entries(shop) if e.action == "product.box_contents"]
    assert entries == [
        ("product.box_contents", str(box_id), "negozio@example.org",
         {"contents": {}}, {"contents": {"SKU-APRON": 1}}),
        ("product.box_contents", str(box_id), "negozio@example.org",
         {"contents": {"SKU-APRON": 1}}, {"contents": {"SKU-APRON": 1, "SKU-BISCOTTI": 2}}),
        ("product.box_contents", str(box_id), "negozio@example.org",
         {"contents": {"SKU-APRON": 1, "SKU-BISCOTTI": 2}},
         {"contents": {"SKU-APRON": 1, "SKU-BISCOTTI": 3}}),
        ("product.box_contents", str(box_id), "negozio@example.org",
         {"contents": {"SKU-APRON": 1, "SKU-BISCOTTI": 3}}, {"contents": {"SKU-BISCOTTI": 3}}),
    ]


@pytest.mark.parametrize(("sku", "quantity", "message"), [
    ("SKU-NOPE", "1", "No variant has the SKU SKU-NOPE: check it in the product list."),
    ("SKU-APRON", "0", "Give a whole number of units from 1 to 99."),
    ("SKU-APRON", "100", "Give a whole number of units from 1 to 99."),
    ("SKU-APRON", "due", "Give a whole number of units from 1 to 99."),
    ("SKU-BOX", "1", "A gift box cannot contain its own variant."),
])
def test_bad_parts_are_refused_with_a_reason_and_nothing_changes(staff_client, shop, box_id,
                                                                  sku, quantity, message):
    before = audit_count(shop)

    response = put(staff_client, box_id, sku, quantity)

    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert contents(shop, box_id) == {}
    assert audit_count(shop) == before


def test_no_box_goes_inside_a_box_and_a_part_cannot_become_a_box(staff_client, shop, box_id):
    # Given the box holds an apron
    assert put(staff_client, box_id, "SKU-APRON", "1").status_code == 303
    with shop.app_context():
        tote_id = db.session.scalar(select(Product.id).where(Product.slug == "tote"))
        apron_id = db.session.scalar(select(Product.id).where(Product.slug == "apron"))
    before = audit_count(shop)

    # When staff try to put the box inside the tote bag, and a part inside the apron
    inside = put(staff_client, tote_id, "SKU-BOX", "1")
    into_part = put(staff_client, apron_id, "SKU-TOTE", "1")

    # Then both are refused, saying why, and nothing changed
    assert inside.status_code == into_part.status_code == 400
    assert "SKU-BOX is a gift box itself: a box cannot go inside a box." in inside.get_data(
        as_text=True)
    assert ("This product is inside another gift box, so it cannot become a box."
            in into_part.get_data(as_text=True))
    assert contents(shop, tote_id) == contents(shop, apron_id) == {}
    assert audit_count(shop) == before


def test_a_cooperative_member_cannot_change_a_box(client, shop, box_id):
    login(client, MEMBER)
    token = csrf_token(client, "/coop/")

    response = client.post(f"/staff/catalog/products/{box_id}/box",
                           data={"csrf_token": token, "box-sku": "SKU-APRON",
                                 "box-quantity": "1"})

    assert response.status_code in (302, 303, 404)
    assert contents(shop, box_id) == {}
