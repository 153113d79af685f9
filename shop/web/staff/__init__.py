"""The staff area under /staff/: the store's back office, one module per resource.

The area's access rule is here; admin-only views add `admin_required` from `access.py`,
and every service they call checks the acting user again (`shop.accounts.access`).
"""

import logging

from flask import Blueprint, abort, render_template, request
from flask_login import current_user, logout_user

from shop.accounts.errors import NotAllowed
from shop.audit.security_log import log_event
from shop.extensions import db
from shop.web.login import redirect_to_login

bp = Blueprint("staff", __name__, url_prefix="/staff")


@bp.before_request
def staff_only():
    """The area's one rule: signed-in staff and admins; anyone else finds nothing here."""
    if not current_user.is_authenticated:
        return redirect_to_login()
    if not current_user.is_staff:
        log_event("access.denied", user_id=current_user.id, ip=request.remote_addr or "",
                  level=logging.WARNING, area="staff", path=request.path[:200])
        abort(404)
    if not current_user.two_factor_enabled:
        # A session from before a second factor was required: sign in again with one.
        logout_user()
        return redirect_to_login()
    return None


@bp.errorhandler(NotAllowed)
def not_allowed(error):
    """A service refused the user (e.g. switched off mid-request): nothing to see here."""
    db.session.rollback()
    return render_template("errors/404.html"), 404


@bp.after_request
def private(response):
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


# Routes register on import: one module per resource.
from shop.web.staff import (  # noqa: E402, F401
    account_views,
    audit_views,
    box_views,
    catalog_views,
    cooperative_views,
    discount_views,
    event_views,
    fulfilment_views,
    home_views,
    invoice_views,
    order_views,
    outbox_views,
    pos_views,
    privacy_views,
    quote_views,
    statement_views,
    stock_views,
    transfer_views,
)
