"""Customers who sign up themselves: registration, the emailed confirmation link, resending it.

Nothing here tells a stranger whether an address has an account: registering an address
already in use shows the same page and the email goes to the owner instead, saying so.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import select, update
from werkzeug.security import generate_password_hash

from shop.accounts.auth import hash_token, new_reset_secret
from shop.accounts.customers import confirm_address
from shop.accounts.errors import InvalidConfirmationToken
from shop.accounts.models import EmailConfirmationToken, Role, User, password_hash_method
from shop.accounts.passwords import check_new_password
from shop.accounts.services import normalise_email
from shop.audit.security_log import log_event
from shop.db import utcnow
from shop.extensions import db
from shop.notifications.services import enqueue_email

CONFIRMATION_LIFETIME = timedelta(hours=48)

LinkFor = Callable[[str, str], str]  # (lang, token) -> absolute URL


def register_customer(email: str, password: str, *, name: str, locale: str,
                      link_for: LinkFor, page_for: Callable[[str, str], str],
                      now: datetime | None = None) -> User | None:
    """Create an unconfirmed customer and email the confirmation link.

    An address already in use gets an email telling its owner (or, for an account still
    waiting for confirmation, a fresh link) and no new row; the caller shows the same page
    either way. `link_for(lang, token)` builds the confirmation link, `page_for(lang, page)`
    the sign-in ("login") and password reset ("reset") pages. Returns the new user, or None
    when the address was taken (for tests).
    """
    now = now or utcnow()
    email = normalise_email(email)
    check_new_password(password, email)
    # The same work whether used or not.
    password_hash = generate_password_hash(password, method=password_hash_method())
    existing = db.session.scalar(select(User).where(User.email == email))
    if existing is not None:
        if existing.role == Role.CUSTOMER and existing.active and not existing.email_confirmed:
            send_confirmation(existing, link_for, now)
        else:
            enqueue_email("account_exists", existing.email, "account_exists",
                          locale=existing.locale, user=existing,
                          login_link=page_for(existing.locale, "login"),
                          reset_link=page_for(existing.locale, "reset"))
        log_event("account.registration_refused", user_id=existing.id)
        return None
    user = User(email=email, name=name.strip(), role=Role.CUSTOMER.value, locale=locale,
                password_hash=password_hash, terms_accepted_at=now)
    db.session.add(user)
    db.session.flush()
    # The column's default confirms every account made any other way; this one waits.
    user.email_confirmed_at = None
    db.session.flush()
    send_confirmation(user, link_for, now)
    log_event("account.registered", user_id=user.id)
    return user


def send_confirmation(user: User, link_for: LinkFor, now: datetime | None = None) -> None:
    """Retire the user's earlier links and email a new one, valid for two days."""
    now = now or utcnow()
    _retire_tokens(user.id, now)
    token, token_hash = new_reset_secret()
    db.session.add(EmailConfirmationToken(user_id=user.id, token_hash=token_hash,
                                          created_at=now,
                                          expires_at=now + CONFIRMATION_LIFETIME))
    enqueue_email("account_confirm", user.email, "account_confirm", locale=user.locale,
                  user=user, confirm_link=link_for(user.locale, token),
                  dedupe_key=f"account-confirm:{token_hash[:32]}")


def resend_confirmation(email: str, link_for: LinkFor, now: datetime | None = None) -> bool:
    """Send a new link if this address has an account waiting for confirmation.

    Says nothing either way (the page does not differ); True for tests.
    """
    email = (email or "").strip().lower()
    user = db.session.scalar(select(User).where(User.email == email)) if email else None
    if user is None or not user.active or user.email_confirmed or user.role != Role.CUSTOMER:
        return False
    send_confirmation(user, link_for, now)
    return True


def check_confirmation_token(token: str, now: datetime | None = None) -> EmailConfirmationToken:
    """The unused, unexpired link row for this secret; InvalidConfirmationToken otherwise."""
    now = now or utcnow()
    row = db.session.scalar(select(EmailConfirmationToken).where(
        EmailConfirmationToken.token_hash == hash_token(token or "")))
    if row is None or row.used_at is not None or row.expires_at <= now or not row.user.active:
        raise InvalidConfirmationToken()
    return row


def confirm_email(token: str, now: datetime | None = None) -> tuple[User, int]:
    """Confirm the account behind the link, which then stops working.

    The customer's earlier guest orders placed with the same address (in any letter case)
    join the account. Returns the user and how many orders joined.
    """
    now = now or utcnow()
    row = check_confirmation_token(token, now)
    user = row.user
    _retire_tokens(user.id, now)
    attached = confirm_address(user, now)
    log_event("account.confirmed", user_id=user.id, orders_attached=attached)
    return user, attached


def _retire_tokens(user_id: int, now: datetime) -> None:
    db.session.execute(update(EmailConfirmationToken)
                       .where(EmailConfirmationToken.user_id == user_id,
                              EmailConfirmationToken.used_at.is_(None))
                       .values(used_at=now))
