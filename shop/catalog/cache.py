"""Cached catalog reads that change rarely: category and cooperative names, per language.

Entries are keyed by a catalog version kept in the cache itself; a committed change to a
category, a cooperative or their translations moves the version on, so every process that
shares the cache (Redis in production) stops reading the old entries at once. A cache that
cannot be reached (Redis down) only costs the statements it would have saved.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from shop.extensions import cache

log = logging.getLogger(__name__)
VERSION_KEY = "catalog:version"
_CHANGED = "catalog_cache_changed"


def _watched() -> tuple[type, ...]:
    from shop.catalog.models import (
        Category,
        CategoryTranslation,
        Cooperative,
        CooperativeTranslation,
    )

    return (Category, CategoryTranslation, Cooperative, CooperativeTranslation)


def _version() -> str:
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            version = uuid.uuid4().hex
            cache.set(VERSION_KEY, version, timeout=0)
        return version
    except Exception:  # the cache is an optimisation: never let it break a page
        log.warning("catalog cache unreachable", exc_info=True)
        return ""


def catalog_version() -> str:
    """The current catalog version ("" when the cache cannot be reached)."""
    return _version()


def cached(name: str, compute: Callable[[], Any]) -> Any:
    """The value stored under `name` for the current catalog version, computed if missing."""
    version = _version()
    if not version:
        return compute()
    key = f"catalog:{version}:{name}"
    try:
        value = cache.get(key)
    except Exception:
        log.warning("catalog cache unreachable", exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value)
        except Exception:
            log.warning("catalog cache unreachable", exc_info=True)
    return value


def invalidate() -> None:
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=0)
    except Exception:
        log.warning("catalog cache unreachable: entries expire by themselves", exc_info=True)


def _note_changes(session: Session, flush_context) -> None:
    watched = _watched()
    if any(isinstance(obj, watched)
           for obj in (*session.new, *session.dirty, *session.deleted)):
        session.info[_CHANGED] = True


def _after_commit(session: Session) -> None:
    if session.info.pop(_CHANGED, False):
        invalidate()


def _after_rollback(session: Session) -> None:
    session.info.pop(_CHANGED, None)


def register_listeners() -> None:
    if not event.contains(Session, "after_flush", _note_changes):
        event.listen(Session, "after_flush", _note_changes)
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_soft_rollback", lambda s, t: _after_rollback(s))
