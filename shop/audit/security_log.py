"""Security events as one JSON line each on the `shop.security` logger, for a log collector.

Never a password, token, session id or card number: only what happened, to which user id,
from which address, when (UTC).
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from shop.audit.context import current_actor

log = logging.getLogger("shop.security")

# The events the shop writes; a name outside this list is a programming error.
EVENTS = frozenset({
    "login.succeeded", "login.failed", "login.throttled", "logout",
    "access.denied", "webhook.bad_signature", "webhook.amount_mismatch",
    "password.reset_requested", "password.reset", "password.changed",
    "role.changed", "account.deactivated", "account.exported", "account.erased",
    "ratelimit.exceeded", "ratelimit.fallback",
    "account.registered", "account.registration_refused", "account.confirmed",
    "login.unconfirmed",
})
_FORBIDDEN = frozenset({"password", "token", "secret", "card", "session"})


def log_event(event: str, *, user_id: int | None = None, ip: str | None = None,
              level: int = logging.INFO, **fields) -> None:
    """Write one security event; the address defaults to the acting request's."""
    if event not in EVENTS:
        raise ValueError(f"unknown security event {event!r}")
    for name in fields:
        if any(word in name.lower() for word in _FORBIDDEN):
            raise ValueError(f"security events never carry {name!r}")
    actor = current_actor()
    record = {
        "at": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "event": event,
        "user_id": user_id if user_id is not None else actor.user_id,
        "ip": ip if ip is not None else actor.ip,
        **fields,
    }
    log.log(level, json.dumps(record, ensure_ascii=False, sort_keys=True, default=str))
