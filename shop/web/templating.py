"""Jinja filters and globals: money, images, language alternates, JSON-LD."""

from __future__ import annotations

import json

from flask import Flask, current_app, g, request, url_for
from markupsafe import Markup

from shop.fulfilment.carriers import tracking_url
from shop.i18n import current_lang, format_money, format_number
from shop.impact.figures import cart_impact_rows, order_impact_rows
from shop.store_hours import opening_rows, opening_summary, schema_org_hours
from shop.units import weight, work_time
from shop.urls import absolute
from shop.web import labels
from shop.web.backoffice.nav import staff_nav
from shop.web.markdown import plain_text, render_markdown


def init_app(app: Flask) -> None:
    app.before_request(remember_base_url)
    app.jinja_env.filters["money"] = format_money
    app.jinja_env.filters["number"] = format_number
    app.jinja_env.filters["jsonld"] = jsonld
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["plain_text"] = plain_text
    app.jinja_env.filters["work_time"] = lambda minutes: work_time(minutes, current_lang())
    app.jinja_env.filters["weight"] = lambda grams: weight(grams, current_lang())
    app.jinja_env.filters["vat_percent"] = lambda bp: format_number(bp / 100)
    app.jinja_env.globals.update(
        media_url=media_url,
        srcset=srcset,
        alternate_urls=alternate_urls,
        query_args=query_args,
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
        movement_reference_label=labels.movement_reference,
        location_kind_label=lambda code: labels.label(labels.LOCATION_KINDS, code),
        role_label=lambda code: labels.label(labels.ROLES, code),
        language_label=lambda code: labels.label(labels.LANGUAGES, code),
        audit_action_label=labels.audit_action,
        audit_entity_label=lambda code: labels.label(labels.AUDIT_ENTITIES, code),
        carrier_name=carrier_name,
        tracking_url=tracking_url,
        account_home_url=account_home_url,
        current_lang=current_lang,
        work_time=lambda minutes: work_time(minutes, current_lang()),
        order_impact_rows=order_impact_rows,
        cart_impact_rows=cart_impact_rows,
        materials_text=lambda materials: labels.materials_text(materials, current_lang()),
        event_status_label=lambda code: labels.label(labels.EVENT_STATUSES, code),
        recovered_material_label=lambda kind: labels.label(labels.RECOVERED_MATERIALS, kind),
        weight=lambda grams: weight(grams, current_lang()),
        staff_nav=staff_nav,
        store_hours=lambda: opening_rows(current_lang()),
        store_hours_line=lambda: opening_summary(current_lang()),
        store_hours_schema=schema_org_hours,
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
    """Where a signed-in user's own area is: the dashboard, the staff home or their account."""
    if getattr(user, "role", None) == "coop":
        return url_for("coop.dashboard")
    if getattr(user, "is_staff", False):
        return url_for("staff.home")
    if getattr(user, "role", None) == "company" and getattr(user, "company_id", None):
        return url_for("storefront.account_company", lang=current_lang())
    if getattr(user, "role", None) == "customer":
        return url_for("storefront.account_overview", lang=current_lang())
    return url_for("storefront.home", lang=current_lang())


def media_url(path: str, width: int | None = None) -> str:
    from shop.catalog.images import rendition_path
    from shop.catalog.storage import media_storage

    return media_storage().url(rendition_path(path, width) if width else path)


def srcset(path: str) -> str:
    from shop.catalog.images import RENDITION_WIDTHS, rendition_path
    from shop.catalog.storage import media_storage

    storage = media_storage()
    return ", ".join(f"{storage.url(rendition_path(path, w))} {w}w" for w in RENDITION_WIDTHS)


# Names url_for() takes for itself: a query parameter with one of them would change what
# is built (or raise), so they never pass from a visitor's query string.
_URL_FOR_NAMES = frozenset({"endpoint", "values"})


def query_args(**overrides) -> dict[str, str]:
    """The request's query string as url_for() arguments, safe to splat into it.

    Drops names that belong to the URL rule (`lang`, `slug`…) or to url_for itself
    (`endpoint`, `_method`, `_external`…), then applies the overrides (None removes).
    """
    taken = set(request.view_args or {})
    if request.url_rule is not None:
        taken |= set(request.url_rule.arguments)
    args = {name: value for name, value in request.args.to_dict(flat=True).items()
            if name.isidentifier() and not name.startswith("_")
            and name not in _URL_FOR_NAMES and name not in taken}
    for name, value in overrides.items():
        if value is None:
            args.pop(name, None)
        else:
            args[name] = value
    return args


def alternate_urls() -> dict[str, str]:
    """The current page in every language, query string kept (for the switcher and hreflang)."""
    if request.endpoint is None or not request.endpoint.startswith("storefront."):
        return {}
    args = dict(request.view_args or {})
    query = query_args()
    return {lang: url_for(request.endpoint, **{**query, **args, "lang": lang})
            for lang in current_app.config["LANGUAGES"]}


def remember_base_url() -> None:
    """Development: links that leave the site use the host this request came in on."""
    if current_app.config.get("BASE_URL_FROM_REQUEST"):
        g.base_url = request.host_url.rstrip("/")


def absolute_url(path: str) -> str:
    return absolute(path)


def jsonld(data: dict) -> Markup:
    """JSON for a <script type="application/ld+json"> block, safe against '</script>'."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    # Safe: <, > and & are escaped above (bandit B704, ruff S704).
    return Markup(text)  # noqa: S704  # nosec B704


def lang() -> str:
    return getattr(g, "lang", None) or current_lang()


def shop_context() -> dict:
    """Values every page shows: whether payments are demo ones (the cart's size is
    shop.web.page_cache.cart_count, as kept pages fill it in per visitor)."""
    from shop.payments.gateway import demo_mode

    return {"demo_payments": demo_mode()}
