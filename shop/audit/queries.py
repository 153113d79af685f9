"""Reading the audit log, for admins: filtered, paginated, and as CSV rows."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select

from shop.accounts.access import require_admin
from shop.accounts.models import User
from shop.audit.models import AuditEntry
from shop.extensions import db
from shop.fulfilment.routing import LOCAL_TZ

PER_PAGE = 50
CSV_HEADER = ("at_utc", "actor_email", "ip", "action", "entity", "entity_id", "summary",
              "before", "after")


@dataclass(frozen=True)
class AuditFilters:
    actor_id: int | None = None
    action: str = ""
    entity: str = ""
    date_from: date | None = None  # Milan calendar days, both included
    date_to: date | None = None
    page: int = 1


@dataclass
class AuditPage:
    items: list[AuditEntry]
    total: int
    page: int
    pages: int


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=LOCAL_TZ).astimezone(UTC)


def _filtered(filters: AuditFilters):
    stmt = select(AuditEntry)
    if filters.actor_id is not None:
        stmt = stmt.where(AuditEntry.actor_id == filters.actor_id)
    if filters.action:
        stmt = stmt.where(AuditEntry.action == filters.action)
    if filters.entity:
        stmt = stmt.where(AuditEntry.entity == filters.entity)
    if filters.date_from:
        stmt = stmt.where(AuditEntry.at >= _local_midnight(filters.date_from))
    if filters.date_to:
        stmt = stmt.where(AuditEntry.at < _local_midnight(filters.date_to + timedelta(days=1)))
    return stmt


def list_entries(admin, filters: AuditFilters, per_page: int = PER_PAGE) -> AuditPage:
    """Entries matching the filters, newest first."""
    require_admin(admin)
    stmt = _filtered(filters)
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(filters.page, 1), pages)
    items = list(db.session.scalars(stmt.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
                                    .limit(per_page).offset((page - 1) * per_page)))
    return AuditPage(items, total, page, pages)


def csv_rows(admin, filters: AuditFilters) -> Iterator[tuple[str, ...]]:
    """Every entry matching the filters (all pages), oldest first, as text cells."""
    require_admin(admin)  # now, not when the rows are read
    return _rows(filters)


def _rows(filters: AuditFilters) -> Iterator[tuple[str, ...]]:
    yield CSV_HEADER
    stmt = _filtered(filters).order_by(AuditEntry.at, AuditEntry.id)
    for entry in db.session.scalars(stmt.execution_options(yield_per=500)):
        yield tuple(_safe_cell(value) for value in (
            entry.at.astimezone(UTC).isoformat(), entry.actor_email, entry.ip, entry.action,
            entry.entity, entry.entity_id, entry.summary,
            json.dumps(entry.before, ensure_ascii=False, sort_keys=True),
            json.dumps(entry.after, ensure_ascii=False, sort_keys=True)))


def _safe_cell(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    value = str(value or "")
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def actors(admin) -> list[tuple[int, str]]:
    """Everyone who appears in the log, for the person filter: (id, email)."""
    require_admin(admin)
    ids = select(AuditEntry.actor_id).where(AuditEntry.actor_id.is_not(None)).distinct()
    return [(user.id, user.email) for user in db.session.scalars(
        select(User).where(User.id.in_(ids)).order_by(User.email))]


def kinds(admin) -> tuple[list[str], list[str]]:
    """The actions and the entities that appear in the log, for the kind filters."""
    require_admin(admin)
    actions = db.session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action))
    entities = db.session.scalars(select(AuditEntry.entity).distinct().order_by(AuditEntry.entity))
    return list(actions), list(entities)


def changes(entry: AuditEntry) -> list[tuple[str, object, object]]:
    """(field, before, after) for every field either side mentions, in a stable order."""
    before, after = entry.before or {}, entry.after or {}
    fields = list(before) + [key for key in after if key not in before]
    return [(key, before.get(key), after.get(key)) for key in fields]
