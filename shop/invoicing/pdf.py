"""The readable rendering of an invoice: HTML from a template, printed to PDF by WeasyPrint."""

from __future__ import annotations

from flask import render_template
from weasyprint import HTML

from shop.invoicing.document import InvoiceDocument
from shop.invoicing.models import Invoice


def invoice_html(invoice: Invoice, doc: InvoiceDocument) -> str:
    return render_template("invoicing/invoice.html", invoice=invoice, doc=doc)


def invoice_pdf(invoice: Invoice, doc: InvoiceDocument, base_url: str) -> bytes:
    """A4 PDF of the invoice (the legal document is the XML; this is its copy to read)."""
    return HTML(string=invoice_html(invoice, doc), base_url=base_url).write_pdf()
