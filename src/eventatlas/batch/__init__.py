"""Parallel and distributed ingest (DESIGN.md, "Scale").

``ingest_parallel`` runs the pure per-document ``extract`` in N local processes; ``ingest_dask`` maps it
over partitions of the input on a Dask cluster, each partition written as a Parquet file that is then
loaded by the ordinary upsert path. Both store in input order, so they write the same records as the
one-process ``eventatlas.store.ingest.ingest_paths``."""
from eventatlas.batch.pool import ingest_parallel
from eventatlas.batch.cluster import ingest_dask

__all__ = ["ingest_parallel", "ingest_dask"]
