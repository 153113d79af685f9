"""The search update queue: what changed in the catalog and still has to reach the index."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Integer, String
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

    Rows are deleted only once the index holds the change, so a crash, a locked index or a
    rolled-back drain leaves them here for the next attempt.
    """

    __tablename__ = "search_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
