"""Tell the audit log who is acting and from which address, for every request."""

from __future__ import annotations

from flask import Flask, g, request
from flask_login import current_user

from shop.audit.context import Actor, reset_actor, set_actor
from shop.web.transactions import STATE_CHANGING


def init_app(app: Flask) -> None:
    @app.before_request
    def remember_actor():
        # Changes are POST only; leaving GETs alone keeps the session untouched there.
        if request.method not in STATE_CHANGING:
            return
        user = current_user if current_user and current_user.is_authenticated else None
        actor = Actor(getattr(user, "id", None), getattr(user, "email", "") or "",
                      request.remote_addr or "")
        g.audit_token = set_actor(actor)

    @app.teardown_request
    def forget_actor(exc):
        token = g.pop("audit_token", None)
        if token is not None:
            reset_actor(token)
