"""The public impact page and ledger: figures from paid orders, checkable by anyone."""

from __future__ import annotations

import json
import re

from sqlalchemy import select

from scripts.verify_impact_ledger import main as verify_script
from shop.catalog.models import Variant
from shop.extensions import db
from shop.payments.models import Payment, Refund
from tests.fixtures.orders import paid_order, placed_order


def buy(app, goods, *, aprons=0, boards=0, paid=True):
    with app.test_request_context():
        items = [(db.session.get(Variant, vid), qty) for vid, qty in
                 ((goods.apron_id, aprons), (goods.board_id, boards)) if qty]
        order = paid_order(items) if paid else placed_order(items)
        return order.id, order.total_cents


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_impact_page_totals_equal_the_sum_over_paid_orders(app, client, goods):
    buy(app, goods, aprons=2, boards=1)       # 180 + 150 min; 800 + 1800 g
    buy(app, goods, aprons=1)                 # 90 min; 400 g
    buy(app, goods, boards=5, paid=False)     # not paid: not counted

    html = client.get("/it/impact").get_data(as_text=True)
    page = text_of(html)
    assert "7 ore di lavoro retribuito" in page and "3 kg di materiale recuperato" in page
    coops = {text_of(block).split(" ")[1]: text_of(block)
             for block in re.findall(r'<li class="impact-coop">.*?</li>', html, re.S)}
    assert "Lavoro retribuito 4 ore e 30 minuti Recuperato 1,2 kg" in coops["Filo"]  # 270 min, 1200 g
    assert "Lavoro retribuito 2 ore e 30 minuti Recuperato 1,8 kg" in coops["Legno"]  # 150, 1800
    english = text_of(client.get("/en/impact").get_data(as_text=True))
    assert "7 hours" in english and "1.2 kg" in english


def test_a_refund_lowers_the_public_figures(app, client, goods):
    order_id, total = buy(app, goods, boards=2)  # 300 min, 3600 g
    assert "5 ore" in text_of(client.get("/it/impact").get_data(as_text=True))
    with app.app_context():
        payment = db.session.scalar(select(Payment).where(Payment.order_id == order_id))
        db.session.add(Refund(payment_id=payment.id, provider_refund_id="re_all",
                              amount_cents=total))
        db.session.commit()

    page = text_of(client.get("/it/impact").get_data(as_text=True))
    assert "0 minuti" in page and "5 ore" not in page


def test_the_chart_has_a_text_alternative(app, client, goods):
    buy(app, goods, aprons=1)
    html = client.get("/en/impact").get_data(as_text=True)

    assert 'role="img"' in html
    assert re.search(r'<title id="impact-chart-title">Hours of paid work', html)
    assert "In these twelve months orders funded 1 hour and 30 minutes" in html
    assert "<table" in html


def test_the_ledger_json_has_no_personal_data_and_verifies(app, client, goods, tmp_path,
                                                           capsys):
    buy(app, goods, aprons=1, boards=1)
    buy(app, goods, boards=1)

    response = client.get("/impact/ledger.json")
    body = response.get_json()
    assert [e["seq"] for e in body["entries"]] == [1, 2]
    assert body["head"]["seq"] == 2 and body["head"]["hash"] == body["entries"][1]["hash"]
    raw = response.get_data(as_text=True)
    assert "@" not in raw and "Giulia" not in raw and "Via Padova" not in raw

    good = tmp_path / "ledger.json"
    good.write_text(raw)
    assert verify_script([str(good), "--head", body["entries"][0]["hash"]]) == 0
    assert "chain intact: 2 entries" in capsys.readouterr().out

    body["entries"][0]["payload"] = body["entries"][0]["payload"].replace(
        '"minutes":90', '"minutes":95')
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(body))
    assert verify_script([str(bad)]) == 1
    assert "entry 1" in capsys.readouterr().out


def test_a_cooperative_statement_prints_the_months_chain_head(app, client, goods):
    from shop.fulfilment.services import today_local
    from tests.fixtures.orders import member
    from tests.web.conftest import login

    buy(app, goods, aprons=1)
    with app.app_context():
        from shop.catalog.models import Cooperative

        member(db.session.get(Cooperative, goods.filo_id), "anna@filo.example")
        db.session.commit()
        head = client.get("/impact/ledger.json").get_json()["head"]
    login(client, "anna@filo.example")
    today = today_local()

    page = client.get(f"/coop/statements/{today.year}/{today.month}").get_data(as_text=True)
    csv_text = client.get(f"/coop/statements/{today.year}/{today.month}.csv").get_data(
        as_text=True)

    assert f"voce {head['seq']}, impronta {head['hash']}" in page
    assert head["hash"] in csv_text
