"""The business area: what the consortium offers companies, and the quote request form."""

from __future__ import annotations

from pathlib import Path

from flask import current_app, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from shop.catalog.services import list_cooperatives
from shop.extensions import db, limiter
from shop.quotes import services as quotes
from shop.quotes.errors import InvalidUpload
from shop.quotes.validation import check_logo, parse_address_csv
from shop.web.storefront import bp
from shop.web.storefront.business_forms import ITEM_ROWS, MAX_ROWS, QuoteRequestForm, budget_cents

ROWS_STEP = 4


@bp.get("/business")
def business():
    """Show companies what the consortium offers: gift boxes, personalisation, impact."""
    return render_template("storefront/business.html", cooperatives=list_cooperatives())


@bp.route("/business/quote", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"], exempt_when=lambda: "add_rows" in request.form)
def business_quote():
    """Ask for a quote; 'more rows' re-shows the form with empty rows added."""
    rows = _rows()
    form = QuoteRequestForm(variant_choices=quotes.orderable_variants(g.lang), rows=rows)
    if request.method == "GET" or not form.is_submitted():
        return _page(form)
    if "add_rows" in request.form:
        form = QuoteRequestForm(variant_choices=quotes.orderable_variants(g.lang),
                                rows=rows + ROWS_STEP)
        form.rows.data = str(min(rows + ROWS_STEP, MAX_ROWS))
        return _page(form)
    if (form.website.data or "").strip():
        return redirect(url_for("storefront.business_quote_sent"), code=303)  # a bot
    valid = form.validate_on_submit()
    addresses, csv_errors = _addresses(form)
    logo = _logo(form)
    if not valid or csv_errors or form.logo.errors:
        return _page(form, csv_errors), 400
    details = quotes.RequestDetails(
        company=quotes.CompanyDetails(
            name=form.company_name.data.strip(), vat_number=form.vat_number.data,
            tax_code=form.tax_code.data or "", sdi_code=form.sdi_code.data or "",
            pec=(form.pec.data or "").strip()),
        contact_name=form.contact_name.data.strip(),
        contact_email=form.contact_email.data.strip(),
        contact_phone=(form.contact_phone.data or "").strip(), items=form.chosen_items(),
        custom_needs=(form.custom_needs.data or "").strip(),
        personalisation=(form.personalisation.data or "").strip(),
        budget_per_gift_cents=budget_cents(form.budget_per_gift.data),
        wanted_by=form.wanted_by.data, addresses=addresses,
        notes=(form.notes.data or "").strip(), locale=g.lang)
    quotes.submit_request(details, logo, logo_dir=logo_folder())
    db.session.commit()
    return redirect(url_for("storefront.business_quote_sent"), code=303)


@bp.get("/business/quote/sent")
def business_quote_sent():
    """Thank the company: we answer within two working days."""
    return render_template("storefront/business_quote_sent.html")


def logo_folder() -> str:
    return str(Path(current_app.instance_path) / "quote-logos")


def _rows() -> int:
    try:
        return max(ITEM_ROWS, min(int(request.form.get("rows", ITEM_ROWS)), MAX_ROWS))
    except ValueError:
        return ITEM_ROWS


def _page(form, csv_errors=()):
    return render_template("storefront/business_quote.html", form=form,
                           csv_errors=[_csv_message(e) for e in csv_errors])


def _addresses(form) -> tuple[list[dict], list]:
    upload = form.addresses_csv.data
    if upload and getattr(upload, "filename", ""):
        rows, errors = parse_address_csv(upload.read(512 * 1024 + 1)[:512 * 1024])
        return [r.as_dict() for r in rows], errors
    single = {"name": (form.ship_name.data or form.company_name.data or "").strip(),
              "line1": (form.ship_line1.data or "").strip(),
              "postal_code": (form.ship_postal_code.data or "").strip(),
              "city": (form.ship_city.data or "").strip(),
              "province": (form.ship_province.data or "").strip().upper(),
              "country": "IT", "quantity": 0}
    if not (single["line1"] and single["postal_code"] and single["city"]):
        form.ship_line1.errors = [*form.ship_line1.errors, _(
            "Give the delivery address (address, postcode and city) or upload a list.")]
        return [], []
    return [single], []


def _logo(form):
    upload = form.logo.data
    if not upload or not getattr(upload, "filename", ""):
        return None
    try:
        return check_logo(upload.read(1024 * 1024 + 1), upload.filename)
    except InvalidUpload as exc:
        form.logo.errors = [*form.logo.errors, _logo_message(exc.reason)]
        return None


def _logo_message(reason: str) -> str:
    if reason == "too_large":
        return _("The logo is larger than 1 MB.")
    if reason == "svg_unreadable":
        return _("We could not read this SVG file safely. Send it as PNG or PDF.")
    return _("The logo must be a PNG, PDF or SVG file.")


def _csv_message(error) -> str:
    messages = {
        "not_utf8": _("The address list must be a CSV file saved as UTF-8."),
        "not_csv": _("The address list is not a readable CSV file."),
        "missing_columns": _("The address list needs the columns: name, address, "
                             "postal_code, city, province, country (and, if you like, "
                             "quantity)."),
        "too_many_rows": _("The address list has more than 500 rows."),
        "empty": _("The address list has no rows."),
        "required": _("this field is empty"),
        "country_invalid": _("use a two-letter country code such as IT"),
        "postcode_invalid": _("an Italian postcode has five digits"),
        "quantity_invalid": _("the quantity must be a whole number from 1 to 10000"),
        "quantity_missing": _("give a quantity on every row, or on none (then the gifts "
                              "are shared evenly)"),
    }
    text = messages.get(error.code, error.code)
    if error.row >= 2:
        return _("Row %(row)d, %(field)s: %(problem)s", row=error.row, field=error.field,
                 problem=text)
    return text


@bp.app_context_processor
def _quote_labels():
    from shop.web.quote_labels import quote_labels

    return {**quote_labels(), "company_price_breaks": company_price_breaks}


def company_price_breaks(product) -> dict:
    """Variant id → its price breaks, for a signed-in company contact (else nothing)."""
    from flask_login import current_user

    from shop.quotes.pricing import price_breaks

    if not (current_user.is_authenticated and current_user.role == "company"):
        return {}
    found = price_breaks(v.id for v in product.active_variants)
    return {vid: rows for vid, rows in found.items() if rows}
