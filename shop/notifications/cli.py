"""`flask outbox …`: look after emails the worker gave up on."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from shop.db import begin_write
from shop.extensions import db
from shop.notifications.errors import NotificationError
from shop.notifications.outbox_admin import retry_failed

outbox_cli = AppGroup("outbox", help="Queued and failed emails.")


@outbox_cli.command("retry")
@click.option("--id", "ids", type=int, multiple=True, metavar="N",
              help="A failed email to queue again (repeatable).")
@click.option("--all-failed", is_flag=True, help="Queue every failed email again.")
def retry_command(ids: tuple[int, ...], all_failed: bool) -> None:
    """Queue failed emails again; the worker sends them on its next round."""
    if bool(ids) == all_failed:
        raise click.UsageError("give either --id N (one or more) or --all-failed")
    begin_write(db.session)
    try:
        queued = retry_failed(list(ids) if ids else None)
    except NotificationError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"Queued {len(queued)} email(s) again" + (
        ": " + ", ".join(map(str, queued)) if queued else ""))
