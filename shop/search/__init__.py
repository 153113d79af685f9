"""Product search: a Whoosh index of the catalog, kept current after every commit.

The rest of the application uses what this module exports; Whoosh stays inside the package.
"""

from __future__ import annotations

from flask import Flask

from shop.search.queue import current_index, current_store, process_queue, reindex


def init_app(app: Flask) -> None:
    """Queue catalog changes from every session, and apply them when an app context ends."""
    from shop.search import queue

    queue.register_listeners()
    app.teardown_appcontext(queue.drain_after_commit)


__all__ = ["current_index", "current_store", "init_app", "process_queue", "reindex"]
