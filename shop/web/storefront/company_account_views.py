"""A company contact's own page: their company's requests, quotes and orders; reorder."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from shop.accounts.errors import NotAllowed
from shop.extensions import db, limiter
from shop.quotes import accounts
from shop.quotes.errors import QuoteNotFound
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
                           requests=requests, documents=documents,
                           form=EmptyForm()), 200, NO_STORE


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
