"""Staff edit the impact figures' material kind and the cooperatives' method texts."""

from __future__ import annotations

from sqlalchemy import select

from shop.accounts.models import Role
from shop.audit.models import AuditEntry
from shop.catalog.models import Cooperative, CooperativeTranslation, Variant
from shop.extensions import db
from shop.orders.models import OrderLine
from tests.fixtures.orders import paid_order, user
from tests.staff.conftest import edit_form, form_values, product_id, text_of
from tests.web.conftest import login

ADMIN = "capo@example.org"


def coop_id(app, slug: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Cooperative.id).where(Cooperative.slug == slug))


def test_the_material_kind_is_edited_and_a_paid_order_keeps_its_snapshot(staff_client, shop):
    # Given a paid order of 2 aprons (fabric, 30 min and 100 g each)
    with shop.test_request_context():
        apron_variant = db.session.scalar(select(Variant).where(Variant.sku == "SKU-APRON"))
        order = paid_order([(apron_variant, 2)], locale="en")
        token, variant_id = order.access_token, apron_variant.id
    apron = product_id(shop, "apron")
    data = edit_form(staff_client, apron)
    assert data["recovered_material"] == "fabric"

    # When staff change the apron's material to paper and its grams to 900
    data.update(recovered_material="paper", recovered_grams_per_unit="900")
    assert staff_client.post(f"/staff/catalog/products/{apron}", data=data).status_code == 303

    # Then the product page says paper, the order keeps 200 g of fabric
    product_page = text_of(staff_client.get("/en/products/apron").get_data(as_text=True))
    assert "900 g of recovered paper saved from waste in each piece" in product_page
    order_page = text_of(staff_client.get(f"/en/orders/{token}").get_data(as_text=True))
    assert "200 g of recovered fabric" in order_page and "recovered paper" not in order_page
    with shop.app_context():
        line = db.session.scalar(select(OrderLine).where(OrderLine.sku == "SKU-APRON"))
        assert (line.recovered_material, line.recovered_grams_per_unit) == ("fabric", 100)
    with shop.test_request_context():
        later = paid_order([(db.session.get(Variant, variant_id), 1)])
        assert (later.lines[0].recovered_material,
                later.lines[0].recovered_grams_per_unit) == ("paper", 900)


def test_an_unknown_material_kind_is_refused(staff_client, shop):
    apron = product_id(shop, "apron")
    data = edit_form(staff_client, apron)
    data["recovered_material"] = "plutonium"

    response = staff_client.post(f"/staff/catalog/products/{apron}", data=data)

    assert response.status_code == 400
    assert "Not a valid choice" in response.get_data(as_text=True)


def test_an_admin_edits_the_method_audited_and_it_is_public(client, shop):
    with shop.app_context():
        user(ADMIN, Role.ADMIN, locale="en")
        db.session.commit()
    filo = coop_id(shop, "filo")
    login(client, ADMIN)
    url = f"/staff/catalog/cooperatives/{filo}/impact-method"
    page = client.get(f"/staff/catalog/cooperatives/{filo}").get_data(as_text=True)
    data = form_values(page, url)
    data.update(impact_method_it="Cronometriamo ogni grembiule per un mese.",
                impact_method_en="We time every apron for a month.")

    response = client.post(url, data=data)

    assert response.status_code == 303
    with shop.app_context():
        entry = db.session.scalar(select(AuditEntry).where(
            AuditEntry.action == "cooperative.impact_method"))
        assert entry.entity_id == str(filo)
        assert entry.after == {"it": "Cronometriamo ogni grembiule per un mese.",
                               "en": "We time every apron for a month."}
        assert entry.before == {"it": "", "en": ""}
    italian = client.get("/it/impact").get_data(as_text=True)
    english = client.get("/en/impact").get_data(as_text=True)
    assert "<dt>Filo Dritto</dt><dd>Cronometriamo ogni grembiule per un mese.</dd>" in italian
    assert "<dt>Filo Dritto</dt><dd>We time every apron for a month.</dd>" in english


def test_a_method_naming_a_crime_is_refused(client, shop):
    with shop.app_context():
        user(ADMIN, Role.ADMIN, locale="en")
        db.session.commit()
    filo = coop_id(shop, "filo")
    login(client, ADMIN)
    url = f"/staff/catalog/cooperatives/{filo}/impact-method"
    data = form_values(client.get(f"/staff/catalog/cooperatives/{filo}").get_data(as_text=True),
                       url)
    data.update(impact_method_it="Misurato durante la pena.", impact_method_en="")

    response = client.post(url, data=data)

    assert response.status_code == 409
    with shop.app_context():
        rows = db.session.scalars(select(CooperativeTranslation.impact_method).where(
            CooperativeTranslation.cooperative_id == filo)).all()
        assert set(rows) <= {""}
        assert db.session.scalar(select(AuditEntry).where(
            AuditEntry.action == "cooperative.impact_method")) is None


def test_plain_staff_have_no_method_editor(staff_client, shop):
    filo = coop_id(shop, "filo")
    page = staff_client.get(f"/staff/catalog/cooperatives/{filo}").get_data(as_text=True)
    assert "impact-method" not in page
    data = {"csrf_token": form_values(page, f"/staff/catalog/cooperatives/{filo}")["csrf_token"],
            "impact_method_it": "x", "impact_method_en": "y"}

    response = staff_client.post(f"/staff/catalog/cooperatives/{filo}/impact-method", data=data)

    assert response.status_code == 404
