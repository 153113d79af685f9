"""The search change log: what changed in the catalog, and how far each host's index has read it."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from shop.db import UTCDateTime, utcnow
from shop.extensions import db


class UpdateKind(enum.StrEnum):
    """What `key` identifies; the queue drain turns each into the products it affects."""

    PRODUCT = "product"
    VARIANT = "variant"
    COOPERATIVE = "cooperative"
    CATEGORY = "category"


class SearchUpdate(db.Model):
    """One catalog change, written in the same transaction as the change itself.

    `id` is the change's sequence number: ids are handed out in commit order (see
    shop.search.queue), so a reader that has seen id N has seen every change up to N.
    Rows are deleted only once every live index has passed them, so a crash, a locked index
    or a rolled-back drain leaves them here for the next attempt.
    """

    __tablename__ = "search_update"
    # SQLite would otherwise hand out max(id) + 1 again after the newest rows are pruned,
    # and an index whose cursor is past that id would never see the change.
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SearchIndexCursor(db.Model):
    """How far one index (one host's SEARCH_INDEX_DIR, named by SEARCH_INDEX_NAME) has read.

    `position` is the id of the last change the index holds; `last_seen` moves whenever the
    index reads the log, so an index that stops (a host taken away) stops holding rows back
    after SEARCH_INDEX_STALE_AFTER. `needs_rebuild` is set when rows it had not read yet
    were pruned (or while its first build runs): it then rebuilds from the catalog.
    """

    __tablename__ = "search_index_cursor"

    name: Mapped[str] = mapped_column(String(120), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    needs_rebuild: Mapped[bool] = mapped_column(Boolean, default=False)
