"""The cooperative area as a member uses it: the work list, a part's page, its buttons."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from shop.extensions import db
from shop.fulfilment.models import Fulfilment, FulfilmentEvent
from shop.fulfilment.services import today_local
from shop.inventory.models import Stock
from tests.conftest import csrf_token
from tests.web.conftest import login


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.get_data(as_text=True)


def post(client, url: str, data: dict, form_page: str):
    return client.post(url, data={**data, "csrf_token": csrf_token(client, form_page)})


def status_of(app, fulfilment_id: int) -> str:
    with app.app_context():
        return db.session.get(Fulfilment, fulfilment_id).status


def test_a_member_lands_on_the_dashboard_with_their_new_work(client, world):
    response = login(client, world.a.member_email)
    assert (response.status_code, response.location) == (303, "/coop/")

    html = page(client, "/coop/")

    assert "<h1>Ordini da evadere</h1>" in html
    assert "2 parti d'ordine" in html
    assert html.count("href=\"/coop/fulfilments/") == 2
    assert "<strong>2</strong> Nuovo" in html and "<strong>0</strong> In ritardo" in html
    assert "Grembiule blu" in html and "Tagliere di noce" not in html
    assert 'role="img" aria-labelledby="chart-title chart-desc"' in html
    assert "Mostra i dati in tabella" in html


def test_overdue_parts_come_first_and_can_be_filtered(app, client, world):
    with app.app_context():
        late = db.session.get(Fulfilment, world.a.pickup_fulfilment_id)
        late.due_date = today_local() - timedelta(days=1)
        db.session.commit()
    login(client, world.a.member_email)

    html = page(client, "/coop/")
    ids = [int(i) for i in re.findall(r'href="/coop/fulfilments/(\d+)"', html)]
    assert ids == [world.a.pickup_fulfilment_id, world.a.fulfilment_id]
    assert "<strong>1</strong> In ritardo" in html
    assert ">In ritardo</span>" in html

    overdue = page(client, "/coop/?status=todo&due=overdue")
    assert re.findall(r'href="/coop/fulfilments/(\d+)"', overdue) == [
        str(world.a.pickup_fulfilment_id)]
    shipped = page(client, "/coop/?status=shipped")
    assert "Nessuna parte d'ordine corrisponde a questi filtri." in shipped
    assert page(client, "/coop/?status=evil&due=%27&page=-4").count("/coop/fulfilments/") == 2


def test_the_detail_shows_only_the_cooperatives_lines_and_where_they_go(client, world):
    login(client, world.a.member_email)

    shipping = page(client, f"/coop/fulfilments/{world.a.fulfilment_id}")
    pickup = page(client, f"/coop/fulfilments/{world.a.pickup_fulfilment_id}")

    assert "Grembiule blu" in shipping and "Tagliere di noce" not in shipping
    assert "Via Padova 12" in shipping and "20127 Milano (MI)" in shipping
    assert "+39 333 1234567" in shipping
    assert "giulia@example.org" not in shipping
    assert "Via Padova" not in pickup
    assert "Portalo al negozio di Viale dei Mille" in pickup
    assert ">Accetta</button>" in shipping and "Annulla questa parte" not in shipping


def test_each_button_moves_the_part_and_records_who_did_it(app, client, world):
    login(client, world.a.member_email)
    url = f"/coop/fulfilments/{world.a.fulfilment_id}"

    for to, label in (("accepted", "Accettato"), ("in_production", "In produzione"),
                      ("ready", "Pronto")):
        response = post(client, f"{url}/status", {"to": to}, url)
        assert (response.status_code, response.location) == (303, url)
        assert f"Fatto: ora la parte è «{label}»." in page(client, url)

    with app.app_context():
        events = db.session.execute(
            select(FulfilmentEvent.from_status, FulfilmentEvent.to_status)
            .where(FulfilmentEvent.fulfilment_id == world.a.fulfilment_id)
            .order_by(FulfilmentEvent.id)).all()
    assert events == [(None, "new"), ("new", "accepted"), ("accepted", "in_production"),
                      ("in_production", "ready")]


def test_a_move_that_is_not_allowed_is_refused_with_a_reason(app, client, world):
    login(client, world.a.member_email)
    url = f"/coop/fulfilments/{world.a.fulfilment_id}"

    response = post(client, f"{url}/status", {"to": "delivered"}, url)
    html = response.get_data(as_text=True)

    assert response.status_code == 409
    assert ("Questa parte è «Nuovo»: non può passare a «Consegnato». "
            "Passi possibili: Accettato.") in html
    assert 'role="alert"' in html
    assert status_of(app, world.a.fulfilment_id) == "new"
    for bogus in ("cancelled", "collected", "shipped", "nonsense"):
        assert post(client, f"{url}/status", {"to": bogus}, url).status_code == 409
    assert status_of(app, world.a.fulfilment_id) == "new"


def test_shipping_with_a_tracking_code_shows_on_the_customers_order_page(app, client, world):
    login(client, world.a.member_email)
    url = f"/coop/fulfilments/{world.a.fulfilment_id}"
    for to in ("accepted", "ready"):
        post(client, f"{url}/status", {"to": to}, url)

    missing = post(client, f"{url}/ship", {"carrier": "brt", "tracking_code": ""}, url)
    assert missing.status_code == 400
    assert "Scegli il corriere e indica il codice di tracciamento." in missing.get_data(True)
    assert status_of(app, world.a.fulfilment_id) == "ready"

    shipped = post(client, f"{url}/ship", {"carrier": "brt", "tracking_code": "0612345678"}, url)
    assert shipped.status_code == 303
    assert status_of(app, world.a.fulfilment_id) == "shipped"

    order_page = page(client, f"/it/orders/{world.shared_order_token}")
    assert "Corriere: <strong>BRT</strong>" in order_page
    assert 'href="https://vas.brt.it/vas/sped_det_show.hsm?Nspediz=0612345678"' in order_page
    assert "Spedito in parte" in order_page  # the other cooperative has not shipped yet


def test_workshop_stock_lists_flags_and_books_adjustments(app, client, world):
    login(client, world.a.member_email)
    # 6 aprons made, 3 promised to the two orders: 3 free, which is "low".
    html = page(client, "/coop/stock/")
    assert world.a.sku in html and world.b.sku not in html
    assert re.search(r">6</td>\s*<td[^>]*>3</td>\s*<td[^>]*><strong>3</strong> "
                     r"<span[^>]*>Scarso</span>", html)

    detail = f"/coop/stock/{world.a.variant_id}"
    adjust = f"{detail}/adjust"
    assert post(client, adjust, {"reason": "production", "quantity": "4", "note": "lotto 7"},
                detail).status_code == 303
    assert "Produzione terminata registrato: ora in magazzino 10." in page(client, detail)
    assert post(client, adjust, {"reason": "damaged", "quantity": "1"}, detail).status_code == 303
    assert post(client, adjust, {"reason": "count_correction", "quantity": "8"},
                detail).status_code == 303
    too_low = post(client, adjust, {"reason": "count_correction", "quantity": "2"}, detail)
    assert too_low.status_code == 409
    assert "3 pezzi sono già promessi agli ordini" in too_low.get_data(True)
    assert post(client, adjust, {"reason": "sale", "quantity": "1"}, detail).status_code == 400

    with app.app_context():
        stock = db.session.scalar(select(Stock).where(Stock.variant_id == world.a.variant_id))
        from shop.inventory.services import ledger_total

        assert (stock.on_hand, stock.allocated) == (8, 3)
        assert ledger_total(stock.variant_id, stock.location_id) == 8
    html = page(client, detail)
    assert "Rettifica inventario" in html and "lotto 7" in html and "-1" in html


def test_the_statement_page_and_csv_agree(app, client, world):
    login(client, world.a.member_email)
    url = f"/coop/fulfilments/{world.a.fulfilment_id}"
    for to in ("accepted", "ready"):
        post(client, f"{url}/status", {"to": to}, url)
    post(client, f"{url}/ship", {"carrier": "poste", "tracking_code": "RR123456789IT"}, url)
    today = today_local()

    html = page(client, f"/coop/statements/{today.year}/{today.month}")
    csv_response = client.get(f"/coop/statements/{today.year}/{today.month}.csv")
    rows = csv_response.get_data(as_text=True).lstrip("\ufeff").splitlines()

    # 2 aprons at € 32,50: gross 6500, VAT 1172, net 5328, commission 25% = 1332.
    for text in ("€ 65,00", "€ 11,72", "€ 53,28", "-€ 13,32", "€ 39,96"):
        assert text in html
    assert csv_response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert rows[0] == ("Data;Tipo;Ordine;Codice articolo;Prodotto;Q.tà;Prezzo unitario;"
                       "Aliquota IVA;Lordo;IVA;Imponibile")
    assert rows[1] == (f"{today.isoformat()};Vendita;{world.shared_order_number};{world.a.sku};"
                       "Grembiule blu (V0);2;32,50;22%;65,00;11,72;53,28")
    assert rows[-2] == ";;;;;;;Importo dovuto;39,96;;"
    assert rows[-1].startswith("Registro dell'impatto a fine mese: voce 2, impronta ")
    assert page(client, "/coop/statements/2026/13", 404)
    assert page(client, "/coop/statements/1999/1", 404)
