"""Who is acting in the back office, and which cooperative's rows they may touch."""

from __future__ import annotations

from dataclasses import dataclass

from shop.accounts.errors import NotAllowed
from shop.accounts.models import Role


@dataclass(frozen=True)
class Actor:
    """A signed-in member or staff user, reduced to what scoping needs.

    `cooperative_id` is set for cooperative members, whose every query is limited to it;
    staff and admins see every cooperative and the store.
    """

    user_id: int
    cooperative_id: int | None
    is_staff: bool

    @property
    def label(self) -> str:
        """How events name the actor (with user_id beside it)."""
        return "staff" if self.is_staff else f"coop:{self.cooperative_id}"


def actor_for(user) -> Actor:
    """The actor a user is in the back office; anybody else is refused."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.active:
        raise NotAllowed("not signed in")
    if user.role == Role.COOP and user.cooperative_id is not None:
        return Actor(user.id, user.cooperative_id, is_staff=False)
    if user.role in (Role.STAFF, Role.ADMIN):
        return Actor(user.id, None, is_staff=True)
    raise NotAllowed(f"role {user.role!r} has no back-office access")


def member_actor(user) -> Actor:
    """A cooperative member's actor; staff and everyone else are refused."""
    actor = actor_for(user)
    if actor.cooperative_id is None:
        raise NotAllowed("only cooperative members have a workshop")
    return actor


def staff_actor(user) -> Actor:
    """A staff member's (or admin's) actor; everyone else is refused."""
    actor = actor_for(user)
    if not actor.is_staff:
        raise NotAllowed("only store staff may do this")
    return actor


def require_admin(user) -> Actor:
    """An admin's actor: accounts, roles, settings and the audit log are theirs alone."""
    actor = staff_actor(user)
    if user.role != Role.ADMIN:
        raise NotAllowed("only admins may do this")
    return actor
