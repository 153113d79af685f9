"""Row locks on stock. Every lock on a stock row is taken here, in one fixed order.

Locks are taken by ascending stock id in a single statement, so two checkouts that need the
same rows queue behind each other instead of deadlocking. On PostgreSQL that is
SELECT ... FOR UPDATE; on SQLite the caller's transaction began with BEGIN IMMEDIATE
(shop.db.begin_write), which holds the database's single write lock.
"""

from __future__ import annotations

from sqlalchemy import select, tuple_

from shop.extensions import db
from shop.inventory.models import Stock


def lock_stock(pairs: set[tuple[int, int]]) -> dict[tuple[int, int], Stock]:
    """Lock the stock rows of these (variant_id, location_id) pairs; missing rows are absent."""
    if not pairs:
        return {}
    rows = db.session.scalars(
        select(Stock)
        .where(tuple_(Stock.variant_id, Stock.location_id).in_(sorted(pairs)))
        .order_by(Stock.id)
        .with_for_update(of=Stock)
        .execution_options(populate_existing=True))
    return {(row.variant_id, row.location_id): row for row in rows}


def lock_stock_ids(stock_ids: set[int]) -> dict[int, Stock]:
    if not stock_ids:
        return {}
    rows = db.session.scalars(
        select(Stock).where(Stock.id.in_(sorted(stock_ids))).order_by(Stock.id)
        .with_for_update(of=Stock).execution_options(populate_existing=True))
    return {row.id: row for row in rows}
