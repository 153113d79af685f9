"""Whole public pages kept a few seconds for visitors with no account, no cart and no message.

Most visits are anonymous readers of the same pages (home, listing, a product, a cooperative,
search, impact): rendering each costs 10–20 ms of templates and SQLAlchemy, serving a kept
copy well under one. A page is kept for `PAGE_CACHE_SECONDS` (0 turns the cache off; the
tests do, except the tests of this module) in the shared cache (Redis in production), keyed
by host, path and query string and by the catalog cache's version, so a change to a category
or a cooperative retires every kept page at once; anything else (a price, a stock level, a
new product) shows within those seconds. Buying never trusts a page: adding to the cart and
paying check price and stock again.

Who is served a kept page: a GET of one of `CACHED_ENDPOINTS` from a visitor not signed in
(no `_user_id` in the session, no remember cookie) with no flashed message waiting. The
header's cart count is the one part of those pages that differs between such visitors: the
kept copy holds a marker there too, filled per visitor (one statement with a cart cookie).
Forms on those pages carry a CSRF token bound to the visitor's session: the kept copy holds a
marker where the token goes, and each visitor gets their own token in its place. A page
whose rendering made a real token (a form's own token field) would hand one visitor's token
to everyone, so it is never kept; nor is a page that sets a cookie other
than the session, says `no-store`, or is not a 200 HTML page.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, current_app, g, render_template, request, session
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from shop.extensions import cache

log = logging.getLogger(__name__)

CACHED_ENDPOINTS = frozenset({
    "storefront.home", "storefront.product_list", "storefront.product_detail",
    "storefront.cooperative_list", "storefront.cooperative_detail", "storefront.search",
    "storefront.impact", "storefront.store", "storefront.terms", "storefront.privacy",
    "storefront.business",
})
# Where each visitor's CSRF token goes in a kept page (never a valid token itself), and where
# the header's count of their cart goes.
MARKER = "__page-cache-csrf-token__"
CART_MARKER = "__page-cache-cart-count__"
KEPT_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag", "Link")
MAX_QUERY = 300  # longer query strings are not worth a cache entry


def _eligible() -> bool:
    if request.method != "GET" or request.endpoint not in CACHED_ENDPOINTS:
        return False
    if not current_app.config.get("PAGE_CACHE_SECONDS"):
        return False
    if len(request.query_string) > MAX_QUERY:
        return False
    if request.cookies.get("remember_token"):  # an emptied one (signed out) is no account
        return False
    return "_user_id" not in session and "_flashes" not in session


def _key() -> str:
    from shop.catalog.cache import catalog_version

    version = catalog_version()
    if not version:
        return ""
    query = request.query_string.decode("latin-1")
    return f"page:{version}:{request.host}:{request.path}?{query}"


def csrf_token() -> str:
    """The template's csrf_token(): the marker while a page is being kept."""
    if g.get("page_cache_key"):
        return MARKER
    return generate_csrf()


def cart_count() -> Markup:
    """The header's cart count: the marker while a page is being kept."""
    if g.get("page_cache_key"):
        return Markup(CART_MARKER)  # noqa: S704  # nosec B704  (a constant of this module)
    return _cart_badge()


def _cart_badge() -> Markup:
    from shop.web.storefront.cart_cookie import current_quantity

    on_storefront = bool(request.endpoint and request.endpoint.startswith("storefront."))
    n = current_quantity() if on_storefront else 0
    # An autoescaped template's output (bandit B704, ruff S704).
    return Markup(render_template("_cart_count.html", n=n))  # noqa: S704  # nosec B704


def _personal(body: str) -> str:
    """A kept page with this visitor's CSRF token and cart count in place of the markers."""
    if CART_MARKER in body:
        body = body.replace(CART_MARKER, _cart_badge())
    return body.replace(MARKER, generate_csrf())


def serve_kept():
    """before_request: answer from a kept copy when there is one for this visitor."""
    if not _eligible():
        return None
    key = _key()
    if not key:
        return None
    try:
        kept = cache.get(key)
    except Exception:  # the cache is an optimisation: never let it break a page
        log.warning("page cache unreachable", exc_info=True)
        return None
    if kept is None:
        g.page_cache_key = key
        return None
    body, headers = kept
    g.page_cache_hit = True
    return Response(_personal(body), headers=headers)


def keep(response: Response) -> Response:
    """after_request: keep a freshly rendered eligible page, then put the visitor's token in."""
    key = g.pop("page_cache_key", None)
    if not key or response.direct_passthrough:
        return response
    body = response.get_data(as_text=True)
    # A real token made while rendering (a form's own csrf_token field) would be handed to
    # every visitor: such a page is never kept.
    real_token = "csrf_token" in g
    cacheable = (not real_token and response.status_code == 200 and response.mimetype == "text/html"
                 and "no-store" not in (response.headers.get("Cache-Control") or "")
                 and "Set-Cookie" not in response.headers and "_flashes" not in session)
    if cacheable:
        headers = [(name, response.headers[name]) for name in KEPT_HEADERS
                   if name in response.headers]
        try:
            cache.set(key, (body, headers), timeout=current_app.config["PAGE_CACHE_SECONDS"])
        except Exception:
            log.warning("page cache unreachable", exc_info=True)
    if MARKER in body or CART_MARKER in body:
        response.set_data(_personal(body))
    return response


def init_app(app: Flask) -> None:
    # Flask-WTF offers generate_csrf both as a global and through a context processor;
    # this processor, registered later, wins.
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.jinja_env.globals["cart_count"] = cart_count
    app.context_processor(lambda: {"csrf_token": csrf_token})
    app.before_request(serve_kept)
    app.after_request(keep)
