"""Failed sign-ins counted per account, whatever address they come from.

The per-address limit on the sign-in page stops one machine guessing; this one stops many
machines guessing one account's password. Counters live in the rate limiter's storage
(Redis in production) under a hash of the email, never the address itself; if that storage
is down they fall back to this process's memory, like the limiter's own.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass

from flask import current_app
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import FixedWindowRateLimiter, RateLimiter

from shop.audit.security_log import log_event
from shop.extensions import limiter

NAMESPACE = "login-account"
_fallback = FixedWindowRateLimiter(MemoryStorage())


@dataclass(frozen=True)
class Throttle:
    limiter: RateLimiter
    item: object
    key: str


def _throttle(email: str) -> Throttle | None:
    if not limiter.enabled or not current_app.config.get("RATELIMIT_ENABLED", True):
        return None
    item = parse(current_app.config["LOGIN_ACCOUNT_LIMIT"])
    key = hashlib.sha256((email or "").strip().lower().encode()).hexdigest()[:32]
    return Throttle(limiter.limiter, item, key)


def _run(throttle: Throttle, method: str):
    try:
        return getattr(throttle.limiter, method)(throttle.item, NAMESPACE, throttle.key)
    except Exception:  # the storage is down: count in memory rather than fail the sign-in
        log_event("ratelimit.fallback", level=logging.WARNING, limit=NAMESPACE)
        return getattr(_fallback, method)(throttle.item, NAMESPACE, throttle.key)


def retry_after(email: str) -> int:
    """Seconds until this account may try again (0: it may try now)."""
    throttle = _throttle(email)
    if throttle is None or _run(throttle, "test"):
        return 0
    try:
        stats = throttle.limiter.get_window_stats(throttle.item, NAMESPACE, throttle.key)
    except Exception:
        stats = _fallback.get_window_stats(throttle.item, NAMESPACE, throttle.key)
    return max(int(stats.reset_time - time.time()), 1)


def record_failure(email: str) -> None:
    """Count one failed sign-in against the account."""
    throttle = _throttle(email)
    if throttle is not None:
        _run(throttle, "hit")


def forget_failures(email: str) -> None:
    """A correct password clears the account's count."""
    throttle = _throttle(email)
    if throttle is not None:
        _run(throttle, "clear")
