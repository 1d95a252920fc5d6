"""One ingest run: read -> extract -> store, one transaction per document, whoever extracts.

The run is the same loop for the three ways of extracting: in this process (``ingest_paths``), in N
local processes (``ingest_parallel``, ``batch.pool``) and on a Dask cluster (``ingest_dask``,
``batch.cluster``). The loop reads the inputs (``ingest.read_inputs``), skips documents stored
already, cuts the rest into chunks, hands each chunk to the executor and stores the results in input
order, with at most ``executor.window`` chunks in flight so that memory stays flat on any archive.
So every path writes the records a one-process run writes and returns the same summary.

Resumable by construction: a document already stored (same content-hash id) is skipped before
extraction, so a run killed at any point and started again does only the remaining work and ends
with the records an uninterrupted run would have written. Bad inputs are reported and skipped; a full
disk or a damaged database stops the run (every following document would fail too), saying what was
stored.

Layers: this module sits above the store (which only stores: ``store.repo``) and the executors
(which only map the pure per-document function: ``batch``)."""
from __future__ import annotations

import re
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Protocol

import sqlalchemy as sa

from eventatlas.batch import work
from eventatlas.errors import DatabaseCorrupt, EventAtlasError, StorageFull
from eventatlas.ingest import read_inputs
from eventatlas.ingest.feeds import FeedCache
from eventatlas.model import Document
from eventatlas.progress import Progress
from eventatlas.settings import Settings, load_settings
from eventatlas.store.db import open_db
from eventatlas.store.repo import document_exists, upsert_document_with_events


class Executor(Protocol):
    """What runs extraction for a run: chunks in, outcomes (``work.Outcome``) out, in submission order."""

    label: str  # the progress line's description
    window: int  # chunks in flight at most

    def submit(self, documents: list[Document]) -> Any: ...

    def collect(self, handle: Any, documents: list[Document]) -> list[work.Outcome]: ...


class InProcess:
    """Extraction in this process, a chunk at a time (spaCy parses a chunk's documents together)."""

    label = "ingest"
    window = 1

    def __init__(self, lang: str, settings: Settings):
        self.lang, self.settings = lang, settings

    def submit(self, documents: list[Document]) -> list[work.Outcome]:
        return work.extract_batch(documents, self.lang, self.settings)

    def collect(self, handle: list[work.Outcome], documents: list[Document]) -> list[work.Outcome]:
        return handle


# --- the summary of a run ---------------------------------------------------------------------------

def new_summary() -> dict[str, Any]:
    return {"documents_read": 0, "documents_stored": 0, "documents_unchanged": 0, "skipped": [], "records": 0,
            "statements": 0, "events_new": 0, "events_merged": 0, "events_merged_away": 0}


def skip(summary: dict[str, Any], code: str, message: str, source: str | None) -> None:
    summary["skipped"].append({"source": source, "code": code, "message": message})


def count_stored(summary: dict[str, Any], stored: dict[str, Any]) -> None:
    """Add one document's upsert result to the run's summary."""
    if stored["status"] == "unchanged":  # stored earlier in this run, by another process, or a retry
        summary["documents_unchanged"] += 1
        return
    summary["documents_stored"] += 1
    summary["records"] += stored["records"] - stored["statements"]
    summary["statements"] += stored["statements"]
    summary["events_new"] += len(stored["new"])
    summary["events_merged"] += len(stored["merged"])
    summary["events_merged_away"] += len(stored["merged_away"])


def finish(summary: dict[str, Any]) -> dict[str, Any]:
    summary["skipped_by_code"] = dict(sorted(Counter(s["code"] for s in summary["skipped"]).items()))
    return summary


def format_summary(summary: dict[str, Any]) -> str:
    lines = [f"documents read: {summary['documents_read']} (stored {summary['documents_stored']}, "
             f"already stored {summary['documents_unchanged']}), skipped: {len(summary['skipped'])}",
             f"event records: {summary['records']}, statements: {summary['statements']}; "
             f"events new: {summary['events_new']}, merged into existing: {summary['events_merged']}"
             + (f", ids merged away: {summary['events_merged_away']}" if summary["events_merged_away"] else "")]
    for code, n in summary.get("skipped_by_code", {}).items():
        lines.append(f"  skipped {code}: {n}")
    for s in summary["skipped"][:20]:
        lines.append(f"  {s['message']}")
    if len(summary["skipped"]) > 20:
        lines.append(f"  ... and {len(summary['skipped']) - 20} more")
    return "\n".join(lines)


# --- the loop -----------------------------------------------------------------------------------------

def store_outcome(engine: sa.Engine, summary: dict[str, Any], outcome: work.Outcome) -> None:
    """One extracted document into the store (idempotent upsert), counted in the summary."""
    doc, result = outcome
    if isinstance(result, tuple):
        skip(summary, *result)
        return
    count_stored(summary, upsert_document_with_events(engine, doc, result))


def pending_documents(paths: Iterable[str], engine: sa.Engine, settings: Settings, summary: dict[str, Any],
                      feed_cache: FeedCache | None = None) -> Iterator[Document]:
    """Documents still to extract, in input order; unreadable inputs and stored documents are counted
    here (what is stored already is never extracted again)."""
    for item in read_inputs(paths, settings, feed_cache):
        if isinstance(item, EventAtlasError):
            skip(summary, *work.error_triple(item, None))
            continue
        summary["documents_read"] += 1
        if document_exists(engine, item.id):
            summary["documents_unchanged"] += 1
            continue
        yield item


def chunks(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@contextmanager
def stop_on_store_failure(summary: dict[str, Any]) -> Iterator[None]:
    """Around a run's loop: a full disk (EA017) or a damaged database (EA016) ends the run, re-raised
    with how many documents this run stored before it, which stay stored (one transaction each)."""
    try:
        yield
    except (StorageFull, DatabaseCorrupt) as exc:
        raise type(exc)(f"{exc.message}; stopped after storing {summary['documents_stored']} documents "
                        f"in this run (of {summary['documents_read']} read)", source=exc.source) from exc


def run(paths: Iterable[str], engine: sa.Engine, executor: Executor, *, settings: Settings,
        chunk_size: int, progress: bool = False, feed_cache: FeedCache | None = None) -> dict[str, Any]:
    """The one ingest loop: chunks of pending documents to ``executor``, outcomes stored in input order."""
    summary = new_summary()
    in_flight: deque[tuple[Any, list[Document]]] = deque()
    with Progress(executor.label, enabled=progress) as bar, stop_on_store_failure(summary):

        def store_next() -> None:
            handle, documents = in_flight.popleft()
            for outcome in executor.collect(handle, documents):
                store_outcome(engine, summary, outcome)
            bar.advance(len(documents))

        for chunk in chunks(pending_documents(paths, engine, settings, summary, feed_cache), chunk_size):
            in_flight.append((executor.submit(chunk), chunk))
            while len(in_flight) >= executor.window:
                store_next()
        while in_flight:
            store_next()
    return finish(summary)


def _engine(db: str | sa.Engine | None) -> sa.Engine:
    return db if isinstance(db, sa.Engine) else open_db(db)


def _run_then_close(paths: Iterable[str], engine: sa.Engine, executor, *, settings: Settings, chunk_size: int,
                    progress: bool, stats: dict[str, Any] | None) -> dict[str, Any]:
    """``run`` on an executor that holds processes or a cluster, released whatever happens;
    ``stats``, when given, receives the executor's own figures (per-worker peak memory...)."""
    try:
        summary = run(paths, engine, executor, settings=settings, chunk_size=chunk_size, progress=progress)
        if stats is not None:
            stats.update(executor.stats())
    finally:
        executor.close()
    return summary


# --- the three entry points -------------------------------------------------------------------------------

def ingest_paths(paths: Iterable[str], db: str | sa.Engine | None = None, *, lang: str = "auto",
                 settings: Settings | None = None, progress: bool = False,
                 feed_cache: FeedCache | None = None, chunk_size: int = 16) -> dict[str, Any]:
    """Ingest every document under ``paths`` into the store at ``db``, extracting in this process;
    returns the run's summary. ``feed_cache`` (watch): validators of feed URLs, so an unchanged feed
    is not downloaded again."""
    settings = settings or load_settings()
    return run(paths, _engine(db), InProcess(lang, settings), settings=settings, chunk_size=chunk_size,
               progress=progress, feed_cache=feed_cache)


def ingest_parallel(paths: Iterable[str], db: str | sa.Engine | None = None, *, workers: int = 2,
                    lang: str = "auto", settings: Settings | None = None, chunk_size: int = 8,
                    stats: dict[str, Any] | None = None, pool=None, progress: bool = False) -> dict[str, Any]:
    """Like ``ingest_paths`` with extraction in ``workers`` local processes; returns the same summary.

    ``pool``: an executor made by ``batch.pool.make_pool`` to reuse (warm models) instead of starting one.
    ``stats``, when given, receives ``worker_peak_rss_mb`` (one value per worker process).
    ``progress``: a line on stderr counting stored documents (when stderr is a terminal)."""
    from eventatlas.batch.pool import LocalProcesses
    settings = settings or load_settings()
    engine = _engine(db)
    return _run_then_close(paths, engine, LocalProcesses(workers, lang, settings, pool=pool), settings=settings,
                           chunk_size=chunk_size, progress=progress, stats=stats)


def ingest_dask(paths: Iterable[str], db: str | sa.Engine | None = None, *, address: str = "local",
                workers: int = 2, lang: str = "auto", settings: Settings | None = None,
                partition_size: int = 16, staging: str | Path | None = None, retries: int = 2,
                client=None, task: Callable[..., dict[str, Any]] | None = None,
                stats: dict[str, Any] | None = None, progress: bool = False) -> dict[str, Any]:
    """Like ``ingest_paths`` with extraction on a Dask cluster; returns the same summary.

    ``address``: "local" (a LocalCluster of ``workers`` processes) or a scheduler address; ``client``:
    an existing ``distributed.Client`` instead. ``staging``: where partitions are written (default: a
    temporary folder, removed afterwards). ``task`` is the per-partition function (same signature as
    ``batch.cluster.run_partition``, the default). ``stats``, when given, receives per-worker peak
    memory and partition counts. ``progress``: a line on stderr counting stored documents and the
    cluster's workers (when stderr is a terminal); the scheduler's dashboard, when the cluster has
    one, shows the tasks themselves."""
    from eventatlas.batch.cluster import DaskPartitions
    settings = settings or load_settings()
    engine = _engine(db)
    executor = DaskPartitions(lang, settings, address=address, workers=workers, client=client, task=task,
                              staging=staging, retries=retries)
    return _run_then_close(paths, engine, executor, settings=settings, chunk_size=partition_size,
                           progress=progress, stats=stats)


# --- watching feeds ----------------------------------------------------------------------------------------

def parse_interval(value: str) -> float:
    """'90', '90s', '10m', '2h', '1d' -> seconds."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", str(value))
    if not match:
        raise ValueError(f"{value!r} is not an interval (e.g. 30s, 10m, 1h)")
    return float(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2)]


def watch(feeds: list[str], every_s: float, db: str | None = None, *, max_polls: int | None = None,
          sleep=time.sleep, **ingest_options) -> Iterator[dict]:
    """Poll feeds forever (or ``max_polls`` times), ingesting new entries; yields each poll's summary.
    Each URL's ETag and Last-Modified are sent back on the next poll: an unchanged feed costs its
    server a "304 Not Modified" and this process nothing."""
    engine = _engine(db)  # one engine (and one check) for every poll
    cache = FeedCache()
    polls = 0
    while max_polls is None or polls < max_polls:
        started = time.monotonic()
        yield ingest_paths(feeds, engine, feed_cache=cache, **ingest_options)
        polls += 1
        if max_polls is not None and polls >= max_polls:
            return
        sleep(max(0.0, every_s - (time.monotonic() - started)))
