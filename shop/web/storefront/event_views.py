"""Encounters: the events list, one event with its registration form, cancel by link."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from shop.events import services as events
from shop.events.errors import (
    AlreadyRegistered,
    EventClosed,
    EventFull,
    EventNotFound,
    InvalidEvent,
    RegistrationNotFound,
)
from shop.extensions import db, limiter
from shop.i18n import current_lang
from shop.web.storefront import bp
from shop.web.storefront.event_forms import CancelForm, RegistrationForm

PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer",
           "X-Robots-Tag": "noindex"}


@bp.get("/events")
def event_list():
    """List the encounters to come, with the seats still free."""
    return render_template("storefront/event_list.html", listings=events.upcoming_events())


@bp.route("/events/<int:event_id>", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def event_detail(event_id: int):
    """Show one encounter and take a registration for it."""
    try:
        listing = events.public_event(event_id)
    except EventNotFound:
        abort(404)
    form = RegistrationForm()
    if not form.validate_on_submit():
        return render_template("storefront/event_detail.html", listing=listing, form=form)
    lang = current_lang()
    try:
        events.register(event_id, form.name.data, form.email.data, lang, lambda token: url_for(
            "storefront.event_cancel", lang=lang, token=token, _external=True))
    except (EventFull, EventClosed, AlreadyRegistered, InvalidEvent) as exc:
        db.session.rollback()
        return render_template("storefront/event_detail.html", listing=events.public_event(
            event_id), form=form, refusal=_refusal(exc)), 409
    db.session.commit()
    flash(_("You are registered. We have sent you a confirmation with a calendar file."),
          "success")
    return redirect(url_for("storefront.event_detail", lang=lang, event_id=event_id), code=303)


@bp.route("/events/registrations/<token>", methods=["GET", "POST"])
def event_cancel(token: str):
    """Let a registered person give their seat back (the link in their email)."""
    try:
        registration = events.registration_by_token(token)
    except RegistrationNotFound:
        return render_template("storefront/event_cancel.html", registration=None), 410, PRIVATE
    form = CancelForm()
    if form.validate_on_submit():
        events.cancel_registration(token)
        db.session.commit()
        flash(_("Your registration is cancelled. Thank you for letting us know."), "success")
        return redirect(url_for("storefront.event_list", lang=current_lang()), code=303)
    return render_template("storefront/event_cancel.html", registration=registration,
                           form=form), 200, PRIVATE


def _refusal(error: Exception) -> str:
    if isinstance(error, EventFull):
        return _("Sorry, every seat is taken.")
    if isinstance(error, EventClosed):
        return _("Registration for this encounter is closed.")
    if isinstance(error, AlreadyRegistered):
        return _("This email is already registered. Look for our confirmation in your inbox.")
    return _("Please check your name and email.")
