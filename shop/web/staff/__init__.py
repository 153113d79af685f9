"""The staff area under /staff/: every cooperative's fulfilments and the store's own part."""

from flask import Blueprint, abort
from flask_login import current_user

from shop.web.login import redirect_to_login

bp = Blueprint("staff", __name__, url_prefix="/staff")


@bp.before_request
def staff_only():
    """The area's one rule: signed-in staff and admins; anyone else finds nothing here."""
    if not current_user.is_authenticated:
        return redirect_to_login()
    if not current_user.is_staff:
        abort(404)
    return None


@bp.after_request
def private(response):
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


# Routes register on import.
from shop.web.staff import views  # noqa: E402, F401
