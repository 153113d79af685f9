"""The customer's copy of its invoice, reached only through its order's private link."""

from __future__ import annotations

from flask import Response, abort, request

from shop.invoicing import credit_notes
from shop.invoicing import services as invoicing
from shop.invoicing.errors import InvoiceNotFound
from shop.invoicing.pdf import credit_note_pdf, invoice_pdf
from shop.web.storefront import bp


@bp.get("/orders/<token>/invoice.pdf")
def order_invoice_pdf(token: str):
    """Download the PDF copy of this order's invoice."""
    try:
        invoice = invoicing.invoice_for_token(token)
    except InvoiceNotFound:
        abort(404)
    body = invoice_pdf(invoice, invoicing.document_for(invoice), request.url_root)
    return Response(body, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="fattura-{invoice.number}.pdf"',
        "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer",
        "X-Robots-Tag": "noindex"})


@bp.get("/orders/<token>/credit-notes/<int:credit_note_id>.pdf")
def order_credit_note_pdf(token: str, credit_note_id: int):
    """Download the PDF copy of one of this order's credit notes."""
    try:
        note = credit_notes.credit_note_for_token(token, credit_note_id)
    except InvoiceNotFound:
        abort(404)
    body = credit_note_pdf(note, credit_notes.credit_document(note), request.url_root)
    return Response(body, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="nota-di-credito-{note.number}.pdf"',
        "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer",
        "X-Robots-Tag": "noindex"})
