"""The second sign-in step: a code from the authenticator app, or setting one up first."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from shop.accounts import two_factor
from shop.accounts.errors import InvalidCode
from shop.extensions import db, limiter
from shop.web import second_factor
from shop.web.storefront import bp
from shop.web.storefront.account_forms import CodeForm
from shop.web.templating import account_home_url

NO_STORE = {"Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer"}


def _back_to_password(message: str):
    flash(message, "error")
    return redirect(url_for("storefront.account_login"), code=303)


def _refused(template: str, form, **context):
    """A wrong code: say so, or after too many start again from the password."""
    db.session.rollback()
    if second_factor.count_failure():
        return _back_to_password(_("Too many wrong codes: please sign in again."))
    form.code.errors = [_("That code is not valid. Codes change every 30 seconds: "
                          "try the one your app shows now.")]
    return render_template(template, form=form, **context), 200, NO_STORE


@bp.route("/account/login/code", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def account_login_code():
    """Ask for the one-time code (or a recovery code) after a correct password."""
    user = second_factor.pending_user()
    if user is None or not user.two_factor_enabled:
        return _back_to_password(_("Please sign in with your email and password first."))
    form = CodeForm()
    template = "storefront/account_login_code.html"
    if not form.validate_on_submit():
        return render_template(template, form=form), 200, NO_STORE
    try:
        two_factor.verify_code(user, form.code.data)
    except InvalidCode:
        return _refused(template, form)
    target = second_factor.next_url() or account_home_url(user)
    second_factor.finish(user)
    db.session.commit()
    return redirect(target, code=303)


@bp.route("/account/login/enrol", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def account_login_enrol():
    """Set up an authenticator app (staff must before their first sign-in), then sign in."""
    user = second_factor.pending_user()
    if user is None or user.two_factor_enabled:
        return _back_to_password(_("Please sign in with your email and password first."))
    secret = second_factor.enrolment_secret(two_factor.new_secret)
    form = CodeForm()
    context = enrolment_context(user, secret)
    template = "storefront/account_login_enrol.html"
    if not form.validate_on_submit():
        return render_template(template, form=form, **context), 200, NO_STORE
    try:
        codes = two_factor.enable(user, secret, form.code.data)
    except InvalidCode:
        return _refused(template, form, **context)
    second_factor.finish(user)
    db.session.commit()
    return render_template("storefront/account_recovery_codes.html", codes=codes,
                           continue_url=account_home_url(user)), 200, NO_STORE


def enrolment_context(user, secret: str) -> dict:
    """What the set-up page shows: the QR code, and the secret for typing in by hand."""
    uri = two_factor.provisioning_uri(secret, user.email)
    return {"qr_svg": two_factor.qr_svg(uri, _("QR code to scan with your authenticator app")),
            "secret": two_factor.grouped(secret), "email": user.email}
