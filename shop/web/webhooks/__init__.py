"""Webhooks from payment providers: signed, not CSRF-protected, never shown to people."""

from flask import Blueprint

bp = Blueprint("webhooks", __name__, url_prefix="/webhooks")

from shop.web.webhooks import views  # noqa: E402, F401
