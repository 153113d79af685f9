"""The staff home: what needs the store today, and a year of sales by cooperative."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from shop.extensions import db
from shop.fulfilment import services as fulfilments
from shop.fulfilment.chart import cooperative_chart
from shop.fulfilment.statements import shipped_by_cooperative
from shop.inventory.alerts import low_stock
from shop.web.staff import bp

SHOWN = 10


def open_quote_requests(user):
    """HOOK for the quotes domain: quote requests waiting for staff, or None.

    None hides the home's quote panel. There is no quotes model yet; once the quotes
    domain's models are part of the app (`shop/models.py`) and `shop.quotes.services` has
    `open_requests(user, limit)`, this returns its list and the panel
    (templates/staff/home.html, "quotes") shows them.
    """
    if "quote_request" not in db.metadata.tables:
        return None  # no quotes domain in this app: never import one half-way
    try:
        from shop.quotes import services as quotes
    except ImportError:
        return None
    finder = getattr(quotes, "open_requests", None)
    return finder(user, SHOWN) if finder else None


@bp.get("/")
def home():
    """Show what needs staff today: waiting orders, late parts, low stock, sales by cooperative."""
    today = fulfilments.today_local()
    overdue = fulfilments.list_fulfilments(
        current_user, fulfilments.Filters(status="todo", due="overdue"), today, per_page=SHOWN)
    return render_template(
        "staff/home.html", today=today, overdue=overdue,
        waiting=fulfilments.orders_waiting(current_user, SHOWN),
        low=low_stock(current_user, SHOWN * 2),
        quotes=open_quote_requests(current_user),
        chart=cooperative_chart(shipped_by_cooperative(current_user, today)))
