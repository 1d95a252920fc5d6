"""Executors for parallel and distributed ingest (DESIGN.md, "Scale").

``pool.LocalProcesses`` runs the pure per-document ``extract`` in N local processes;
``cluster.DaskPartitions`` maps it over partitions of the input on a Dask cluster, each partition
written as a Parquet file that is then loaded by the ordinary upsert path. The run itself (reading,
the bounded in-order window, storing, the summary) is ``eventatlas.pipeline_run``, the same for both
and for the one-process run, so every path writes the same records."""
