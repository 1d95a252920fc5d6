"""``eventatlas ingest --workers N``: extraction in N local processes (the run itself, storage
included, is ``pipeline_run``'s loop in the main process).

Each worker loads the models once (pool initializer), takes chunks of documents and returns their
events; the main process stores the chunks in input order through the normal upsert, so the store
ends with the records a one-process run writes."""
from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

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


class LocalProcesses:
    """The executor of ``ingest --workers N`` (``pipeline_run.ingest_parallel``): chunks go to N
    worker processes; up to ``8 * workers`` chunks in flight keep every worker busy past a slow chunk.
    ``pool``: an executor made by ``make_pool`` to reuse (warm models); it is then not shut down."""

    def __init__(self, workers: int, lang: str, settings: Settings, pool: ProcessPoolExecutor | None = None):
        self.workers, self.lang = max(1, workers), lang
        self.label = f"ingest ({workers} processes)"
        self.window = 8 * self.workers
        self._own = pool is None
        self.pool = pool or make_pool(workers, settings)

    def submit(self, documents: list) -> Future:
        return self.pool.submit(_run_chunk, documents, self.lang)

    def collect(self, handle: Future, documents: list) -> list[work.Outcome]:
        return handle.result()

    def stats(self) -> dict[str, Any]:
        return {"worker_peak_rss_mb": sorted(self.pool.map(_worker_rss, range(self.workers)))}

    def close(self) -> None:
        if self._own:
            self.pool.shutdown(cancel_futures=True)


def make_pool(workers: int, settings: Settings | None = None) -> ProcessPoolExecutor:
    """N worker processes, each loading the models once. "spawn": a clean interpreter per worker
    (no forked SQLAlchemy pools or threads), the same on every OS."""
    return ProcessPoolExecutor(max_workers=max(1, workers), mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init, initargs=(settings or load_settings(),))
