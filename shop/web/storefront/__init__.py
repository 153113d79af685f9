"""The public storefront, in every language under /<lang>/."""

from flask import Blueprint, abort, current_app, g

bp = Blueprint("storefront", __name__, url_prefix="/<lang>")


@bp.url_value_preprocessor
def pull_lang(endpoint, values):
    g.lang = (values or {}).pop("lang", None)


@bp.url_defaults
def add_lang(endpoint, values):
    if "lang" not in values and getattr(g, "lang", None):
        values["lang"] = g.lang


@bp.before_request
def require_known_lang():
    if g.lang not in current_app.config["LANGUAGES"]:
        g.lang = None
        abort(404)


# Routes register on import.
from shop.web.storefront import (  # noqa: E402, F401
    account_views,
    business_views,
    cart_views,
    checkout_views,
    company_account_views,
    company_quote_views,
    customer_views,
    demo_views,
    event_views,
    invitation_views,
    invoice_views,
    privacy_views,
    registration_views,
    search_views,
    two_factor_views,
    views,
)
from shop.web.storefront.cart_cookie import set_cookie  # noqa: E402

bp.after_request(set_cookie)
