"""Keeping the index current: catalog changes are queued with the change, applied after commit.

1. While a session flushes products, variants, stock, cooperatives, categories or their
   translations, a `search_update` row naming what changed is inserted in the same
   transaction. A rolled-back change leaves no row; a committed one always leaves one.
2. After the commit, the app context's teardown (the end of a request or of a CLI command)
   drains the queue: under the index's writer lock it reads the rows and the products they
   name, writes the documents, commits the index and only then deletes the rows.
3. If another process holds the lock, the rows stay queued. The holder looks at the queue
   again after releasing the lock, and `flask search process-queue` (or the worker) catches
   whatever is left, so a busy index delays an update but never loses it or shows an error.

Documents are read from the database after the lock is taken, so drains apply changes in
the order they take the lock and an older snapshot can never overwrite a newer one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from flask import current_app, g, has_app_context
from sqlalchemy import delete, event, insert, inspect, select
from sqlalchemy.orm import Session

from shop.catalog.models import (
    Category,
    CategoryTranslation,
    Cooperative,
    CooperativeTranslation,
    Product,
    ProductTranslation,
    Variant,
    VariantTranslation,
)
from shop.extensions import db
from shop.inventory.models import Stock
from shop.search import indexer
from shop.search.models import SearchUpdate, UpdateKind
from shop.search.store import IndexBusy, IndexStore

log = logging.getLogger(__name__)

BATCH_SIZE = 200
# A request's drain waits this long at most for another writer, then leaves the rows queued.
DEFAULT_LOCK_TIMEOUT = 0.25
REBUILD_LOCK_TIMEOUT = 120.0

# session.info keys: what this transaction queued already, and whether it queued anything.
_QUEUED = "search_queued_keys"
_WROTE = "search_wrote_rows"
# flask.g key: a transaction of this app context committed queue rows.
PENDING = "search_updates_pending"

# Which catalog row names which queue key: (kind, the column holding the key).
TRACKED = {
    Product: (UpdateKind.PRODUCT, Product.id),
    ProductTranslation: (UpdateKind.PRODUCT, ProductTranslation.product_id),
    Variant: (UpdateKind.PRODUCT, Variant.product_id),
    VariantTranslation: (UpdateKind.VARIANT, VariantTranslation.variant_id),
    Stock: (UpdateKind.VARIANT, Stock.variant_id),
    Cooperative: (UpdateKind.COOPERATIVE, Cooperative.id),
    CooperativeTranslation: (UpdateKind.COOPERATIVE, CooperativeTranslation.cooperative_id),
    Category: (UpdateKind.CATEGORY, Category.id),
    CategoryTranslation: (UpdateKind.CATEGORY, CategoryTranslation.category_id),
}


def current_store() -> IndexStore:
    """The index store of the current application's configuration."""
    config = current_app.config
    key = (config["SEARCH_INDEX_DIR"], tuple(config["LANGUAGES"]))
    stores = current_app.extensions.setdefault("search_stores", {})
    if key not in stores:
        stores[key] = IndexStore(*key)
    return stores[key]


# Collecting changes -------------------------------------------------------------------------

def register_listeners() -> None:
    """Listen to every session (idempotent): queue rows during flushes, flag commits."""
    for name, listener in (("after_flush", _queue_flushed_changes),
                           ("do_orm_execute", _queue_bulk_changes),
                           ("after_commit", _flag_committed),
                           ("after_soft_rollback", _forget_rolled_back),
                           ("after_transaction_end", _forget_transaction)):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)


def _key_of(obj) -> tuple[str, int] | None:
    tracked = TRACKED.get(type(obj))
    if tracked is None:
        return None
    kind, column = tracked
    value = getattr(obj, column.key)
    return (kind, value) if value is not None else None


def _stock_stays_available(stock: Stock) -> bool:
    """True when a stock row had units available before this flush and still has.

    Then no product's availability can have changed (rows are never negative), which
    spares the index a write for every sale of an item that is far from selling out.
    """
    state = inspect(stock)
    before = []
    for attr in ("on_hand", "allocated"):
        history = state.attrs[attr].history
        if history.deleted:
            before.append(history.deleted[0])
        elif history.unchanged:
            before.append(history.unchanged[0])
        else:
            return False  # the old value was never loaded: assume it mattered
    return before[0] - before[1] > 0 and stock.on_hand - stock.allocated > 0


def _queue_flushed_changes(session: Session, flush_context) -> None:
    # After the flush, new rows have their ids; the state still lists what was flushed.
    keys = set()
    for obj in session.new:
        if isinstance(obj, Stock) and obj.on_hand - obj.allocated <= 0:
            continue
        keys.add(_key_of(obj))
    for obj in session.dirty:
        if not session.is_modified(obj, include_collections=False):
            continue
        if isinstance(obj, Stock) and _stock_stays_available(obj):
            continue
        keys.add(_key_of(obj))
    for obj in session.deleted:
        keys.add(_key_of(obj))
    keys.discard(None)
    _write_rows(session, keys)


def _queue_bulk_changes(state) -> None:
    """Bulk UPDATE/DELETE statements skip the flush: find the rows they will touch first."""
    if not (state.is_update or state.is_delete) or state.bind_mapper is None:
        return
    tracked = TRACKED.get(state.bind_mapper.class_)
    if tracked is None:
        return
    kind, column = tracked
    model = state.bind_mapper.class_
    if state.is_executemany:  # UPDATE by primary key: one parameter set per row
        ids = [params["id"] for params in state.parameters if "id" in params]
        query = select(column).where(model.id.in_(ids))
    else:
        query = select(column)
        if state.statement.whereclause is not None:
            query = query.where(state.statement.whereclause)
    values = state.session.execute(query.distinct()).scalars().all()
    _write_rows(state.session, {(kind, value) for value in values if value is not None})


def _write_rows(session: Session, keys: set[tuple[str, int]]) -> None:
    queued = session.info.setdefault(_QUEUED, set())
    fresh = keys - queued
    if not fresh:
        return
    session.connection().execute(
        insert(SearchUpdate), [{"kind": str(kind), "key": key} for kind, key in sorted(fresh)])
    queued.update(fresh)
    session.info[_WROTE] = True


def _flag_committed(session: Session) -> None:
    # No SQL may run here; the drain happens when the app context ends.
    if session.info.pop(_WROTE, False) and has_app_context():
        setattr(g, PENDING, True)


def _forget_rolled_back(session: Session, previous_transaction) -> None:
    # Rows inserted in a rolled-back savepoint are gone: let a later flush queue them again.
    session.info.pop(_QUEUED, None)
    if previous_transaction.parent is None:
        session.info.pop(_WROTE, None)


def _forget_transaction(session: Session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(_QUEUED, None)
        session.info.pop(_WROTE, None)


# Applying them ------------------------------------------------------------------------------

def drain_after_commit(exc: BaseException | None = None) -> None:
    """Teardown: if this app context committed catalog changes, apply them to the index."""
    if not g.pop(PENDING, False) or not current_app.config.get("SEARCH_INLINE_UPDATES", True):
        return
    try:
        process_queue(timeout=current_app.config.get("SEARCH_LOCK_TIMEOUT",
                                                     DEFAULT_LOCK_TIMEOUT))
    except Exception:
        # The changes are committed and queued: the next drain applies them. A shopper or a
        # member of staff must not see an error for a late index update.
        log.exception("search: index update failed, the changes stay queued")


def process_queue(limit: int | None = None, *, timeout: float = DEFAULT_LOCK_TIMEOUT) -> int:
    """Apply queued catalog changes to the index; return how many queue rows were applied.

    Works in batches until the queue is empty, `limit` rows are done, or another writer
    holds the index for longer than `timeout` seconds (then the rows wait, unharmed).
    """
    store = current_store()
    done = 0
    while limit is None or done < limit:
        size = BATCH_SIZE if limit is None else min(BATCH_SIZE, limit - done)
        try:
            applied = _apply_batch(store, size, timeout)
        except IndexBusy:
            log.info("search: index busy, queued changes wait for the next drain")
            break
        if not applied:
            break
        _delete_rows(applied)
        done += len(applied)
    return done


def reindex(progress: Callable[[int], None] | None = None,
            timeout: float = REBUILD_LOCK_TIMEOUT, processes: int = 1) -> indexer.RebuildReport:
    """Rebuild the whole index aside and swap it in, then apply what changed meanwhile.

    `processes` > 1 writes the index in that many forked processes (see
    shop.search.segments); only for a command line, never inside a threaded server.
    """
    store = current_store()
    with store.writer_lock(timeout), Session(db.engine) as session:
        # Queued before the rebuild reads the catalog: the new index will contain these.
        covered = list(session.scalars(select(SearchUpdate.id)))
        report = indexer.rebuild(store, session, progress=progress, processes=processes)
        session.rollback()
    _delete_rows(covered)
    process_queue(timeout=timeout)
    return report


def count_products_to_index() -> int:
    with Session(db.engine) as session:
        return indexer.count_active(session)


def _apply_batch(store: IndexStore, size: int, timeout: float) -> list[int]:
    with store.writer_lock(timeout), Session(db.engine) as session:
        rows = session.execute(
            select(SearchUpdate.id, SearchUpdate.kind, SearchUpdate.key)
            .order_by(SearchUpdate.id).limit(size)).all()
        if not rows:
            return []
        ix = store.open()
        if ix is None:
            log.warning("search: no usable index in %s, building it", store.root)
            indexer.rebuild(store, session)
        else:
            indexer.apply_changes(ix, store.languages, session, affected_products(session, rows))
        session.rollback()
    return [row.id for row in rows]


def affected_products(session: Session, rows: Iterable) -> set[int]:
    """The product ids a batch of queue rows stands for."""
    keys: dict[str, set[int]] = {}
    for row in rows:
        keys.setdefault(row.kind, set()).add(row.key)
    products = set(keys.get(UpdateKind.PRODUCT, ()))
    lookups = ((UpdateKind.VARIANT, Variant.product_id, Variant.id),
               (UpdateKind.COOPERATIVE, Product.id, Product.cooperative_id),
               (UpdateKind.CATEGORY, Product.id, Product.category_id))
    for kind, wanted, column in lookups:
        if keys.get(kind):
            products.update(session.scalars(select(wanted).where(column.in_(keys[kind]))))
    return products


def _delete_rows(ids: list[int]) -> None:
    with Session(db.engine) as session, session.begin():
        for start in range(0, len(ids), 500):
            session.execute(delete(SearchUpdate).where(SearchUpdate.id.in_(ids[start:start + 500])))
