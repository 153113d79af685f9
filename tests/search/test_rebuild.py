"""`flask search reindex` and `process-queue`: a new generation swapped in, in one piece."""

from __future__ import annotations

import multiprocessing

from shop.catalog.services import Sort
from shop.search import current_store, reindex, segments
from tests.search.helpers import found_slugs


def generations(app) -> list[str]:
    with app.app_context():
        root = current_store().root
    return sorted(path.name for path in root.glob("gen-*"))


def test_reindex_command_builds_a_new_generation_and_keeps_the_previous(runner, small_index):
    before = generations(small_index)
    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "Indexed 4 products in" in result.output
    after = generations(small_index)
    with small_index.app_context():
        live = current_store().current_name()
    assert live not in before and live in after
    assert len(after) == 2  # the live one, and the one it replaced for readers still on it
    assert found_slugs(small_index, "lavanda") == ["lavanda"]


def test_process_queue_command(runner, small_index):
    result = runner.invoke(args=["search", "process-queue"])
    assert result.exit_code == 0
    assert result.output == "Applied 0 queued changes to the search index.\n"


def test_reindex_waits_for_a_writer_then_gives_up_clearly(runner, small_index):
    with small_index.app_context():
        store = current_store()
    with store.writer_lock(timeout=1):
        result = runner.invoke(args=["search", "reindex", "--timeout", "0.2"])
    assert result.exit_code == 1
    assert "being written by another process" in result.output


def _rebuild_in_two_processes(settings: dict, answer) -> None:
    """In a fresh interpreter (no other threads, so forking is safe): rebuild with 2 workers."""
    from shop import create_app
    from shop.config import TestConfig

    segments.MIN_PER_PROCESS = 1
    app = create_app(type("RebuildConfig", (TestConfig,), settings))
    with app.app_context():
        reindex(processes=2)
        searcher = current_store().searcher()
        answer.put((searcher.doc_count(), len(list(searcher.reader().leaf_readers()))))


def rebuild_in_two_processes(app) -> tuple[int, int]:
    """(documents, segments) after a 2-process rebuild run where forking is safe.

    A test run keeps server threads alive, and the rebuild rightly refuses to fork then.
    """
    settings = {key: app.config[key] for key in
                ("SQLALCHEMY_DATABASE_URI", "INSTANCE_PATH", "MEDIA_ROOT", "SEARCH_INDEX_DIR")}
    context = multiprocessing.get_context("spawn")
    answer = context.Queue()
    process = context.Process(target=_rebuild_in_two_processes, args=(settings, answer))
    process.start()
    result = answer.get(timeout=120)
    process.join(30)
    assert process.exitcode == 0
    return result


def test_a_rebuild_in_several_processes_finds_the_same(small_index):
    assert rebuild_in_two_processes(small_index) == (4, 2)
    assert found_slugs(small_index, "vaso") == ["lavanda", "salvia"]
    assert found_slugs(small_index, "biscuits", "en") == ["biscotti"]


def test_the_seed_command_updates_the_index_when_it_ends(runner, app):
    assert found_slugs(app, "panettone") == []
    result = runner.invoke(args=["catalog", "seed-demo", "--no-images"])
    assert result.exit_code == 0, result.output
    assert found_slugs(app, "panettone") == ["panettone-tradizionale"]


def test_sorting_across_segments(small_index):
    assert rebuild_in_two_processes(small_index) == (4, 2)
    assert found_slugs(small_index, "vaso biscotti torta", sort=Sort.PRICE_ASC) == [
        "biscotti", "salvia", "lavanda", "torta"]
    assert found_slugs(small_index, "vaso biscotti torta", sort=Sort.PRICE_DESC) == [
        "torta", "lavanda", "salvia", "biscotti"]
