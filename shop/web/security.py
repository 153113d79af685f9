"""Security headers on every response: no framing, no sniffing, scripts only from us."""

from __future__ import annotations

from flask import Flask, abort, request
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

# The largest value of the id columns (PostgreSQL INTEGER is 32 bits; SQLite takes 64).
MAX_ID = 2**31 - 1


class BoundedIntConverter(IntegerConverter):
    """`<int:…>` that stops where an id column does: a longer number is a 404, not a 500."""

    def __init__(self, map, *args, **kwargs) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)

# Chrome applies form-action to the redirect after a form post, so Stripe's hosted
# checkout (where placing an order sends the customer) must be listed.
CSP = "; ".join([
    "default-src 'self'",
    "img-src 'self' data:",
    "style-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self' https://checkout.stripe.com",
])


def init_app(app: Flask) -> None:
    # Before any blueprint adds its rules, so every `<int:…>` in the app is bounded.
    app.url_map.converters["int"] = BoundedIntConverter
    trust_proxies(app)

    @app.before_request
    def refuse_nul_bytes():
        """No address or form a person sends holds a NUL byte; PostgreSQL refuses them.

        Query strings are left to the pages, which ignore or explain values they cannot use.
        """
        values = [request.path]
        if request.method in ("POST", "PUT", "PATCH"):
            values += request.form.values()
        if any("\x00" in value for value in values):
            abort(400)

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        response.headers.setdefault("Permissions-Policy",
                                    "camera=(), microphone=(), geolocation=()")
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault("Strict-Transport-Security",
                                        "max-age=31536000; includeSubDomains")
        return response


def trust_proxies(app: Flask) -> None:
    """Read the client's address and scheme from the configured number of front proxies.

    With none configured, X-Forwarded-* headers are ignored: anyone could send them, and
    rate limits would count whatever address a client made up.
    """
    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
