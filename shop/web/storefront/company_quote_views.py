"""The company's side of a quote, behind its private link: read, download, answer, pay."""

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
    request,
    url_for,
)
from flask_babel import gettext as _

from shop.extensions import db, limiter
from shop.orders.models import OrderStatus
from shop.orders.services import lock_order
from shop.payments import services as payments
from shop.payments.errors import GatewayError
from shop.payments.gateway import get_gateway
from shop.quotes import conversion, pricing, workflow
from shop.quotes import services as quotes
from shop.quotes.errors import InvalidQuoteMove, PaymentNotPossible, QuoteExpired, QuoteNotFound
from shop.quotes.models import PaymentChoice
from shop.quotes.notifications import bank_details
from shop.web.storefront import bp
from shop.web.storefront.business_forms import AcceptForm, ChangesForm, DeclineForm
from shop.web.storefront.forms import EmptyForm

PRIVATE = {"Cache-Control": "private, no-store", "X-Robots-Tag": "noindex, nofollow",
           "Referrer-Policy": "no-referrer"}


def _found(token: str):
    try:
        return quotes.get_by_token(token)
    except QuoteNotFound:
        abort(404)


def _version(qr):
    version = request.args.get("version", type=int)
    quote = quotes.version_of(qr, version)
    if quote is None and version is not None:
        abort(404)
    return quote


def _context(qr, quote, **forms):
    return dict(qr=qr, quote=quote, totals=pricing.totals,
                versions=[q for q in qr.quotes if q.sent_at is not None],
                moves=workflow.moves_for(qr.status, "company"),
                is_current=quote is not None and quote is qr.current_quote,
                order=qr.order, bank=bank_details(), pay_form=EmptyForm(),
                accept_form=forms.get("accept") or AcceptForm(
                    terms_days=qr.company.payment_terms_days),
                changes_form=forms.get("changes") or ChangesForm(),
                decline_form=forms.get("decline") or DeclineForm())


@bp.get("/quotes/<token>")
def quote_view(token: str):
    """Show the quote (its latest version, or an earlier one) and what the company can do."""
    qr = _found(token)
    quote = _version(qr)
    return render_template("storefront/quote_view.html", **_context(qr, quote)), 200, PRIVATE


@bp.get("/quotes/<token>/pdf")
def quote_pdf(token: str):
    """Download the quote as a PDF, made from the same document as the page."""
    from weasyprint import HTML

    qr = _found(token)
    quote = _version(qr)
    if quote is None:
        abort(404)
    static = Path(current_app.static_folder)
    html = render_template("quotes/quote_pdf.html", qr=qr, quote=quote, totals=pricing.totals,
                           stylesheets=[(static / "css" / name).as_uri()
                                        for name in ("quote-print.css",)])
    pdf = HTML(string=html, base_url=str(static)).write_pdf()
    response = make_response(pdf)
    response.headers.update(PRIVATE)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{qr.reference}-v{quote.version}.pdf"')
    return response


@bp.post("/quotes/<token>/accept")
@limiter.limit("10 per minute")
def quote_accept(token: str):
    """Accept the quote: the order is created; card payers go on to pay."""
    qr = _found(token)
    form = AcceptForm(terms_days=qr.company.payment_terms_days)
    if not form.validate_on_submit():
        return render_template("storefront/quote_view.html", **_context(
            qr, qr.current_quote, accept=form)), 400, PRIVATE
    choice = PaymentChoice(form.payment.data)
    try:
        order = conversion.accept(token, form.po_number.data or "", choice)
    except QuoteExpired:
        db.session.rollback()
        flash(_("This quote has expired: ask us for a new one."), "error")
        return _back(token)
    except (InvalidQuoteMove, PaymentNotPossible):
        db.session.rollback()
        flash(_("This quote can no longer be accepted."), "error")
        return _back(token)
    number = order.number
    db.session.commit()
    if choice == PaymentChoice.CARD:
        return redirect(_payment_url(qr, order), code=303)
    # Nothing read from the database after the commit: in a POST that would open another
    # writing transaction and hold SQLite's lock while the search queue drains.
    flash(_("Thank you: your order %(number)s is confirmed.", number=number), "success")
    return _back(token)


@bp.post("/quotes/<token>/pay")
@limiter.limit("20 per minute")
def quote_pay(token: str):
    """Pay an accepted quote's order by card (again, if the first attempt was abandoned)."""
    qr = _found(token)
    order = qr.order
    if order is None or order.status != OrderStatus.PENDING_PAYMENT:
        flash(_("This order cannot be paid any more."), "info")
        return _back(token)
    return redirect(_payment_url(qr, order), code=303)


@bp.post("/quotes/<token>/changes")
@limiter.limit("10 per minute")
def quote_changes(token: str):
    """Ask for changes: the quote goes back to staff with the company's message."""
    qr = _found(token)
    form = ChangesForm()
    if not form.validate_on_submit():
        return render_template("storefront/quote_view.html", **_context(
            qr, qr.current_quote, changes=form)), 400, PRIVATE
    try:
        quotes.ask_for_changes(token, form.message.data.strip())
    except (InvalidQuoteMove, QuoteExpired):
        db.session.rollback()
        flash(_("This quote can no longer be changed: ask us for a new one."), "error")
        return _back(token)
    db.session.commit()
    flash(_("Thank you: we will send you a revised quote."), "success")
    return _back(token)


@bp.post("/quotes/<token>/decline")
@limiter.limit("10 per minute")
def quote_decline(token: str):
    """Decline the quote."""
    qr = _found(token)
    form = DeclineForm()
    if not form.validate_on_submit():
        return render_template("storefront/quote_view.html", **_context(
            qr, qr.current_quote, decline=form)), 400, PRIVATE
    try:
        quotes.decline(token, (form.reason.data or "").strip())
    except (InvalidQuoteMove, QuoteExpired):
        db.session.rollback()
        flash(_("This quote can no longer be declined."), "error")
        return _back(token)
    db.session.commit()
    flash(_("You have declined the quote. Thank you for letting us know."), "info")
    return _back(token)


def _back(token: str):
    return redirect(url_for("storefront.quote_view", token=token), code=303)


def _payment_url(qr, order) -> str:
    """Open (or reuse) a card payment session for the order; where to send the company."""
    page = url_for("storefront.quote_view", token=qr.token)
    existing = payments.open_payment(order)
    if existing is not None and existing.session_url:
        return existing.session_url
    base = current_app.config["SHOP_BASE_URL"].rstrip("/")
    order_page = url_for("storefront.order_detail", lang=g.lang, token=order.access_token)
    checkout = conversion.checkout_request(
        qr, order, success_url=base + order_page + "?session_id={CHECKOUT_SESSION_ID}",
        cancel_url=base + page)
    gateway = get_gateway()
    try:
        session = gateway.create_checkout_session(checkout)
    except GatewayError:
        current_app.logger.exception("could not open a payment session for %s", order.number)
        db.session.rollback()
        flash(_("The payment service did not answer: try again in a minute."), "error")
        return page
    payments.record_session(lock_order(order.id), gateway.provider, session)
    db.session.commit()
    return session.url


def _impact(token: str):
    from shop.quotes.impact import impact_statement

    qr = _found(token)
    if qr.order is None or qr.order.paid_at is None:
        abort(404)
    return qr, impact_statement(qr.order, g.lang)


@bp.get("/quotes/<token>/impact")
def quote_impact(token: str):
    """Show the paid order's impact statement: hours of work and material, per cooperative."""
    qr, statement = _impact(token)
    return render_template("storefront/quote_impact.html", qr=qr, statement=statement,
                           pdf=False), 200, PRIVATE


@bp.get("/quotes/<token>/impact.pdf")
def quote_impact_pdf(token: str):
    """Download the impact statement as a PDF, from the same template."""
    from weasyprint import HTML

    qr, statement = _impact(token)
    static = Path(current_app.static_folder)
    html = render_template("quotes/impact_pdf.html", qr=qr, statement=statement, pdf=True,
                           stylesheets=[(static / "css" / name).as_uri()
                                        for name in ("quote-print.css",)])
    response = make_response(HTML(string=html, base_url=str(static)).write_pdf())
    response.headers.update(PRIVATE)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = (
        f'attachment; filename="impact-{qr.order.number}.pdf"')
    return response
