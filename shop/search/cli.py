"""`flask search …`: rebuild the index, apply logged changes, follow the log, list indexes."""

from __future__ import annotations

import os
import time

import click
from flask.cli import AppGroup

from shop.search import changelog, queue
from shop.search.store import IndexBusy

search_cli = AppGroup("search", help="Search index maintenance.")


@search_cli.command("reindex")
@click.option("--timeout", default=queue.REBUILD_LOCK_TIMEOUT, show_default=True,
              help="Seconds to wait for another writer to finish.")
@click.option("--processes", default=os.cpu_count() or 1, show_default=True,
              help="Processes writing the index in parallel (large catalogs only).")
def reindex_command(timeout: float, processes: int) -> None:
    """Rebuild the search index from the catalog, then swap it in atomically."""
    total = queue.count_products_to_index()
    try:
        with click.progressbar(length=total, label="Indexing products",
                               show_pos=True) as bar:
            report = queue.reindex(progress=bar.update, timeout=timeout, processes=processes)
    except IndexBusy:
        click.echo(f"The index is being written by another process for more than {timeout:g} s; "
                   "nothing was changed. Try again later.", err=True)
        raise SystemExit(1) from None
    size = queue.current_store().size_bytes()
    click.echo(f"Indexed {report.products} products in {report.seconds:.1f} s "
               f"({size / 1_048_576:.1f} MB, generation {report.generation}).")


@search_cli.command("process-queue")
@click.option("--limit", type=int, default=None, help="Stop after this many queued changes.")
@click.option("--timeout", default=10.0, show_default=True,
              help="Seconds to wait for another writer to finish.")
def process_queue_command(limit: int | None, timeout: float) -> None:
    """Apply catalog changes still waiting for the search index."""
    done = queue.process_queue(limit=limit, timeout=timeout)
    click.echo(f"Applied {done} queued changes to the search index.")


@search_cli.command("follow")
@click.option("--interval", default=2.0, show_default=True,
              help="Seconds between two looks at the change log.")
def follow_command(interval: float) -> None:
    """Keep this host's index following the change log (hosts without `flask worker`)."""
    while True:
        try:
            queue.process_queue(timeout=5.0)
        except Exception:  # the database away for a moment: try again next round
            queue.log.exception("search: following the change log failed")
        time.sleep(interval)


@search_cli.command("indexes")
def indexes_command() -> None:
    """List the indexes reading the change log: position, rows behind, last seen."""
    states = changelog.states(queue.stale_after())
    if not states:
        click.echo("No index reads the change log yet.")
    for state in states:
        flags = [] if state.alive else ["stale"]
        if state.needs_rebuild:
            flags.append("rebuilds at its next read")
        click.echo(f"{state.name}: at {state.position}, {state.behind} behind, last seen "
                   f"{state.last_seen:%Y-%m-%d %H:%M:%S} UTC"
                   + (f" ({', '.join(flags)})" if flags else ""))


@search_cli.command("forget")
@click.argument("name")
def forget_command(name: str) -> None:
    """Stop keeping log rows for an index whose host is gone for good."""
    if not changelog.forget(name):
        click.echo(f"No index named {name} reads the change log.", err=True)
        raise SystemExit(1)
    click.echo(f"Forgot index {name}; the log no longer waits for it.")
