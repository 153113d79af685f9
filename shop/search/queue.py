"""Keeping the index current: catalog changes are logged with the change, applied after commit.

1. While a session flushes products, variants, stock, cooperatives, categories or their
   translations, what changed is noted on the session; when the transaction commits, one
   `search_update` row per change is inserted just before the commit, in the same
   transaction (under the log's commit lock, so ids follow commit order: see
   shop.search.changelog). A rolled-back change leaves no row; a committed one always does.
2. After the commit, the app context's teardown (the end of a request or of a CLI command)
   applies the log to this host's index: under the index's writer lock it reads the rows
   past the index's cursor and the products they name, writes the documents, commits the
   index and only then moves the cursor. Rows every live index has passed are pruned.
3. If another process holds the lock, the rows wait. The holder looks at the log again
   after each batch, and `flask search process-queue` (or the worker, or `flask search
   follow` on a host without the worker) catches whatever is left, so a busy index delays
   an update but never loses it or shows an error. Other hosts' indexes follow the same
   rows through their own cursors.

Documents are read from the database after the lock is taken, so drains apply changes in
the order they take the lock and an older snapshot can never overwrite a newer one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app, g, has_app_context
from sqlalchemy import event, func, insert, inspect, select
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
from shop.db import utcnow
from shop.extensions import db
from shop.inventory.models import Stock
from shop.search import changelog, indexer
from shop.search.models import SearchUpdate, UpdateKind
from shop.search.store import IndexBusy, IndexStore

log = logging.getLogger(__name__)

BATCH_SIZE = 200
# A request's drain waits this long at most for another writer, then leaves the rows queued.
DEFAULT_LOCK_TIMEOUT = 0.25
REBUILD_LOCK_TIMEOUT = 120.0

# session.info keys: the changes this transaction will log, and whether its commit logged any.
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


@dataclass(frozen=True)
class LocalIndex:
    """One index following the change log: its name in the cursor table and its directory."""

    name: str
    store: IndexStore


def current_index() -> LocalIndex:
    """This host's index, as the configuration names it."""
    return LocalIndex(current_app.config["SEARCH_INDEX_NAME"], current_store())


def stale_after() -> timedelta:
    return timedelta(seconds=current_app.config["SEARCH_INDEX_STALE_AFTER"])


# Collecting changes -------------------------------------------------------------------------

def register_listeners() -> None:
    """Listen to every session (idempotent): queue rows during flushes, flag commits."""
    for name, listener in (("after_flush", _queue_flushed_changes),
                           ("do_orm_execute", _queue_bulk_changes),
                           ("before_commit", _log_before_commit),
                           ("after_commit", _flag_committed),
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
    """Note changes for the log; the rows are written when the transaction commits."""
    if keys:
        session.info.setdefault(_QUEUED, set()).update(keys)


def pending_changes(session: Session) -> set[tuple[str, int]]:
    """The changes the session's transaction will log if it commits."""
    return set(session.info.get(_QUEUED, ()))


def _log_before_commit(session: Session) -> None:
    """Insert the transaction's log rows last, under the commit lock, so ids follow commits.

    Changes noted in a savepoint that was rolled back are still logged: applying a
    product that did not change costs a document write, never a wrong result.
    """
    if session.in_nested_transaction():
        return  # a savepoint: the outer commit logs everything
    session.flush()  # the commit flushes after this hook: collect that flush's changes too
    keys = session.info.pop(_QUEUED, None)
    if not keys:
        return
    connection = session.connection()
    changelog.lock_for_commit(connection)
    connection.execute(
        insert(SearchUpdate), [{"kind": str(kind), "key": key} for kind, key in sorted(keys)])
    session.info[_WROTE] = True


def _flag_committed(session: Session) -> None:
    # No SQL may run here; the drain happens when the app context ends.
    if session.info.pop(_WROTE, False) and has_app_context():
        setattr(g, PENDING, True)


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


def process_queue(limit: int | None = None, *, timeout: float = DEFAULT_LOCK_TIMEOUT,
                  index: LocalIndex | None = None) -> int:
    """Apply logged catalog changes to this host's index; return how many log rows it read.

    Works in batches until the index has read the whole log, `limit` rows are done, or
    another writer holds the index for longer than `timeout` seconds (then the rows wait,
    unharmed). An index without a cursor, marked for a rebuild or missing on disk is
    rebuilt from the catalog first. Each move of the cursor also prunes the rows every
    live index has read.
    """
    index = index or current_index()
    done = 0
    rebuilt = False
    while limit is None or done < limit:
        size = BATCH_SIZE if limit is None else min(BATCH_SIZE, limit - done)
        try:
            batch = _apply_batch(index, size, timeout)
        except IndexBusy:
            log.info("search: index busy, logged changes wait for the next drain")
            break
        done += batch.rows
        if batch.rebuilt and rebuilt:
            break  # the cursor vanished again meanwhile (`search forget`): leave it be
        rebuilt = rebuilt or batch.rebuilt
        if not batch.rows and not batch.rebuilt:
            break
    return done


def reindex(progress: Callable[[int], None] | None = None,
            timeout: float = REBUILD_LOCK_TIMEOUT, processes: int = 1,
            index: LocalIndex | None = None) -> indexer.RebuildReport:
    """Rebuild the whole index aside and swap it in, then apply what changed meanwhile.

    `processes` > 1 writes the index in that many forked processes (see
    shop.search.segments); only for a command line, never inside a threaded server.
    """
    index = index or current_index()
    with index.store.writer_lock(timeout):
        report, _ = _rebuild(index, progress=progress, processes=processes)
    process_queue(timeout=timeout, index=index)
    return report


def count_products_to_index() -> int:
    with Session(db.engine) as session:
        return indexer.count_active(session)


@dataclass(frozen=True)
class Batch:
    rows: int  # log rows the index read
    rebuilt: bool = False


def _rebuild(index: LocalIndex, progress: Callable[[int], None] | None = None,
             processes: int = 1) -> tuple[indexer.RebuildReport, int]:
    """With the writer lock held: rebuild from the catalog; (report, log rows it covers)."""
    with Session(db.engine) as session:
        cursor = changelog.cursor_of(session, index.name)
        since = cursor.position if cursor is not None and not cursor.needs_rebuild else 0
        session.rollback()
    # The cursor is placed before the catalog is read: every change up to it is in what
    # the rebuild reads, and the rows after it are kept for this index.
    newest = changelog.start_rebuild(index.name)
    with Session(db.engine) as session:
        covered = session.scalar(select(func.count()).select_from(SearchUpdate).where(
            SearchUpdate.id > since, SearchUpdate.id <= newest)) or 0
        report = indexer.rebuild(index.store, session, progress=progress, processes=processes)
        session.rollback()
    changelog.finish_rebuild(index.name, stale_after())
    return report, covered


def _apply_batch(index: LocalIndex, size: int, timeout: float) -> Batch:
    with index.store.writer_lock(timeout):
        with Session(db.engine) as session:
            cursor = changelog.cursor_of(session, index.name)
            ix = index.store.open()
            if cursor is None or cursor.needs_rebuild or ix is None:
                reason = ("not registered" if cursor is None else
                          "too far behind the log" if cursor.needs_rebuild else "missing")
                session.rollback()
                log.warning("search: index %s in %s is %s, rebuilding it",
                            index.name, index.store.root, reason)
                _, covered = _rebuild(index)
                return Batch(covered, rebuilt=True)
            position, last_seen = cursor.position, cursor.last_seen
            rows = session.execute(
                select(SearchUpdate.id, SearchUpdate.kind, SearchUpdate.key)
                .where(SearchUpdate.id > position)
                .order_by(SearchUpdate.id).limit(size)).all()
            if rows:
                indexer.apply_changes(ix, index.store.languages, session,
                                      affected_products(session, rows))
            session.rollback()
        if not rows:
            if utcnow() - last_seen > changelog.TOUCH_EVERY:
                changelog.touch(index.name, stale_after())  # idle, but alive
            return Batch(0)
        changelog.advance(index.name, rows[-1].id, stale_after())
    return Batch(len(rows))


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
