"""Access rules inside the staff area beyond the blueprint's own (staff and admins)."""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user

from shop.accounts.models import Role


def admin_required(view):
    """Only admins reach this view; plain staff get the same 404 as outsiders.

    The mark it leaves (`admin_only`) is how `admin_only_endpoints` (nav, tests) finds them.
    """

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated or current_user.role != Role.ADMIN:
            abort(404)
        return view(*args, **kwargs)

    wrapper.admin_only = True
    return wrapper


def admin_only_endpoints(app) -> set[str]:
    """Every endpoint whose view is wrapped in admin_required: the one list there is."""
    return {endpoint for endpoint, view in app.view_functions.items()
            if getattr(view, "admin_only", False)}
