"""`flask stock …`: shelf counts from a CSV file."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import select

from shop.accounts.models import User
from shop.audit.context import acting_as
from shop.extensions import db
from shop.inventory.counts import apply_counts, check_counts
from shop.inventory.errors import CountFileInvalid

stock_cli = AppGroup("stock", help="Stock in every location.")


@stock_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--by", "by_email", required=True, help="Email of the staff member counting.")
def import_command(file: Path, by_email: str) -> None:
    """Apply a count file (sku,location,count): every row, or none if any row is bad."""
    user = db.session.scalar(select(User).where(User.email == by_email.lower()))
    if user is None or not user.is_staff:
        click.echo(f"No staff account {by_email}: nothing was changed.", err=True)
        raise SystemExit(1)
    text = file.read_text(encoding="utf-8-sig")
    try:
        total = len(check_counts(text))
        with acting_as(user, ip="cli"), click.progressbar(length=total,
                                                         label="Applying counts") as bar:
            changed = apply_counts(user, text, progress=bar.update, note=file.name)
        db.session.commit()
    except CountFileInvalid as exc:
        db.session.rollback()
        click.echo(f"{len(exc.problems)} bad row(s); nothing was changed:", err=True)
        for problem in exc.problems:
            click.echo(f"  row {problem.row}: {problem.code} {problem.value}".rstrip(), err=True)
        raise SystemExit(1) from None
    click.echo(f"{total} rows counted, {len(changed)} stock levels corrected.")
