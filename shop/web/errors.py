"""Error pages in the visitor's language; never a bare traceback."""

from __future__ import annotations

from flask import Flask, g, render_template, request
from flask_wtf.csrf import CSRFError

from shop.extensions import db


def init_app(app: Flask) -> None:
    @app.errorhandler(404)
    def not_found(error):
        guess_lang(app)
        return render_template("errors/404.html"), 404

    @app.errorhandler(400)
    def bad_request(error):
        guess_lang(app)
        return render_template("errors/error.html", code=400), 400

    @app.errorhandler(405)
    def method_not_allowed(error):
        guess_lang(app)
        return render_template("errors/error.html", code=405), 405

    @app.errorhandler(CSRFError)
    def csrf_failed(error):
        guess_lang(app)
        return render_template("errors/error.html", code=400, csrf=True), 400

    @app.errorhandler(413)
    def too_large(error):
        guess_lang(app)
        return render_template("errors/error.html", code=413), 413

    @app.errorhandler(429)
    def too_many(error):
        guess_lang(app)
        return render_template("errors/error.html", code=429), 429

    @app.errorhandler(500)
    def server_error(error):
        db.session.rollback()
        guess_lang(app)
        return render_template("errors/error.html", code=500), 500


def guess_lang(app: Flask) -> None:
    """Errors raised before the storefront read the URL still answer in the right language."""
    if getattr(g, "lang", None) in app.config["LANGUAGES"]:
        return
    first = request.path.strip("/").split("/", 1)[0]
    if first in app.config["LANGUAGES"]:
        g.lang = first
        return
    from flask_login import current_user

    # Outside the storefront (the cooperative and staff areas) users read their own language.
    locale = getattr(current_user, "locale", None) if current_user.is_authenticated else None
    if locale in app.config["LANGUAGES"]:
        g.lang = locale
    else:
        g.lang = request.accept_languages.best_match(app.config["LANGUAGES"]) or "it"
