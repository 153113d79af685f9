"""Record a change in the audit log, inside the transaction that makes the change."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from shop.audit.context import current_actor
from shop.audit.models import AuditEntry
from shop.extensions import db


def jsonable(value: Any) -> Any:
    """A value as JSON can hold it: dates as ISO text, enums as their value."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    return str(value)


def changed_fields(before: dict, after: dict) -> tuple[dict, dict]:
    """Only the keys whose values differ, from each side."""
    keys = [k for k in {**before, **after} if before.get(k) != after.get(k)]
    return ({k: jsonable(before.get(k)) for k in keys if k in before},
            {k: jsonable(after.get(k)) for k in keys if k in after})


def snapshot(obj, fields) -> dict:
    """The named attributes of an object, for `before`/`after`."""
    return {name: jsonable(getattr(obj, name)) for name in fields}


def record(action: str, entity: str, entity_id: Any = "", *, before: dict | None = None,
           after: dict | None = None, summary: str = "", actor=None, ip: str | None = None,
           only_changes: bool = True) -> AuditEntry | None:
    """Add an audit entry to the session (the caller's transaction commits it).

    `action` is a dotted name (`product.update`, `stock.adjust`, `user.deactivate`).
    With `only_changes` (the default) unchanged fields are dropped, and an update that
    changed nothing writes no entry. The actor and address default to the ones the web
    layer (or a command) set in `shop.audit.context`.
    """
    before, after = before or {}, after or {}
    if only_changes:
        before, after = changed_fields(before, after)
        if not before and not after and action.endswith(".update"):
            return None
    else:
        before, after = jsonable(before), jsonable(after)
    who = current_actor()
    entry = AuditEntry(
        action=action, entity=entity, entity_id=str(entity_id or ""),
        summary=summary[:300], before=before, after=after,
        actor_id=getattr(actor, "id", None) if actor is not None else who.user_id,
        actor_email=(getattr(actor, "email", "") if actor is not None else who.email) or "",
        ip=(ip if ip is not None else who.ip)[:45],
    )
    db.session.add(entry)
    return entry
