"""The dashboard and a fulfilment's page, with the buttons that move it forward."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from shop.fulfilment import services as fulfilments
from shop.fulfilment.chart import shipped_chart
from shop.fulfilment.statements import shipped_by_month
from shop.web.backoffice import pages
from shop.web.coop import bp


@bp.get("/")
def dashboard():
    """List the cooperative's work, overdue first, with counts and a year of shipments."""
    form, filters = pages.filters_from_request()
    today = fulfilments.today_local()
    return render_template(
        "coop/dashboard.html", form=form, filters=filters, today=today,
        page=fulfilments.list_fulfilments(current_user, filters, today),
        counts=fulfilments.status_counts(current_user, today),
        chart=shipped_chart(shipped_by_month(current_user, today)))


@bp.get("/fulfilments/<int:fulfilment_id>")
def fulfilment_detail(fulfilment_id: int):
    """Show one of the cooperative's fulfilments: lines, destination, deadline, history."""
    return pages.render_detail("coop", pages.found(fulfilment_id))


@bp.get("/fulfilments/<int:fulfilment_id>/packing-slip")
def fulfilment_packing_slip(fulfilment_id: int):
    """The sheet that goes in the parcel: what is inside, prices only when not a gift."""
    return pages.render_packing_slip(pages.found(fulfilment_id))


@bp.post("/fulfilments/<int:fulfilment_id>/status")
def fulfilment_advance(fulfilment_id: int):
    """Move the fulfilment to the next status chosen (accept, production, ready…)."""
    return pages.advance("coop", fulfilment_id)


@bp.post("/fulfilments/<int:fulfilment_id>/ship")
def fulfilment_ship(fulfilment_id: int):
    """Ship the fulfilment with its carrier and tracking code; the customer is told."""
    return pages.ship("coop", fulfilment_id)
