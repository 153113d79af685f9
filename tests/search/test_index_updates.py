"""The index follows the catalog after every commit, whatever made the change."""

from __future__ import annotations

from sqlalchemy import func, select, update

from shop.catalog.models import Cooperative, Product, ProductStatus
from shop.extensions import db
from shop.inventory.models import MovementReason, Stock
from shop.inventory.services import adjust_stock
from shop.search import current_store, process_queue
from shop.search.models import SearchUpdate
from shop.search.queue import pending_changes
from tests.search.helpers import found, found_slugs


def product(slug: str) -> Product:
    return db.session.scalar(select(Product).where(Product.slug == slug))


def queued() -> int:
    return db.session.scalar(select(func.count()).select_from(SearchUpdate))


def test_an_edited_product_is_found_by_its_new_words(small_index):
    assert found_slugs(small_index, "officinale") == []
    with small_index.app_context():
        product("lavanda").tr("it").name = "Lavanda officinale in vaso"
        db.session.commit()
    # The change reached the index when the app context above ended.
    assert found_slugs(small_index, "officinale") == ["lavanda"]
    # An Italian name still finds the product on the English pages.
    assert found_slugs(small_index, "officinale", "en") == ["lavanda"]
    with small_index.app_context():
        assert queued() == 0


def test_an_archived_product_leaves_the_results(small_index):
    assert found_slugs(small_index, "lavanda") == ["lavanda"]
    with small_index.app_context():
        product("lavanda").status = ProductStatus.ARCHIVED
        db.session.commit()
    result = found(small_index, "lavanda").result
    assert (result.total, result.product_ids) == (0, [])


def test_a_sold_out_product_is_filtered_by_availability(small_index):
    assert found_slugs(small_index, "vaso", in_stock=True) == ["lavanda", "salvia"]
    with small_index.app_context():
        variant_ids = [v.id for v in product("lavanda").variants]
        for stock in db.session.scalars(select(Stock).where(Stock.variant_id.in_(variant_ids))):
            adjust_stock(stock.variant_id, stock.location_id, -stock.on_hand,
                         MovementReason.SALE)
        db.session.commit()
    assert found_slugs(small_index, "vaso", in_stock=True) == ["salvia"]
    facets = found(small_index, "vaso").result.facets
    assert [(f.value, f.count) for f in facets["availability"]] == [("in_stock", 1),
                                                                   ("sold_out", 1)]


def test_a_price_change_moves_the_product_to_another_band(small_index):
    with small_index.app_context():
        product("salvia").variants[0].price_cents = 5500
        db.session.commit()
    facets = found(small_index, "vaso").result.facets
    assert [(f.value, f.count) for f in facets["price_band"]] == [("10-25", 1), ("over-50", 1)]
    assert found_slugs(small_index, "vaso", min_price_cents=5000) == ["salvia"]


def test_a_sale_that_leaves_stock_does_not_queue_an_update(small_index):
    with small_index.app_context():
        stock = db.session.scalar(
            select(Stock).where(Stock.variant_id == product("lavanda").variants[0].id))
        adjust_stock(stock.variant_id, stock.location_id, -1, MovementReason.SALE)
        db.session.flush()
        assert pending_changes(db.session()) == set()
        db.session.rollback()


def test_a_renamed_cooperative_reindexes_its_products(small_index):
    assert found_slugs(small_index, "ortolani") == []
    with small_index.app_context():
        coop = db.session.scalar(select(Cooperative).where(Cooperative.slug == "radici"))
        coop.name = "Cooperativa Ortolani Nuovi"
        db.session.commit()
    assert found_slugs(small_index, "ortolani") == ["lavanda", "salvia"]


def test_a_bulk_update_statement_is_followed_too(small_index):
    with small_index.app_context():
        db.session.execute(update(Product).where(Product.slug == "lavanda")
                           .values(status=ProductStatus.ARCHIVED))
        db.session.commit()
    assert found_slugs(small_index, "lavanda") == []


def test_a_rolled_back_change_leaves_no_trace(small_index):
    with small_index.app_context():
        product("lavanda").tr("it").name = "Lavanda xilofonica"
        db.session.flush()
        lavanda_id = product("lavanda").id
        assert pending_changes(db.session()) == {("product", lavanda_id)}
        db.session.rollback()
        assert pending_changes(db.session()) == set()
        assert queued() == 0
    assert found_slugs(small_index, "xilofonica") == []
    assert found_slugs(small_index, "lavanda") == ["lavanda"]


def test_a_locked_index_delays_an_update_without_error(small_index):
    with small_index.app_context():
        store = current_store()
    with store.writer_lock(timeout=1):
        with small_index.app_context():
            product("lavanda").tr("it").name = "Lavanda ritardata"
            db.session.commit()
        # The drain found the index busy: nothing raised, the change waits in the queue.
        with small_index.app_context():
            assert queued() == 1
        assert found_slugs(small_index, "ritardata") == []
    with small_index.app_context():
        assert process_queue() == 1
        assert queued() == 0
    assert found_slugs(small_index, "ritardata") == ["lavanda"]


def test_without_inline_updates_changes_wait_for_the_worker(small_index):
    small_index.config["SEARCH_INLINE_UPDATES"] = False
    try:
        with small_index.app_context():
            product("salvia").tr("it").name = "Salvia officinale"
            db.session.commit()
        assert found_slugs(small_index, "officinale") == []
    finally:
        small_index.config["SEARCH_INLINE_UPDATES"] = True
    with small_index.app_context():
        assert process_queue(limit=10) == 1
    assert found_slugs(small_index, "officinale") == ["salvia"]


def test_small_update_segments_are_merged_and_results_stay_right(small_index):
    for n in range(6):
        with small_index.app_context():
            product("salvia").variants[0].price_cents = 900 + n
            db.session.commit()
    with small_index.app_context():
        leaves = list(current_store().searcher().reader().leaf_readers())
    assert len(leaves) <= 4
    assert found_slugs(small_index, "salvia") == ["salvia"]
    assert found(small_index, "vaso").result.total == 2


def test_the_worker_round_applies_waiting_changes(small_index, runner):
    small_index.config["SEARCH_INLINE_UPDATES"] = False
    try:
        with small_index.app_context():
            product("lavanda").tr("it").name = "Lavanda provenzale"
            db.session.commit()
        assert found_slugs(small_index, "provenzale") == []
        result = runner.invoke(args=["worker", "--once"])
    finally:
        small_index.config["SEARCH_INLINE_UPDATES"] = True
    assert result.exit_code == 0, result.output
    assert "search updates 1" in result.output
    assert found_slugs(small_index, "provenzale") == ["lavanda"]
