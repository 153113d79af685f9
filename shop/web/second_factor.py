"""The state between the password and the code: "password ok, second factor pending".

It lives in the session, without signing anyone in: the user id with its session version
(so a password reset or a deactivation meanwhile ends it), where to go next, when it
started and how many codes were wrong. It lasts ten minutes and five wrong codes.
"""

from __future__ import annotations

import time

from flask import session
from flask_login import login_user

from shop.accounts.models import User
from shop.cart.services import claim_guest_cart
from shop.extensions import db
from shop.web.storefront.cart_cookie import cookie_token

KEY = "pending_second_factor"
LIFETIME_SECONDS = 600
MAX_FAILURES = 5


def start(user: User, next_url: str | None) -> None:
    """Forget the visitor's session (no fixation) and remember the password step passed."""
    session.clear()
    session[KEY] = {"user": user.get_id(), "next": next_url or "", "at": int(time.time()),
                    "fails": 0}


def pending_user() -> User | None:
    """The user whose password was right, if that was recently and nothing changed since."""
    state = session.get(KEY)
    if not isinstance(state, dict) or time.time() - state.get("at", 0) > LIFETIME_SECONDS:
        return None
    try:
        raw_id, raw_version = str(state["user"]).split(".", 1)
        user = db.session.get(User, int(raw_id))
        version = int(raw_version)
    except (KeyError, TypeError, ValueError, OverflowError):
        return None
    if user is None or not user.active or user.session_version != version:
        return None
    return user


def next_url() -> str:
    return (session.get(KEY) or {}).get("next", "")


def enrolment_secret(make_secret) -> str:
    """The secret shown while setting up an app: the same one on every reload of the page."""
    state = dict(session.get(KEY) or {})
    if not state.get("secret"):
        state["secret"] = make_secret()
        session[KEY] = state
    return state["secret"]


def count_failure() -> bool:
    """Note a wrong code; True when that was the last one allowed (the state is dropped)."""
    state = dict(session.get(KEY) or {})
    state["fails"] = state.get("fails", 0) + 1
    if state["fails"] >= MAX_FAILURES:
        session.pop(KEY, None)
        return True
    session[KEY] = state
    return False


def finish(user: User) -> None:
    """Both factors passed: a fresh session, signed in, the guest cart joined to the user's."""
    guest_token = cookie_token()
    session.clear()
    login_user(user)
    claim_guest_cart(guest_token, user.id)
