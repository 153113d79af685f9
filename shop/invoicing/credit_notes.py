"""Credit notes (FatturaPA TD04): a refund of an invoiced order takes back part of its invoice.

`issue_credit_note(refund_request)` runs in the transaction that records a succeeded refund
(shop.orders.operations for staff, shop.payments.services.record_refunds for a refund made
in Stripe's dashboard, both under the order's row lock), so a refund of an invoiced order
always has its credit note and a rolled-back refund uses no number. One provider refund is
credited once, by its refund id, whichever way it reached the shop.

- Numbering: credit notes are a separate register with its own yearly sequence
  ("NC-2026-00001"), as Italian practice allows (a "sezionale"): invoice numbers stay a
  sequence without gaps, and so do credit notes'. The file's progressive counts down from
  'ZZZZ' in the year's letter, so it never meets an invoice's (shop.invoicing.fatturapa).
- Amounts are positive: TD04 says they are taken back. DatiFattureCollegate names the
  original invoice by number and date.
- What is credited: the refunded units of each line at the price they were sold for (a
  gift box split by its parts' VAT rates, as on the invoice); what the refund adds beyond
  the lines (a full refund includes the shipping) is credited as shipping. A refund with no
  lines is shared over the invoice's VAT rates in proportion to their gross totals. VAT is
  then worked out per rate exactly as on the invoice (shop.invoicing.document.net_lines),
  so the credit note's total is the refunded amount to the cent.
"""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from sqlalchemy import select

from shop.accounts.access import staff_actor
from shop.checkout.services import SHIPPING_VAT_BP
from shop.db import utcnow
from shop.extensions import db
from shop.invoicing.document import (
    Entry,
    InvoiceDocument,
    Seller,
    buyer_of,
    line_entries,
    net_lines,
)
from shop.invoicing.errors import InvoiceNotFound
from shop.invoicing.fatturapa import credit_note_progressive, file_name, to_xml
from shop.invoicing.locks import lock_credit_note_counter
from shop.invoicing.models import CreditNote, Invoice
from shop.invoicing.services import _local_day, _month_range, document_for, invoice_of
from shop.money import split_by_weight
from shop.payments.models import RefundRequest, RefundStatus

SHIPPING_LABEL = "Spedizione"


def credit_note_of(refund_request_id: int) -> CreditNote | None:
    return db.session.scalar(select(CreditNote).where(
        CreditNote.refund_request_id == refund_request_id))


def _credited(request: RefundRequest) -> CreditNote | None:
    """The credit note already issued for this request, or for the same provider refund.

    One refund at the provider is credited once, whichever request recorded it first: a
    refund made in Stripe's dashboard (recorded by the webhook) and a staff request that
    the provider answers with that very refund share one credit note.
    """
    existing = credit_note_of(request.id)
    if existing is not None or request.refund_id is None:
        return existing
    return db.session.scalar(
        select(CreditNote).join(RefundRequest, CreditNote.refund_request_id == RefundRequest.id)
        .where(RefundRequest.refund_id == request.refund_id).order_by(CreditNote.id).limit(1))


def credit_notes_of_order(order_id: int) -> list[CreditNote]:
    return list(db.session.scalars(select(CreditNote).where(CreditNote.order_id == order_id)
                                   .order_by(CreditNote.year, CreditNote.sequence)))


def issue_credit_note(request: RefundRequest, now: datetime | None = None) -> CreditNote | None:
    """The credit note of a succeeded refund of an invoiced order (None: no invoice)."""
    if request.status != RefundStatus.SUCCEEDED:
        return None
    invoice = invoice_of(request.order_id)
    if invoice is None:
        return None
    existing = _credited(request)
    if existing is not None:
        return existing
    seller = Seller.from_config(current_app.config)
    counter = lock_credit_note_counter(_local_day(now or utcnow()).year)
    existing = _credited(request)
    if existing is not None:
        return existing
    now = now or utcnow()
    counter.last_sequence += 1
    note = CreditNote(invoice_id=invoice.id, order_id=invoice.order_id,
                      refund_request_id=request.id, year=counter.year,
                      sequence=counter.last_sequence,
                      number=f"NC-{counter.year}-{counter.last_sequence:05d}",
                      issue_date=_local_day(now), issued_at=now, taxable_cents=0,
                      vat_cents=0, total_cents=0, xml="")
    doc = credit_document(note, invoice, request, seller)
    note.file_name = file_name(seller.vat_number, doc.progressive)
    note.taxable_cents, note.vat_cents = doc.taxable_cents, doc.vat_cents
    note.total_cents = doc.total_cents
    note.xml = to_xml(doc).decode("utf-8")
    db.session.add(note)
    db.session.flush()
    return note


def credit_document(note: CreditNote, invoice: Invoice | None = None,
                    request: RefundRequest | None = None,
                    seller: Seller | None = None) -> InvoiceDocument:
    """The credit note as data, rebuilt from its refund: the same every time it is asked."""
    invoice = invoice or note.invoice
    request = request or db.session.get(RefundRequest, note.refund_request_id)
    seller = seller or Seller.from_config(current_app.config)
    lines, summary = net_lines(refund_entries(invoice, request))
    return InvoiceDocument(
        number=note.number, issue_date=note.issue_date,
        progressive=credit_note_progressive(note.year, note.sequence), seller=seller,
        buyer=buyer_of(invoice.order), order_number=invoice.order.number or "",
        payment_method=invoice.payment_method, lines=lines, summary=summary, kind="TD04",
        linked_number=invoice.number, linked_date=invoice.issue_date)


def refund_entries(invoice: Invoice, request: RefundRequest) -> list[Entry]:
    """What the refund takes back, as gross entries adding up to its amount exactly."""
    amount = request.amount_cents
    entries: list[Entry] = []
    for line in sorted(request.lines, key=lambda x: x.order_line_id):
        if line.amount_cents > 0:
            entries.extend(line_entries(line.order_line, line.quantity, line.amount_cents))
    if not entries:
        summary = document_for(invoice).summary
        shares = split_by_weight(amount, [s.taxable_cents + s.vat_cents for s in summary])
        return [(f"Rimborso ordine {invoice.order.number} (IVA {s.vat_rate_bp / 100:g}%)",
                 "", 1, share, s.vat_rate_bp)
                for s, share in zip(summary, shares, strict=True) if share]
    listed = sum(entry[3] for entry in entries)
    if amount > listed:
        entries.append((SHIPPING_LABEL, "", 1, amount - listed, SHIPPING_VAT_BP))
    elif amount < listed:
        shares = split_by_weight(amount, [entry[3] for entry in entries])
        entries = [(d, sku, q, share, rate) for (d, sku, q, _, rate), share
                   in zip(entries, shares, strict=True) if share]
    return entries


# Pages -----------------------------------------------------------------------------------

def get_credit_note(user, credit_note_id: int) -> CreditNote:
    staff_actor(user)
    note = db.session.get(CreditNote, credit_note_id)
    if note is None:
        raise InvoiceNotFound(credit_note_id)
    return note


def credit_notes_of_month(user, year: int, month: int) -> list[CreditNote]:
    """Credit notes issued (by issue date) in a month, in number order; staff only."""
    staff_actor(user)
    start, end = _month_range(year, month)
    return list(db.session.scalars(
        select(CreditNote).where(CreditNote.issue_date >= start, CreditNote.issue_date < end)
        .order_by(CreditNote.year, CreditNote.sequence)))


def credit_note_for_token(token: str, credit_note_id: int) -> CreditNote:
    """A credit note of the order this access token opens; nothing else."""
    note = db.session.get(CreditNote, credit_note_id)
    if note is None or not token or note.order.access_token != token:
        raise InvoiceNotFound(credit_note_id)
    return note
