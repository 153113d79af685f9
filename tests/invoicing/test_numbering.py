"""Invoice numbers: one sequence per year, no gaps, no repeats, even when issued together."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from shop.db import begin_write
from shop.extensions import db
from shop.invoicing.errors import NotInvoiceable
from shop.invoicing.models import Invoice, InvoiceCounter
from shop.invoicing.services import issue_invoice, issue_missing
from shop.orders.models import Order
from tests.invoicing.conftest import COMPANY, invoiced_order


def forget_invoices() -> None:
    db.session.query(Invoice).delete()
    db.session.query(InvoiceCounter).delete()
    db.session.commit()


def test_twelve_invoices_issued_at_once_take_twelve_numbers_in_a_row(app, catalog):
    # Given twelve paid orders waiting for their invoice
    ids = [invoiced_order([(catalog.bread, 1)], COMPANY).id for _ in range(12)]
    forget_invoices()
    when = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    barrier = threading.Barrier(len(ids))
    errors: list[BaseException] = []

    def issue(order_id: int) -> None:
        with app.app_context():
            try:
                barrier.wait()
                begin_write(db.session)
                issue_invoice(db.session.get(Order, order_id), now=when)
                db.session.commit()
            except BaseException as error:
                errors.append(error)
            finally:
                db.session.remove()

    # When each is issued from its own thread, all released together
    threads = [threading.Thread(target=issue, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not any(t.is_alive() for t in threads), "an issuer hung"
    assert errors == []

    # Then the numbers are 1 to 12 of 2026, each order once, and the counter stands at 12
    db.session.expire_all()
    rows = db.session.execute(select(Invoice.year, Invoice.sequence, Invoice.number,
                                     Invoice.order_id).order_by(Invoice.sequence)).all()
    assert [(r.year, r.sequence) for r in rows] == [(2026, n) for n in range(1, 13)]
    assert [r.number for r in rows] == [f"2026-{n:05d}" for n in range(1, 13)]
    assert sorted(r.order_id for r in rows) == sorted(ids)
    assert db.session.get(InvoiceCounter, 2026).last_sequence == 12


def test_a_rolled_back_invoice_leaves_no_gap_and_a_new_year_starts_at_one(catalog):
    # Given two paid orders and the year's counter at zero
    first = invoiced_order([(catalog.apron, 1)], COMPANY)
    second = invoiced_order([(catalog.apron, 1)], COMPANY)
    forget_invoices()

    # When an invoice is issued in a transaction that then fails
    issue_invoice(db.session.get(Order, first.id),
                  now=datetime(2026, 12, 30, 9, 0, tzinfo=UTC))
    db.session.rollback()
    # and the orders are then invoiced, across new year's eve in Milan
    one = issue_invoice(db.session.get(Order, first.id),
                        now=datetime(2026, 12, 31, 22, 59, tzinfo=UTC))
    two = issue_invoice(db.session.get(Order, second.id),
                        now=datetime(2026, 12, 31, 23, 0, tzinfo=UTC))
    db.session.commit()

    # Then 2026 uses number 1 (the rolled-back one was not spent) and 2027 starts again at 1
    assert (one.number, one.issue_date.isoformat()) == ("2026-00001", "2026-12-31")
    assert (two.number, two.issue_date.isoformat()) == ("2027-00001", "2027-01-01")
    assert two.file_name == "IT01234560157_H0001.xml"
    # and asking again returns the same invoice
    assert issue_invoice(db.session.get(Order, first.id)).id == one.id


def test_orders_without_invoice_data_or_unpaid_get_no_invoice(catalog):
    # Given an unpaid order with invoice data and a paid one without
    unpaid = invoiced_order([(catalog.apron, 1)], COMPANY, pay_it=False)
    plain = invoiced_order([(catalog.apron, 1)], {})

    # Then neither can be invoiced, and the safety net issues nothing for them
    with pytest.raises(NotInvoiceable):
        issue_invoice(unpaid)
    with pytest.raises(NotInvoiceable):
        issue_invoice(plain)
    assert issue_missing() == []
    assert db.session.scalar(select(Invoice.id)) is None


def test_the_safety_net_issues_what_payment_did_not(catalog):
    # Given a paid order whose invoice is missing (say, paid before invoicing existed)
    order = invoiced_order([(catalog.apron, 1)], COMPANY)
    forget_invoices()

    # When the missing invoices are issued
    issued = issue_missing(now=datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    db.session.commit()

    # Then it gets the first number
    assert [(i.order_id, i.number) for i in issued] == [(order.id, "2026-00001")]
    assert issue_missing() == []
