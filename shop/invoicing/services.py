"""Issuing invoices and finding them again: numbering, the stored XML, months and zips.

`issue_invoice(order)` runs inside the transaction that marks an order paid (called from
shop.orders.lifecycle.order_paid), so a paid order with invoice data always has its invoice
and a rolled-back payment leaves no number used. The number comes from the year's counter
row, locked until commit (shop.invoicing.locks): numbers follow payment order, with no gap
and no repeat. Quote orders call the same function once they are paid.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import func, select

from shop.accounts.access import staff_actor
from shop.db import utcnow
from shop.extensions import db
from shop.invoicing.document import InvoiceDocument, Seller, build_document
from shop.invoicing.errors import InvalidMonth, InvoiceNotFound, NotInvoiceable
from shop.invoicing.fatturapa import file_name, progressive_for, to_xml
from shop.invoicing.locks import lock_invoice_counter
from shop.invoicing.models import CreditNote, Invoice, PaymentMethod
from shop.orders.models import Order, OrderSource, OrderStatus
from shop.payments.models import Payment, PaymentStatus

LOCAL_TZ = ZoneInfo("Europe/Rome")
PAID_STATUSES = (OrderStatus.PAID, OrderStatus.PARTIALLY_FULFILLED, OrderStatus.FULFILLED,
                 OrderStatus.COMPLETED, OrderStatus.PARTIALLY_REFUNDED, OrderStatus.REFUNDED)


def wants_invoice(order: Order) -> bool:
    """The customer asked for an invoice (web checkout) or the order comes from a quote."""
    has_id = bool(order.invoice_vat_number.strip() or order.invoice_tax_code.strip())
    return has_id and (order.invoice_requested or order.source == OrderSource.QUOTE)


def payment_method_of(order: Order) -> str:
    """Card (MP08) when a checkout session was paid for it, otherwise bank transfer (MP05)."""
    paid = db.session.scalar(select(Payment.id).where(
        Payment.order_id == order.id, Payment.status == PaymentStatus.PAID).limit(1))
    return PaymentMethod.CARD if paid is not None else PaymentMethod.BANK_TRANSFER


def invoice_of(order_id: int) -> Invoice | None:
    return db.session.scalar(select(Invoice).where(Invoice.order_id == order_id))


def issue_invoice(order: Order, now: datetime | None = None) -> Invoice:
    """The order's invoice, issued now with the year's next number if it has none yet."""
    if order.status not in PAID_STATUSES or not wants_invoice(order):
        raise NotInvoiceable(order.id)
    existing = invoice_of(order.id)
    if existing is not None:
        return existing
    seller = Seller.from_config(current_app.config)
    method = payment_method_of(order)
    counter = lock_invoice_counter(_local_day(now or utcnow()).year)
    # Another issuer may have invoiced this order while we waited for the counter.
    existing = invoice_of(order.id)
    if existing is not None:
        return existing
    now = now or utcnow()  # after the lock, so dates follow numbers
    day = _local_day(now)
    counter.last_sequence += 1
    invoice = Invoice(order_id=order.id, year=counter.year, sequence=counter.last_sequence,
                      number=f"{counter.year}-{counter.last_sequence:05d}", issue_date=day,
                      issued_at=now, taxable_cents=0, vat_cents=0, total_cents=0,
                      payment_method=method, xml="")
    doc = document_for(invoice, order, seller)
    invoice.file_name = file_name(seller.vat_number, doc.progressive)
    invoice.taxable_cents, invoice.vat_cents = doc.taxable_cents, doc.vat_cents
    invoice.total_cents = doc.total_cents
    invoice.xml = to_xml(doc).decode("utf-8")
    db.session.add(invoice)
    db.session.flush()
    return invoice


def document_for(invoice: Invoice, order: Order | None = None,
                 seller: Seller | None = None) -> InvoiceDocument:
    """The invoice as data, rebuilt from its order: the same every time it is asked."""
    return build_document(order or invoice.order, number=invoice.number,
                          issue_date=invoice.issue_date,
                          progressive=progressive_for(invoice.year, invoice.sequence),
                          seller=seller or Seller.from_config(current_app.config),
                          payment_method=invoice.payment_method)


def issue_missing(now: datetime | None = None) -> list[Invoice]:
    """Invoice every paid order that asked for one and has none (a safety net for the CLI)."""
    ids = db.session.scalars(
        select(Order.id).outerjoin(Invoice, Invoice.order_id == Order.id)
        .where(Invoice.id.is_(None), Order.status.in_(PAID_STATUSES))
        .order_by(Order.paid_at, Order.id))
    issued = []
    for order_id in list(ids):
        order = db.session.get(Order, order_id)
        if wants_invoice(order):
            issued.append(issue_invoice(order, now))
    return issued


def _local_day(moment: datetime) -> date:
    return moment.astimezone(LOCAL_TZ).date()


# Staff side -----------------------------------------------------------------------------

@dataclass
class InvoiceMonth:
    year: int
    month: int
    invoices: list[Invoice]

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def taxable_cents(self) -> int:
        return sum(i.taxable_cents for i in self.invoices)

    @property
    def vat_cents(self) -> int:
        return sum(i.vat_cents for i in self.invoices)

    @property
    def total_cents(self) -> int:
        return sum(i.total_cents for i in self.invoices)


def _month_range(year: int, month: int) -> tuple[date, date]:
    if not (2020 <= year <= 2100 and 1 <= month <= 12):
        raise InvalidMonth(f"{year}-{month}")
    return date(year, month, 1), date(year + (month == 12), month % 12 + 1, 1)


def invoices_of_month(user, year: int, month: int) -> InvoiceMonth:
    """Invoices issued (by issue date) in a month, in number order; staff only."""
    staff_actor(user)
    start, end = _month_range(year, month)
    invoices = list(db.session.scalars(
        select(Invoice).where(Invoice.issue_date >= start, Invoice.issue_date < end)
        .order_by(Invoice.year, Invoice.sequence)))
    return InvoiceMonth(year, month, invoices)


def months_with_invoices(user) -> list[tuple[int, int, int]]:
    """(year, month, count) of every month with invoices or credit notes, newest first;
    the count is of both (the files the month's zip holds); staff only."""
    staff_actor(user)
    counts: dict[tuple[int, int], int] = {}
    for model in (Invoice, CreditNote):
        year = func.extract("year", model.issue_date)
        month = func.extract("month", model.issue_date)
        for y, m, n in db.session.execute(select(year, month, func.count(model.id))
                                          .group_by(year, month)):
            key = (int(y), int(m))
            counts[key] = counts.get(key, 0) + n
    return [(y, m, n) for (y, m), n in sorted(counts.items(), reverse=True)]


def get_invoice(user, invoice_id: int) -> Invoice:
    staff_actor(user)
    invoice = db.session.get(Invoice, invoice_id)
    if invoice is None:
        raise InvoiceNotFound(invoice_id)
    return invoice


def month_zip(user, year: int, month: int) -> bytes:
    """A zip of the month's XML files, named as SDI expects; staff only."""
    staff_actor(user)
    return month_archive(year, month)[0]


def month_archive(year: int, month: int) -> tuple[bytes, int]:
    """The month's XML files (by issue date) in one zip, and how many there are: its
    invoices, then its credit notes."""
    start, end = _month_range(year, month)
    invoices = list(db.session.scalars(
        select(Invoice).where(Invoice.issue_date >= start, Invoice.issue_date < end)
        .order_by(Invoice.year, Invoice.sequence)))
    invoices += list(db.session.scalars(
        select(CreditNote).where(CreditNote.issue_date >= start, CreditNote.issue_date < end)
        .order_by(CreditNote.year, CreditNote.sequence)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for invoice in invoices:
            info = zipfile.ZipInfo(invoice.file_name, _zip_time(invoice.issued_at))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, invoice.xml.encode("utf-8"))
    return buffer.getvalue(), len(invoices)


def _zip_time(moment: datetime) -> tuple[int, int, int, int, int, int]:
    local = moment.astimezone(LOCAL_TZ)
    return (max(local.year, 1980), local.month, local.day, local.hour, local.minute,
            local.second)


def invoice_for_token(token: str) -> Invoice:
    """The invoice of the order this access token opens; nothing else."""
    order = db.session.scalar(select(Order).where(Order.access_token == token)) if token \
        else None
    invoice = invoice_of(order.id) if order is not None else None
    if invoice is None:
        raise InvoiceNotFound(token)
    return invoice


def today_month(now: datetime | None = None) -> tuple[int, int]:
    day = _local_day(now or datetime.now(UTC))
    return day.year, day.month
