"""Transfers: staff ask, the cooperative sends, staff count what arrived."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from shop.extensions import db
from shop.inventory import transfers
from shop.inventory.errors import TransferNotFound, TransferRefused
from shop.inventory.models import StockMovement, Transfer
from shop.inventory.services import ledger_total
from tests.operations.conftest import login, post, reading
from tests.operations.test_stock import levels


def first_line_id(app, transfer_id: int) -> int:
    with reading(app) as session:
        return session.get(Transfer, transfer_id).lines[0].id


def test_request_send_and_receive_with_a_shortfall(app, client, shop):
    login(client, "negozio@example.org")
    response = post(client, "/staff/transfers/new",
                    {"cooperative": shop.sew, f"qty-{shop.tote}": "20", "note": "per Natale"},
                    page=f"/staff/transfers/new?cooperative={shop.sew}")
    assert response.status_code == 303
    transfer_id = int(response.location.rsplit("/", 1)[1])

    member = app.test_client()
    login(member, "anna@filo.example")
    assert ("Il negozio ha chiesto merce al vostro laboratorio: 1 richiesta da spedire."
            in member.get("/coop/").get_data(as_text=True))
    assert "TR-0000" in member.get("/coop/transfers/").get_data(as_text=True)
    line_id = first_line_id(app, transfer_id)
    sent = post(member, f"/coop/transfers/{transfer_id}/send", {f"qty-{line_id}": "18"},
                page=f"/coop/transfers/{transfer_id}")
    assert sent.status_code == 303
    assert levels(app, (shop.tote, shop.sew_workshop), (shop.tote, shop.store)) == [
        (2, 0), (1, 0)]

    received = post(client, f"/staff/transfers/{transfer_id}/receive",
                    {f"qty-{line_id}": "17"}, page=f"/staff/transfers/{transfer_id}")
    assert received.status_code == 303
    html = client.get(received.location).get_data(as_text=True)
    assert "1 pezzi mancanti, registrati sul trasferimento." in html
    assert "shortfall: SKU-TOTE −1" in html
    assert levels(app, (shop.tote, shop.sew_workshop), (shop.tote, shop.store)) == [
        (2, 0), (18, 0)]
    with reading(app) as session:
        transfer = session.get(Transfer, transfer_id)
        assert (transfer.status, transfer.lines[0].quantity_sent,
                transfer.lines[0].quantity_received, transfer.shortfall) == (
            "received", 18, 17, 1)
        moves = session.execute(select(StockMovement.location_id, StockMovement.delta,
                                       StockMovement.reason)
                                .where(StockMovement.reference == "TR-00001")
                                .order_by(StockMovement.id)).all()
        assert moves == [(shop.sew_workshop, -18, "transfer_out"),
                         (shop.store, 17, "transfer_in")]
        assert ledger_total(shop.tote, shop.store) == 18
        assert [e.to_status for e in transfer.events] == ["requested", "sent", "received"]


def test_receiving_twice_is_refused_with_a_message_and_changes_nothing(app, client, shop):
    with app.test_request_context():
        from shop.accounts.models import User

        staff, member = db.session.get(User, shop.staff), db.session.get(User, shop.sew_member)
        transfer = transfers.request_transfer(staff, shop.sew, {shop.apron: 2})
        db.session.commit()
        transfers.send_transfer(member, transfer.id)
        db.session.commit()
        transfers.receive_transfer(staff, transfer.id, {})
        db.session.commit()
        transfer_id = transfer.id
    login(client, "negozio@example.org")
    before = levels(app, (shop.apron, shop.store))
    again = post(client, f"/staff/transfers/{transfer_id}/receive", {},
                 page=f"/staff/transfers/{transfer_id}")
    assert again.status_code == 409
    assert ("Questo trasferimento è già andato avanti (ora è “Ricevuto”): nulla è stato "
            "cambiato." in again.get_data(as_text=True))
    assert levels(app, (shop.apron, shop.store)) == before == [(4, 0)]


def test_sending_more_than_the_workshop_holds_is_refused(shop, req):
    from shop.accounts.models import User

    staff, member = db.session.get(User, shop.staff), db.session.get(User, shop.sew_member)
    transfer = transfers.request_transfer(staff, shop.sew, {shop.apron: 9})
    db.session.commit()
    with pytest.raises(TransferRefused) as refused:
        transfers.send_transfer(member, transfer.id)
    assert (refused.value.code, refused.value.detail) == ("stock", "SKU-APRON")
    db.session.rollback()
    assert db.session.get(Transfer, transfer.id).status == "requested"
    assert db.session.scalar(select(func.count(StockMovement.id)).where(
        StockMovement.reason == "transfer_out")) == 0


def test_a_member_never_sees_another_cooperatives_transfers(app, client, shop):
    with app.test_request_context():
        from shop.accounts.models import User

        staff = db.session.get(User, shop.staff)
        ours = transfers.request_transfer(staff, shop.sew, {shop.tote: 3}).id
        db.session.commit()
        theirs = transfers.request_transfer(staff, shop.bake, {shop.biscuits: 4}).id
        db.session.commit()
    login(client, "marco@forno.example")
    listing = client.get("/coop/transfers/?status=").get_data(as_text=True)
    assert re.findall(r"TR-\d{5}", listing) == [f"TR-{theirs:05d}"]
    assert client.get(f"/coop/transfers/{ours}").status_code == 404
    token_page = f"/coop/transfers/{theirs}"
    refused = post(client, f"/coop/transfers/{ours}/send", {}, page=token_page)
    assert refused.status_code == 404
    with reading(app) as session:
        assert session.get(Transfer, ours).status == "requested"
    with app.test_request_context():
        from shop.accounts.models import User

        with pytest.raises(TransferNotFound):
            transfers.get_transfer(db.session.get(User, shop.bake_member), ours)


def test_store_back_to_workshop_is_sent_by_staff_and_received_by_the_member(shop, req):
    from shop.accounts.models import User

    staff, member = db.session.get(User, shop.staff), db.session.get(User, shop.sew_member)
    transfer = transfers.request_transfer(staff, shop.sew, {shop.apron: 2}, to_store=False)
    db.session.commit()
    assert transfers.next_moves(member, transfer) == []
    transfers.send_transfer(staff, transfer.id)
    db.session.commit()
    assert transfers.next_moves(member, transfer) == ["received"]
    transfers.receive_transfer(member, transfer.id, {transfer.lines[0].id: 2})
    db.session.commit()
    assert levels_now(shop) == [(7, 0), (0, 0)]


def levels_now(shop):
    from shop.inventory.models import Stock

    rows = {(s.variant_id, s.location_id): (s.on_hand, s.allocated)
            for s in db.session.scalars(select(Stock))}
    return [rows[(shop.apron, shop.sew_workshop)], rows[(shop.apron, shop.store)]]
