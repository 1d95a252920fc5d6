"""``eventatlas ingest --dask local|tcp://host:port``: extraction mapped over a Dask cluster.

The input documents are cut into partitions in input order; each partition is one Dask task that
runs the pure ``extract`` on its documents and writes their events as one Parquet file in a staging
folder (``work.staging_schema``). The main process loads the files in partition order through the
normal upsert, so the store ends with the records a one-process run writes.

Dask does distribution, retries (``retries=``) and bookkeeping. Idempotence comes from the store:
document ids are content hashes and a stored document is never stored twice, so a retried or
resubmitted partition (its task key and file name derive from its documents' ids) adds nothing.

With a remote scheduler the staging folder must be on a file system the workers and this process
share (pass ``staging=``)."""
from __future__ import annotations

import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from eventatlas.batch import work
from eventatlas.settings import Settings, load_settings


def run_partition(documents: list, lang: str, settings: Settings, staging: str) -> dict[str, Any]:
    """The Dask task: extract one partition and write it to ``staging``; returns where and how it went."""
    key = work.partition_key(documents)
    outcomes = work.extract_batch(documents, lang, settings)
    path = work.write_partition(outcomes, Path(staging) / f"part-{key}.parquet")
    return {"path": str(path), "documents": len(documents), "peak_rss_mb": work.peak_rss_mb(),
            "errors": sum(1 for _, r in outcomes if isinstance(r, tuple))}


def local_cluster(workers: int = 2):
    """The cluster ``--dask local`` starts: one single-threaded process per worker."""
    import dask
    from distributed import LocalCluster
    # Tasks are long and CPU-bound: the workers' statistical profiler (a thread sampling every 10 ms)
    # would take a core's worth of time on small machines for nothing. Workers inherit this config.
    # The scheduler runs in this process, next to the loop that stores results: with queuing on
    # (worker-saturation 1.1), a worker gets its next partition only once the scheduler's thread wins
    # the GIL back from that loop, and idles meanwhile. Our window of partitions in flight is bounded
    # already (8 per worker), so every submitted partition goes to a worker's queue at once.
    # The periodic monitors (memory every 100 ms, system every 500 ms, in each worker and nanny) are
    # slowed to once a second or two: on a small machine their wake-ups are taken from extraction.
    with dask.config.set({"distributed.worker.profile.enabled": False,
                          "distributed.scheduler.worker-saturation": float("inf"),
                          "distributed.worker.memory.monitor-interval": "1s",
                          "distributed.admin.system-monitor.interval": "2s",
                          "distributed.admin.system-monitor.gil.enabled": False}):
        return LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                            dashboard_address=None, silence_logs=40)


def ingest_dask(paths: Iterable[str], db: str | sa.Engine | None = None, *, address: str = "local",
                workers: int = 2, lang: str = "auto", settings: Settings | None = None,
                partition_size: int = 16, staging: str | Path | None = None, retries: int = 2,
                client=None, task: Callable[..., dict[str, Any]] = run_partition,
                stats: dict[str, Any] | None = None, progress: bool = False) -> dict[str, Any]:
    """Like ``ingest_paths`` with extraction on a Dask cluster; returns the same summary.

    ``address``: "local" (a LocalCluster of ``workers`` processes) or a scheduler address; ``client``:
    an existing ``distributed.Client`` instead. ``staging``: where partitions are written (default: a
    temporary folder, removed afterwards). ``task`` is the per-partition function (same signature as
    ``run_partition``). ``stats``, when given, receives per-worker peak memory and partition counts.
    ``progress``: a line on stderr counting stored documents and the cluster's workers (when stderr is
    a terminal); the scheduler's dashboard, when the cluster has one, shows the tasks themselves."""
    from distributed import Client

    from eventatlas.progress import Progress
    from eventatlas.store.ingest import stop_on_store_failure
    from eventatlas.store.db import open_db
    settings = settings or load_settings()
    engine = db if isinstance(db, sa.Engine) else open_db(db)
    summary = work.new_summary()
    own_staging = staging is None
    staging_dir = Path(tempfile.mkdtemp(prefix="eventatlas-staging-")) if own_staging else Path(staging)
    staging_dir.mkdir(parents=True, exist_ok=True)
    cluster = None
    if client is None:
        if address == "local":
            cluster = local_cluster(workers)
            own_client = Client(cluster)
        else:
            own_client = Client(address)
        active = own_client
    else:
        own_client, active = None, client
    peaks: dict[str, float] = {}
    partitions = 0
    bar = Progress("ingest on dask", enabled=progress)
    try:
        active.run(work.warm, settings)  # per-process model load, before the clock of the first task
        info = active.scheduler_info()
        n_workers = max(1, len(info.get("workers", {})))
        dashboard = active.dashboard_link if "dashboard" in info.get("services", {}) else None
        bar.describe(f"ingest on dask ({n_workers} workers{', ' + dashboard if dashboard else ''})")
        in_flight: deque = deque()

        def load_next() -> None:
            nonlocal partitions
            future, documents = in_flight.popleft()
            try:
                info = future.result()
            except Exception as exc:  # noqa: BLE001 - a partition that failed all its retries
                for doc in documents:
                    work.skip(summary, *work.error_triple(exc, doc.source_path))
                return
            partitions += 1
            peaks[future.key] = info.get("peak_rss_mb", 0.0)
            for outcome in work.read_partition(info["path"]):
                work.store_outcome(engine, summary, outcome)
            bar.advance(len(documents))

        with stop_on_store_failure(summary):
            for documents in work.chunks(work.pending_documents(paths, engine, settings, summary), partition_size):
                key = f"eventatlas-partition-{work.partition_key(documents)}"
                future = active.submit(task, documents, lang, settings, str(staging_dir), key=key, retries=retries)
                in_flight.append((future, documents))
                while len(in_flight) >= 8 * n_workers:
                    load_next()
            while in_flight:
                load_next()
        if stats is not None:
            stats["partitions"] = partitions
            stats["worker_peak_rss_mb"] = sorted(
                v for v in active.run(work.peak_rss_mb).values())
    finally:
        bar.close()
        if own_client is not None:
            own_client.close()
        if cluster is not None:
            cluster.close()
        if own_staging:
            shutil.rmtree(staging_dir, ignore_errors=True)
    return work.finish(summary)
