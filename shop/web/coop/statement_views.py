"""Monthly statements: the page, and the same figures as CSV."""

from __future__ import annotations

import calendar
import csv
import io
from datetime import date

from flask import Response, abort, render_template
from flask_babel import gettext as _
from flask_login import current_user

from shop.fulfilment import statements
from shop.fulfilment.errors import InvalidMonth
from shop.fulfilment.services import today_local
from shop.i18n import current_lang
from shop.impact.ledger import head_at
from shop.web.coop import bp


@bp.get("/statements/")
def statement_list():
    """List the last twelve months with what was shipped and what is due for each."""
    months = statements.last_months(today_local())
    summaries = [statements.statement_for(current_user, m.year, m.month)
                 for m in reversed(months)]
    return render_template("coop/statement_list.html", summaries=summaries)


def _statement(year: int, month: int) -> statements.Statement:
    try:
        return statements.statement_for(current_user, year, month)
    except InvalidMonth:
        abort(404)


@bp.get("/statements/<int:year>/<int:month>")
def statement_detail(year: int, month: int):
    """Show a month's shipped lines, refunds, VAT, commission and the amount due."""
    statement = _statement(year, month)
    return render_template("coop/statement_detail.html", statement=statement,
                           today=today_local(), ledger_head=month_end_head(statement))


@bp.get("/statements/<int:year>/<int:month>.csv")
def statement_csv(year: int, month: int):
    """Download the month's statement as CSV, written the way the user's spreadsheet reads it."""
    statement = _statement(year, month)
    body = statement_csv_text(statement, current_lang())
    filename = f"rendiconto-{statement.year}-{statement.month:02d}.csv"
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})


def statement_csv_text(statement: statements.Statement, lang: str) -> str:
    """Italian spreadsheets expect ';' and decimal commas; English ones ',' and points."""
    delimiter, point = (";", ",") if lang == "it" else (",", ".")

    def euros(cents: int | None) -> str:
        if cents is None:
            return ""
        sign = "-" if cents < 0 else ""
        whole, rest = divmod(abs(cents), 100)
        return f"{sign}{whole}{point}{rest:02d}"

    def percent(bp: int) -> str:
        return f"{bp / 100:g}".replace(".", point) + "%"

    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([_("Date"), _("Type"), _("Order"), _("SKU"), _("Product"), _("Qty"),
                     _("Unit price"), _("VAT rate"), _("Gross"), _("VAT"), _("Net")])
    for line in statement.lines:
        writer.writerow([line.day.isoformat(), _("Sale") if line.kind == "sale" else _("Refund"),
                         line.order_number, line.sku,
                         f"{line.name} ({line.variant_label})", line.quantity or "",
                         euros(line.unit_price_cents), percent(line.vat_rate_bp),
                         euros(line.gross_cents), euros(line.vat_cents), euros(line.net_cents)])
    for label, cents in ((_("Gross"), statement.gross_cents), (_("VAT"), statement.vat_cents),
                         (_("Net"), statement.net_cents),
                         (_("Commission (%(rate)s)", rate=percent(statement.commission_bp)),
                          -statement.commission_cents),
                         (_("Amount due"), statement.amount_due_cents)):
        writer.writerow([""] * 7 + [label, euros(cents), "", ""])
    head = month_end_head(statement)
    if head is not None:
        writer.writerow([_("Impact ledger at month end: entry %(seq)s, fingerprint %(hash)s",
                           seq=head.seq, hash=head.hash)])
    return "\ufeff" + out.getvalue()


def month_end_head(statement: statements.Statement):
    """The impact ledger's last entry of the month: whoever keeps it can check the chain."""
    last_day = calendar.monthrange(statement.year, statement.month)[1]
    return head_at(date(statement.year, statement.month, last_day))
