"""Sales at the counter: from the store's shelves, paid on the spot, with a receipt."""

from __future__ import annotations

from sqlalchemy import select

from shop.inventory.models import StockMovement
from shop.notifications.models import OutboxMessage
from shop.orders.models import Order
from shop.payments.models import Payment
from tests.operations.conftest import login, post, reading
from tests.operations.test_stock import levels


def add(client, variant_id: int, quantity: int = 1, mode: str = "add"):
    return post(client, "/staff/pos/lines",
                {"variant_id": variant_id, "quantity": quantity, "mode": mode},
                page="/staff/pos")


def test_a_counter_sale_leaves_the_shelves_through_the_ledger(app, client, shop):
    login(client, "negozio@example.org")
    found = client.get("/staff/pos?q=sku-biscotti").get_data(as_text=True)
    assert "Biscotti" in found and "10 sugli scaffali" in found
    assert add(client, shop.biscuits, 2).status_code == 303
    assert add(client, shop.apron).status_code == 303
    page = client.get("/staff/pos").get_data(as_text=True)
    assert "Registra la vendita di € 45,50" in page
    assert "€ 7,04" in page  # VAT: 1,18 on the biscuits (10%) + 5,86 on the apron (22%)

    sold = post(client, "/staff/pos/sale", {"method": "cash", "email": "Ugo@Example.org"},
                page="/staff/pos")
    assert sold.status_code == 303
    receipt = client.get(sold.location).get_data(as_text=True)
    assert "Scontrino VDM-" in receipt and "€ 45,50" in receipt and "Contanti" in receipt
    assert "IVA 10% inclusa su € 13,00" in receipt and "€ 1,18" in receipt
    assert "css/operations.css" in receipt
    assert 'class="receipt receipt-a4"' in receipt
    assert 'class="receipt receipt-80mm"' in client.get(
        sold.location + "?paper=80mm").get_data(as_text=True)

    assert levels(app, (shop.biscuits, shop.store), (shop.apron, shop.store)) == [
        (8, 0), (1, 0)]
    with reading(app) as session:
        order = session.scalars(select(Order)).one()
        assert (order.source, order.status, order.total_cents, order.vat_cents,
                order.email) == ("store", "completed", 4550, 704, "ugo@example.org")
        assert [(p.provider, p.status, p.amount_cents) for p in session.scalars(
            select(Payment))] == [("cash", "paid", 4550)]
        sales = session.execute(select(StockMovement.variant_id, StockMovement.delta)
                                .where(StockMovement.reason == "sale")
                                .order_by(StockMovement.variant_id)).all()
        assert sales == [(shop.apron, -1), (shop.biscuits, -2)]
        receipt_mail = session.scalars(select(OutboxMessage)).one()
        assert (receipt_mail.kind, receipt_mail.recipient) == ("store_receipt",
                                                               "ugo@example.org")
    assert "Nuova vendita" in receipt and "Ancora niente" in client.get(
        "/staff/pos").get_data(as_text=True)  # the sale was emptied once recorded


def test_the_counter_refuses_what_the_shelves_do_not_hold(app, client, shop):
    login(client, "negozio@example.org")
    refused = add(client, shop.apron, 3)
    assert refused.status_code == 409
    assert "A scaffale ci sono solo 2 di Grembiule: non aggiunto." in refused.get_data(
        as_text=True)
    empty = post(client, "/staff/pos/sale", {"method": "cash"}, page="/staff/pos")
    assert empty.status_code == 400
    assert "La vendita è vuota" in empty.get_data(as_text=True)
    assert levels(app, (shop.apron, shop.store)) == [(2, 0)]
    with reading(app) as session:
        assert session.scalars(select(Order)).all() == []


def test_a_sale_whose_shelf_emptied_meanwhile_sells_nothing(app, client, shop):
    login(client, "negozio@example.org")
    add(client, shop.apron, 2)
    add(client, shop.biscuits, 1)
    with app.test_request_context():
        from shop.accounts.models import User
        from shop.audit.context import acting_as
        from shop.extensions import db
        from shop.inventory.grid import book_adjustment

        with acting_as(db.session.get(User, shop.staff)):
            book_adjustment(db.session.get(User, shop.staff), shop.apron, shop.store,
                            "damaged", 1)
            db.session.commit()
    refused = post(client, "/staff/pos/sale", {"method": "terminal"}, page="/staff/pos")
    assert refused.status_code == 409
    html = refused.get_data(as_text=True)
    assert "Vendita non registrata: a scaffale non c&#39;è abbastanza di tutto." in html
    assert "Grembiule (V0): 2 richiesti, 1 sugli scaffali" in html
    assert levels(app, (shop.apron, shop.store), (shop.biscuits, shop.store)) == [
        (1, 0), (10, 0)]
