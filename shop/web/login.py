"""Flask-Login wiring: how a session's user id becomes a User, and where sign-in lives."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import redirect, request, url_for

from shop.extensions import db, login_manager
from shop.i18n import current_lang


def init_app(app) -> None:
    login_manager.login_view = "storefront.account_login"
    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def load_user(user_id: str):
        from shop.accounts.models import User

        try:
            raw_id, raw_version = str(user_id).split(".", 1)
            user = db.session.get(User, int(raw_id))
            version = int(raw_version)
        except (TypeError, ValueError, OverflowError):
            return None
        if user is None or not user.active or version != user.session_version:
            return None
        return user

    login_manager.unauthorized_handler(redirect_to_login)


def redirect_to_login():
    """Send a signed-out visitor to the sign-in page, to come back here afterwards."""
    target = request.full_path.rstrip("?") if request.method == "GET" else request.path
    return redirect(url_for("storefront.account_login", lang=current_lang(), next=target))


def safe_next(target: str | None) -> str | None:
    """A path on this site to return to after signing in; anything else is dropped."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
