"""Shared fixtures: the app on a throwaway database, a client, the demo catalog, a CLI runner.

The database is SQLite in a temporary file, or PostgreSQL when TEST_DATABASE_URL is set.
Tables are created once per session; every test starts from empty tables, except tests
that ask for `demo` (the demo catalog, read only) or `demo_rw` (the demo catalog, theirs to
change).

Under pytest-xdist every worker has its own everything: temporary folders (instance, search
index, SQLite file) come from its own tmp_path_factory, servers bind free ports, and on
PostgreSQL it gets its own database `<name>_<worker>` (e.g. `test_gw0`), created when
missing. TEST_DATABASE_URL is rewritten to it for the worker's whole process before the
shop is imported, so every test and fixture that reads it sees the worker's database.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

_BASE_URL_VAR = "SHOP_TEST_BASE_DATABASE_URL"


def _worker_database_url() -> None:
    """Point TEST_DATABASE_URL at this xdist worker's own PostgreSQL database."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    base = os.environ.get(_BASE_URL_VAR) or os.environ.get("TEST_DATABASE_URL")
    if not worker or not base or not base.startswith("postgresql"):
        return
    os.environ[_BASE_URL_VAR] = base
    url = make_url(base)
    os.environ["TEST_DATABASE_URL"] = url.set(
        database=f"{url.database}_{worker}").render_as_string(hide_password=False)


_worker_database_url()  # before the shop's configuration reads the environment

from shop import create_app  # noqa: E402
from shop.checkout.defaults import ensure_default_shipping_methods  # noqa: E402
from shop.config import TestConfig  # noqa: E402
from shop.extensions import db  # noqa: E402
from tests.fixtures.factories import make_category, make_cooperative, make_product  # noqa: E402
from tests.fixtures.mail import start_sink  # noqa: E402

_state = {"content": "unknown"}  # "empty", "demo" or "dirty"


def database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        ensure_database(url)
        return url
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite3")


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database named by `url` if the server does not have it yet."""
    target = make_url(url)
    if not target.drivername.startswith("postgresql"):
        return
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                 {"name": target.database})
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{target.database}"'))
    finally:
        admin.dispose()


# Generated demo pictures are kept between runs: drawing them is the slow part of a seed.
# Workers share the folder; the first seed of each worker draws under a file lock, so two
# workers never write the same picture at once (later seeds find every file and only read).
MEDIA_CACHE = Path(__file__).resolve().parent.parent / "instance" / "test-media"
_media_ready = {"done": False}


@contextmanager
def media_cache_lock():
    if _media_ready["done"]:
        yield
        return
    MEDIA_CACHE.mkdir(parents=True, exist_ok=True)
    with open(MEDIA_CACHE.parent / "test-media.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    _media_ready["done"] = True


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    instance = tmp_path_factory.mktemp("instance")
    settings = {
        "SQLALCHEMY_DATABASE_URI": database_url(tmp_path_factory),
        "INSTANCE_PATH": str(instance),
        "MEDIA_ROOT": str(MEDIA_CACHE),
        "SEARCH_INDEX_DIR": str(instance / "search-index"),
    }
    app = create_app(type("SessionTestConfig", (TestConfig,), settings))
    assert app.config["SQLALCHEMY_DATABASE_URI"] == settings["SQLALCHEMY_DATABASE_URI"]
    with app.app_context():
        db.drop_all()
        db.create_all()
    _state["content"] = "empty"
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def empty_tables(app) -> None:
    with app.app_context():
        db.session.remove()
        tables = list(reversed(db.metadata.sorted_tables))
        with db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                names = ", ".join(f'"{t.name}"' for t in tables)
                conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            else:
                for table in tables:
                    conn.execute(table.delete())


# The demo catalog as rows, taken after this worker's first seed: later seeds put the same
# rows back with one INSERT per table, a fraction of what seeding through the models costs.
_snapshot: dict[str, list[dict]] = {}


def seed(app) -> None:
    from shop.catalog.seed import seed_demo

    empty_tables(app)
    if _snapshot:
        restore_snapshot(app)
        return
    with app.app_context(), media_cache_lock():
        seed_demo(with_images=True)
        db.session.commit()
        db.session.remove()
    with app.app_context(), db.engine.connect() as conn:
        for table in db.metadata.sorted_tables:
            _snapshot[table.name] = [dict(row) for row in conn.execute(table.select()).mappings()]


def restore_snapshot(app) -> None:
    """Put the demo rows back as the first seed left them, then let search and cache follow.

    The search index's cursor is left out, so the next drain rebuilds the index from these
    rows (as after a seed); the cache is emptied, as a seed's category changes would do.
    """
    from shop.extensions import cache
    from shop.search import process_queue
    from shop.search.models import SearchIndexCursor

    with app.app_context():
        with db.engine.begin() as conn:
            for table in db.metadata.sorted_tables:
                rows = _snapshot.get(table.name)
                if rows and table.name != SearchIndexCursor.__tablename__:
                    conn.execute(table.insert(), rows)
            if conn.dialect.name == "postgresql":
                for table in db.metadata.sorted_tables:
                    column = table.c.get("id")
                    if column is None or not column.autoincrement or not _snapshot.get(table.name):
                        continue
                    newest = select(func.max(column)).scalar_subquery()
                    sequence = func.pg_get_serial_sequence(f'"{table.name}"', column.name)
                    conn.execute(select(func.setval(sequence, newest)))
        cache.clear()
        process_queue()
        db.session.remove()


@pytest.fixture(autouse=True)
def _fresh_database(request, app):
    """Give each test the tables it asked for, and no leftovers from the one before."""
    wants_demo = "demo" in request.fixturenames
    wants_demo_rw = "demo_rw" in request.fixturenames
    if wants_demo or wants_demo_rw:
        if wants_demo_rw or _state["content"] != "demo":
            seed(app)
    elif _state["content"] != "empty":
        empty_tables(app)
    _state["content"] = "demo" if wants_demo and not wants_demo_rw else "dirty"
    yield
    with app.app_context():
        db.session.remove()


@pytest.fixture
def demo(app):
    """The demo catalog, shared between tests: read it, never change it."""
    return app


@pytest.fixture
def demo_rw(app):
    """A fresh demo catalog this test may change."""
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def ctx(app):
    """An application context for tests that call services and query the database."""
    with app.app_context():
        yield
        db.session.rollback()


def csrf_token(client, url: str) -> str:
    """Fetch a page and return the CSRF token of its first form."""
    import re

    html = client.get(url).get_data(as_text=True)
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match, f"no CSRF token on {url}"
    return match.group(1)


@pytest.fixture
def catalog(app):
    """Three cooperatives; SKU-APRON has 5 in the workshop and 2 in the store,
    SKU-TOTE its last unit, SKU-BISCOTTI plenty, SKU-BOARD is made to order."""
    with app.app_context():
        home = make_category("casa", "Casa", "Home")
        food = make_category("forno", "Forno", "Bakery")
        sew = make_cooperative("filo", "Filo Dritto", institute="san_vittore")
        bake = make_cooperative("lievito", "Lievito Madre", institute="opera", craft="bakery")
        wood = make_cooperative("venature", "Venature", institute="opera", craft="carpentry")
        apron = make_product(sew, home, slug="apron", name_it="Grembiule", name_en="Apron",
                             prices=(3250,), stock=(5,), store_stock=(2,))
        tote = make_product(sew, home, slug="tote", name_it="Borsa", name_en="Tote bag",
                            prices=(1800,), stock=(1,))
        biscotti = make_product(bake, food, slug="biscotti", name_it="Biscotti",
                                name_en="Biscuits", prices=(650,), stock=(30,),
                                vat_rate_bp=1000)
        board = make_product(wood, home, slug="board", name_it="Tagliere inciso",
                             name_en="Engraved board", prices=(4500,), made_to_order=True,
                             lead_time_days=10)
        for product, sku in ((apron, "SKU-APRON"), (tote, "SKU-TOTE"),
                             (biscotti, "SKU-BISCOTTI"), (board, "SKU-BOARD")):
            product.variants[0].sku = sku
        ensure_default_shipping_methods()
        db.session.commit()
    return app


@pytest.fixture
def smtp(app):
    """Send the shop's mail to a local sink for this test."""
    controller, sink = start_sink()
    state = app.extensions["mail"]
    saved = (state.server, state.port, state.suppress, state.use_tls, state.use_ssl)
    state.server, state.port, state.suppress = "127.0.0.1", controller.port, False
    state.use_tls = state.use_ssl = False
    yield sink
    state.server, state.port, state.suppress, state.use_tls, state.use_ssl = saved
    controller.stop()
