"""``eventatlas ingest --dask local|tcp://host:port``: extraction mapped over a Dask cluster.

The input documents are cut into partitions in input order; each partition is one Dask task that
runs the pure ``extract`` on its documents and writes their events as one Parquet file in a staging
folder (``work.staging_schema``). The main process (``pipeline_run``'s loop) loads the files in
partition order through the normal upsert, so the store ends with the records a one-process run writes.

Dask does distribution, retries (``retries=``) and bookkeeping. Idempotence comes from the store:
document ids are content hashes and a stored document is never stored twice, so a retried or
resubmitted partition (its task key and file name derive from its documents' ids) adds nothing.

With a remote scheduler the staging folder must be on a file system the workers and this process
share (pass ``staging=``)."""
from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eventatlas.batch import work
from eventatlas.settings import Settings


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


class DaskPartitions:
    """The executor of ``ingest --dask`` (``pipeline_run.ingest_dask``): each chunk of documents is a
    partition, one Dask task (``task``, default ``run_partition``) that writes a staging Parquet file;
    collecting a partition reads its file back. A partition that failed all its retries is reported
    per document, never raised. Up to ``8 * workers`` partitions are in flight.

    ``address``: "local" (a LocalCluster of ``workers`` processes) or a scheduler address; ``client``:
    an existing ``distributed.Client`` instead (then neither it nor its cluster is closed here).
    ``staging``: where partitions are written (default: a temporary folder, removed by ``close``)."""

    def __init__(self, lang: str, settings: Settings, *, address: str = "local", workers: int = 2, client=None,
                 task: Callable[..., dict[str, Any]] | None = None, staging: str | Path | None = None,
                 retries: int = 2):
        from distributed import Client
        self.lang, self.settings, self.retries = lang, settings, retries
        self.task = task or run_partition
        self._own_staging = staging is None
        self.staging = Path(tempfile.mkdtemp(prefix="eventatlas-staging-")) if self._own_staging else Path(staging)
        self.staging.mkdir(parents=True, exist_ok=True)
        self._cluster = self._own_client = None
        self.partitions = 0
        self._peaks: dict[str, float] = {}
        try:
            if client is None:
                self._cluster = local_cluster(workers) if address == "local" else None
                self._own_client = Client(self._cluster if self._cluster is not None else address)
            self.client = client or self._own_client
            self.client.run(work.warm, settings)  # per-process model load, before the clock of the first task
            info = self.client.scheduler_info()
        except BaseException:
            self.close()
            raise
        n_workers = max(1, len(info.get("workers", {})))
        dashboard = self.client.dashboard_link if "dashboard" in info.get("services", {}) else None
        self.label = f"ingest on dask ({n_workers} workers{', ' + dashboard if dashboard else ''})"
        self.window = 8 * n_workers

    def submit(self, documents: list):
        key = f"eventatlas-partition-{work.partition_key(documents)}"
        return self.client.submit(self.task, documents, self.lang, self.settings, str(self.staging), key=key,
                                  retries=self.retries)

    def collect(self, future, documents: list) -> list[work.Outcome]:
        try:
            info = future.result()
        except Exception as exc:  # noqa: BLE001 - a partition that failed all its retries
            return [(doc, work.error_triple(exc, doc.source_path)) for doc in documents]
        self.partitions += 1
        self._peaks[future.key] = info.get("peak_rss_mb", 0.0)
        return list(work.read_partition(info["path"]))

    def stats(self) -> dict[str, Any]:
        return {"partitions": self.partitions,
                "worker_peak_rss_mb": sorted(v for v in self.client.run(work.peak_rss_mb).values())}

    def close(self) -> None:
        if self._own_client is not None:
            self._own_client.close()
        if self._cluster is not None:
            self._cluster.close()
        if self._own_staging:
            shutil.rmtree(self.staging, ignore_errors=True)
