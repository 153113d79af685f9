"""Where the index lives: generations built aside, a pointer to the live one, one writer lock.

    SEARCH_INDEX_DIR/
        CURRENT          the name of the live generation (replaced atomically)
        writer.lock      held by whoever writes: a queue drain or a rebuild
        gen-<ns>/        a complete Whoosh index

A rebuild writes a new generation beside the live one and then points CURRENT at it, so
searches never see a half-built index. Every writer, in any process, first takes
writer.lock (an OS file lock, released by the kernel if the process dies), which makes the
whole directory single-writer: a queue drain never writes into a generation that a rebuild
is about to replace.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.reading import EmptyReader, MultiReader, SegmentReader
from whoosh.searching import Searcher
from whoosh.util.filelock import FileLock, try_for

from shop.search.bitsets import IndexView
from shop.search.schema import build_schema

log = logging.getLogger(__name__)

CURRENT = "CURRENT"
LOCK = "writer.lock"
GENERATION_PREFIX = "gen-"


class IndexBusy(Exception):
    """Another thread or process is writing the index; try again later."""


class IndexStore:
    """The index directory of one configuration (one SEARCH_INDEX_DIR, one set of languages)."""

    def __init__(self, root: str | os.PathLike, languages: Iterable[str]) -> None:
        self.root = Path(root)
        self.languages = tuple(languages)
        self.schema = build_schema(self.languages)

    # Reading -------------------------------------------------------------------------

    def current_name(self) -> str | None:
        try:
            name = (self.root / CURRENT).read_text(encoding="ascii").strip()
        except (FileNotFoundError, UnicodeDecodeError):
            return None
        return name if name.startswith(GENERATION_PREFIX) and (self.root / name).is_dir() else None

    def open(self):
        """The live index, or None when there is none yet or it was built for other languages."""
        name = self.current_name()
        if name is None:
            return None
        ix = whoosh_index.open_dir(str(self.root / name))
        if set(ix.schema.names()) != set(self.schema.names()):
            log.warning("search index %s has another schema: it needs a rebuild", name)
            return None
        return ix

    def exists(self) -> bool:
        return self.current_name() is not None

    def searcher(self) -> Searcher | None:
        """A searcher on the live index, reused by this thread while the index is unchanged."""
        return _SEARCHERS.get(self)

    def view(self) -> IndexView | None:
        """The live index as bitsets (see shop.search.bitsets), or None if there is none."""
        return _SEARCHERS.view(self)

    # Writing -------------------------------------------------------------------------

    @contextmanager
    def writer_lock(self, timeout: float) -> Iterator[None]:
        """Hold the directory's writer lock; raise IndexBusy after `timeout` seconds."""
        self.root.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.root / LOCK))
        if not try_for(lock.acquire, timeout=timeout, delay=0.02):
            raise IndexBusy(str(self.root))
        try:
            yield
        finally:
            lock.release()

    def new_generation(self):
        """An empty index in a fresh directory, not yet live."""
        name = f"{GENERATION_PREFIX}{time.time_ns()}"
        path = self.root / name
        path.mkdir(parents=True)
        return name, whoosh_index.create_in(str(path), self.schema)

    def publish(self, name: str) -> None:
        """Make a generation the live one, and remove all but it and the one it replaces."""
        previous = self.current_name()
        tmp = self.root / f"{CURRENT}.{os.getpid()}.tmp"
        tmp.write_text(name + "\n", encoding="ascii")
        os.replace(tmp, self.root / CURRENT)
        # The replaced generation stays one round: other processes may still be reading it.
        keep = {name, previous}
        for path in self.root.glob(GENERATION_PREFIX + "*"):
            if path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)

    def discard(self, name: str) -> None:
        shutil.rmtree(self.root / name, ignore_errors=True)

    def size_bytes(self) -> int:
        name = self.current_name()
        if name is None:
            return 0
        return sum(p.stat().st_size for p in (self.root / name).iterdir() if p.is_file())


class _SearcherCache(threading.local):
    """One open searcher per thread and index directory, reopened when the index changes.

    Opening an index reads its table of contents and segment files; checking whether a
    searcher is still current costs a directory listing instead.
    """

    def __init__(self) -> None:
        self.open: dict[Path, tuple[str, Searcher]] = {}
        self.views: dict[Path, IndexView] = {}

    def view(self, store: IndexStore) -> IndexView | None:
        searcher = self.get(store)
        if searcher is None:
            return None
        view = self.views.get(store.root)
        if view is None or view.searcher is not searcher:
            view = self.views[store.root] = IndexView(searcher, store.root)
        return view

    def get(self, store: IndexStore) -> Searcher | None:
        name = store.current_name()
        cached = self.open.get(store.root)
        if cached and cached[0] == name and cached[1].up_to_date():
            return cached[1]
        previous = cached[1] if cached and cached[0] == name else None
        if cached and previous is None:
            cached[1].close()
        self.open.pop(store.root, None)
        if name is None:
            return None
        # A rebuild may remove a generation between reading CURRENT and opening its files.
        for attempt in (1, 2):
            try:
                ix = store.open()
                if ix is None:
                    return None
                searcher = _open_searcher(ix, previous)
            except (OSError, whoosh_index.EmptyIndexError):
                if attempt == 2:
                    raise
                name, previous = store.current_name(), None
                continue
            self.open[store.root] = (name, searcher)
            return searcher
        return None


def _open_searcher(ix, previous: Searcher | None) -> Searcher:
    """A searcher on the index's latest generation, reusing the previous one's segments.

    Whoosh's own Searcher.refresh() would reuse them too, but whoosh-reloaded 2.7.5 keys the
    reuse on the segment alone and so keeps reading a segment's old deletions. Here a
    segment reader is reused only if its segment still has the same deleted documents
    (a segment's deletions only grow, so the same count means the same set).
    """
    toc = ix._read_toc()
    reusable = {}
    if previous is not None:
        for reader, _ in previous.reader().leaf_readers():
            segment = reader.segment()
            if segment is not None:
                reusable[segment.segment_id()] = reader
    readers = []
    for segment in toc.segments:
        reader = reusable.pop(segment.segment_id(), None)
        if reader is None or reader.segment().deleted_count() != segment.deleted_count():
            reader = SegmentReader(ix.storage, toc.schema, segment, generation=toc.generation)
        readers.append(reader)
    if previous is not None:
        kept = {id(reader) for reader in readers}
        for reader, _ in previous.reader().leaf_readers():
            if id(reader) not in kept and not reader.is_closed:
                reader.close()
    # Always a MultiReader, even of one segment: it carries the generation, which tells
    # up_to_date() whether this searcher is still current.
    reader = (MultiReader(readers, generation=toc.generation) if readers
              else EmptyReader(toc.schema))
    return Searcher(reader, fromindex=ix)


_SEARCHERS = _SearcherCache()
