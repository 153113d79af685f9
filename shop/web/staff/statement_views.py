"""Every cooperative's monthly statement side by side, with each one's CSV."""

from __future__ import annotations

from datetime import date

from flask import Response, abort, render_template, request
from flask_login import current_user

from shop.accounts.access import staff_actor
from shop.catalog.models import Cooperative
from shop.catalog.services import list_cooperatives
from shop.extensions import db
from shop.fulfilment import statements
from shop.fulfilment.errors import InvalidMonth
from shop.fulfilment.services import today_local
from shop.i18n import current_lang
from shop.web.coop.statement_views import statement_csv_text
from shop.web.staff import bp


def _month() -> date:
    raw = request.args.get("month", "")
    try:
        year, month = (int(part) for part in raw.split("-"))
        statements.month_bounds(year, month)
        return date(year, month, 1)
    except (ValueError, InvalidMonth):
        today = today_local()
        return date(today.year, today.month, 1)


@bp.get("/statements")
def statement_list():
    """Show every cooperative's statement of a month with the totals of all of them."""
    staff_actor(current_user)
    month = _month()
    rows = [statements.cooperative_statement(c.id, month.year, month.month)
            for c in list_cooperatives()]
    return render_template("staff/statement_list.html", month=month, rows=rows,
                           months=list(reversed(statements.last_months(today_local(), 12))))


@bp.get("/statements/<int:cooperative_id>/<int:year>/<int:month>.csv")
def statement_csv(cooperative_id: int, year: int, month: int):
    """Download one cooperative's statement of a month as CSV (as the cooperative gets it)."""
    staff_actor(current_user)
    cooperative = db.session.get(Cooperative, cooperative_id)
    if cooperative is None:
        abort(404)
    try:
        statement = statements.cooperative_statement(cooperative_id, year, month)
    except InvalidMonth:
        abort(404)
    filename = f"rendiconto-{cooperative.slug}-{year}-{month:02d}.csv"
    return Response(statement_csv_text(statement, current_lang()), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
