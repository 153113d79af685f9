"""Fulfilments of every cooperative, for the store's staff: list, detail, every move."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from shop.catalog.services import list_cooperatives
from shop.fulfilment import services as fulfilments
from shop.web.backoffice import pages
from shop.web.staff import bp


@bp.get("/fulfilments")
def fulfilment_list():
    """List fulfilments of every cooperative and the store, filtered by who and status."""
    form, filters = pages.filters_from_request(cooperatives=list_cooperatives())
    today = fulfilments.today_local()
    return render_template(
        "staff/fulfilment_list.html", form=form, filters=filters, today=today,
        page=fulfilments.list_fulfilments(current_user, filters, today),
        counts=fulfilments.status_counts(current_user, today))


@bp.get("/fulfilments/<int:fulfilment_id>")
def fulfilment_detail(fulfilment_id: int):
    """Show any fulfilment, with the customer's contact details for the store."""
    return pages.render_detail("staff", pages.found(fulfilment_id))


@bp.get("/fulfilments/<int:fulfilment_id>/packing-slip")
def fulfilment_packing_slip(fulfilment_id: int):
    """The packing slip of any part, as its cooperative prints it."""
    return pages.render_packing_slip(pages.found(fulfilment_id))


@bp.post("/fulfilments/<int:fulfilment_id>/status")
def fulfilment_advance(fulfilment_id: int):
    """Move any fulfilment on, including collection at the store and cancellation."""
    return pages.advance("staff", fulfilment_id)


@bp.post("/fulfilments/<int:fulfilment_id>/ship")
def fulfilment_ship(fulfilment_id: int):
    """Ship a fulfilment on a cooperative's behalf, with carrier and tracking code."""
    return pages.ship("staff", fulfilment_id)
