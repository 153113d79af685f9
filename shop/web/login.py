"""Flask-Login wiring: how a session's user id becomes a User."""

from __future__ import annotations

from shop.extensions import db, login_manager


def init_app(app) -> None:
    login_manager.login_view = "storefront.account_login"
    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def load_user(user_id: str):
        from shop.accounts.models import User

        try:
            user = db.session.get(User, int(user_id))
        except (TypeError, ValueError):
            return None
        return user if user is not None and user.active else None
