"""Staff declare what a personalised product takes: a text with its limits, measurements."""

from __future__ import annotations

import re

from sqlalchemy import select

from shop.catalog.models import Product
from shop.extensions import db
from tests.staff.conftest import audit_entries, edit_form, product_id


def personal_state(app, slug: str) -> tuple:
    with app.app_context():
        product = db.session.scalar(select(Product).where(Product.slug == slug))
        return (product.personal_text_kind, product.personal_text_max,
                product.personal_text_lines, product.personal_text_required,
                [(m.dimension, m.min_cm, m.max_cm) for m in product.measures])


def test_staff_set_a_text_and_measurements_and_the_change_is_audited(staff_client, shop):
    board = product_id(shop, "board")
    url = f"/staff/catalog/products/{board}"
    response = staff_client.post(url, data={
        **edit_form(staff_client, board), "personal_text_kind": "engraving",
        "personal_text_max": "30", "personal_text_lines": "2", "personal_text_required": "y",
        "measure_width_min": "20", "measure_width_max": "40"})
    assert response.status_code == 303
    assert personal_state(shop, "board") == ("engraving", 30, 2, True, [("width", 20, 40)])
    entry = audit_entries(shop)[-1]
    assert (entry.action, entry.before, entry.after) == (
        "product.update",
        {"personal_text_kind": "", "personal_text_max": None, "personal_text_lines": 1,
         "personal_text_required": False, "measure_width_min": None,
         "measure_width_max": None},
        {"personal_text_kind": "engraving", "personal_text_max": 30, "personal_text_lines": 2,
         "personal_text_required": True, "measure_width_min": 20, "measure_width_max": 40})
    page = staff_client.get(url).get_data(as_text=True)
    assert re.search(r'<option selected value="engraving">', page)
    shown = staff_client.get("/en/products/board").get_data(as_text=True)
    assert '<label for="personal_text">Text to engrave</label>' in shown
    assert "Up to 30 characters, on up to 2 lines" in shown
    assert "from 20 to 40 cm" in shown

    response = staff_client.post(url, data={
        **edit_form(staff_client, board), "personal_text_kind": "",
        "measure_width_min": "", "measure_width_max": ""})
    assert response.status_code == 303
    assert personal_state(shop, "board") == ("", 0, 1, False, [])


def test_bad_limits_are_refused_with_messages_and_nothing_changes(staff_client, shop):
    board = product_id(shop, "board")
    url = f"/staff/catalog/products/{board}"
    before = len(audit_entries(shop))
    response = staff_client.post(url, data={
        **edit_form(staff_client, board), "personal_text_kind": "print",
        "personal_text_max": "", "measure_height_min": "90", "measure_height_max": "30",
        "measure_depth_min": "10"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Give the longest text the customer may write." in html
    assert "The largest measure cannot be below the smallest." in html
    assert "Give both the smallest and the largest measure, or neither." in html
    assert personal_state(shop, "board") == ("", 0, 1, False, [])
    assert len(audit_entries(shop)) == before
