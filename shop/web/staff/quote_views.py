"""Staff pages for quotes: the list, a request with its quote builder, sending, payments."""

from __future__ import annotations

from pathlib import Path

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from shop.catalog.services import list_cooperatives
from shop.db import utcnow
from shop.extensions import db
from shop.fulfilment.routing import local_date
from shop.i18n import current_lang
from shop.quotes import conversion, pricing, workflow
from shop.quotes import services as quotes
from shop.quotes.errors import (
    InvalidPriceBreak,
    InvalidQuoteMove,
    PaymentNotPossible,
    QuoteExpired,
    QuoteHasNoLines,
    QuoteNotFound,
)
from shop.quotes.impact import impact_years, staff_year_statement
from shop.web.staff import bp
from shop.web.staff.quote_forms import (
    EXTRA_ROWS,
    PriceBreakForm,
    QuoteBuildForm,
    QuoteFilterForm,
    TermsForm,
)
from shop.web.storefront.business_forms import budget_cents
from shop.web.storefront.company_account_views import year_statement_pdf
from shop.web.storefront.forms import EmptyForm


def _found(request_id: int):
    try:
        return quotes.get_request(request_id)
    except QuoteNotFound:
        abort(404)


@bp.get("/quotes")
def quote_list():
    """List quote requests, newest first, by status, company and date."""
    form = QuoteFilterForm(request.args)
    form.validate()
    filters = quotes.ListFilters(
        status=form.status.data or "", company=(form.company.data or "").strip(),
        date_from=form.date_from.data if not form.date_from.errors else None,
        date_to=form.date_to.data if not form.date_to.errors else None)
    return render_template("staff/quote_list.html", form=form,
                           requests=quotes.list_requests(current_user, filters),
                           counts=quotes.status_counts(current_user))


@bp.get("/quotes/<int:request_id>")
def quote_detail(request_id: int):
    """Show a request, its versions and events, and the builder for the next version."""
    qr = _found(request_id)
    return _detail(qr, _builder(qr))


def _detail(qr, form, status: int = 200):
    today = local_date(utcnow())
    order = qr.order
    return render_template(
        "staff/quote_detail.html", qr=qr, form=form, today=today, action=EmptyForm(),
        terms=TermsForm(data={"days": qr.company.payment_terms_days}),
        editable=qr.status in workflow.EDITABLE, moves=workflow.moves_for(qr.status, "staff"),
        sent=[q for q in qr.quotes if q.sent_at is not None], draft=qr.draft,
        totals=pricing.totals, order=order, impact_years=impact_years(qr.company),
        transfer_due=bool(order and order.status == "pending_payment"
                          and qr.payment_choice in ("transfer", "terms"))), status


def _builder(qr) -> QuoteBuildForm:
    """The builder, filled from the draft, else the last version, else the suggestions."""
    today = local_date(utcnow())
    base = qr.draft or qr.current_quote
    if base is not None:
        rows = [{"variant_id": line.variant_id or 0, "text": line.description,
                 "cooperative_id": line.cooperative_id, "quantity": line.quantity,
                 "unit_price": _euros(line.unit_price_cents), "vat_rate_bp": line.vat_rate_bp,
                 "delivery_date": line.delivery_date} for line in base.lines]
        data = {"valid_until": base.valid_until, "notes": base.notes}
    else:
        rows = [{"variant_id": s.variant_id, "text": s.description,
                 "cooperative_id": s.cooperative_id, "quantity": s.quantity,
                 "unit_price": _euros(s.unit_price_cents), "vat_rate_bp": s.vat_rate_bp,
                 "delivery_date": s.delivery_date} for s in pricing.suggest_lines(qr, today)]
        from datetime import timedelta

        data = {"valid_until": today + timedelta(days=30), "notes": ""}
    rows += [{"variant_id": 0, "vat_rate_bp": 2200} for _ in range(EXTRA_ROWS)]
    form = QuoteBuildForm(formdata=None, data={**data, "lines": rows})
    _setup(form, qr)
    return form


def _setup(form, qr):
    form.setup(quotes.orderable_variants(qr.locale),
               [(c.id, c.name) for c in list_cooperatives()])


def _euros(cents: int) -> str:
    return f"{cents // 100},{cents % 100:02d}"


@bp.post("/quotes/<int:request_id>/review")
def quote_review(request_id: int):
    """Take a submitted request in hand."""
    _found(request_id)
    try:
        quotes.start_review(request_id, current_user)
    except InvalidQuoteMove:
        db.session.rollback()
        flash(_("This request cannot move that way now."), "error")
        return redirect(url_for("staff.quote_detail", request_id=request_id), code=303)
    db.session.commit()
    return redirect(url_for("staff.quote_detail", request_id=request_id), code=303)


@bp.post("/quotes/<int:request_id>/draft")
def quote_draft(request_id: int):
    """Save the quote being prepared; 'send' also sends it to the company."""
    qr = _found(request_id)
    form = QuoteBuildForm()
    _setup(form, qr)
    if not form.validate():
        flash(_("Please correct the fields marked below."), "error")
        return _detail(qr, form, 400)
    lines = [quotes.LineInput(
        variant_id=row.variant_id.data or None, cooperative_id=row.cooperative_id.data or None,
        description=(row.text.data or "").strip(), quantity=row.quantity.data,
        unit_price_cents=budget_cents(row.unit_price.data), vat_rate_bp=row.vat_rate_bp.data,
        delivery_date=row.delivery_date.data) for row in form.lines if row.quantity.data]
    try:
        quotes.save_draft(request_id, current_user, lines, form.valid_until.data,
                          (form.notes.data or "").strip())
        if "send" in request.form:
            quotes.send_quote(request_id, current_user)
    except (InvalidQuoteMove, QuoteHasNoLines, QuoteExpired):
        db.session.rollback()
        flash(_("The quote could not be saved: check the lines and the validity date."),
              "error")
        return redirect(url_for("staff.quote_detail", request_id=request_id), code=303)
    db.session.commit()
    flash(_("Quote sent to the company.") if "send" in request.form else _("Draft saved."),
          "success")
    return redirect(url_for("staff.quote_detail", request_id=request_id), code=303)


@bp.post("/quotes/<int:request_id>/send")
def quote_send(request_id: int):
    """Send the saved draft to the company."""
    _found(request_id)
    try:
        quotes.send_quote(request_id, current_user)
    except (InvalidQuoteMove, QuoteHasNoLines, QuoteExpired):
        db.session.rollback()
        flash(_("There is no draft to send, or its validity date has passed."), "error")
        return redirect(url_for("staff.quote_detail", request_id=request_id), code=303)
    db.session.commit()
    flash(_("Quote sent to the company."), "success")
    return redirect(url_for("staff.quote_detail", request_id=request_id), code=303)


@bp.post("/quotes/<int:request_id>/transfer-received")
def quote_transfer_received(request_id: int):
    """Record that the company's bank transfer arrived: the order is paid and routed."""
    qr = _found(request_id)
    if qr.order_id is None:
        abort(404)
    try:
        conversion.mark_transfer_received(qr.order_id, current_user)
    except PaymentNotPossible:
        db.session.rollback()
        flash(_("This order is not waiting for a transfer."), "error")
        return redirect(url_for("staff.quote_detail", request_id=request_id), code=303)
    db.session.commit()
    flash(_("Payment recorded: the order is paid and on its way to the cooperatives."),
          "success")
    return redirect(url_for("staff.quote_detail", request_id=request_id), code=303)


@bp.post("/quotes/companies/<int:company_id>/terms")
def quote_company_terms(company_id: int):
    """Give a company payment terms (or take them away)."""
    form = TermsForm()
    back = request.form.get("back", type=int)
    target = (url_for("staff.quote_detail", request_id=back) if back
              else url_for("staff.quote_list"))
    if not form.validate():
        flash(_("Payment terms are a number of days from 1 to 120."), "error")
        return redirect(target, code=303)
    try:
        quotes.set_payment_terms(company_id, current_user, form.days.data)
    except QuoteNotFound:
        abort(404)
    db.session.commit()
    flash(_("Payment terms saved."), "success")
    return redirect(target, code=303)


def _year_statement(company_id: int, year: int):
    try:
        return staff_year_statement(current_user, company_id, year, current_lang())
    except QuoteNotFound:
        abort(404)


@bp.get("/quotes/companies/<int:company_id>/impact/<int:year>")
def quote_company_impact(company_id: int, year: int):
    """A company's impact statement for a year, as its contacts see it."""
    statement = _year_statement(company_id, year)
    return render_template(
        "storefront/account_company_impact.html", statement=statement,
        pdf_url=url_for("staff.quote_company_impact_pdf", company_id=company_id, year=year),
        back_url=url_for("staff.quote_list"))


@bp.get("/quotes/companies/<int:company_id>/impact/<int:year>.pdf")
def quote_company_impact_pdf(company_id: int, year: int):
    """The same statement as a PDF."""
    return year_statement_pdf(_year_statement(company_id, year))


@bp.get("/quotes/<int:request_id>/logo")
def quote_logo(request_id: int):
    """Download the logo the company sent (as a file, never shown inline)."""
    qr = _found(request_id)
    if not qr.logo_path:
        abort(404)
    folder = Path(current_app.instance_path) / "quote-logos"
    response = send_file(folder / Path(qr.logo_path).name, mimetype=qr.logo_type,
                         as_attachment=True, download_name=f"logo-{qr.reference}"
                         f"{Path(qr.logo_path).suffix}")
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@bp.route("/quotes/price-breaks", methods=["GET"])
def price_breaks():
    """Choose a variant whose price breaks to edit."""
    variant_id = request.args.get("variant_id", type=int)
    if variant_id:
        return redirect(url_for("staff.price_break_edit", variant_id=variant_id))
    return render_template("staff/price_breaks.html",
                           variants=quotes.orderable_variants("it"),
                           breaks=pricing.price_breaks(v for v, _ in
                                                       quotes.orderable_variants("it")))


@bp.route("/quotes/price-breaks/<int:variant_id>", methods=["GET", "POST"])
def price_break_edit(variant_id: int):
    """Edit one variant's price breaks (net unit price from a quantity up)."""
    from shop.catalog.models import Variant

    variant = db.session.get(Variant, variant_id) or abort(404)
    existing = pricing.price_breaks([variant_id]).get(variant_id, [])
    form = PriceBreakForm(data={"breaks": [
        {"min_quantity": b.min_quantity, "unit_price": _euros(b.unit_price_cents)}
        for b in existing]} if request.method == "GET" else None)
    while len(form.breaks.entries) < len(existing) + 3 and len(form.breaks.entries) < 12:
        form.breaks.append_entry()
    if request.method == "POST" and form.validate():
        try:
            quotes.set_price_breaks(variant_id, current_user, form.pairs())
        except InvalidPriceBreak:
            db.session.rollback()
        else:
            db.session.commit()
            flash(_("Price breaks saved."), "success")
            return redirect(url_for("staff.price_break_edit", variant_id=variant_id), code=303)
    return render_template("staff/price_break_edit.html", variant=variant, form=form,
                           list_net=pricing.net_list_price(variant)), \
        400 if request.method == "POST" else 200



@bp.post("/quotes/<int:request_id>/invite")
def quote_invite(request_id: int):
    """Give the request's contact a company account; they get a link to set a password."""
    from shop.accounts.errors import NotAllowed
    from shop.quotes.accounts import invite_contact

    _found(request_id)
    try:
        invitation = invite_contact(request_id, current_user)
    except NotAllowed:
        db.session.rollback()
        flash(_("This address already belongs to another account."), "error")
        return redirect(url_for("staff.quote_detail", request_id=request_id), code=303)
    email = invitation.user.email
    db.session.commit()
    flash(_("Company account ready: %(email)s got a link to choose a password.",
            email=email), "success")
    return redirect(url_for("staff.quote_detail", request_id=request_id), code=303)
