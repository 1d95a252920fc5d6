"""Scaling of ingest (issue 9): 1 vs 2 extraction processes, and a Dask LocalCluster vs plain processes.

The corpus is built at run time, never copied into the repository: the articles of
../shared/data/news-open/articles.jsonl, then ACLED `notes` from ../shared/data/acled_samples/*.csv
(internal evaluation only, see that folder's README), or, where those are absent,
tests/golden/*/*/input.txt. It is written as one temporary JSONL file (no ids: content hashes).

Configurations: "1 process" is plain ``eventatlas ingest`` (read, extract and store in one process);
"1 worker process" and "2 processes" are ``--workers 1|2`` (extraction in worker processes, storing
in the main process, overlapped); Dask is ``--dask local`` with 2 workers.
Every configuration runs --repeat times (order rotated, fresh store each pass) and its best pass
is kept: on a shared virtual machine the second core comes and goes, which the printed "capacity"
(two copies of a pure-CPU loop, measured between passes) shows. Each configuration ingests the
same corpus into a fresh SQLite store, after a warm-up (worker processes started and models
loaded), so the numbers are steady-state throughput; the start-up
cost (spawn + model load, or cluster start) is printed separately. Peak resident memory per
worker comes from resource.getrusage in each worker.

Run: python benchmarks/scaling.py [--n 600] [--chunk 16] [--repeat 2]
Goals: 2 processes >= 1.7x one process; Dask overhead < 15% against plain processes.
"""
from __future__ import annotations

import argparse
import csv
import glob
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
NEWS_OPEN = SHARED / "news-open" / "articles.jsonl"
ACLED = SHARED / "acled_samples"


def corpus_records(n: int) -> list[dict]:
    """Up to n distinct articles: news-open first, then ACLED notes, then golden inputs."""
    out: list[dict] = []
    seen: set[str] = set()

    def add(text: str, lang: str | None = None, published: str | None = None) -> None:
        text = (text or "").strip()
        if len(out) < n and len(text) > 40 and text not in seen:
            seen.add(text)
            out.append({"text": text, "lang": lang, "published": published})

    if NEWS_OPEN.exists():
        for line in NEWS_OPEN.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                add(r.get("text"), r.get("lang"), r.get("published"))
    csv.field_size_limit(10_000_000)
    for path in sorted(glob.glob(str(ACLED / "*.csv"))):
        if len(out) >= n:
            break
        with open(path, encoding="utf-8", errors="replace", newline="") as fh:
            for row in csv.DictReader(fh):
                row = {k.lower(): v for k, v in row.items() if k}
                add(row.get("notes"), "en", None)
                if len(out) >= n:
                    break
    for path in sorted(REPO.glob("tests/golden/*/*/input.txt")):
        add(path.read_text(encoding="utf-8"), path.parts[-3])
    if len(out) < n:
        print(f"note: only {len(out)} distinct articles available (asked {n})", file=sys.stderr)
    return out


def write_corpus(records: list[dict], folder: Path) -> Path:
    path = folder / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def _cpu() -> float:
    import resource
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _store(folder: Path, name: str):
    from eventatlas.store.db import open_db
    return open_db(f"sqlite:///{folder / name}.sqlite")


def _burn(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i % 7
    return s


def parallel_capacity(n: int = 20_000_000) -> float:
    """What 2 processes get out of this machine right now: the speed-up of two copies of a pure-CPU
    loop in 2 processes over one copy in one. On a laptop it is ~2.0; on a shared virtual machine
    it can be much less (the second core is busy elsewhere). The ceiling for any 2-process speed-up."""
    import multiprocessing
    t0 = time.perf_counter()
    _burn(n)
    one = time.perf_counter() - t0
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(_burn, [1000, 1000])  # start both processes outside the clock
        t0 = time.perf_counter()
        pool.map(_burn, [n, n], chunksize=1)
        two = time.perf_counter() - t0
    return 2 * one / two


def _single_in_fresh_process(corpus: str, db: str) -> dict:
    from eventatlas.batch import work
    from eventatlas.settings import load_settings
    from eventatlas.store.db import open_db
    from eventatlas.pipeline_run import ingest_paths
    t0 = time.perf_counter()
    work.warm(load_settings())
    engine = open_db(db)
    startup = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), _cpu()
    summary = ingest_paths([corpus], engine)
    wall, cpu = time.perf_counter() - t0, _cpu() - c0
    return {"wall": wall, "startup": startup, "summary": summary, "rss": [work.peak_rss_mb()], "main_cpu": cpu}


def run_single(corpus: Path, folder: Path, workers: int, chunk: int) -> dict:
    """What ``eventatlas ingest`` does without --workers (read, extract and store in one process), in a
    fresh process like the others: this process's caches are warm from earlier passes."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(_single_in_fresh_process, str(corpus), f"sqlite:///{folder / 'single'}.sqlite").result()


def run_processes(corpus: Path, folder: Path, workers: int, chunk: int) -> dict:
    from eventatlas.batch.pool import _worker_rss, make_pool
    from eventatlas.pipeline_run import ingest_parallel
    t0 = time.perf_counter()
    pool = make_pool(workers)
    list(pool.map(_worker_rss, range(workers)))  # start every worker and load its models
    startup = time.perf_counter() - t0
    stats: dict = {}
    try:
        t0, c0 = time.perf_counter(), _cpu()
        summary = ingest_parallel([str(corpus)], _store(folder, f"p{workers}"), workers=workers, chunk_size=chunk,
                                  pool=pool)
        wall, main_cpu = time.perf_counter() - t0, _cpu() - c0
        stats["worker_peak_rss_mb"] = sorted(pool.map(_worker_rss, range(workers)))
    finally:
        pool.shutdown()
    return {"wall": wall, "startup": startup, "summary": summary, "rss": stats["worker_peak_rss_mb"], "main_cpu": main_cpu}


def run_dask(corpus: Path, folder: Path, workers: int, chunk: int) -> dict:
    from distributed import Client

    from eventatlas.batch import work
    from eventatlas.batch.cluster import local_cluster
    from eventatlas.pipeline_run import ingest_dask
    from eventatlas.settings import load_settings
    t0 = time.perf_counter()
    with local_cluster(workers) as cluster, Client(cluster) as client:
        client.run(work.warm, load_settings())
        startup = time.perf_counter() - t0
        time.sleep(1)  # let the new cluster settle (workers' start-up chores), as the pool's workers do
        stats: dict = {}
        t0, c0 = time.perf_counter(), _cpu()
        summary = ingest_dask([str(corpus)], _store(folder, "dask"), client=client, partition_size=chunk,
                              stats=stats, staging=folder / "staging")
        wall, main_cpu = time.perf_counter() - t0, _cpu() - c0
    return {"wall": wall, "startup": startup, "summary": summary, "rss": stats["worker_peak_rss_mb"], "main_cpu": main_cpu}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=600, help="articles in the corpus (default 600)")
    ap.add_argument("--chunk", type=int, default=16, help="documents per chunk / partition (default 16)")
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--repeat", type=int, default=2, help="passes over every configuration; the best is kept (default 2)")
    args = ap.parse_args(argv)
    import os
    records = corpus_records(args.n)
    print(f"corpus: {len(records)} articles, {sum(len(r['text'].split()) for r in records)} words; "
          f"{os.cpu_count()} CPUs")
    configs = {"1 process": (run_single, 1), "1 worker process": (run_processes, 1),
               "2 processes": (run_processes, 2)}
    if not args.no_dask:
        try:
            import distributed  # noqa: F401
            configs["Dask LocalCluster (2)"] = (run_dask, 2)
        except ImportError:
            print("Dask not installed: pip install 'dask[distributed]'", file=sys.stderr)
    rows: dict[str, dict] = {}
    capacity = [parallel_capacity()]
    with tempfile.TemporaryDirectory(prefix="eventatlas-scaling-") as tmp:
        folder = Path(tmp)
        corpus = write_corpus(records, folder)
        names = list(configs)
        for rep in range(max(1, args.repeat)):
            # a fresh store per pass; the order rotates so that no configuration always runs first
            pass_dir = folder / f"pass{rep}"
            pass_dir.mkdir()
            for name in names[rep % len(names):] + names[:rep % len(names)]:
                run, workers = configs[name]
                r = run(corpus, pass_dir, workers, args.chunk)
                if name not in rows or r["wall"] < rows[name]["wall"]:
                    rows[name] = r  # best of the passes: the run least disturbed by the machine
            capacity.append(parallel_capacity())
    rows = {name: rows[name] for name in names}
    n = len(records)
    print(f"{'configuration':<24}{'wall s':>8}{'articles/s':>12}{'startup s':>11}{'records':>9}{'main CPU s':>11}  peak RSS/worker MiB")
    for name, r in rows.items():
        print(f"{name:<24}{r['wall']:>8.2f}{n / r['wall']:>12.2f}{r['startup']:>11.2f}"
              f"{r['summary']['records'] + r['summary']['statements']:>9}{r['main_cpu']:>11.2f}  {', '.join(f'{x:.0f}' for x in r['rss'])}")
    one, two = rows["1 process"]["wall"], rows["2 processes"]["wall"]
    ceiling = sum(capacity) / len(capacity)
    print("machine's 2-process capacity (pure-CPU loop, before and after each pass): "
          + " / ".join(f"{c:.2f}x" for c in capacity))
    print(f"speed-up --workers 2 vs plain ingest (1 process): {one / two:.2f}x (goal >= 1.7x; "
          f"{100 * (one / two) / ceiling:.0f}% of the machine's capacity)")
    print(f"speed-up 2 vs 1 worker processes (storing overlapped in both): "
          f"{rows['1 worker process']['wall'] / two:.2f}x")
    if "Dask LocalCluster (2)" in rows:
        d = rows["Dask LocalCluster (2)"]["wall"]
        print(f"Dask overhead vs 2 plain processes: {100 * (d - two) / two:+.1f}% (goal < 15%)")
    same = {json.dumps({k: v for k, v in r["summary"].items() if k != "skipped"}, sort_keys=True) for r in rows.values()}
    print("same summary in every configuration:", len(same) == 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
