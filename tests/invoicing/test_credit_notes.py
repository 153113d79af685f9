"""A refund of an invoiced order issues a credit note (TD04): its own number, the original
invoice linked, positive amounts, VAT per rate to the cent, valid against the schema."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from lxml import etree
from sqlalchemy import func, select

from shop.extensions import db
from shop.invoicing.models import CreditNote, Invoice
from shop.orders.models import OrderStatus
from shop.orders.operations import RefundAsk, refund
from tests.invoicing.conftest import COMPANY, invoiced_order


def refund_of(catalog, order, key: str, **ask) -> CreditNote | None:
    request = refund(catalog.staff, order.id, RefundAsk(request_key=key, reason="Reso", **ask))
    db.session.commit()
    return db.session.scalar(select(CreditNote).where(CreditNote.refund_request_id
                                                      == request.id))


def summary(root) -> list[tuple[str, str, str]]:
    return [(s.findtext("AliquotaIVA"), s.findtext("ImponibileImporto"), s.findtext("Imposta"))
            for s in root.iterfind(".//DatiRiepilogo")]


def lines(root) -> list[tuple[str, str, str, str]]:
    return [(x.findtext("Descrizione"), x.findtext("Quantita"), x.findtext("PrezzoTotale"),
             x.findtext("AliquotaIVA")) for x in root.iterfind(".//DettaglioLinee")]


def assert_adds_up(root) -> None:
    rows = root.findall(".//DettaglioLinee")
    total = Decimal(0)
    for entry in root.findall(".//DatiRiepilogo"):
        rate = entry.findtext("AliquotaIVA")
        taxable, tax = Decimal(entry.findtext("ImponibileImporto")), Decimal(entry.findtext("Imposta"))
        assert taxable == sum(Decimal(x.findtext("PrezzoTotale")) for x in rows
                              if x.findtext("AliquotaIVA") == rate)
        assert abs(taxable * Decimal(rate) / 100 - tax) <= Decimal("0.01")
        total += taxable + tax
    assert Decimal(root.findtext(".//ImportoTotaleDocumento")) == total


def test_a_full_refund_credits_the_whole_invoice_with_its_own_number(catalog, fatturapa_schema):
    # Given an invoiced order: an apron (22%), biscuits (10%) and € 6,90 shipping (22%)
    order = invoiced_order([(catalog.apron, 1), (catalog.biscuits, 1)], COMPANY)
    invoice = db.session.scalar(select(Invoice).where(Invoice.order_id == order.id))
    assert (order.total_cents, invoice.number) == (4590, f"{invoice.year}-00001")

    # When staff refund it in full
    note = refund_of(catalog, order, "full-1", full=True)

    # Then a credit note with the first number of its own register takes all of it back
    assert note.number == f"NC-{invoice.year}-00001"
    assert (note.taxable_cents, note.vat_cents, note.total_cents) == (3821, 769, 4590)
    assert note.file_name == f"IT01234560157_{invoice.file_name[14]}ZZZZ.xml"
    fatturapa_schema.validate(note.xml)
    root = etree.fromstring(note.xml.encode("utf-8"))
    assert root.findtext(".//TipoDocumento") == "TD04"
    assert root.findtext(".//DatiGeneraliDocumento/Numero") == note.number
    assert root.findtext(".//ImportoTotaleDocumento") == "45.90"
    linked = root.find(".//DatiFattureCollegate")
    assert (linked.findtext("IdDocumento"), linked.findtext("Data")) == (
        invoice.number, invoice.issue_date.isoformat())
    assert summary(root) == [("22.00", "32.30", "7.10"), ("10.00", "5.91", "0.59")]
    invoice_root = etree.fromstring(invoice.xml.encode("utf-8"))
    assert summary(root) == summary(invoice_root)
    assert root.find(".//DatiPagamento") is None
    assert_adds_up(root)
    # and the invoice register keeps its one invoice, with no number taken
    assert db.session.scalar(select(func.count(Invoice.id))) == 1
    assert db.session.get(type(order), order.id).status == OrderStatus.REFUNDED


def test_partial_refunds_each_get_a_credit_note_of_their_lines(catalog, fatturapa_schema):
    # Given an invoiced order of two aprons and three bags of biscuits (free shipping)
    order = invoiced_order([(catalog.apron, 2), (catalog.biscuits, 3)], COMPANY)
    apron_line, biscuit_line = order.lines

    # When staff refund one apron, then two bags of biscuits
    first = refund_of(catalog, order, "part-1", quantities={apron_line.id: 1})
    second = refund_of(catalog, order, "part-2", quantities={biscuit_line.id: 2})

    # Then each refund has its credit note, numbered in a row, with VAT of its own rate
    year = first.year
    assert [(n.number, n.taxable_cents, n.vat_cents, n.total_cents) for n in (first, second)] \
        == [(f"NC-{year}-00001", 2664, 586, 3250), (f"NC-{year}-00002", 1182, 118, 1300)]
    for note in (first, second):
        fatturapa_schema.validate(note.xml)
        assert_adds_up(etree.fromstring(note.xml.encode("utf-8")))
    root = etree.fromstring(second.xml.encode("utf-8"))
    assert lines(root) == [(f"Biscotti - {biscuit_line.variant_label}", "2.00", "11.82",
                            "10.00")]
    assert summary(root) == [("10.00", "11.82", "1.18")]
    assert first.invoice_id == second.invoice_id
    assert first.issue_date == date.fromisoformat(
        etree.fromstring(first.xml.encode()).findtext(".//DatiGeneraliDocumento/Data"))


def test_a_refund_of_an_order_without_invoice_issues_no_credit_note(catalog):
    order = invoiced_order([(catalog.apron, 1)], {})

    note = refund_of(catalog, order, "plain-1", full=True)

    assert note is None
    assert db.session.scalar(select(func.count(CreditNote.id))) == 0


def test_credit_notes_are_listed_and_downloadable_by_staff_and_the_customer(catalog, client):
    # Given an invoiced order refunded in part, and another customer's order
    order = invoiced_order([(catalog.apron, 2)], COMPANY)
    other = invoiced_order([(catalog.biscuits, 1)], COMPANY)
    note = refund_of(catalog, order, "page-1", quantities={order.lines[0].id: 1})
    token, other_token, number = order.access_token, other.access_token, note.number
    year, month = note.issue_date.year, note.issue_date.month
    from tests.web.conftest import login

    # The customer's order page links the credit note; its PDF opens with the order's token
    page = client.get(f"/it/orders/{token}").get_data(as_text=True)
    assert f"Scarica la nota di credito {number} (PDF)" in page
    pdf = client.get(f"/it/orders/{token}/credit-notes/{note.id}.pdf")
    assert (pdf.status_code, pdf.mimetype) == (200, "application/pdf")
    assert pdf.data.startswith(b"%PDF-")
    assert client.get(f"/it/orders/{other_token}/credit-notes/{note.id}.pdf").status_code == 404

    # Staff see it in the month's list, on the order's page, and download its XML
    login(client, catalog.staff.email)
    listing = client.get(f"/staff/invoices?year={year}&month={month}").get_data(as_text=True)
    assert number in listing and "1 nota di credito (rimborsi)" in listing
    assert f"Nota di credito {number}" in client.get(f"/staff/orders/{order.id}").get_data(
        as_text=True)
    xml = client.get(f"/staff/credit-notes/{note.id}.xml")
    assert (xml.status_code, xml.data) == (200, note.xml.encode("utf-8"))
    html_pdf = client.get(f"/staff/credit-notes/{note.id}.pdf")
    assert html_pdf.status_code == 200 and html_pdf.data.startswith(b"%PDF-")
    archive = client.get(f"/staff/invoices/{year}-{month}.zip").data
    import io
    import zipfile

    assert note.file_name in zipfile.ZipFile(io.BytesIO(archive)).namelist()


def test_a_quote_order_paid_by_transfer_is_refunded_by_transfer_with_a_credit_note(
        catalog, fatturapa_schema):
    # Given a company's quote order of three aprons, paid by bank transfer and invoiced
    from shop.db import utcnow
    from shop.invoicing.services import issue_invoice
    from shop.orders.services import transition
    from shop.payments.models import Payment, PaymentStatus

    order = invoiced_order([(catalog.apron, 3)], COMPANY, pay_it=False)
    order.source = "quote"
    db.session.add(Payment(order_id=order.id, provider="transfer", session_id="transfer-1",
                           amount_cents=order.total_cents, status=PaymentStatus.PAID,
                           expires_at=utcnow(), paid_at=utcnow()))
    transition(order, OrderStatus.PAID, actor="staff")
    invoice = issue_invoice(order)
    db.session.commit()

    # When staff refund it in full (the money goes back by bank transfer, no gateway)
    note = refund_of(catalog, order, "transfer-1", full=True)

    # Then the refund is recorded and its credit note takes back the whole € 97,50
    assert db.session.get(type(order), order.id).refunded_cents == 9750
    assert (note.invoice_id, note.taxable_cents, note.vat_cents, note.total_cents) == (
        invoice.id, 7992, 1758, 9750)
    fatturapa_schema.validate(note.xml)
    root = etree.fromstring(note.xml.encode("utf-8"))
    assert root.findtext(".//TipoDocumento") == "TD04"
    assert summary(root) == [("22.00", "79.92", "17.58")]
