"""Signing in and resetting a forgotten password, without telling strangers who has an account."""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NoReturn

from sqlalchemy import select, update
from werkzeug.security import check_password_hash, generate_password_hash

from shop.accounts import throttle
from shop.accounts.customers import confirm_address
from shop.accounts.errors import (
    AccountThrottled,
    EmailNotConfirmed,
    InvalidCredentials,
    InvalidResetToken,
)
from shop.accounts.models import PasswordResetToken, Role, User, password_hash_method
from shop.accounts.passwords import check_new_password
from shop.audit.security_log import log_event
from shop.db import utcnow
from shop.extensions import db

RESET_LIFETIME = timedelta(hours=1)
# Checked when the email is unknown, so a miss takes as long as a wrong password: one
# hash per method, made the first time that method is needed.
_DUMMY_HASHES: dict[str, str] = {}


def _dummy_hash() -> str:
    method = password_hash_method()
    if method not in _DUMMY_HASHES:
        _DUMMY_HASHES[method] = generate_password_hash("not-a-real-password", method=method)
    return _DUMMY_HASHES[method]


def _find_active(email: str) -> User | None:
    email = (email or "").strip().lower()
    if not email:
        return None
    user = db.session.scalar(select(User).where(User.email == email))
    return user if user is not None and user.active else None


def authenticate(email: str, password: str) -> User:
    """The active user with this email and password; InvalidCredentials otherwise.

    After too many failures for one email (from any address) it raises AccountThrottled
    without looking at the password, so guessing from many machines gets nowhere either.
    """
    wait = throttle.retry_after(email)
    if wait:
        log_event("login.throttled", level=logging.WARNING, retry_after=wait)
        raise AccountThrottled(wait)
    user = _find_active(email)
    if user is None:
        check_password_hash(_dummy_hash(), password or "")
        _failed(email, None)
    if not user.check_password(password or ""):
        _failed(email, user.id)
    throttle.forget_failures(email)
    if not user.email_confirmed:
        log_event("login.unconfirmed", user_id=user.id)
        raise EmailNotConfirmed(user.email)
    log_event("login.succeeded", user_id=user.id)
    return user


def _failed(email: str, user_id: int | None) -> NoReturn:
    throttle.record_failure(email)
    log_event("login.failed", user_id=user_id, level=logging.WARNING)
    raise InvalidCredentials()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class _Stranger:
    """Stands in for the account an unknown address does not have, so the same work runs."""

    email: str
    locale: str
    name: str = ""


def new_reset_secret() -> tuple[str, str]:
    """A reset link's secret and the hash stored for it."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def request_password_reset(email: str, now: datetime | None = None, locale: str = "it",
                           link_for: Callable[[str, str], str] | None = None) -> bool:
    """Email a reset link, in the user's language, if the address has an active account.

    Known or not, the address costs the same work (a secret, a link, the email rendered),
    so the answer's timing does not tell who has an account; only the rows written differ,
    and sending happens later, in the worker. The return value is for tests.
    """
    from shop.notifications.services import queue_rendered, render_email

    now = now or utcnow()
    user = _find_active(email)
    recipient = user or _Stranger((email or "").strip().lower(), locale)
    token, token_hash = new_reset_secret()
    link = (link_for or _reset_link)(recipient.locale, token)
    rendered = render_email("password_reset", locale=recipient.locale, user=recipient,
                            reset_link=link)
    log_event("password.reset_requested", user_id=user.id if user else None,
              known=user is not None)
    if user is None:
        return False
    _retire_tokens(user.id, now)
    db.session.add(PasswordResetToken(user_id=user.id, token_hash=token_hash,
                                      created_at=now, expires_at=now + RESET_LIFETIME))
    queue_rendered("password_reset", user.email, rendered, locale=user.locale,
                   dedupe_key=f"password-reset:{token_hash[:32]}")
    return True


def _reset_link(lang: str, token: str) -> str:
    from flask import url_for

    from shop.urls import base_url

    return base_url() + url_for(
        "storefront.account_password_reset_confirm", lang=lang, token=token)


def check_reset_token(token: str, now: datetime | None = None) -> PasswordResetToken:
    """The unused, unexpired token row for this secret; InvalidResetToken otherwise."""
    now = now or utcnow()
    row = db.session.scalar(select(PasswordResetToken)
                            .where(PasswordResetToken.token_hash == hash_token(token or "")))
    if row is None or row.used_at is not None or row.expires_at <= now or not row.user.active:
        raise InvalidResetToken()
    return row


def reset_password(token: str, new_password: str, now: datetime | None = None) -> User:
    """Set a new password through a reset link, which then stops working."""
    now = now or utcnow()
    row = check_reset_token(token, now)
    check_new_password(new_password, row.user.email)
    row.user.set_password(new_password)
    row.user.end_sessions()
    if not row.user.email_confirmed and row.user.role == Role.CUSTOMER:
        # The emailed reset link proves the address as well as a confirmation link does.
        confirm_address(row.user, now)
    _retire_tokens(row.user_id, now)
    db.session.flush()
    log_event("password.reset", user_id=row.user_id)
    return row.user


def _retire_tokens(user_id: int, now: datetime) -> None:
    db.session.execute(update(PasswordResetToken)
                       .where(PasswordResetToken.user_id == user_id,
                              PasswordResetToken.used_at.is_(None))
                       .values(used_at=now))
