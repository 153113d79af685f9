"""The cart cookie: a signed token naming a guest's persisted cart."""

from __future__ import annotations

from flask import current_app, g, request
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeSerializer

from shop.cart import services as carts
from shop.cart.models import Cart

COOKIE = "vdm_cart"
MAX_AGE = 60 * 60 * 24 * 60


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="cart")


def cookie_token() -> str | None:
    raw = request.cookies.get(COOKIE)
    if not raw:
        return None
    try:
        token = _serializer().loads(raw)
    except BadSignature:
        return None
    return token if isinstance(token, str) else None


def user_id() -> int | None:
    return current_user.id if current_user.is_authenticated else None


_MEMO = "shop.cart"  # the request's cart, looked up once (kept in the WSGI environ)


def current_cart() -> Cart | None:
    """The visitor's cart, looked up once per request (the page and its header share it)."""
    if _MEMO not in request.environ:
        request.environ[_MEMO] = carts.find_cart(cookie_token(), user_id())
    return request.environ[_MEMO]


def current_or_new_cart() -> Cart:
    cart = carts.get_or_create_cart(cookie_token(), user_id())
    if cart.user_id is None and cart.token != cookie_token():
        g.set_cart_cookie = cart.token
    request.environ[_MEMO] = cart
    return cart


def current_quantity() -> int:
    """Units in the visitor's cart: from the cart if this request loaded it, else one count."""
    if _MEMO in request.environ:
        cart = request.environ[_MEMO]
        return cart.quantity if cart else 0
    return carts.cart_quantity(cookie_token(), user_id())


def set_cookie(response):
    """after_request: hand the browser its cart token when a new cart was made."""
    token = g.pop("set_cart_cookie", None)
    if token:
        response.set_cookie(COOKIE, _serializer().dumps(token), max_age=MAX_AGE,
                            httponly=True, samesite="Lax",
                            secure=current_app.config.get("SESSION_COOKIE_SECURE", False))
    return response
