"""A company contact's own page: their company's requests, quotes and orders; reorder."""

from __future__ import annotations

from pathlib import Path

from flask import (
    abort,
    current_app,
    flash,
    g,
    make_response,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from shop.accounts.errors import NotAllowed
from shop.extensions import db, limiter
from shop.quotes import accounts
from shop.quotes.errors import QuoteNotFound
from shop.quotes.impact import contact_year_statement, impact_years
from shop.web.storefront import bp
from shop.web.storefront.forms import EmptyForm

NO_STORE = {"Cache-Control": "private, no-store"}


@bp.get("/account/company")
@login_required
def account_company():
    """List the company's requests, quotes and orders, newest first."""
    try:
        company = accounts.company_of(current_user)
        requests = accounts.company_requests(current_user)
        documents = accounts.company_documents(current_user)
    except NotAllowed:
        abort(404)
    return render_template("storefront/account_company.html", company=company,
                           requests=requests, documents=documents, form=EmptyForm(),
                           impact_years=impact_years(company)), 200, NO_STORE


@bp.post("/account/company/requests/<int:request_id>/reorder")
@login_required
@limiter.limit("10 per hour")
def account_company_reorder(request_id: int):
    """Start a new request with the same lines as an earlier one."""
    try:
        accounts.reorder(current_user, request_id)
    except (NotAllowed, QuoteNotFound):
        db.session.rollback()
        abort(404)
    db.session.commit()
    flash(_("We have your new request and will send you a quote soon."), "success")
    return redirect(url_for("storefront.account_company"), code=303)


def _year_statement(year: int):
    try:
        return contact_year_statement(current_user, year, g.lang)
    except (NotAllowed, QuoteNotFound):
        abort(404)


@bp.get("/account/company/impact/<int:year>")
@login_required
def account_company_impact(year: int):
    """The company's impact statement for a year: figures, methods and ledger references."""
    statement = _year_statement(year)
    return render_template("storefront/account_company_impact.html", statement=statement,
                           pdf_url=url_for("storefront.account_company_impact_pdf", year=year),
                           back_url=url_for("storefront.account_company")), 200, NO_STORE


@bp.get("/account/company/impact/<int:year>.pdf")
@login_required
def account_company_impact_pdf(year: int):
    """The same statement as a PDF, for the company's sustainability report."""
    return year_statement_pdf(_year_statement(year))


def year_statement_pdf(statement):
    """A yearly statement as a PDF download (WeasyPrint, from the page's document)."""
    from weasyprint import HTML

    static = Path(current_app.static_folder)
    html = render_template("quotes/year_impact_pdf.html", statement=statement,
                           stylesheets=[(static / "css" / "quote-print.css").as_uri()])
    response = make_response(HTML(string=html, base_url=str(static)).write_pdf())
    response.headers.update(NO_STORE)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = (
        f'attachment; filename="impact-{statement.year}.pdf"')
    return response
