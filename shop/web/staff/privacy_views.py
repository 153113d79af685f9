"""Staff pages: a person's data on request, by email (guests have no account page)."""

from __future__ import annotations

import json

from flask import Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import BooleanField, EmailField
from wtforms.validators import Email, InputRequired, Length

from shop.accounts import privacy
from shop.accounts.access import staff_actor
from shop.accounts.models import User
from shop.audit.services import record
from shop.extensions import db
from shop.web.staff import bp


class PersonForm(FlaskForm):
    email = EmailField(_l("Email of the person"), validators=[
        InputRequired(), Length(max=254), Email(check_deliverability=False)])
    confirm = BooleanField(_l("I have checked who is asking: erase their data for good"))


def _person(email: str) -> tuple[User | None, bool]:
    """The account with this email, if any, and whether staff may erase it here."""
    user = db.session.scalar(select(User).where(func.lower(User.email) == email.lower()))
    return user, user is None or user.role in privacy.SELF_SERVICE_ROLES


@bp.get("/privacy")
def privacy_home():
    """Ask for the email of a person who wants their data or its erasure."""
    return render_template("staff/privacy_home.html", form=PersonForm(formdata=None))


@bp.post("/privacy/export")
def privacy_export():
    """Download what the shop holds about one email address, as JSON."""
    form = PersonForm()
    if not form.validate_on_submit():
        return render_template("staff/privacy_home.html", form=form), 400
    staff_actor(current_user)
    user, _allowed = _person(form.email.data)
    data = privacy.export_data(form.email.data, user)
    record("privacy.export", "person", user.id if user else "",
           summary=f"{len(data['orders'])} orders exported on request")
    db.session.commit()
    return Response(json.dumps(data, ensure_ascii=False, indent=2), mimetype="application/json",
                    headers={"Content-Disposition": 'attachment; filename="person-data.json"'})


@bp.post("/privacy/erase")
def privacy_erase():
    """Erase a person's data by email, keeping only the invoice records the law needs."""
    form = PersonForm()
    if not form.validate_on_submit() or not form.confirm.data:
        if form.email.data and not form.confirm.data:
            form.confirm.errors = [_("Tick the box to confirm the erasure.")]
        return render_template("staff/privacy_home.html", form=form), 400
    staff_actor(current_user)
    user, allowed = _person(form.email.data)
    if not allowed:
        flash(_("This address belongs to a staff or cooperative account: an administrator "
                "closes those."), "error")
        return render_template("staff/privacy_home.html", form=form), 409
    report = privacy.erase_person(form.email.data, user)
    record("privacy.erase", "person", user.id if user else "",
           summary=f"{report.orders_anonymised} orders anonymised, "
                   f"{report.invoices_kept} invoices kept, {report.emails_deleted} emails deleted")
    db.session.commit()
    flash(_("Erased: %(orders)d orders anonymised (%(invoices)d keep their invoice details), "
            "%(emails)d emails deleted.", orders=report.orders_anonymised,
            invoices=report.invoices_kept, emails=report.emails_deleted), "success")
    return redirect(url_for("staff.privacy_home"), code=303)
