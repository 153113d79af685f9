"""Two staff save the same product at once: one wins, the other is told, nothing is lost.

Each is a test client in its own thread with the form read at the same version; a barrier
sends both saves together. On PostgreSQL the second UPDATE waits for the first and then
matches no row of the version it read; on SQLite the writers queue (BEGIN IMMEDIATE) and
the second finds the version already raised.
"""

from __future__ import annotations

import threading

from shop.catalog.models import Product
from shop.extensions import db
from tests.staff.conftest import STAFF, edit_form, product_id
from tests.web.conftest import login


def test_two_saves_of_one_product_at_once_one_wins_the_other_is_told(shop):
    apron = product_id(shop, "apron")
    clients = [shop.test_client(), shop.test_client()]
    forms = []
    for client, material in zip(clients, ("lino", "canapa"), strict=True):
        login(client, STAFF)
        form = edit_form(client, apron)
        forms.append({**form, "materials_it": material})
    barrier = threading.Barrier(2)
    results: list = [None, None]

    def save(i: int) -> None:
        barrier.wait()
        results[i] = clients[i].post(f"/staff/catalog/products/{apron}", data=forms[i])

    threads = [threading.Thread(target=save, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert sorted(r.status_code for r in results) == [303, 409]
    winner = next(i for i, r in enumerate(results) if r.status_code == 303)
    loser_html = results[1 - winner].get_data(as_text=True)
    assert "Someone else saved this product while you were editing it." in loser_html
    assert f'value="{forms[1 - winner]["materials_it"]}"' in loser_html
    with shop.app_context():
        product = db.session.get(Product, apron)
        assert (product.tr("it").materials, product.version) == (
            forms[winner]["materials_it"], 2)
