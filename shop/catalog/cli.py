"""`flask catalog …`: load the demo catalog (never in production)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import func, select

from shop.accounts.models import User
from shop.catalog.models import Category, Cooperative, Product, ProductImage, Variant
from shop.catalog.seed import DEMO_LOGINS, seed_demo
from shop.extensions import db
from shop.inventory.models import Location, Stock, StockMovement

catalog_cli = AppGroup("catalog", help="Catalog maintenance.")

COUNTED = (("cooperatives", Cooperative), ("categories", Category), ("products", Product),
           ("variants", Variant), ("images", ProductImage), ("locations", Location),
           ("stock rows", Stock), ("stock movements", StockMovement), ("users", User))


@catalog_cli.command("seed-demo")
@click.option("--no-images", is_flag=True, help="Skip drawing the product pictures.")
@click.option("--if-empty", is_flag=True,
              help="Only load it into a shop that has no products yet (keeps your edits).")
def seed_demo_command(no_images: bool, if_empty: bool) -> None:
    """Load the demo catalog, its stock and one user per role; safe to run again."""
    if not current_app.config.get("SEED_DEMO_ALLOWED", False):
        click.echo("Refusing to load demo data: this configuration "
                   f"({current_app.config.get('ENV_NAME', 'unknown')}) does not allow it "
                   "(SEED_DEMO_ALLOWED is off, as in production). Nothing was changed.",
                   err=True)
        raise SystemExit(1)
    if if_empty and db.session.scalar(select(func.count(Product.id))):
        click.echo("The shop already has products: demo catalog left as it is.")
        logins = DEMO_LOGINS
    else:
        logins = seed_demo(with_images=not no_images)
        db.session.commit()

    click.echo("Demo catalog ready:")
    for label, model in COUNTED:
        count = db.session.scalar(select(func.count()).select_from(model))
        click.echo(f"  {label:<16} {count:>5}")
    click.echo("")
    click.echo("Demo logins (for development only):")
    email_width = max(len(login.email) for login in logins)
    click.echo(f"  {'email':<{email_width}}  {'role':<8}  password")
    for login in logins:
        click.echo(f"  {login.email:<{email_width}}  {login.role:<8}  {login.password}")
    click.echo("")
    click.echo("Staff and admin sign in with a one-time code too: at their first sign-in the shop")
    click.echo("shows a QR code (and its key as text) for an authenticator app on your phone,")
    click.echo("then asks for a code to confirm and gives ten recovery codes. Any TOTP app works;")
    click.echo("without a phone: python -c \"import pyotp; print(pyotp.TOTP('KEY').now())\"")
