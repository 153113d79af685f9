"""Who is acting and from where, set by the web layer (or a command) for the audit log.

Domain code records audit entries without knowing about requests: the web layer puts the
signed-in user and the client address here at the start of each request.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    email: str
    ip: str


NOBODY = Actor(None, "", "")
_current: ContextVar[Actor] = ContextVar("shop_audit_actor", default=NOBODY)


def current_actor() -> Actor:
    return _current.get()


def set_actor(actor: Actor):
    """Set the acting user; returns a token for reset_actor()."""
    return _current.set(actor)


def reset_actor(token) -> None:
    _current.reset(token)


@contextmanager
def acting_as(user=None, ip: str = "", email: str | None = None):
    """Within the block, changes are recorded as made by `user` from `ip`."""
    actor = Actor(getattr(user, "id", None), email if email is not None
                  else getattr(user, "email", "") or "", ip)
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)
