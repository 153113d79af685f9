"""Staff pages for invoices: a month's list with totals, one file's XML or PDF, a month's zip."""

from __future__ import annotations

from flask import Response, abort, render_template, request
from flask_login import current_user

from shop.invoicing import credit_notes
from shop.invoicing import services as invoicing
from shop.invoicing.errors import InvalidMonth, InvoiceNotFound
from shop.invoicing.pdf import credit_note_pdf, invoice_pdf
from shop.web.staff import bp


def _month() -> tuple[int, int]:
    year, month = invoicing.today_month()
    try:
        return (int(request.args.get("year", year)), int(request.args.get("month", month)))
    except ValueError:
        abort(404)


def _invoice(invoice_id: int):
    try:
        return invoicing.get_invoice(current_user, invoice_id)
    except InvoiceNotFound:
        abort(404)


def attachment(body: bytes, mimetype: str, name: str, inline: bool = False) -> Response:
    disposition = "inline" if inline else "attachment"
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'{disposition}; filename="{name}"'})


@bp.get("/invoices")
def invoice_list():
    """List a month's invoices with their totals, and the months that have any."""
    year, month = _month()
    try:
        listing = invoicing.invoices_of_month(current_user, year, month)
    except InvalidMonth:
        abort(404)
    return render_template(
        "staff/invoice_list.html", listing=listing,
        credit_notes=credit_notes.credit_notes_of_month(current_user, year, month),
        months=invoicing.months_with_invoices(current_user))


@bp.get("/invoices/<int:invoice_id>.xml")
def invoice_xml(invoice_id: int):
    """Download one invoice's FatturaPA file, as issued."""
    invoice = _invoice(invoice_id)
    return attachment(invoice.xml.encode("utf-8"), "application/xml", invoice.file_name)


@bp.get("/invoices/<int:invoice_id>.pdf")
def invoice_pdf_view(invoice_id: int):
    """Show one invoice's printable copy (PDF), or download it with ?download=1."""
    invoice = _invoice(invoice_id)
    body = invoice_pdf(invoice, invoicing.document_for(invoice), request.url_root)
    return attachment(body, "application/pdf", f"fattura-{invoice.number}.pdf",
                      inline=request.args.get("download") != "1")


@bp.get("/invoices/<int:year>-<int:month>.zip")
def invoice_month_zip(year: int, month: int):
    """Download a month's FatturaPA files in one zip, for the accountant."""
    try:
        body = invoicing.month_zip(current_user, year, month)
    except InvalidMonth:
        abort(404)
    return attachment(body, "application/zip", f"fatture-{year}-{month:02d}.zip")


def _credit_note(credit_note_id: int):
    try:
        return credit_notes.get_credit_note(current_user, credit_note_id)
    except InvoiceNotFound:
        abort(404)


@bp.get("/credit-notes/<int:credit_note_id>.xml")
def credit_note_xml(credit_note_id: int):
    """Download one credit note's FatturaPA file (TD04), as issued."""
    note = _credit_note(credit_note_id)
    return attachment(note.xml.encode("utf-8"), "application/xml", note.file_name)


@bp.get("/credit-notes/<int:credit_note_id>.pdf")
def credit_note_pdf_view(credit_note_id: int):
    """Show one credit note's printable copy (PDF), or download it with ?download=1."""
    note = _credit_note(credit_note_id)
    body = credit_note_pdf(note, credit_notes.credit_document(note), request.url_root)
    return attachment(body, "application/pdf", f"nota-di-credito-{note.number}.pdf",
                      inline=request.args.get("download") != "1")
