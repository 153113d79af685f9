"""The readable rendering of an invoice: HTML from a template, printed to PDF by WeasyPrint."""

from __future__ import annotations

from flask import render_template
from weasyprint import HTML

from shop.invoicing.document import InvoiceDocument
from shop.invoicing.models import CreditNote, Invoice


def invoice_html(invoice: Invoice, doc: InvoiceDocument) -> str:
    return render_template("invoicing/invoice.html", invoice=invoice, doc=doc)


def invoice_pdf(invoice: Invoice, doc: InvoiceDocument, base_url: str) -> bytes:
    """A4 PDF of the invoice (the legal document is the XML; this is its copy to read)."""
    return HTML(string=invoice_html(invoice, doc), base_url=base_url).write_pdf()


def credit_note_html(note: CreditNote, doc: InvoiceDocument) -> str:
    """The same page as an invoice, titled as a credit note and naming the invoice."""
    return render_template("invoicing/invoice.html", invoice=note, doc=doc)


def credit_note_pdf(note: CreditNote, doc: InvoiceDocument, base_url: str) -> bytes:
    return HTML(string=credit_note_html(note, doc), base_url=base_url).write_pdf()
