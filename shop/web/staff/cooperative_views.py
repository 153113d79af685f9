"""The cooperatives' pages as the storefront shows them, edited by staff: facts, texts, consent."""

from __future__ import annotations

from flask import abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from shop.catalog import stories
from shop.catalog.errors import EditRefused, NotFound
from shop.extensions import db
from shop.money import format_price_input
from shop.web.staff import bp
from shop.web.staff import catalog_pages as pages
from shop.web.staff.access import admin_required
from shop.web.staff.catalog_forms import (
    ButtonForm,
    ConsentForm,
    CooperativeForm,
    ImpactMethodForm,
)
from shop.web.staff.catalog_views import done


@bp.get("/catalog/cooperatives")
def cooperative_list():
    """List the cooperatives with what the storefront says of each."""
    return render_template("staff/cooperative_list.html",
                           cooperatives=stories.list_cooperatives(current_user))


@bp.route("/catalog/cooperatives/<int:cooperative_id>", methods=["GET", "POST"])
def cooperative_edit(cooperative_id: int):
    """Edit a cooperative's facts, contact, commission, lead time, tagline and story."""
    coop = found(cooperative_id)
    form = CooperativeForm(data=form_data(coop) if request.method == "GET" else None)
    if not form.validate_on_submit():
        return render_page(coop, form, status=400 if request.method == "POST" else 200,
                           error=_("Please correct the fields marked below.")
                           if request.method == "POST" else None)
    try:
        stories.update_cooperative(current_user, cooperative_id, stories.CooperativeInput(
            name=form.name.data.strip(), institute=form.institute.data, craft=form.craft.data,
            founded_year=form.founded_year.data, people_employed=form.people_employed.data,
            contact_email=form.contact_email.data.strip(), commission_bp=form.commission.cents,
            lead_time_days=form.lead_time_days.data, people_named=form.people_named.data or "",
            taglines={"it": form.tagline_it.data.strip(), "en": form.tagline_en.data.strip()},
            stories={"it": (form.story_it.data or "").strip(),
                     "en": (form.story_en.data or "").strip()}))
    except EditRefused as exc:
        db.session.rollback()
        return render_page(found(cooperative_id), form, error=pages.refusal(exc), status=409)
    return done(_("Saved. The cooperative's page shows the change now."),
                "staff.cooperative_edit", cooperative_id=cooperative_id)


@bp.post("/catalog/cooperatives/<int:cooperative_id>/impact-method")
@admin_required
def cooperative_impact_method(cooperative_id: int):
    """Save the cooperative's words on how its impact figures are measured (admins)."""
    coop = found(cooperative_id)
    method_form = ImpactMethodForm()
    if not method_form.validate_on_submit():
        return render_page(coop, CooperativeForm(formdata=None, data=form_data(coop)),
                           method_form=method_form, status=400,
                           error=_("Please correct the fields marked below."))
    try:
        stories.update_impact_method(current_user, cooperative_id, {
            "it": method_form.impact_method_it.data or "",
            "en": method_form.impact_method_en.data or ""})
    except EditRefused as exc:
        db.session.rollback()
        return render_page(found(cooperative_id),
                           CooperativeForm(formdata=None, data=form_data(found(cooperative_id))),
                           method_form=method_form, error=pages.refusal(exc), status=409)
    return done(_("Saved. The impact page and the statements show the method now."),
                "staff.cooperative_edit", cooperative_id=cooperative_id, _anchor="method")


@bp.post("/catalog/cooperatives/<int:cooperative_id>/consents")
def cooperative_consent_add(cooperative_id: int):
    """Record a person's consent to be named, by first name, in the cooperative's story."""
    coop = found(cooperative_id)
    consent_form = ConsentForm()
    if not consent_form.validate_on_submit():
        return render_page(coop, CooperativeForm(formdata=None, data=form_data(coop)),
                           consent_form=consent_form, status=400,
                           error=_("Please complete the consent record."))
    stories.add_consent(current_user, stories.ConsentInput(
        consent_form.first_name.data, consent_form.given_on.data,
        consent_form.collected_by.data, consent_form.notes.data or ""),
        cooperative_id=cooperative_id)
    return done(_("Consent recorded."), "staff.cooperative_edit", cooperative_id=cooperative_id,
                _anchor="people")


@bp.post("/catalog/cooperatives/<int:cooperative_id>/consents/<int:consent_id>/delete")
def cooperative_consent_delete(cooperative_id: int, consent_id: int):
    """Withdraw a consent record."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        stories.remove_consent(current_user, consent_id, cooperative_id=cooperative_id)
    except NotFound:
        abort(404)
    return done(_("Consent record removed."), "staff.cooperative_edit",
                cooperative_id=cooperative_id, _anchor="people")


def found(cooperative_id: int):
    try:
        return stories.get_cooperative(current_user, cooperative_id)
    except NotFound:
        abort(404)


def form_data(coop) -> dict:
    return {**stories.cooperative_state(coop),
            "commission": format_price_input(coop.commission_bp).removesuffix(",00")}


def method_data(coop) -> dict:
    return {f"impact_method_{locale}": coop.tr(locale).impact_method
            if any(t.locale == locale for t in coop.translations) else ""
            for locale in ("it", "en")}


def render_page(coop, form, *, consent_form=None, method_form=None, error=None, status=200):
    return render_template(
        "staff/cooperative_edit.html", coop=coop, form=form,
        consent_form=consent_form or ConsentForm(formdata=None),
        method_form=method_form or ImpactMethodForm(formdata=None, data=method_data(coop)),
        consents=stories.consents_for(coop), button=ButtonForm(formdata=None),
        error=error), status
