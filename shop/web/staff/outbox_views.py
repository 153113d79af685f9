"""Staff pages: the emails the shop sent or could not send, and resending failed ones."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from shop.extensions import db
from shop.notifications import outbox_admin
from shop.notifications.errors import MessageNotFound, NotResendable
from shop.web.staff import bp


class ResendForm(FlaskForm):
    """A button: only the CSRF token travels."""


@bp.get("/outbox")
def outbox_list():
    """List failed emails (to resend) and the last week's others."""
    return render_template("staff/outbox_list.html", form=ResendForm(),
                           overview=outbox_admin.outbox_overview(current_user))


@bp.post("/outbox/<int:message_id>/resend")
def outbox_resend(message_id: int):
    """Queue a failed email again; the worker sends it on its next round."""
    if not ResendForm().validate_on_submit():
        abort(400)
    try:
        message = outbox_admin.resend(current_user, message_id)
    except MessageNotFound:
        abort(404)
    except NotResendable:
        db.session.rollback()
        flash(_("Only emails that failed can be sent again."), "error")
        return redirect(url_for("staff.outbox_list"), code=303)
    db.session.commit()
    flash(_("The email to %(recipient)s is queued again.", recipient=message.recipient),
          "success")
    return redirect(url_for("staff.outbox_list"), code=303)
