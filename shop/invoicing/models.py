"""Invoice models: one invoice per order, numbered by a per-year counter that never goes back."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.db import UTCDateTime, utcnow
from shop.extensions import db


class PaymentMethod:
    """FatturaPA ModalitaPagamento codes the shop uses."""

    BANK_TRANSFER = "MP05"
    CARD = "MP08"


class InvoiceCounter(db.Model):
    """The last number given in a year; its row is locked while the next one is taken."""

    __tablename__ = "invoice_counter"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_sequence: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (CheckConstraint("last_sequence >= 0", name="sequence_non_negative"),)


class Invoice(db.Model):
    """An issued invoice. Its XML is kept as issued: it is what the accountant sends to SDI."""

    __tablename__ = "invoice"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("order.id"), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    issue_date: Mapped[date] = mapped_column(Date, index=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    taxable_cents: Mapped[int] = mapped_column(Integer)
    vat_cents: Mapped[int] = mapped_column(Integer)
    total_cents: Mapped[int] = mapped_column(Integer)
    payment_method: Mapped[str] = mapped_column(String(4))
    file_name: Mapped[str] = mapped_column(String(40), unique=True)
    xml: Mapped[str] = mapped_column(Text)

    order = relationship("Order", lazy="joined")

    __table_args__ = (
        UniqueConstraint("year", "sequence"),
        CheckConstraint("sequence > 0", name="sequence_positive"),
        CheckConstraint("total_cents = taxable_cents + vat_cents", name="totals_add_up"),
    )


class CreditNoteCounter(db.Model):
    """Credit notes have their own yearly sequence (a separate register, as Italian
    practice allows): invoice numbers keep having no gaps, and so do credit notes'."""

    __tablename__ = "credit_note_counter"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_sequence: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (CheckConstraint("last_sequence >= 0", name="sequence_non_negative"),)


class CreditNote(db.Model):
    """A credit note (FatturaPA TD04) for one refund of an invoiced order.

    Amounts are positive, as FatturaPA wants them on a TD04: the document type says they
    are taken back. Its XML names the original invoice (DatiFattureCollegate).
    """

    __tablename__ = "credit_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoice.id"), index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("order.id"), index=True)
    refund_request_id: Mapped[int] = mapped_column(ForeignKey("refund_request.id"), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    issue_date: Mapped[date] = mapped_column(Date, index=True)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    taxable_cents: Mapped[int] = mapped_column(Integer)
    vat_cents: Mapped[int] = mapped_column(Integer)
    total_cents: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(40), unique=True)
    xml: Mapped[str] = mapped_column(Text)

    invoice: Mapped[Invoice] = relationship(lazy="joined")
    order = relationship("Order")
    refund_request = relationship("RefundRequest")

    __table_args__ = (
        UniqueConstraint("year", "sequence"),
        CheckConstraint("sequence > 0", name="sequence_positive"),
        CheckConstraint("total_cents > 0", name="total_positive"),
        CheckConstraint("total_cents = taxable_cents + vat_cents", name="totals_add_up"),
    )
