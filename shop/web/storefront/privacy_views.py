"""A signed-in customer's own data: download it all, or delete the account."""

from __future__ import annotations

import json

from flask import Response, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import InputRequired, Length

from shop.accounts import privacy
from shop.accounts.errors import InvalidCredentials, NotAllowed
from shop.audit.security_log import log_event
from shop.extensions import db, limiter
from shop.web.storefront import bp

NO_STORE = {"Cache-Control": "private, no-store"}


class DeleteAccountForm(FlaskForm):
    password = PasswordField(_l("Your password, to confirm"),
                             validators=[InputRequired(), Length(max=200)])


@bp.get("/account/export")
@login_required
def account_export():
    """Download everything the shop holds about the signed-in user, as JSON."""
    data = privacy.export_data(current_user.email, current_user)
    log_event("account.exported", user_id=current_user.id)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json", headers={
        **NO_STORE, "Content-Disposition": 'attachment; filename="vialedeimille-data.json"'})


@bp.route("/account/delete", methods=["GET", "POST"])
@login_required
@limiter.limit("5 per minute", methods=["POST"])
def account_delete():
    """Delete the account after the password confirms it; invoices keep what the law needs."""
    form = DeleteAccountForm()
    allowed = current_user.role in privacy.SELF_SERVICE_ROLES
    if not allowed or not form.validate_on_submit():
        return render_template("storefront/account_delete.html", form=form,
                               allowed=allowed), 200, NO_STORE
    try:
        privacy.delete_own_account(current_user, form.password.data)
    except (InvalidCredentials, NotAllowed):
        db.session.rollback()
        form.password.errors.append(_("That is not your password."))
        return render_template("storefront/account_delete.html", form=form,
                               allowed=allowed), 200, NO_STORE
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("Your account is deleted. We keep only the invoice records the law requires."),
          "success")
    return redirect(url_for("storefront.home"), code=303)
