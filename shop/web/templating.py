"""Jinja filters and globals: money, images, language alternates, JSON-LD."""

from __future__ import annotations

import json

from flask import Flask, current_app, g, request, url_for
from markupsafe import Markup

from shop.fulfilment.carriers import tracking_url
from shop.i18n import current_lang, format_money, format_number
from shop.web import labels
from shop.web.staff.nav import staff_nav


def init_app(app: Flask) -> None:
    app.jinja_env.filters["money"] = format_money
    app.jinja_env.filters["number"] = format_number
    app.jinja_env.filters["jsonld"] = jsonld
    app.jinja_env.filters["vat_percent"] = lambda bp: format_number(bp / 100)
    app.jinja_env.globals.update(
        media_url=media_url,
        srcset=srcset,
        alternate_urls=alternate_urls,
        absolute_url=absolute_url,
        institute_label=lambda code: labels.label(labels.INSTITUTES, code),
        craft_label=lambda code: labels.label(labels.CRAFTS, code),
        sort_label=lambda code: labels.label(labels.SORTS, code),
        order_status_label=labels.order_status,
        fulfilment_status_label=lambda code: labels.label(labels.FULFILMENT_STATUSES, code),
        fulfilment_action_label=lambda code: labels.label(labels.FULFILMENT_ACTIONS, code),
        fulfilment_progress=labels.fulfilment_progress,
        destination_label=lambda code: labels.label(labels.DESTINATIONS, code),
        movement_reason_label=lambda code: labels.label(labels.MOVEMENT_REASONS, code),
        carrier_name=carrier_name,
        tracking_url=tracking_url,
        account_home_url=account_home_url,
        current_lang=current_lang,
        staff_nav=staff_nav,
    )
    app.jinja_env.add_extension("jinja2.ext.do")
    app.context_processor(lambda: {"lang": current_lang()})
    app.context_processor(shop_context)


def carrier_name(code: str) -> str:
    from flask_babel import gettext

    from shop.fulfilment.carriers import CARRIERS

    carrier = CARRIERS.get(code)
    if carrier is None:
        return code
    return carrier.name or gettext("Other carrier")


def account_home_url(user) -> str:
    """Where a signed-in user's own area is: the dashboard, the staff list or the shop."""
    if getattr(user, "role", None) == "coop":
        return url_for("coop.dashboard")
    if getattr(user, "is_staff", False):
        return url_for("staff.fulfilment_list")
    if getattr(user, "role", None) == "company" and getattr(user, "company_id", None):
        return url_for("storefront.account_company", lang=current_lang())
    return url_for("storefront.home", lang=current_lang())


def media_url(path: str, width: int | None = None) -> str:
    from shop.catalog.images import rendition_path

    return url_for("root.media", filename=rendition_path(path, width) if width else path)


def srcset(path: str) -> str:
    from shop.catalog.images import RENDITION_WIDTHS, rendition_path

    return ", ".join(f"{url_for('root.media', filename=rendition_path(path, w))} {w}w"
                     for w in RENDITION_WIDTHS)


def alternate_urls() -> dict[str, str]:
    """The current page in every language, query string kept (for the switcher and hreflang)."""
    if request.endpoint is None or not request.endpoint.startswith("storefront."):
        return {}
    args = dict(request.view_args or {})
    query = request.args.to_dict(flat=True)
    return {lang: url_for(request.endpoint, **{**query, **args, "lang": lang})
            for lang in current_app.config["LANGUAGES"]}


def absolute_url(path: str) -> str:
    return current_app.config["SHOP_BASE_URL"].rstrip("/") + path


def jsonld(data: dict) -> Markup:
    """JSON for a <script type="application/ld+json"> block, safe against '</script>'."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)  # noqa: S704  (escaped above)


def lang() -> str:
    return getattr(g, "lang", None) or current_lang()


def shop_context() -> dict:
    """Values every page shows: whether payments are demo ones, and the cart's size."""
    from shop.payments.gateway import demo_mode

    return {"demo_payments": demo_mode(), "cart_quantity": _cart_quantity}


def _cart_quantity() -> int:
    """Units in the visitor's cart (no query when they have no cart and are signed out)."""
    if not request or not request.endpoint or not request.endpoint.startswith("storefront."):
        return 0
    from shop.web.storefront.cart_cookie import current_cart

    cart = current_cart()
    return cart.quantity if cart else 0
