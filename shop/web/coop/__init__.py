"""The cooperative area under /coop/: each member sees and fulfils only their own work."""

import logging

from flask import Blueprint, abort, request
from flask_login import current_user

from shop.accounts.models import Role
from shop.audit.security_log import log_event
from shop.web.login import redirect_to_login

bp = Blueprint("coop", __name__, url_prefix="/coop")


@bp.before_request
def members_only():
    """The area's one rule: signed-in cooperative members; anyone else finds nothing here.

    The services check the member's cooperative again on every lookup.
    """
    if not current_user.is_authenticated:
        return redirect_to_login()
    if current_user.role != Role.COOP or current_user.cooperative_id is None:
        log_event("access.denied", user_id=current_user.id, ip=request.remote_addr or "",
                  level=logging.WARNING, area="coop", path=request.path[:200])
        abort(404)
    return None


@bp.after_request
def private(response):
    """Addresses and money: never cached, never sent on as a referrer."""
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


# Routes register on import.
from shop.web.coop import (  # noqa: E402, F401
    security_views,
    statement_views,
    stock_views,
    transfer_views,
    views,
)
