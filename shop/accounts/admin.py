"""What admins do with accounts: list them, invite people, change roles, switch accounts off.

Every function takes the acting user and checks they are an admin (`require_admin`), and
every change writes one audit entry. The shop always keeps at least one active admin: the
admin rows are locked before counting, so two admins demoting each other cannot both win.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select, update

from shop.accounts.access import require_admin
from shop.accounts.auth import hash_token
from shop.accounts.errors import (
    CooperativeRequired,
    EmailAlreadyRegistered,
    InvalidInvitation,
    LastAdmin,
    PasswordTooShort,
    SelfLockout,
    UnknownCooperative,
    UnknownRole,
    UnsupportedLocale,
    UserNotFound,
)
from shop.accounts.models import Invitation, Role, User
from shop.accounts.services import MIN_PASSWORD_LENGTH, normalise_email
from shop.audit.services import record, snapshot
from shop.catalog.models import Cooperative
from shop.db import begin_write, utcnow
from shop.extensions import db
from shop.notifications.services import enqueue_email

INVITATION_LIFETIME = timedelta(hours=72)
INVITABLE_ROLES = (Role.STAFF, Role.COOP, Role.ADMIN)
PER_PAGE = 30
LOCALES = ("it", "en")


@dataclass
class AccountPage:
    items: list[User]
    total: int
    page: int
    pages: int


def list_accounts(admin: User, *, role: str = "", search: str = "", page: int = 1,
                  per_page: int = PER_PAGE) -> AccountPage:
    """Accounts of one role (or all) whose email or name contains `search`, by email."""
    require_admin(admin)
    stmt = select(User)
    if role in set(Role):
        stmt = stmt.where(User.role == role)
    search = search.strip().lower()
    if search:
        pattern = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        stmt = stmt.where(or_(User.email.like(pattern, escape="\\"),
                              func.lower(User.name).like(pattern, escape="\\")))
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    items = list(db.session.scalars(stmt.order_by(User.email).limit(per_page)
                                    .offset((page - 1) * per_page)))
    return AccountPage(items, total, page, pages)


def get_account(admin: User, user_id: int) -> User:
    require_admin(admin)
    user = db.session.get(User, user_id)
    if user is None:
        raise UserNotFound(user_id)
    return user


def pending_invitations(admin: User, now: datetime | None = None) -> list[Invitation]:
    require_admin(admin)
    now = now or utcnow()
    return list(db.session.scalars(
        select(Invitation).where(Invitation.accepted_at.is_(None), Invitation.expires_at > now)
        .order_by(Invitation.created_at.desc())))


def _role(value: str, allowed=tuple(Role)) -> Role:
    try:
        role = Role(value)
    except ValueError as exc:
        raise UnknownRole(value) from exc
    if role not in allowed:
        raise UnknownRole(value)
    return role


def _cooperative_id(role: Role, cooperative_id: int | None) -> int | None:
    """Members need an existing cooperative; every other role has none."""
    if role is not Role.COOP:
        return None
    if not cooperative_id:
        raise CooperativeRequired("a cooperative member needs a cooperative")
    if db.session.get(Cooperative, cooperative_id) is None:
        raise UnknownCooperative(str(cooperative_id))
    return cooperative_id


def invite(admin: User, email: str, role: str, link_for: Callable[[str, str], str], *,
           cooperative_id: int | None = None, name: str = "", locale: str = "it",
           now: datetime | None = None) -> Invitation:
    """Invite someone by email, in their language, to choose a password and join.

    `link_for(token, locale)` makes the set-password link (the web layer knows URLs); only
    a hash of the token is kept. An earlier unused invitation to the address stops working.
    """
    actor = require_admin(admin)
    email = normalise_email(email)
    role = _role(role, INVITABLE_ROLES)
    if locale not in LOCALES:
        raise UnsupportedLocale(locale)
    cooperative_id = _cooperative_id(role, cooperative_id)
    if db.session.scalar(select(User.id).where(User.email == email)) is not None:
        raise EmailAlreadyRegistered(email)
    now = now or utcnow()
    db.session.execute(update(Invitation).where(Invitation.email == email,
                                                Invitation.accepted_at.is_(None),
                                                Invitation.expires_at > now)
                       .values(expires_at=now))
    token = secrets.token_urlsafe(32)
    invitation = Invitation(email=email, name=name.strip()[:120], role=role.value,
                            cooperative_id=cooperative_id, locale=locale,
                            token_hash=hash_token(token), invited_by_id=actor.user_id,
                            created_at=now, expires_at=now + INVITATION_LIFETIME)
    db.session.add(invitation)
    db.session.flush()
    record("invitation.create", "invitation", invitation.id, summary=email, after={
        "email": email, "role": role.value, "cooperative_id": cooperative_id,
        "locale": locale})
    enqueue_email("invitation", email, "invitation", locale=locale,
                  dedupe_key=f"invitation:{invitation.token_hash[:32]}", invitation=invitation,
                  invited_by=admin.name or admin.email, link=link_for(token, locale),
                  expires_at=invitation.expires_at)
    return invitation


def check_invitation(token: str, now: datetime | None = None) -> Invitation:
    """The unused, unexpired invitation behind a link; InvalidInvitation otherwise."""
    now = now or utcnow()
    invitation = db.session.scalar(select(Invitation).where(
        Invitation.token_hash == hash_token(token or "")))
    if invitation is None or invitation.accepted_at is not None or invitation.expires_at <= now:
        raise InvalidInvitation()
    return invitation


def accept_invitation(token: str, password: str, now: datetime | None = None) -> User:
    """Create the invited account with the chosen password; the link then stops working."""
    now = now or utcnow()
    begin_write(db.session)
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.token_hash == hash_token(token or ""))
        .with_for_update())
    if invitation is None or invitation.accepted_at is not None or invitation.expires_at <= now:
        raise InvalidInvitation()
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise PasswordTooShort(f"the password must be at least {MIN_PASSWORD_LENGTH} characters")
    if db.session.scalar(select(User.id).where(User.email == invitation.email)) is not None:
        raise InvalidInvitation()
    user = User(email=invitation.email, name=invitation.name, role=invitation.role,
                cooperative_id=invitation.cooperative_id, locale=invitation.locale)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    invitation.accepted_at, invitation.user_id = now, user.id
    record("invitation.accept", "user", user.id, summary=user.email, actor=user,
           after={"email": user.email, "role": user.role,
                  "cooperative_id": user.cooperative_id})
    db.session.flush()
    return user


def _lock_admins() -> list[int]:
    """Lock every active admin's row (in id order) and return their ids."""
    return list(db.session.scalars(
        select(User.id).where(User.role == Role.ADMIN, User.active.is_(True))
        .order_by(User.id).with_for_update()))


ROLE_FIELDS = ("role", "cooperative_id")


def change_role(admin: User, user_id: int, role: str,
                cooperative_id: int | None = None) -> User:
    """Give an account another role (and, for members, cooperative); its sessions end."""
    require_admin(admin)
    begin_write(db.session)
    admins = _lock_admins()
    user = get_account(admin, user_id)
    role = _role(role)
    cooperative_id = _cooperative_id(role, cooperative_id)
    before = snapshot(user, ROLE_FIELDS)
    if user.id in admins and role is not Role.ADMIN and len(admins) <= 1:
        raise LastAdmin()
    user.role, user.cooperative_id = role.value, cooperative_id
    after = snapshot(user, ROLE_FIELDS)
    if before != after:
        user.end_sessions()  # what the sessions may do has changed
        record("user.update", "user", user.id, before=before, after=after, summary=user.email)
    db.session.flush()
    return user


def set_active(admin: User, user_id: int, active: bool) -> User:
    """Switch an account off (its sessions end at once) or on again."""
    actor = require_admin(admin)
    begin_write(db.session)
    admins = _lock_admins()
    user = get_account(admin, user_id)
    if user.active == active:
        return user
    if not active:
        if user.id == actor.user_id:
            raise SelfLockout()
        if user.id in admins and len(admins) <= 1:
            raise LastAdmin()
        user.end_sessions()
    user.active = active
    record("user.deactivate" if not active else "user.reactivate", "user", user.id,
           before={"active": not active}, after={"active": active}, summary=user.email)
    db.session.flush()
    return user
