"""Opening a customer account: register, confirm the email through its link, resend the link."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.accounts import registration
from shop.accounts.errors import InvalidConfirmationToken, InvalidEmail, WeakPassword
from shop.extensions import db, limiter
from shop.urls import base_url
from shop.web.passwords import weak_password_message
from shop.web.storefront import bp
from shop.web.storefront.account_forms import RegisterForm, ResendConfirmationForm
from shop.web.storefront.forms import EmptyForm
from shop.web.templating import account_home_url

NO_STORE = {"Cache-Control": "private, no-store"}
NO_REFERRER = {**NO_STORE, "Referrer-Policy": "no-referrer"}


def confirm_link(lang: str, token: str) -> str:
    return base_url() + url_for("storefront.account_confirm", lang=lang, token=token)


def account_page(lang: str, page: str) -> str:
    endpoint = {"login": "storefront.account_login",
                "reset": "storefront.account_password_reset"}[page]
    return base_url() + url_for(endpoint, lang=lang)


@bp.route("/account/register", methods=["GET", "POST"])
@limiter.limit("5 per minute;20 per hour", methods=["POST"])
def account_register():
    """Open a customer account; it works once the emailed link confirms the address."""
    if current_user.is_authenticated:
        return redirect(account_home_url(current_user))
    form = RegisterForm()
    if not form.validate_on_submit():
        return render_template("storefront/account_register.html", form=form), 200, NO_STORE
    if (form.website.data or "").strip():  # a bot filled in the hidden field
        return _check_your_email(form.email.data)
    try:
        registration.register_customer(form.email.data, form.password.data,
                                       name=form.name.data, locale=g.lang,
                                       link_for=confirm_link, page_for=account_page)
    except InvalidEmail:
        db.session.rollback()
        form.email.errors.append(_("Enter a valid email address."))
        return render_template("storefront/account_register.html", form=form), 200, NO_STORE
    except WeakPassword as error:
        db.session.rollback()
        form.password.errors.append(weak_password_message(error))
        return render_template("storefront/account_register.html", form=form), 200, NO_STORE
    db.session.commit()
    return _check_your_email(form.email.data)


def _check_your_email(email: str):
    """The same page whether the address was new, taken, or typed by a bot."""
    resend = ResendConfirmationForm(data={"email": (email or "").strip().lower()})
    return render_template("storefront/account_register_sent.html", resend=resend,
                           email=(email or "").strip().lower()), 200, NO_STORE


@bp.post("/account/confirm/resend")
@limiter.limit("3 per minute;10 per hour")
def account_confirm_resend():
    """Email a new confirmation link, saying the same whatever the address."""
    form = ResendConfirmationForm()
    if form.validate_on_submit():
        registration.resend_confirmation(form.email.data, confirm_link)
        db.session.commit()
    return _check_your_email(form.email.data)


@bp.route("/account/confirm/<token>", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def account_confirm(token: str):
    """Confirm the account's email with a button (link checkers only GET), then sign in."""
    try:
        registration.check_confirmation_token(token)
    except InvalidConfirmationToken:
        return render_template("storefront/account_confirm.html", form=None,
                               resend=ResendConfirmationForm()), 410, NO_REFERRER
    form = EmptyForm()
    if not form.validate_on_submit():
        return render_template("storefront/account_confirm.html", form=form,
                               token=token), 200, NO_REFERRER
    try:
        _user, attached = registration.confirm_email(token)
    except InvalidConfirmationToken:
        db.session.rollback()
        return render_template("storefront/account_confirm.html", form=None,
                               resend=ResendConfirmationForm()), 410, NO_REFERRER
    db.session.commit()
    message = _("Your email is confirmed: sign in to see your account.")
    if attached:
        message += " " + _("The orders you placed earlier with this address are in your "
                           "account now.")
    flash(message, "success")
    return redirect(url_for("storefront.account_login"), code=303)
