"""Every kind of catalog change writes exactly one audit entry, with what changed."""

from __future__ import annotations

import io

from PIL import Image
from sqlalchemy import select

from shop.catalog.models import Category, ConsentRecord, ProductImage, Variant
from shop.extensions import db
from tests.fixtures.orders import paid_order
from tests.staff.conftest import STAFF, audit_entries, edit_form, form_values, product_id


class Audit:
    """Run one change and hand back the single audit entry it wrote."""

    def __init__(self, app) -> None:
        self.app = app
        self.seen = len(audit_entries(app))

    def one(self, response, action: str):
        assert response.status_code == 303, response.get_data(as_text=True)[:500]
        entries = audit_entries(self.app)
        new = entries[self.seen:]
        self.seen = len(entries)
        assert [e.action for e in new] == [action]
        assert (new[0].actor_email, new[0].ip) == (STAFF, "127.0.0.1")
        return new[0]


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 120, 40)).save(out, format="PNG")
    return out.getvalue()


def test_each_catalog_change_writes_one_entry_with_before_and_after(staff_client, shop, uploads):
    audit = Audit(shop)
    apron = product_id(shop, "apron")
    c = staff_client

    data = edit_form(c, apron)
    entry = audit.one(c.post(f"/staff/catalog/products/{apron}", data={
        **data, "name_en": "Work apron", "vat_rate_bp": "1000"}), "product.update")
    assert (entry.entity, entry.entity_id) == ("product", str(apron))
    assert (entry.before, entry.after) == ({"vat_rate_bp": 2200, "name_en": "Apron"},
                                           {"vat_rate_bp": 1000, "name_en": "Work apron"})

    data = edit_form(c, apron)
    entry = audit.one(c.post(f"/staff/catalog/products/{apron}/status", data={
        "csrf_token": data["csrf_token"], "version": data["version"], "status": "draft"}),
        "product.update")
    assert (entry.before, entry.after) == ({"status": "active"}, {"status": "draft"})

    new_url = "/staff/catalog/products/new"
    new = form_values(c.get(new_url).get_data(as_text=True), new_url)
    entry = audit.one(c.post(new_url, data={
        **new, "name_it": "Sciarpa", "name_en": "Scarf", "cooperative": "1", "category": "1",
        "sku": "SCARF-1", "price": "19,00", "label_it": "Unica", "label_en": "One size",
        "weight_grams": "90"}), "product.create")
    assert entry.before == {}
    assert (entry.after["name_it"], entry.after["status"], entry.after["variants"]) == (
        "Sciarpa", "draft", [{"sku": "SCARF-1", "price_cents": 1900, "weight_grams": 90,
                              "active": True, "label_it": "Unica", "label_en": "One size"}])
    scarf = int(entry.entity_id)

    url = f"/staff/catalog/products/{apron}/variants/new"
    variant = form_values(c.get(url).get_data(as_text=True), url)
    entry = audit.one(c.post(url, data={**variant, "sku": "APRON-L", "label_it": "L",
                                        "label_en": "L", "price": "30", "weight_grams": "1"}),
                      "variant.create")
    assert entry.after["price_cents"] == 3000
    with shop.app_context():
        variant_id = db.session.scalar(select(Variant.id).where(Variant.sku == "APRON-L"))
    url = f"/staff/catalog/products/{apron}/variants/{variant_id}"
    variant = form_values(c.get(url).get_data(as_text=True), url)
    entry = audit.one(c.post(url, data={**variant, "price": "31,50"}), "variant.update")
    assert (entry.before, entry.after) == ({"price_cents": 3000}, {"price_cents": 3150})

    token = data["csrf_token"]
    for alt in ("Primo", "Secondo"):
        entry = audit.one(c.post(f"/staff/catalog/products/{apron}/photos", data={
            "csrf_token": token, "alt_it": alt, "alt_en": alt,
            "photo": (io.BytesIO(photo()), "p.png")}, content_type="multipart/form-data"),
            "photo.create")
    assert entry.after["alt_en"] == "Secondo"
    with shop.app_context():
        first, second = db.session.scalars(select(ProductImage.id).order_by(ProductImage.id))
    entry = audit.one(c.post(f"/staff/catalog/products/{apron}/photos/{first}", data={
        f"img{first}-csrf_token": token, f"img{first}-alt_it": "Primo",
        f"img{first}-alt_en": "First"}), "photo.update")
    assert (entry.before, entry.after) == ({"alt_en": "Primo"}, {"alt_en": "First"})
    entry = audit.one(c.post(f"/staff/catalog/products/{apron}/photos/{second}/move",
                             data={"csrf_token": token, "direction": "up"}), "photo.reorder")
    assert (entry.before, entry.after) == ({"order": [first, second]},
                                           {"order": [second, first]})
    entry = audit.one(c.post(f"/staff/catalog/products/{apron}/photos/{first}/delete",
                             data={"csrf_token": token}), "photo.delete")
    assert entry.before["alt_en"] == "First"

    entry = audit.one(c.post(f"/staff/catalog/products/{apron}/consents", data={
        "csrf_token": token, "first_name": "Anna", "given_on": "2026-11-02",
        "collected_by": "Luca"}), "consent.create")
    assert entry.after == {"first_name": "Anna", "given_on": "2026-11-02", "collected_by": "Luca",
                           "notes": "", "product_id": apron, "cooperative_id": None}
    with shop.app_context():
        consent = db.session.scalar(select(ConsentRecord.id))
    entry = audit.one(c.post(f"/staff/catalog/products/{apron}/consents/{consent}/delete",
                             data={"csrf_token": token}), "consent.delete")
    assert entry.before["first_name"] == "Anna" and entry.after == {}

    entry = audit.one(c.post("/staff/catalog/categories/new", data={
        "csrf_token": token, "name_it": "Tessili", "name_en": "Textiles", "position": "7"}),
        "category.create")
    assert entry.after["name_en"] == "Textiles"
    with shop.app_context():
        textiles = db.session.scalar(select(Category.id).where(Category.slug == "tessili"))
    entry = audit.one(c.post(f"/staff/catalog/categories/{textiles}", data={
        "csrf_token": token, "name_it": "Tessili", "name_en": "Fabrics", "position": "7"}),
        "category.update")
    assert (entry.before, entry.after) == ({"name_en": "Textiles"}, {"name_en": "Fabrics"})

    url = "/staff/catalog/cooperatives/2"
    coop = form_values(c.get(url).get_data(as_text=True), url)
    entry = audit.one(c.post(url, data={**coop, "commission": "30", "lead_time_days": "5"}),
                      "cooperative.update")
    assert (entry.before, entry.after) == ({"commission_bp": 2500, "lead_time_days": 3},
                                           {"commission_bp": 3000, "lead_time_days": 5})

    entry = audit.one(c.post(f"/staff/catalog/products/{scarf}/delete",
                             data={"csrf_token": token}), "product.delete")
    assert entry.before["name_en"] == "Scarf"
    with shop.test_request_context():
        paid_order([(db.session.scalar(select(Variant).where(Variant.sku == "SKU-TOTE")), 1)])
    tote = product_id(shop, "tote")
    audit.seen = len(audit_entries(shop))
    entry = audit.one(c.post(f"/staff/catalog/products/{tote}/delete",
                             data={"csrf_token": token}), "product.archive")
    assert (entry.before, entry.after) == ({"status": "active"}, {"status": "archived"})


def test_saving_an_unchanged_form_writes_nothing(staff_client, shop):
    apron = product_id(shop, "apron")
    before = len(audit_entries(shop))

    response = staff_client.post(f"/staff/catalog/products/{apron}",
                                 data=edit_form(staff_client, apron))

    assert response.status_code == 303
    assert len(audit_entries(shop)) == before
