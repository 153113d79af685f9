"""Routes outside any language: the language redirect, health, robots, sitemap, media files."""

from __future__ import annotations

import json
import math

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from sqlalchemy import text

from shop.catalog.services import active_product_count, active_product_slugs, cooperative_slugs
from shop.extensions import db
from shop.impact.public import ledger_page, public_impact_head

bp = Blueprint("root", __name__)


@bp.get("/")
def index():
    """Send the visitor to the home page in the language their browser prefers."""
    langs = current_app.config["LANGUAGES"]
    lang = request.accept_languages.best_match(langs) or langs[0]
    response = redirect(url_for("storefront.home", lang=lang), code=302)
    response.headers["Vary"] = "Accept-Language"
    return response


@bp.get("/healthz")
def healthz():
    """Report whether the application reaches its database and Redis; 503 names what fails."""
    failing = [name for name, check in (("database", _database_ok), ("redis", _redis_ok))
               if not check()]
    if failing:
        return {"status": "error", "failing": failing}, 503
    return {"status": "ok"}


def _database_ok() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
        db.session.rollback()
        return True
    except Exception:  # any failure means "not healthy"; the log says why
        db.session.rollback()
        current_app.logger.exception("health check: database unreachable")
        return False


def _redis_ok() -> bool:
    url = current_app.config.get("REDIS_URL")
    if not url:
        return True
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:  # any failure means "not healthy"; the log says why
        current_app.logger.exception("health check: Redis unreachable")
        return False


@bp.get("/robots.txt")
def robots():
    """Tell crawlers what to skip and where the sitemap is."""
    body = render_template("root/robots.txt", sitemap=absolute(url_for("root.sitemap")))
    return Response(body, mimetype="text/plain")


# One sitemap file lists at most this many products (two <url> each, one per language),
# well under the protocol's 50,000 URLs and 50 MB.
SITEMAP_PRODUCTS_PER_FILE = 5_000


@bp.get("/sitemap.xml")
def sitemap():
    """Point crawlers at the sitemap files: the shop's pages, then products in slices."""
    pages = max(1, math.ceil(active_product_count() / SITEMAP_PRODUCTS_PER_FILE))
    files = [absolute(url_for("root.sitemap_pages"))]
    files += [absolute(url_for("root.sitemap_products", page=n)) for n in range(1, pages + 1)]
    body = render_template("root/sitemap_index.xml", files=files)
    return Response(body, mimetype="application/xml")


@bp.get("/sitemap-pages.xml")
def sitemap_pages():
    """List the shop's own pages and the cooperatives in every language, with alternates."""
    pages = [("storefront.home", {}), ("storefront.product_list", {}),
             ("storefront.cooperative_list", {}), ("storefront.store", {}),
             ("storefront.impact", {})]
    pages += [("storefront.cooperative_detail", {"slug": slug}) for slug in cooperative_slugs()]
    return _urlset(pages)


@bp.get("/sitemap-products-<int:page>.xml")
def sitemap_products(page: int):
    """List one slice of the active products in every language, with alternates."""
    if not 1 <= page <= max(1, math.ceil(active_product_count() / SITEMAP_PRODUCTS_PER_FILE)):
        abort(404)
    slugs = active_product_slugs(page, SITEMAP_PRODUCTS_PER_FILE)
    return _urlset([("storefront.product_detail", {"slug": slug}) for slug in slugs])


def _urlset(pages: list[tuple[str, dict]]) -> Response:
    langs = current_app.config["LANGUAGES"]
    base = current_app.config["SHOP_BASE_URL"].rstrip("/")
    adapter = current_app.url_map.bind("", url_scheme="http")
    entries = [
        {lang: base + adapter.build(endpoint, {"lang": lang, **args}) for lang in langs}
        for endpoint, args in pages
    ]
    body = render_template("root/sitemap.xml", entries=entries, langs=langs)
    return Response(body, mimetype="application/xml")


@bp.get("/impact/ledger.json")
def impact_ledger():
    """Publish the impact ledger: entries in order (no personal data) and the chain head."""
    after = request.args.get("after", 0, type=int) or 0
    entries, more = ledger_page(after=max(after, 0))
    head = public_impact_head()
    body = {
        "algorithm": "sha256(prev_hash + '\\n' + payload), payload = canonical JSON "
                     "(sorted keys, no spaces, UTF-8); the first prev_hash is 64 zeros",
        "head": {"seq": head[0], "hash": head[1]},
        "entries": [{"seq": e.seq, "prev_hash": e.prev_hash, "hash": e.hash,
                     "payload": e.payload} for e in entries],
        "next": (url_for("root.impact_ledger", after=entries[-1].seq) if more else None),
    }
    response = current_app.response_class(
        json.dumps(body, ensure_ascii=False, indent=1), mimetype="application/json")
    response.headers["Cache-Control"] = "public, max-age=60"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.get("/media/<path:filename>")
def media(filename: str):
    """Serve an uploaded or generated image (a front server does this in production)."""
    from shop.catalog.storage import media_storage

    return media_storage().serve(filename)


def absolute(path: str) -> str:
    return current_app.config["SHOP_BASE_URL"].rstrip("/") + path
