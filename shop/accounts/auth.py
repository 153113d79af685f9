"""Signing in and resetting a forgotten password, without telling strangers who has an account."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from werkzeug.security import check_password_hash, generate_password_hash

from shop.accounts.errors import InvalidCredentials, InvalidResetToken, PasswordTooShort
from shop.accounts.models import PasswordResetToken, User
from shop.accounts.services import MIN_PASSWORD_LENGTH
from shop.db import utcnow
from shop.extensions import db

RESET_LIFETIME = timedelta(hours=1)
# Checked when the email is unknown, so a miss takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


def _find_active(email: str) -> User | None:
    email = (email or "").strip().lower()
    if not email:
        return None
    user = db.session.scalar(select(User).where(User.email == email))
    return user if user is not None and user.active else None


def authenticate(email: str, password: str) -> User:
    """The active user with this email and password; InvalidCredentials otherwise."""
    user = _find_active(email)
    if user is None:
        check_password_hash(_DUMMY_HASH, password or "")
        raise InvalidCredentials()
    if not user.check_password(password or ""):
        raise InvalidCredentials()
    return user


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_reset_token(email: str, now: datetime | None = None) -> tuple[User, str] | None:
    """A new reset link's secret for an active user (earlier links stop working), or None."""
    user = _find_active(email)
    if user is None:
        return None
    now = now or utcnow()
    _retire_tokens(user.id, now)
    token = secrets.token_urlsafe(32)
    db.session.add(PasswordResetToken(user_id=user.id, token_hash=hash_token(token),
                                      created_at=now, expires_at=now + RESET_LIFETIME))
    db.session.flush()
    return user, token


def request_password_reset(email: str, now: datetime | None = None) -> bool:
    """Email a reset link, in the user's language, if the address has an active account.

    The caller tells the visitor the same thing either way; the return value is for tests.
    """
    from flask import url_for

    from shop.notifications.services import enqueue_email
    from shop.urls import base_url

    created = create_reset_token(email, now)
    if created is None:
        return False
    user, token = created
    link = base_url() + url_for(
        "storefront.account_password_reset_confirm", lang=user.locale, token=token)
    enqueue_email("password_reset", user.email, "password_reset", locale=user.locale,
                  dedupe_key=f"password-reset:{hash_token(token)[:32]}", user=user,
                  reset_link=link)
    return True


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
    if len(new_password or "") < MIN_PASSWORD_LENGTH:
        raise PasswordTooShort(f"the password must be at least {MIN_PASSWORD_LENGTH} characters")
    row.user.set_password(new_password)
    row.user.end_sessions()
    _retire_tokens(row.user_id, now)
    db.session.flush()
    return row.user


def _retire_tokens(user_id: int, now: datetime) -> None:
    db.session.execute(update(PasswordResetToken)
                       .where(PasswordResetToken.user_id == user_id,
                              PasswordResetToken.used_at.is_(None))
                       .values(used_at=now))
