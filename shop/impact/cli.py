"""`flask impact verify`: recompute the impact ledger's chain and name the first bad entry."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from shop.impact.ledger import verify_ledger

impact_cli = AppGroup("impact", help="The public impact ledger.")


@impact_cli.command("verify")
def verify_command() -> None:
    """Recompute every entry's hash in order; exit 1 at the first that does not hold."""
    count, bad = verify_ledger()
    if bad is not None:
        click.echo(f"Entry {bad.seq} is not valid: {bad.reason}.", err=True)
        raise SystemExit(1)
    click.echo(f"The impact ledger holds: {count} entries, chain intact.")
