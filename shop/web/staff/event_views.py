"""Staff pages: encounters (list, create, edit) and who registered for each."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.events import services as events
from shop.events.errors import EventNotFound, InvalidEvent
from shop.extensions import db
from shop.web.staff import bp
from shop.web.staff.event_forms import EventForm

REFUSALS = {
    "ends_at": lambda: _("The end must come after the start."),
    "capacity": lambda: _("There are more people registered than that: the seats cannot go "
                          "below the registrations."),
    "status": lambda: _("Choose a status from the list."),
}


@bp.get("/events")
def event_list():
    """List every encounter with its seats taken."""
    return render_template("staff/event_list.html", listings=events.staff_events(current_user))


@bp.route("/events/new", methods=["GET", "POST"])
def event_new():
    """Create an encounter."""
    return _save(None, EventForm())


@bp.route("/events/<int:event_id>", methods=["GET", "POST"])
def event_edit(event_id: int):
    """Change an encounter (texts, time, place, seats, status)."""
    event = _event(event_id)
    form = EventForm() if request.method == "POST" else EventForm.for_event(event)
    return _save(event, form)


@bp.get("/events/<int:event_id>/attendees")
def event_attendees(event_id: int):
    """List who registered (and who cancelled) for an encounter."""
    try:
        event, rows = events.attendees(current_user, event_id)
    except EventNotFound:
        abort(404)
    return render_template("staff/event_attendees.html", event=event, registrations=rows)


def _event(event_id: int):
    try:
        return events.staff_event(current_user, event_id)
    except EventNotFound:
        abort(404)


def _save(event, form: EventForm):
    error = None
    if form.validate_on_submit():
        try:
            saved = events.save_event(current_user, event.id if event else None, form.to_data())
        except InvalidEvent as exc:
            db.session.rollback()
            error = REFUSALS.get(str(exc), REFUSALS["status"])()
        else:
            db.session.commit()
            flash(_("The encounter is saved."), "success")
            return redirect(url_for("staff.event_edit", event_id=saved.id), code=303)
    status = 400 if form.is_submitted() else 200
    return render_template("staff/event_form.html", event=event, form=form,
                           error=error), status
