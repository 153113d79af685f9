"""Invoice pages: staff lists, files and zips by month; a customer's PDF only by its own link."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

from sqlalchemy import func, select

from shop.accounts.models import Role
from shop.extensions import db
from shop.invoicing.credit_notes import issue_credit_note
from shop.invoicing.models import CreditNote, CreditNoteCounter, Invoice, InvoiceCounter
from shop.invoicing.services import issue_invoice, months_with_invoices
from shop.orders.operations import RefundAsk, refund
from tests.fixtures.orders import PASSWORD, user
from tests.invoicing.conftest import COMPANY, PERSON_PEC, invoiced_order
from tests.web.conftest import login


def sign_in(client, email: str) -> None:
    assert login(client, email, PASSWORD).status_code == 303


def test_staff_zip_of_a_month_holds_exactly_that_months_invoices(catalog, client):
    # Given invoices issued in October and November 2026
    a = invoiced_order([(catalog.apron, 1)], COMPANY)
    b = invoiced_order([(catalog.bread, 2)], PERSON_PEC)
    c = invoiced_order([(catalog.biscuits, 1)], COMPANY)
    db.session.query(Invoice).delete()
    db.session.query(InvoiceCounter).delete()
    db.session.commit()
    oct_a = issue_invoice(a, now=datetime(2026, 10, 31, 23, 30, tzinfo=UTC))  # 1 Nov in Milan
    oct_b = issue_invoice(b, now=datetime(2026, 10, 5, 9, 0, tzinfo=UTC))
    nov_c = issue_invoice(c, now=datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
    db.session.commit()
    assert [oct_a.number, oct_b.number, nov_c.number] == ["2026-00001", "2026-00002",
                                                           "2026-00003"]
    sign_in(client, catalog.staff.email)

    # When staff download November's zip
    response = client.get("/staff/invoices/2026-11.zip")

    # Then it holds the two invoices dated November in Milan, and nothing else
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert sorted(archive.namelist()) == sorted([oct_a.file_name, nov_c.file_name])
    assert archive.read(nov_c.file_name).decode() == nov_c.xml
    october = zipfile.ZipFile(io.BytesIO(client.get("/staff/invoices/2026-10.zip").data))
    assert october.namelist() == [oct_b.file_name]

    # and the month's list shows their totals
    html = client.get("/staff/invoices?year=2026&month=11").get_data(as_text=True)
    assert "2026-00001" in html and "2026-00003" in html and "2026-00002" not in html
    total = oct_a.total_cents + nov_c.total_cents
    assert f"{total // 100},{total % 100:02d}" in html

    # and one file downloads as issued, with its SDI name
    xml = client.get(f"/staff/invoices/{nov_c.id}.xml")
    assert xml.data.decode() == nov_c.xml
    assert nov_c.file_name in xml.headers["Content-Disposition"]
    pdf = client.get(f"/staff/invoices/{nov_c.id}.pdf")
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")


def test_a_customer_downloads_its_own_invoice_and_never_anothers(catalog, client):
    # Given two invoiced orders and one without an invoice
    mine = invoiced_order([(catalog.apron, 1)], COMPANY)
    theirs = invoiced_order([(catalog.bread, 1)], PERSON_PEC)
    plain = invoiced_order([(catalog.bread, 1)], {})
    assert db.session.scalar(select(func.count(Invoice.id))) == 2

    # When the customer opens its order page and the invoice link
    page = client.get(f"/it/orders/{mine.access_token}").get_data(as_text=True)
    assert f"/it/orders/{mine.access_token}/invoice.pdf" in page
    assert theirs.access_token not in page
    response = client.get(f"/it/orders/{mine.access_token}/invoice.pdf")

    # Then it gets its own invoice's PDF, never cached
    assert response.status_code == 200
    assert response.data.startswith(b"%PDF")
    mine_invoice = db.session.scalar(select(Invoice).where(Invoice.order_id == mine.id))
    assert mine_invoice.number in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "private, no-store"

    # and a wrong or invoice-less token finds nothing
    assert client.get("/it/orders/not-a-token/invoice.pdf").status_code == 404
    assert client.get(f"/it/orders/{plain.access_token}/invoice.pdf").status_code == 404
    page = client.get(f"/it/orders/{plain.access_token}").get_data(as_text=True)
    assert "invoice.pdf" not in page


def test_non_staff_cannot_reach_invoice_pages_and_nothing_changes(catalog, client):
    # Given an invoice, and a customer signed in
    order = invoiced_order([(catalog.apron, 1)], COMPANY)
    invoice = db.session.scalar(select(Invoice).where(Invoice.order_id == order.id))
    user("cliente@example.org", Role.CUSTOMER)
    db.session.commit()
    before = db.session.execute(select(Invoice.id, Invoice.number, Invoice.xml)).all()
    counter = db.session.scalar(select(InvoiceCounter.last_sequence))

    # When anonymous visitors and the customer try the staff pages
    urls = ["/staff/invoices", f"/staff/invoices/{invoice.id}.xml",
            f"/staff/invoices/{invoice.id}.pdf", "/staff/invoices/2026-12.zip"]
    anonymous = [client.get(url).status_code for url in urls]
    sign_in(client, "cliente@example.org")
    customer = [client.get(url).status_code for url in urls]

    # Then the anonymous are sent to sign in, the customer finds nothing, and nothing changed
    assert anonymous == [302, 302, 302, 302]
    assert customer == [404, 404, 404, 404]
    db.session.expire_all()
    assert db.session.execute(select(Invoice.id, Invoice.number, Invoice.xml)).all() == before
    assert db.session.scalar(select(InvoiceCounter.last_sequence)) == counter


def test_a_month_with_only_credit_notes_has_its_link_and_zip(catalog, client):
    # Given two invoices of October 2026 and, in November, one credit note for the first
    a = invoiced_order([(catalog.apron, 1)], COMPANY)
    b = invoiced_order([(catalog.bread, 2)], PERSON_PEC)
    db.session.query(Invoice).delete()
    db.session.query(InvoiceCounter).delete()
    db.session.commit()
    issue_invoice(a, now=datetime(2026, 10, 5, 9, 0, tzinfo=UTC))
    issue_invoice(b, now=datetime(2026, 10, 6, 9, 0, tzinfo=UTC))
    db.session.commit()
    request = refund(catalog.staff, a.id, RefundAsk(request_key="r1", reason="Reso", full=True))
    db.session.query(CreditNote).delete()
    db.session.query(CreditNoteCounter).delete()
    note = issue_credit_note(request, now=datetime(2026, 11, 3, 9, 0, tzinfo=UTC))
    db.session.commit()
    assert note.number == "NC-2026-00001"

    # When staff open October's invoice list
    sign_in(client, catalog.staff.email)
    html = client.get("/staff/invoices?year=2026&month=10").get_data(as_text=True)

    # Then the month links count invoices and credit notes: November appears with its one
    assert months_with_invoices(catalog.staff) == [(2026, 11, 1), (2026, 10, 2)]
    assert 'href="/staff/invoices?year=2026&amp;month=11"' in html
    assert "<strong>1</strong><span class=\"visually-hidden\"> documento,</span> 2026-11" in html
    assert "<strong>2</strong><span class=\"visually-hidden\"> documenti,</span> 2026-10" in html
    # and November's page lists the credit note and offers the month's zip, which holds it
    november = client.get("/staff/invoices?year=2026&month=11").get_data(as_text=True)
    assert "NC-2026-00001" in november
    assert 'href="/staff/invoices/2026-11.zip"' in november
    archive = zipfile.ZipFile(io.BytesIO(client.get("/staff/invoices/2026-11.zip").data))
    assert archive.namelist() == [note.file_name]
