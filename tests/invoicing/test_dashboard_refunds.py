"""A refund made in Stripe's dashboard reaches the shop through the webhook: an invoiced
order gets its credit note for it, once per refund id, however often the event comes and
whichever way (dashboard or staff) the same refund is recorded."""

from __future__ import annotations

from itertools import count

import pytest
from lxml import etree
from sqlalchemy import func, select

from shop.extensions import db
from shop.invoicing.models import CreditNote, Invoice
from shop.orders.models import Order, OrderStatus
from shop.orders.operations import RefundAsk, refund
from shop.payments.gateway import DemoGateway, RefundInfo
from shop.payments.models import Refund, RefundRequest
from shop.payments.webhooks import handle_event
from tests.invoicing.conftest import COMPANY, invoiced_order

EVENT_IDS = count(1)


def charge_refunded(order: Order, *refunds: tuple[str, int]) -> None:
    """Stripe delivers charge.refunded (a new event id each time) listing these refunds."""
    db.session.commit()
    handle_event({"id": f"evt_test_{next(EVENT_IDS)}", "type": "charge.refunded",
                  "data": {"object": {
                      "id": f"ch_test_{order.id}", "object": "charge",
                      "payment_intent": f"pi_test_{order.id}",
                      "refunds": {"data": [{"id": rid, "amount": cents, "status": "succeeded"}
                                           for rid, cents in refunds]}}}})
    db.session.commit()


def notes() -> list[tuple[str, int, int, int, str]]:
    return [(n.number, n.taxable_cents, n.vat_cents, n.total_cents, n.refund_request.reason)
            for n in db.session.scalars(select(CreditNote).order_by(CreditNote.id))]


def summary(note_number: str) -> list[tuple[str, str, str]]:
    note = db.session.scalar(select(CreditNote).where(CreditNote.number == note_number))
    root = etree.fromstring(note.xml.encode("utf-8"))
    return [(s.findtext("AliquotaIVA"), s.findtext("ImponibileImporto"), s.findtext("Imposta"))
            for s in root.iterfind(".//DatiRiepilogo")]


@pytest.fixture
def order(catalog):
    """An invoiced order paid by card: an apron (22%), biscuits (10%), € 6,90 shipping."""
    order = invoiced_order([(catalog.apron, 1), (catalog.biscuits, 1)], COMPANY)
    assert order.total_cents == 4590
    return order


def test_a_full_dashboard_refund_gets_one_credit_note_however_often_it_arrives(
        catalog, order, fatturapa_schema):
    year = db.session.scalar(select(Invoice.year))

    charge_refunded(order, ("re_dash_1", 4590))
    charge_refunded(order, ("re_dash_1", 4590))  # Stripe retries with a new event id

    assert notes() == [(f"NC-{year}-00001", 3821, 769, 4590,
                        "refunded from the Stripe dashboard")]
    assert summary(f"NC-{year}-00001") == [("22.00", "32.30", "7.10"),
                                           ("10.00", "5.91", "0.59")]
    fatturapa_schema.validate(db.session.scalar(select(CreditNote.xml)))
    refreshed = db.session.get(Order, order.id)
    assert (refreshed.status, refreshed.refunded_cents) == (OrderStatus.REFUNDED, 4590)
    assert db.session.scalars(select(RefundRequest.request_key)).all() == [
        "dashboard-re_dash_1"]


def test_each_dashboard_refund_gets_its_own_credit_note_shared_over_the_rates(catalog, order):
    year = db.session.scalar(select(Invoice.year))

    charge_refunded(order, ("re_dash_1", 1000))
    charge_refunded(order, ("re_dash_1", 1000), ("re_dash_2", 590))

    # € 10,00 shared 39,40 : 6,50 over the invoice's gross per rate; then € 5,90 likewise
    assert notes() == [
        (f"NC-{year}-00001", 832, 168, 1000, "refunded from the Stripe dashboard"),
        (f"NC-{year}-00002", 491, 99, 590, "refunded from the Stripe dashboard")]
    assert summary(f"NC-{year}-00001") == [("22.00", "7.03", "1.55"),
                                           ("10.00", "1.29", "0.13")]
    assert db.session.get(Order, order.id).refunded_cents == 1590


def test_the_webhook_of_a_staff_refund_adds_no_second_credit_note(catalog, order):
    year = db.session.scalar(select(Invoice.year))
    refund(catalog.staff, order.id, RefundAsk(request_key="k1", reason="Reso", full=True))
    db.session.commit()
    made = db.session.scalar(select(Refund.provider_refund_id))

    charge_refunded(order, (made, 4590))

    assert notes() == [(f"NC-{year}-00001", 3821, 769, 4590, "Reso")]
    assert db.session.scalar(select(func.count(RefundRequest.id))) == 1
    assert db.session.get(Order, order.id).refunded_cents == 4590


def test_a_staff_refund_answered_with_the_dashboard_refund_shares_its_credit_note(
        catalog, order, monkeypatch):
    # Given the biscuits (€ 6,50) were refunded in the dashboard and the webhook recorded it
    year = db.session.scalar(select(Invoice.year))
    charge_refunded(order, ("re_same", 650))
    # When staff refund the biscuits and Stripe answers with that very refund
    monkeypatch.setattr(DemoGateway, "refund",
                        lambda self, intent, cents, key: RefundInfo("re_same", cents,
                                                                    "succeeded"))
    biscuits = next(line for line in order.lines if line.vat_rate_bp == 1000)
    request = refund(catalog.staff, order.id, RefundAsk(
        request_key="k2", reason="Biscotti rotti", quantities={biscuits.id: 1}))
    db.session.commit()

    # Then the money went back once and there is one credit note for it (the dashboard's,
    # which names no lines: € 6,50 shared over the rates, € 5,58 at 22% and € 0,92 at 10%)
    assert request.status == "succeeded"
    assert notes() == [(f"NC-{year}-00001", 541, 109, 650,
                        "refunded from the Stripe dashboard")]
    assert db.session.scalar(select(func.count(Refund.id))) == 1
    assert db.session.get(Order, order.id).refunded_cents == 650
