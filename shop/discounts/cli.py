"""`flask discounts …`: add and list discount codes from the command line."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

import click
from flask.cli import AppGroup
from sqlalchemy import select

from shop.audit.context import acting_as
from shop.catalog.models import Category, Cooperative
from shop.discounts.models import DiscountKind
from shop.discounts.services import create_code, list_codes
from shop.extensions import db
from shop.i18n import format_money

discounts_cli = AppGroup("discounts", help="Discount codes.")


def _cents(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        cents = Decimal(value.replace(",", ".")).scaleb(2)
    except InvalidOperation:
        raise click.BadParameter(f"{value!r} is not an amount in euros") from None
    if cents < 0 or cents != cents.to_integral_value():
        raise click.BadParameter(f"{value!r} is not an amount in euros")
    return int(cents)


def _day(value: str | None):
    return datetime.fromisoformat(value).astimezone() if value else None


@discounts_cli.command("create")
@click.argument("code")
@click.option("--percent", type=click.FloatRange(0.01, 100), help="Percentage off, e.g. 10.")
@click.option("--amount", help="Euros off, e.g. 5 or 7.50.")
@click.option("--from", "starts", help="First moment it works (ISO date/time, local).")
@click.option("--until", "ends", help="Moment it stops working (ISO date/time, local).")
@click.option("--min-order", help="Least order value in euros.")
@click.option("--max-uses", type=click.IntRange(1), help="Uses in total.")
@click.option("--max-uses-per-email", type=click.IntRange(1), help="Uses per customer email.")
@click.option("--category", help="Only products of this category (slug).")
@click.option("--cooperative", help="Only products of this cooperative (slug).")
def create_command(code, percent, amount, starts, ends, min_order, max_uses,
                   max_uses_per_email, category, cooperative) -> None:
    """Add a discount code: a percentage or a fixed amount, with optional limits."""
    if (percent is None) == (amount is None):
        raise click.UsageError("give exactly one of --percent and --amount")
    kind = DiscountKind.PERCENT if percent is not None else DiscountKind.FIXED
    value = round(percent * 100) if percent is not None else _cents(amount)

    def slug_id(model, slug):
        if slug is None:
            return None
        found = db.session.scalar(select(model.id).where(model.slug == slug))
        if found is None:
            raise click.BadParameter(f"no {model.__tablename__} {slug!r}")
        return found

    with acting_as(email="cli"):
        row = create_code(code, kind=kind, value=value, starts_at=_day(starts),
                          ends_at=_day(ends), min_order_cents=_cents(min_order) or 0,
                          max_uses=max_uses, max_uses_per_email=max_uses_per_email,
                          category_id=slug_id(Category, category),
                          cooperative_id=slug_id(Cooperative, cooperative))
        db.session.commit()
    click.echo(f"created {row.code}")


@discounts_cli.command("list")
def list_command() -> None:
    """Show every code with its uses."""
    for row, used in list_codes():
        off = f"{row.percent_bp / 100:g}%" if row.kind == DiscountKind.PERCENT \
            else format_money(row.amount_cents, "en")
        limit = f"/{row.max_uses}" if row.max_uses else ""
        click.echo(f"{row.code}\t{off}\tused {used}{limit}\t"
                   f"{'active' if row.active else 'stopped'}")
