"""Access rules inside the staff area beyond the blueprint's own (staff and admins)."""

from __future__ import annotations

import logging
from functools import wraps

from flask import abort, request
from flask_login import current_user

from shop.accounts.models import Role
from shop.audit.security_log import log_event


def admin_required(view):
    """Only admins reach this view; plain staff get the same 404 as outsiders.

    The mark it leaves (`admin_only`) is how `admin_only_endpoints` (nav, tests) finds them.
    """

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated or current_user.role != Role.ADMIN:
            log_event("access.denied", user_id=getattr(current_user, "id", None),
                      ip=request.remote_addr or "", level=logging.WARNING, area="admin",
                      path=request.path[:200])
            abort(404)
        return view(*args, **kwargs)

    wrapper.admin_only = True
    return wrapper


def admin_only_endpoints(app) -> set[str]:
    """Every endpoint whose view is wrapped in admin_required: the one list there is."""
    return {endpoint for endpoint, view in app.view_functions.items()
            if getattr(view, "admin_only", False)}
