"""`flask invoices issue-missing` and `flask invoices export`."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime

from sqlalchemy import select

from shop.audit.models import AuditEntry
from shop.extensions import db
from shop.invoicing.models import Invoice, InvoiceCounter
from shop.invoicing.services import issue_invoice
from tests.invoicing.conftest import COMPANY, invoiced_order


def test_issue_missing_invoices_then_export_the_month(catalog, runner, tmp_path):
    # Given a paid order whose invoice is missing, and one invoiced in November 2026
    waiting = invoiced_order([(catalog.apron, 1)], COMPANY)
    done = invoiced_order([(catalog.bread, 1)], COMPANY)
    db.session.query(Invoice).delete()
    db.session.query(InvoiceCounter).delete()
    db.session.commit()
    november = issue_invoice(done, now=datetime(2026, 11, 10, 9, 0, tzinfo=UTC))
    db.session.commit()

    # When the missing ones are issued from the command line
    result = runner.invoke(args=["invoices", "issue-missing"])

    # Then the waiting order gets the next number, and the audit log says so
    assert result.exit_code == 0, result.output
    assert "1 invoice(s) issued" in result.output
    db.session.expire_all()
    issued = db.session.scalar(select(Invoice).where(Invoice.order_id == waiting.id))
    assert issued.sequence == 2
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "invoice.issue"))
    assert (entry.entity_id, entry.actor_email) == (str(issued.id), "cli")

    # When November is exported
    out = tmp_path / "nov.zip"
    result = runner.invoke(args=["invoices", "export", "2026-11", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert zipfile.ZipFile(out).namelist() == [november.file_name]
    # and a bad month is refused clearly
    result = runner.invoke(args=["invoices", "export", "novembre"])
    assert result.exit_code == 2
    assert "YYYY-MM" in result.output
