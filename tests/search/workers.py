"""Code run in separate processes by the concurrency tests (spawned: importable by name)."""

from __future__ import annotations

import logging

from sqlalchemy import select

from shop import create_app
from shop.catalog.models import Product
from shop.config import TestConfig
from shop.db import begin_write
from shop.extensions import db


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


def rename_product(settings: dict, slug: str, name: str, start, results) -> None:
    """Rename a product once every worker is ready, commit; report what was logged."""
    errors = _Errors()
    logging.getLogger("shop.search").addHandler(errors)
    app = create_app(type("WorkerConfig", (TestConfig,), settings))
    with app.app_context():
        start.wait(timeout=30)
        begin_write(db.session())  # the project's way to write from concurrent processes
        product = db.session.scalar(select(Product).where(Product.slug == slug))
        product.tr("it").name = name
        db.session.commit()
    # Leaving the app context above applied the queued change to the index.
    results.put((slug, errors.records))
