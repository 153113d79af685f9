"""The impact chain head's row lock: every append takes it, so the chain never forks.

PostgreSQL: SELECT ... FOR UPDATE on the single head row (created on first use with
INSERT ... ON CONFLICT DO NOTHING, so two first appends cannot both create it). SQLite:
the writing transaction began with BEGIN IMMEDIATE and already holds the database's only
write lock. Take it after stock locks (shop.inventory.locks) and the order's row lock,
never before, like every lock in the shop: one fixed order, no deadlock.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from shop.extensions import db
from shop.impact.models import GENESIS_HASH, ImpactChainHead


def lock_chain_head() -> ImpactChainHead:
    bind = db.session.get_bind()
    dialect = postgresql if bind.dialect.name == "postgresql" else sqlite
    db.session.execute(dialect.insert(ImpactChainHead)
                       .values(id=1, seq=0, hash=GENESIS_HASH)
                       .on_conflict_do_nothing(index_elements=["id"]))
    return db.session.scalar(select(ImpactChainHead).where(ImpactChainHead.id == 1)
                             .with_for_update().execution_options(populate_existing=True))
