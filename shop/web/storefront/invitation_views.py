"""The public end of an invitation: the invited person chooses a password, once."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from shop.accounts import admin as accounts
from shop.accounts.errors import InvalidInvitation, PasswordTooShort
from shop.extensions import db, limiter
from shop.web.storefront import bp
from shop.web.storefront.account_forms import PasswordResetForm

HEADERS = {"Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer"}


@bp.route("/account/invitation/<token>", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def account_invitation(token: str):
    """Choose a password through an invitation link; the account exists from then on."""
    template = "storefront/account_invitation.html"
    try:
        invitation = accounts.check_invitation(token)
    except InvalidInvitation:
        return render_template(template, form=None, invitation=None), 410, HEADERS
    form = PasswordResetForm()
    if not form.validate_on_submit():
        return render_template(template, form=form, invitation=invitation), 200, HEADERS
    try:
        accounts.accept_invitation(token, form.password.data)
    except (InvalidInvitation, PasswordTooShort):
        db.session.rollback()
        return render_template(template, form=None, invitation=None), 410, HEADERS
    db.session.commit()
    flash(_("Your account is ready: sign in with your email and the new password."), "success")
    return redirect(url_for("storefront.account_login"), code=303)
