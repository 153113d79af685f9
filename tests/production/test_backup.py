"""Backups: made while orders are being written, restored into a fresh place, every order found.

On SQLite the restore goes into a new file; with TEST_DATABASE_URL (PostgreSQL) into a
scratch database `<name>_restore`, created and dropped here.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from shop import create_app
from shop.backup import BackupError, create_backup, restore_backup
from shop.catalog.storage import media_storage
from shop.config import TestConfig
from shop.db import writing
from shop.extensions import db
from shop.orders.models import Order, OrderLine
from shop.search.models import SearchIndexCursor
from tests.fixtures.factories import make_category, make_cooperative, make_product
from tests.fixtures.orders import placed_order


def shop_app(url: str, place: Path):
    """The shop on a database and its own instance folder (media, search index)."""
    return create_app(type("BackupTestConfig", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": url, "INSTANCE_PATH": str(place),
        "MEDIA_ROOT": str(place / "media"), "SEARCH_INDEX_DIR": str(place / "search-index"),
        "SEARCH_INDEX_NAME": f"backup-test-{place.name}"}))


@contextmanager
def fresh_place(app, tmp_path: Path):
    """An empty database of the test database's kind, for the restore."""
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "postgresql":
        yield "sqlite:///" + str(tmp_path / "restored" / "shop.sqlite3")
        return
    name = f"{url.database}_restore"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def order_totals(app) -> dict[str, tuple[int, int, int]]:
    """Every order's number → (total, subtotal, sum of its lines' prices × quantities)."""
    with app.app_context():
        lines = dict(db.session.execute(
            select(OrderLine.order_id,
                   func.sum(OrderLine.unit_price_cents * OrderLine.quantity))
            .group_by(OrderLine.order_id)).all())
        totals = {o.number: (o.total_cents, o.subtotal_cents, lines.get(o.id, 0))
                  for o in db.session.scalars(select(Order))}
        db.session.remove()
        return totals


def test_a_backup_taken_while_orders_are_written_restores_every_order(app, tmp_path):
    source = shop_app(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path / "live")
    with source.app_context():
        shirt = make_product(make_cooperative("filo", "Cooperativa Filo"),
                             make_category("abiti", "Abiti", "Clothes"),
                             name_it="Camicia", name_en="Shirt", prices=(3500, 4200),
                             stock=(500, 500))
        variants = list(shirt.variants)
        db.session.commit()
        before = [placed_order([(variants[n % 2], 1 + n % 3)], email=f"c{n}@example.org").number
                  for n in range(5)]
        media_storage().save("photos/0123456789abcdef01234567.webp", b"RIFF-a-photo")
        db.session.remove()
    expected = order_totals(source)
    assert sorted(expected) == sorted(before)

    # A customer keeps ordering while the backup runs.
    stop, written, errors = threading.Event(), [], []

    def keep_ordering() -> None:
        with source.app_context(), writing():
            n = 100
            while not stop.is_set():
                try:
                    written.append(placed_order([(db.session.merge(variants[0]), 1)],
                                                email=f"w{n}@example.org").number)
                except Exception as exc:  # reported below
                    errors.append(repr(exc))
                    return
                n += 1
            db.session.remove()

    writer = threading.Thread(target=keep_ordering)
    writer.start()
    try:
        while len(written) < 2 and writer.is_alive():
            time.sleep(0.02)
        with source.app_context():
            report = create_backup(tmp_path / "backups")
        during = len(written)
        time.sleep(0.1)
    finally:
        stop.set()
        writer.join(timeout=30)
    assert errors == []
    assert len(written) > during >= 2  # orders were written before and after the backup

    with fresh_place(app, tmp_path) as url:
        place = tmp_path / "restored"
        restored = shop_app(url, place)
        with restored.app_context():
            summary = restore_backup(report.path)
            db.session.remove()
        assert (summary.database, summary.media_files) == (report.database, 1)

        found = order_totals(restored)
        # Every order placed before the backup, with the same totals.
        assert {number: found.get(number) for number in before} == expected
        # The orders written meanwhile are there up to a point, each one whole, with the
        # same totals and lines as in the live shop (the copy is one consistent moment).
        meanwhile = [number for number in written if number in found]
        assert meanwhile == written[:len(meanwhile)]
        assert len(meanwhile) >= 2
        live = order_totals(source)
        assert found == {number: live[number] for number in [*before, *meanwhile]}
        assert (place / "media/photos/0123456789abcdef01234567.webp").read_bytes() == \
            b"RIFF-a-photo"
        with restored.app_context():
            assert db.session.scalar(select(func.count()).select_from(SearchIndexCursor)) == 0
            db.session.remove()
            db.engine.dispose()
        # The restored shop answers: an order's page opens with its number on it.
        with restored.app_context():
            token = db.session.scalar(select(Order.access_token)
                                      .where(Order.number == before[0]))
            db.session.remove()
        page = restored.test_client().get(f"/it/orders/{token}")
        assert page.status_code == 200
        assert before[0] in page.get_data(as_text=True)
        with restored.app_context():
            db.engine.dispose()
    with source.app_context():
        db.engine.dispose()


def test_the_backup_commands_write_an_archive_and_refuse_a_wrong_one(app, tmp_path):
    source = shop_app(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path / "live")
    runner = source.test_cli_runner()
    result = runner.invoke(args=["backup", "create", "--to", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    archives = list((tmp_path / "out").glob("shop-backup-*.tar.gz"))
    assert len(archives) == 1
    assert result.output.startswith("Backed up the ")
    assert f"database and 0 media files to {archives[0]}" in result.output

    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not an archive")
    result = runner.invoke(args=["backup", "restore", str(bogus), "--yes"])
    assert result.exit_code == 1
    assert "is not a readable shop backup" in result.output
    with source.app_context():
        db.engine.dispose()


def test_an_in_memory_database_cannot_be_backed_up(tmp_path):
    memory = create_app(type("MemoryConfig", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": "sqlite://", "INSTANCE_PATH": str(tmp_path)}))
    with memory.app_context(), pytest.raises(BackupError, match="in-memory"):
        create_backup(tmp_path)
