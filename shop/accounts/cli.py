"""`flask users …`: create accounts from the command line."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from shop.accounts.errors import AccountError
from shop.accounts.models import Role
from shop.accounts.services import create_user
from shop.extensions import db

users_cli = AppGroup("users", help="Manage user accounts.")


@users_cli.command("create")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]),
              help="What the user may do.")
@click.option("--cooperative", "cooperative_slug", default=None, metavar="SLUG",
              help="The cooperative of a coop member (required for --role coop).")
@click.option("--password", default=None,
              help="At least 10 characters; a random one is generated and printed if omitted.")
@click.option("--name", default="", help="The user's display name.")
@click.option("--locale", default="it", show_default=True, help="Language of emails and pages.")
def create_command(email: str, role: str, cooperative_slug: str | None, password: str | None,
                   name: str, locale: str) -> None:
    """Create a user with a role and print the password if it was generated."""
    try:
        user, actual_password = create_user(email, Role(role), password=password,
                                            cooperative_slug=cooperative_slug, name=name,
                                            locale=locale)
    except AccountError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"Created {user.role} {user.email}")
    if password is None:
        click.echo(f"Password: {actual_password}")
