"""`flask invoices …`: issue invoices payment did not, and export a month for the accountant."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from shop.audit.context import acting_as
from shop.audit.services import record
from shop.db import begin_write
from shop.extensions import db
from shop.invoicing.errors import InvalidMonth
from shop.invoicing.services import issue_missing, month_archive

invoices_cli = AppGroup("invoices", help="Italian e-invoices (FatturaPA).")


@invoices_cli.command("issue-missing")
def issue_missing_command() -> None:
    """Invoice every paid order that asked for an invoice and has none."""
    with acting_as(None, email="cli"):
        begin_write(db.session)
        issued = issue_missing()
        for invoice in issued:
            record("invoice.issue", "invoice", invoice.id,
                   after={"number": invoice.number, "order_id": invoice.order_id},
                   summary=f"invoice {invoice.number} issued from the command line")
        db.session.commit()
    for invoice in issued:
        click.echo(f"{invoice.number}  {invoice.file_name}  order {invoice.order_id}")
    click.echo(f"{len(issued)} invoice(s) issued")


@invoices_cli.command("export")
@click.argument("month", metavar="YYYY-MM")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Zip file to write (default: fatture-YYYY-MM.zip here).")
def export_command(month: str, out: Path | None) -> None:
    """Write a month's FatturaPA files into one zip."""
    try:
        year, number = (int(part) for part in month.split("-"))
        body, count = month_archive(year, number)
    except (ValueError, InvalidMonth) as exc:
        raise click.BadParameter("give the month as YYYY-MM, e.g. 2026-11") from exc
    target = out or Path(f"fatture-{year}-{number:02d}.zip")
    target.write_bytes(body)
    click.echo(f"{count} invoice(s) written to {target}")
