"""Account operations: creating users with a role, a password and, for members, a cooperative."""

from __future__ import annotations

import secrets

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from sqlalchemy import select

from shop.accounts.errors import (
    CooperativeNotAllowed,
    CooperativeRequired,
    EmailAlreadyRegistered,
    InvalidEmail,
    UnknownCooperative,
    UnknownRole,
    UnsupportedLocale,
)
from shop.accounts.models import Role, User
from shop.accounts.passwords import MIN_PASSWORD_LENGTH, check_new_password
from shop.catalog.models import Cooperative
from shop.extensions import db

__all__ = ["MIN_PASSWORD_LENGTH", "create_user", "generate_password", "normalise_email"]


def normalise_email(email: str) -> str:
    """The address as the shop stores and compares it: validated, lower case."""
    try:
        result = validate_email(email.strip().lower(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise InvalidEmail(f"{email!r} is not a valid email address: {exc}") from exc
    return result.normalized


def generate_password() -> str:
    """A random password of 16 URL-safe characters."""
    return secrets.token_urlsafe(12)


def create_user(email: str, role: Role | str, password: str | None = None,
                cooperative_slug: str | None = None, name: str = "",
                locale: str = "it") -> tuple[User, str]:
    """Create a user and return it with its password (generated when none is given).

    Cooperative members must belong to an existing cooperative; no other role may.
    """
    email = normalise_email(email)
    try:
        role = Role(role)
    except ValueError as exc:
        known = ", ".join(r.value for r in Role)
        raise UnknownRole(f"unknown role {role!r}; choose one of {known}") from exc
    if locale not in current_app.config["LANGUAGES"]:
        raise UnsupportedLocale(f"unsupported locale {locale!r}")
    cooperative = _cooperative_for(role, cooperative_slug)
    if password is None:
        password = generate_password()
    else:
        check_new_password(password, email)
    if db.session.scalar(select(User.id).where(User.email == email)) is not None:
        raise EmailAlreadyRegistered(email)

    user = User(email=email, role=role.value, name=name, locale=locale,
                cooperative_id=cooperative.id if cooperative else None)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user, password


def _cooperative_for(role: Role, slug: str | None) -> Cooperative | None:
    if role is not Role.COOP:
        if slug:
            raise CooperativeNotAllowed(f"only cooperative members belong to a cooperative, "
                                        f"not the role {role.value!r}")
        return None
    if not slug:
        raise CooperativeRequired("a cooperative member needs a cooperative")
    cooperative = db.session.scalar(select(Cooperative).where(Cooperative.slug == slug))
    if cooperative is None:
        raise UnknownCooperative(slug)
    return cooperative
