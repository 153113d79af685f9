"""Several hosts, one change log: each index follows it by its own cursor.

Two indexes (two directories, two names) stand for two hosts sharing the database; the
app's own index is a third one, as on a host that also serves pages.
"""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from flask import g
from sqlalchemy import func, select, update

from shop.catalog.models import Product
from shop.catalog.services import ProductFilters
from shop.db import utcnow
from shop.extensions import db
from shop.search import changelog, query
from shop.search.models import SearchIndexCursor, SearchUpdate
from shop.search.queue import PENDING, LocalIndex, process_queue, reindex
from shop.search.service import products_in_order
from shop.search.store import IndexStore


@pytest.fixture
def hosts(small_index, tmp_path):
    """Two more indexes, built from the catalog, as two other hosts would have them."""
    languages = small_index.config["LANGUAGES"]
    indexes = (LocalIndex("host-a", IndexStore(tmp_path / "a", languages)),
               LocalIndex("host-b", IndexStore(tmp_path / "b", languages)))
    with small_index.app_context():
        for index in indexes:
            reindex(index=index)
    return indexes


def slugs(app, index: LocalIndex, text: str) -> list[str]:
    with app.test_request_context():
        result = query.search(index.store, text, "it", ProductFilters())
        return [p.slug for p in products_in_order(result.product_ids)]


def rename(app, slug: str, name: str) -> None:
    with app.app_context():
        product = db.session.scalar(select(Product).where(Product.slug == slug))
        product.tr("it").name = name
        db.session.commit()


def logged(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(SearchUpdate))


def cursor(app, name: str) -> tuple[int, bool]:
    with app.app_context():
        row = db.session.get(SearchIndexCursor, name)
        return row.position, row.needs_rebuild


def test_a_change_applied_by_one_index_is_still_seen_by_the_other(small_index, hosts):
    a, b = hosts
    rename(small_index, "lavanda", "Lavanda provenzale")

    with small_index.app_context():
        assert process_queue(index=a) == 1
    assert slugs(small_index, a, "provenzale") == ["lavanda"]
    assert slugs(small_index, b, "provenzale") == []
    # Host b has not read it yet: the row stays.
    assert logged(small_index) == 1

    with small_index.app_context():
        assert process_queue(index=b) == 1
    assert slugs(small_index, b, "provenzale") == ["lavanda"]
    assert logged(small_index) == 0
    assert cursor(small_index, "host-a")[0] == cursor(small_index, "host-b")[0]


def test_pruning_waits_for_every_live_index(small_index, hosts):
    a, b = hosts
    rename(small_index, "salvia", "Salvia officinale")
    rename(small_index, "biscotti", "Biscotti bretoni")
    with small_index.app_context():
        assert process_queue(index=a) == 2
        assert process_queue(index=a) == 0
    assert logged(small_index) == 2
    with small_index.app_context():
        assert process_queue(index=b, limit=1) == 1
    assert logged(small_index) == 1
    with small_index.app_context():
        assert process_queue(index=b) == 1
    assert logged(small_index) == 0
    assert slugs(small_index, b, "bretoni") == ["biscotti"]


def test_a_stale_index_stops_holding_rows_back_and_rebuilds_when_it_returns(small_index,
                                                                           hosts):
    a, b = hosts
    with small_index.app_context():
        db.session.execute(update(SearchIndexCursor).where(SearchIndexCursor.name == "host-b")
                           .values(last_seen=utcnow() - timedelta(days=2)))
        db.session.commit()
    b_position = cursor(small_index, "host-b")[0]
    rename(small_index, "torta", "Torta sbrisolona")
    with small_index.app_context():
        assert process_queue(index=a) == 1
    # Host b has been silent for two days (more than SEARCH_INDEX_STALE_AFTER): the row is
    # pruned without it, and b is marked, since it never read that row.
    assert logged(small_index) == 0
    assert cursor(small_index, "host-b") == (b_position, True)
    assert slugs(small_index, b, "sbrisolona") == []

    with small_index.app_context():
        process_queue(index=b)
    assert slugs(small_index, b, "sbrisolona") == ["torta"]
    assert cursor(small_index, "host-b")[1] is False


def test_a_stale_index_that_missed_nothing_keeps_its_index(small_index, hosts):
    _, b = hosts
    with small_index.app_context():
        db.session.execute(update(SearchIndexCursor).where(SearchIndexCursor.name == "host-b")
                           .values(last_seen=utcnow() - timedelta(days=2)))
        db.session.commit()
        generation = b.store.current_name()
        assert changelog.prune(timedelta(days=1)) == 0
        assert process_queue(index=b) == 0
        assert b.store.current_name() == generation
    assert cursor(small_index, "host-b")[1] is False


def test_a_new_index_builds_itself_then_follows(small_index, hosts, tmp_path):
    newcomer = LocalIndex("host-c", IndexStore(tmp_path / "c", small_index.config["LANGUAGES"]))
    rename(small_index, "lavanda", "Lavanda nana")
    with small_index.app_context():
        process_queue(index=newcomer)
    assert slugs(small_index, newcomer, "nana") == ["lavanda"]
    assert cursor(small_index, "host-c")[1] is False
    rename(small_index, "lavanda", "Lavanda gigante")
    with small_index.app_context():
        assert process_queue(index=newcomer) == 1
    assert slugs(small_index, newcomer, "gigante") == ["lavanda"]


def test_an_index_whose_folder_was_lost_rebuilds(small_index, hosts):
    a, _ = hosts
    import shutil

    shutil.rmtree(a.store.root)
    with small_index.app_context():
        process_queue(index=a)
    assert slugs(small_index, a, "biscotti") == ["biscotti"]


def test_the_indexes_command_lists_each_and_forget_removes_one(small_index, hosts, runner):
    result = runner.invoke(args=["search", "indexes"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split(":")[0] for line in lines if line.startswith("host-")] == [
        "host-a", "host-b"]
    assert all(", 0 behind, last seen " in line for line in lines)

    result = runner.invoke(args=["search", "forget", "host-b"])
    assert (result.exit_code, result.output) == (
        0, "Forgot index host-b; the log no longer waits for it.\n")
    result = runner.invoke(args=["search", "forget", "host-b"])
    assert result.exit_code == 1
    assert "No index named host-b" in result.output


def test_on_postgresql_a_later_insert_commits_later(small_index):
    """Ids follow commit order: a transaction logging rows waits for one holding the lock."""
    with small_index.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("SQLite has a single writer: ids follow commits by themselves")
        holder = db.engine.connect()
        holder.begin()
        changelog.lock_for_commit(holder)
    done = threading.Event()

    def commit_a_change() -> None:
        rename(small_index, "salvia", "Salvia sclarea")
        done.set()

    thread = threading.Thread(target=commit_a_change)
    thread.start()
    try:
        time.sleep(0.5)
        assert not done.is_set()  # waiting for the lock, before its rows get their ids
    finally:
        holder.commit()
        holder.close()
    thread.join(timeout=10)
    assert done.is_set()


def test_search_follow_applies_what_another_host_changed(small_index, runner, monkeypatch):
    # Another host renamed a product: its commit logged the change; this host's request
    # never ran, so nothing here drained it yet.
    with small_index.app_context():
        lavanda = db.session.scalar(select(Product).where(Product.slug == "lavanda"))
        lavanda.tr("it").name = "Lavanda di collina"
        db.session.commit()
        g.pop(PENDING, None)
    assert logged(small_index) == 1

    def one_round_only(seconds: float) -> None:
        raise SystemExit(0)

    monkeypatch.setattr("shop.search.cli.time.sleep", one_round_only)
    result = runner.invoke(args=["search", "follow", "--interval", "0.1"])
    assert result.exit_code == 0, result.output
    with small_index.app_context():
        local = LocalIndex(small_index.config["SEARCH_INDEX_NAME"],
                           IndexStore(small_index.config["SEARCH_INDEX_DIR"],
                                      small_index.config["LANGUAGES"]))
    assert slugs(small_index, local, "collina") == ["lavanda"]
    assert logged(small_index) == 0
