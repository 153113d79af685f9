"""Writing a fresh index generation, one segment per process when the machine allows.

Whoosh is pure Python, so a rebuild is CPU-bound: on a multi-core machine the product ids
are split into contiguous ranges and each range is written as its own segment by a forked
process reading its products from the database; the parent then publishes all segments in
one table of contents. This follows what whoosh.multiproc does with its `multisegment`
option, except that the children read the catalog themselves instead of receiving every
document through the parent.
"""

from __future__ import annotations

import multiprocessing
import threading
import traceback
from collections.abc import Callable, Iterable

from sqlalchemy.orm import Session
from whoosh.codec.whoosh3 import W3Codec
from whoosh.reading import SegmentReader
from whoosh.writing import PostingPool, SegmentWriter

# Fewer products than this per process are not worth a fork.
MIN_PER_PROCESS = 2_000
# Products per segment. Whoosh sorts a segment's postings in memory up to the writer's
# limit and spills them to disk beyond it, which makes a large segment several times
# slower to write than a few small ones; searching a handful of segments costs little.
SEGMENT_SIZE = 4_000
WRITER_LIMIT_MB = 256


class BulkCodec(W3Codec):
    """Whoosh's codec without per-block length statistics.

    They only tighten the score bounds used to skip blocks, and computing them costs a
    column lookup for every posting: a third of the time of writing a segment.
    """

    length_stats = False


class BulkPostingPool(PostingPool):
    """Whoosh's posting pool with a cheaper size estimate per posting.

    The pool is called once per posting (a hundred and more per product); Whoosh's own
    `add` checks types and adds up six sizes each time, which showed in profiles.
    """

    # A posting tuple with its field name, docnum, weight and value, term bytes aside.
    POSTING_BYTES = 180

    def add(self, item) -> None:
        self.currentsize += self.POSTING_BYTES + len(item[1])
        if self.currentsize > self.limit:
            self.save()
        self.current.append(item)


# Incremental updates write a segment of a few documents each time. Once there are several
# segments this small they are merged into one; the large segments of a rebuild are left
# alone (merging them would make some shopper's request wait for seconds). Deleted
# documents in those large segments are only reclaimed by the next rebuild.
SMALL_SEGMENT = 1_000
SMALL_SEGMENTS_BEFORE_MERGE = 4


def merge_small_segments(writer: SegmentWriter, segments: list) -> list:
    """Whoosh merge policy for incremental commits: merge the small segments only."""
    small = [s for s in segments if s.doc_count_all() < SMALL_SEGMENT]
    if len(small) < SMALL_SEGMENTS_BEFORE_MERGE:
        return segments
    merged = {s.segment_id() for s in small}
    for segment in small:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return [s for s in segments if s.segment_id() not in merged]


def build(ix, session: Session, languages: Iterable[str], ids: list[int],
          progress: Callable[[int], None] | None = None, processes: int = 1) -> None:
    """Write these products into `ix` (a new, empty, not yet live index) and commit it."""
    languages = tuple(languages)
    processes = max(1, min(processes, len(ids) // MIN_PER_PROCESS))
    if processes > 1 and can_fork():
        segments = _build_in_processes(ix, session, languages, ids, progress, processes)
    else:
        segments = _write_segments(ix, session, languages, ids, progress)
    # A writer that adds nothing itself, used to publish the segments in one generation.
    writer = SegmentWriter(ix, _lk=False)
    writer._close_segment()
    writer._commit_toc(segments)
    writer._finish()


def can_fork() -> bool:
    # Forking a process that runs other threads can copy a lock in a held state.
    return ("fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1)


def _write_segments(ix, session: Session, languages: tuple[str, ...], ids: list[int],
                    progress: Callable[[int], None] | None) -> list:
    from shop.search.indexer import documents_in_batches

    segments = []
    writer = None
    try:
        for count, documents in documents_in_batches(session, languages, ids):
            if writer is None:
                writer = _segment_writer(ix)
            for doc in documents:
                writer.add_document(**doc)
            if writer.docnum >= SEGMENT_SIZE:
                segments.append(_finish(writer))
                writer = None
            if progress:
                progress(count)
        if writer is not None:
            segments.append(_finish(writer))
            writer = None
    finally:
        if writer is not None:
            writer.cancel()
    return [segment for segment in segments if segment is not None]


def _segment_writer(ix) -> SegmentWriter:
    writer = SegmentWriter(ix, _lk=False, codec=BulkCodec(), compound=False,
                           limitmb=WRITER_LIMIT_MB)
    # SegmentWriter ignores its `poolclass` argument; nothing is in the pool yet.
    writer.pool = BulkPostingPool(writer._tempstorage, writer.newsegment,
                                  limitmb=WRITER_LIMIT_MB)
    return writer


def _finish(writer: SegmentWriter):
    # Every writer of the generation shares one temporary directory, which the publishing
    # writer removes at the end: removing it here would pull it from under a sibling.
    if writer._added:
        return writer._finalize_segment()
    writer._close_segment()
    return None


def _build_in_processes(ix, session: Session, languages: tuple[str, ...], ids: list[int],
                        progress: Callable[[int], None] | None, processes: int) -> list:
    engine = session.get_bind()
    # Children must open their own connections: none may be in use when forking.
    session.close()
    size = -(-len(ids) // processes)
    parts = [ids[start:start + size] for start in range(0, len(ids), size)]
    context = multiprocessing.get_context("fork")
    messages = context.SimpleQueue()
    children = [context.Process(target=_segment_process,
                                args=(ix, engine, languages, part, slot, messages),
                                daemon=True)
                for slot, part in enumerate(parts)]
    segments: list[list | None] = [None] * len(parts)
    try:
        for child in children:
            child.start()
        finished = 0
        while finished < len(children):
            kind, slot, payload = messages.get()
            if kind == "progress":
                if progress:
                    progress(payload)
            elif kind == "done":
                segments[slot] = payload
                finished += 1
            else:
                raise RuntimeError(f"search index part {slot} failed:\n{payload}")
    finally:
        for slot, child in enumerate(children):
            if child.is_alive() and segments[slot] is None:
                child.terminate()
            child.join()
    return [segment for part in segments for segment in part or ()]


def _segment_process(ix, engine, languages, ids, slot, messages) -> None:
    # Runs in a forked child: drop the parent's pooled connections without closing them.
    engine.dispose(close=False)
    try:
        with Session(engine) as session:
            written = _write_segments(ix, session, languages, ids,
                                      lambda count: messages.put(("progress", slot, count)))
        messages.put(("done", slot, written))
    except BaseException:
        messages.put(("error", slot, traceback.format_exc()))
