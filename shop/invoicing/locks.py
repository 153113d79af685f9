"""Row lock on the per-year invoice counter: the one place invoice numbers are taken.

Numbers must have no gaps and never repeat, so the counter row of the year is locked for
the rest of the issuing transaction: a second issuer waits, then reads the number the first
one committed (or the old one, if the first rolled back, so nothing is skipped). The row is
created with INSERT ... ON CONFLICT DO NOTHING, so two issuers racing on the year's first
invoice do not fail. On SQLite the caller's transaction began with BEGIN IMMEDIATE.
Stock rows (shop.inventory.locks) are always locked before this row, never after.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from shop.extensions import db
from shop.invoicing.models import CreditNoteCounter, InvoiceCounter


def lock_invoice_counter(year: int) -> InvoiceCounter:
    """The year's counter row, created if missing, locked until the transaction ends."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    db.session.execute(insert(InvoiceCounter).values(year=year, last_sequence=0)
                       .on_conflict_do_nothing(index_elements=["year"]))
    return db.session.scalars(
        select(InvoiceCounter).where(InvoiceCounter.year == year)
        .with_for_update().execution_options(populate_existing=True)).one()


def lock_credit_note_counter(year: int) -> CreditNoteCounter:
    """The year's credit-note counter, like the invoice counter (locked after it, if both)."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    db.session.execute(insert(CreditNoteCounter).values(year=year, last_sequence=0)
                       .on_conflict_do_nothing(index_elements=["year"]))
    return db.session.scalars(
        select(CreditNoteCounter).where(CreditNoteCounter.year == year)
        .with_for_update().execution_options(populate_existing=True)).one()
