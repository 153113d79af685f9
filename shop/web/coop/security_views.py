"""A member's sign-in codes: optional for cooperative members, switched on and off here."""

from __future__ import annotations

from flask import flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.accounts import two_factor
from shop.accounts.errors import InvalidCode, TwoFactorAlreadyEnabled
from shop.extensions import db, limiter
from shop.web.coop import bp
from shop.web.storefront.account_forms import CodeForm
from shop.web.storefront.two_factor_views import enrolment_context

ENROLMENT_KEY = "coop_totp_enrolment"


def _secret() -> str:
    if not session.get(ENROLMENT_KEY):
        session[ENROLMENT_KEY] = two_factor.new_secret()
    return session[ENROLMENT_KEY]


def _page(form=None, status: int = 200, error: str | None = None):
    context = {} if current_user.two_factor_enabled else enrolment_context(current_user,
                                                                         _secret())
    return render_template(
        "coop/security.html", form=form or CodeForm(), error=error,
        codes_left=two_factor.recovery_codes_left(current_user), **context), status


@bp.get("/security")
def security():
    """Show whether sign-in codes are on, and the way to switch them on or off."""
    return _page()


@bp.post("/security/enable")
@limiter.limit("10 per minute")
def security_enable():
    """Switch sign-in codes on with a code from the app just set up; show recovery codes."""
    form = CodeForm()
    if not form.validate_on_submit():
        return _page(form, 400)
    try:
        codes = two_factor.enable(current_user, _secret(), form.code.data)
    except (InvalidCode, TwoFactorAlreadyEnabled):
        db.session.rollback()
        return _page(form, 400, _("That code is not valid. Codes change every 30 seconds: "
                                  "try the one your app shows now."))
    db.session.commit()
    session.pop(ENROLMENT_KEY, None)
    return render_template("storefront/account_recovery_codes.html", codes=codes,
                           continue_url=url_for("coop.security"))


@bp.post("/security/disable")
@limiter.limit("10 per minute")
def security_disable():
    """Switch sign-in codes off, proven with a current code (or a recovery code)."""
    form = CodeForm()
    if not form.validate_on_submit():
        return _page(form, 400)
    try:
        two_factor.disable(current_user, form.code.data)
    except InvalidCode:
        db.session.rollback()
        return _page(form, 400, _("That code is not valid. Codes change every 30 seconds: "
                                  "try the one your app shows now."))
    db.session.commit()
    flash(_("Sign-in codes are off: you sign in with your password alone."), "success")
    return redirect(url_for("coop.security"), code=303)
