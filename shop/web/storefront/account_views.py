"""Account pages: the one sign-in page for every role, sign-out, and password reset."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from shop.accounts import auth
from shop.accounts.errors import (
    AccountThrottled,
    EmailNotConfirmed,
    InvalidCredentials,
    InvalidResetToken,
    WeakPassword,
)
from shop.audit.security_log import log_event
from shop.cart.services import claim_guest_cart
from shop.extensions import db, limiter
from shop.web import second_factor
from shop.web.login import safe_next
from shop.web.storefront import bp
from shop.web.storefront.account_forms import (
    LoginForm,
    PasswordResetForm,
    PasswordResetRequestForm,
    ResendConfirmationForm,
)
from shop.web.storefront.cart_cookie import cookie_token
from shop.web.templating import account_home_url

NO_STORE = {"Cache-Control": "private, no-store"}


@bp.route("/account/login", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def account_login():
    """Check email and password, then sign in or ask for the second factor."""
    form = LoginForm(data={"next": request.args.get("next", "")}
                     if request.method == "GET" else None)
    if request.method == "GET" and current_user.is_authenticated:
        return redirect(safe_next(form.next.data) or account_home_url(current_user))
    if not form.validate_on_submit():
        return render_template("storefront/account_login.html", form=form), 200, NO_STORE
    try:
        user = auth.authenticate(form.email.data, form.password.data)
    except AccountThrottled as error:
        db.session.rollback()
        return render_template("storefront/account_login.html", form=form,
                               throttled=max(error.retry_after // 60, 1)), \
            429, {**NO_STORE, "Retry-After": str(error.retry_after)}
    except EmailNotConfirmed as error:
        db.session.rollback()
        resend = ResendConfirmationForm(data={"email": error.email})
        return render_template("storefront/account_login.html", form=form, unconfirmed=True,
                               resend=resend), 200, NO_STORE
    except InvalidCredentials:
        db.session.rollback()
        return render_template("storefront/account_login.html", form=form, failed=True), \
            200, NO_STORE
    if user.two_factor_enabled or user.two_factor_required:
        # Password right; not signed in until the code (or the app's set-up) follows.
        second_factor.start(user, safe_next(form.next.data))
        db.session.rollback()
        step = "storefront.account_login_code" if user.two_factor_enabled \
            else "storefront.account_login_enrol"
        return redirect(url_for(step), code=303)
    guest_token = cookie_token()
    session.clear()  # a fresh session for the signed-in user: no fixation
    login_user(user)
    claim_guest_cart(guest_token, user.id)
    db.session.commit()
    return redirect(safe_next(form.next.data) or account_home_url(user), code=303)


@bp.post("/account/logout")
def account_logout():
    """Sign out everywhere: this session and any copy of it stop working."""
    if current_user.is_authenticated:
        current_user.end_sessions()
        log_event("logout", user_id=current_user.id)
        db.session.commit()
    logout_user()
    session.clear()
    flash(_("You are signed out."), "success")
    return redirect(url_for("storefront.home"), code=303)


@bp.route("/account/password-reset", methods=["GET", "POST"])
@limiter.limit("5 per minute", methods=["POST"])
def account_password_reset():
    """Email a single-use reset link, saying the same whether the address is known or not."""
    form = PasswordResetRequestForm()
    if not form.validate_on_submit():
        return render_template("storefront/account_password_reset.html", form=form)
    auth.request_password_reset(form.email.data, locale=g.lang)
    db.session.commit()
    flash(_("If an account uses that address, we have sent it a link to choose a new "
            "password. The link works once, for one hour."), "success")
    return redirect(url_for("storefront.account_login"), code=303)


@bp.route("/account/password-reset/<token>", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def account_password_reset_confirm(token: str):
    """Choose a new password through a reset link; the link then stops working."""
    headers = {**NO_STORE, "Referrer-Policy": "no-referrer"}
    try:
        link = auth.check_reset_token(token)
    except InvalidResetToken:
        return render_template("storefront/account_password_reset_confirm.html", form=None,
                               token=token), 410, headers
    form = PasswordResetForm()
    form.account_email = link.user.email
    if not form.validate_on_submit():
        return render_template("storefront/account_password_reset_confirm.html", form=form,
                               token=token), 200, headers
    try:
        auth.reset_password(token, form.password.data)
    except (InvalidResetToken, WeakPassword):
        db.session.rollback()
        return render_template("storefront/account_password_reset_confirm.html", form=None,
                               token=token), 410, headers
    db.session.commit()
    flash(_("Your password has been changed: sign in with the new one."), "success")
    return redirect(url_for("storefront.account_login"), code=303)
