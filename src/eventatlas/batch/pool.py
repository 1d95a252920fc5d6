"""``eventatlas ingest --workers N``: extraction in N local processes, storage in the main process.

Each worker loads the models once (pool initializer), takes chunks of documents and returns their
events; the main process stores the chunks in input order through the normal upsert, so the store
ends with the records a one-process run writes. At most ``8 * workers`` chunks are in flight, so
memory stays flat on any archive size."""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import sqlalchemy as sa

from eventatlas.batch import work
from eventatlas.settings import Settings, load_settings

_SETTINGS: Settings | None = None


def _init(settings: Settings) -> None:
    global _SETTINGS
    _SETTINGS = settings
    work.warm(settings)


def _run_chunk(documents: list, lang: str) -> list[work.Outcome]:
    return work.extract_batch(documents, lang, _SETTINGS or load_settings())


def _worker_rss(_: int) -> float:
    import time
    time.sleep(0.2)  # let every worker take one of these
    return work.peak_rss_mb()


def ingest_parallel(paths: Iterable[str], db: str | sa.Engine | None = None, *, workers: int = 2,
                    lang: str = "auto", settings: Settings | None = None, chunk_size: int = 8,
                    stats: dict[str, Any] | None = None, pool: ProcessPoolExecutor | None = None,
                    progress: bool = False) -> dict[str, Any]:
    """Like ``ingest_paths`` with extraction in ``workers`` processes; returns the same summary.

    ``pool``: an executor made by ``make_pool`` to reuse (warm models) instead of starting one.
    ``stats``, when given, receives ``worker_peak_rss_mb`` (one value per worker process).
    ``progress``: a line on stderr counting stored documents (when stderr is a terminal)."""
    from eventatlas.progress import Progress
    from eventatlas.store.db import open_db
    from eventatlas.store.ingest import stop_on_store_failure
    settings = settings or load_settings()
    engine = db if isinstance(db, sa.Engine) else open_db(db)
    summary = work.new_summary()
    own = pool is None
    pool = pool or make_pool(workers, settings)
    bar = Progress(f"ingest ({workers} processes)", enabled=progress)
    try:
        in_flight: deque = deque()

        def store_next() -> None:
            outcomes = in_flight.popleft().result()
            for outcome in outcomes:
                work.store_outcome(engine, summary, outcome)
            bar.advance(len(outcomes))

        with stop_on_store_failure(summary):
            for chunk in work.chunks(work.pending_documents(paths, engine, settings, summary), chunk_size):
                in_flight.append(pool.submit(_run_chunk, chunk, lang))
                while len(in_flight) >= 8 * max(1, workers):  # keeps every worker busy past a slow chunk
                    store_next()
            while in_flight:
                store_next()
        if stats is not None:
            stats["worker_peak_rss_mb"] = sorted(pool.map(_worker_rss, range(max(1, workers))))
    finally:
        bar.close()
        if own:
            pool.shutdown(cancel_futures=True)
    return work.finish(summary)


def make_pool(workers: int, settings: Settings | None = None) -> ProcessPoolExecutor:
    """N worker processes, each loading the models once. "spawn": a clean interpreter per worker
    (no forked SQLAlchemy pools or threads), the same on every OS."""
    return ProcessPoolExecutor(max_workers=max(1, workers), mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init, initargs=(settings or load_settings(),))
