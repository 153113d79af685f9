"""Several processes writing the index at once: one writer at a time, nothing lost, no error."""

from __future__ import annotations

import multiprocessing

from sqlalchemy import func, select

from shop.extensions import db
from shop.search.models import SearchUpdate
from tests.search import workers
from tests.search.helpers import found_slugs


def test_two_processes_updating_at_once_both_reach_the_index(small_index):
    settings = {key: small_index.config[key] for key in
                ("SQLALCHEMY_DATABASE_URI", "INSTANCE_PATH", "MEDIA_ROOT", "SEARCH_INDEX_DIR")}
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    results = context.Queue()
    processes = [
        context.Process(target=workers.rename_product,
                        args=(settings, "lavanda", "Lavanda provenzale", start, results)),
        context.Process(target=workers.rename_product,
                        args=(settings, "biscotti", "Biscotti bretoni", start, results)),
    ]
    for process in processes:
        process.start()
    reports = dict(results.get(timeout=60) for _ in processes)
    for process in processes:
        process.join(timeout=60)

    assert [process.exitcode for process in processes] == [0, 0]
    assert reports == {"lavanda": [], "biscotti": []}  # nothing logged as a problem
    with small_index.app_context():
        assert db.session.scalar(select(func.count()).select_from(SearchUpdate)) == 0
    assert found_slugs(small_index, "provenzale") == ["lavanda"]
    assert found_slugs(small_index, "bretoni") == ["biscotti"]
