"""Fulfilment list and detail pages, shared by the cooperative and staff areas.

Both areas call the same scoped services with the signed-in user; only the templates,
the endpoints and what the user is allowed to do differ.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.extensions import db
from shop.fulfilment import services as fulfilments
from shop.fulfilment.errors import InvalidTransition, NotFound, TrackingRequired
from shop.fulfilment.models import FulfilmentStatus
from shop.web import labels
from shop.web.backoffice.forms import AdvanceForm, FilterForm, ShipForm


def filters_from_request(cooperatives=None) -> tuple[FilterForm, fulfilments.Filters]:
    form = FilterForm(request.args, cooperatives=cooperatives)
    filters = fulfilments.Filters(
        status=form.value(form.status), due=form.value(form.due),
        cooperative=form.value(form.cooperative),
        page=max(request.args.get("page", 1, type=int) or 1, 1))
    return form, filters


def found(fulfilment_id: int):
    """The user's fulfilment, or a 404 for an unknown or foreign id."""
    try:
        return fulfilments.get_fulfilment_for(current_user, fulfilment_id)
    except NotFound:
        abort(404)


def render_detail(area: str, fulfilment, *, ship_form: ShipForm | None = None,
                  error: str | None = None, status: int = 200):
    moves = fulfilments.allowed_moves(current_user, fulfilment)
    return render_template(
        f"{area}/fulfilment_detail.html", fulfilment=fulfilment, order=fulfilment.order,
        moves=moves, ship_form=ship_form or ShipForm(formdata=None), form=AdvanceForm(),
        overdue=fulfilments.is_overdue(fulfilment), error=error,
    ), status


def render_packing_slip(fulfilment):
    return render_template("coop/fulfilment_packing_slip.html", fulfilment=fulfilment,
                           order=fulfilment.order)


def refusal(error: InvalidTransition) -> str:
    """The sentence that tells the user why a move was refused and what they can do."""
    message = _("This part is “%(current)s”: it cannot become “%(target)s”.",
                current=labels.label(labels.FULFILMENT_STATUSES, error.from_status),
                target=labels.label(labels.FULFILMENT_STATUSES, error.to_status))
    if error.allowed:
        steps = ", ".join(labels.label(labels.FULFILMENT_STATUSES, s) for s in error.allowed)
        return message + " " + _("Possible next steps: %(steps)s.", steps=steps)
    return message + " " + _("There is nothing left for you to do on it.")


def advance(area: str, fulfilment_id: int):
    """Apply the move a status button asked for; refuse a move that is not allowed now."""
    found(fulfilment_id)  # a foreign id is a 404 whatever the form holds
    form = AdvanceForm()
    if not form.validate_on_submit():
        abort(400)
    return _apply(area, fulfilment_id, form.to.data)


def ship(area: str, fulfilment_id: int):
    """Hand the part to a carrier with its tracking code."""
    form = ShipForm()
    if not form.validate_on_submit():
        fulfilment = found(fulfilment_id)
        return render_detail(area, fulfilment, ship_form=form, status=400,
                             error=_("Please choose the carrier and give the tracking code."))
    return _apply(area, fulfilment_id, FulfilmentStatus.SHIPPED, ship_form=form,
                  carrier=form.carrier.data, tracking_code=form.tracking_code.data)


def _apply(area: str, fulfilment_id: int, to_status: str, ship_form=None, **details):
    try:
        fulfilment = fulfilments.advance(current_user, fulfilment_id, to_status, **details)
    except NotFound:
        db.session.rollback()
        abort(404)
    except InvalidTransition as exc:
        db.session.rollback()
        return render_detail(area, found(fulfilment_id), ship_form=ship_form,
                             error=refusal(exc), status=409)
    except TrackingRequired:
        db.session.rollback()
        return render_detail(area, found(fulfilment_id), ship_form=ship_form, status=400,
                             error=_("Please choose the carrier and give the tracking code."))
    db.session.commit()
    flash(_("Done: the part is now “%(status)s”.",
            status=labels.label(labels.FULFILMENT_STATUSES, fulfilment.status)), "success")
    return redirect(url_for(f"{area}.fulfilment_detail", fulfilment_id=fulfilment_id), code=303)
