"""Growth of ingest with corpus size (issue 9): wall time, throughput and peak memory for 100 and
1,000 articles (and 10,000 with --full), each size in a fresh process so peak memory is its own.

Corpus as in benchmarks/scaling.py (news-open articles and ACLED notes, built at run time, never
copied into the repository), shuffled with a fixed seed so that every size is a sample of the same
mix (long articles and one-line notes in the same proportion): growth is then comparable per
article and per word. Each size ingests into a fresh SQLite store; model loading is timed apart. --workers N uses the N-process path (peak memory then reported per worker too).

Run: python benchmarks/growth.py [--full] [--workers N] [--sizes 100,1000]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scaling import corpus_records, write_corpus  # noqa: E402


def sample(n: int, seed: int = 2026) -> list[dict]:
    """The first n of one fixed shuffle of every available article: larger sizes contain smaller ones."""
    import random
    records = corpus_records(20_000)
    random.Random(seed).shuffle(records)
    return records[:n]


def one(n: int, workers: int) -> dict:
    from eventatlas.batch import work
    from eventatlas.settings import load_settings
    from eventatlas.store.db import open_db
    from eventatlas.store.repo import stats as store_stats
    records = sample(n)
    with tempfile.TemporaryDirectory(prefix="eventatlas-growth-") as tmp:
        corpus = write_corpus(records, Path(tmp))
        engine = open_db(f"sqlite:///{tmp}/growth.sqlite")
        t0 = time.perf_counter()
        worker_rss: list[float] = []
        if workers > 1:
            from eventatlas.batch.pool import _worker_rss, make_pool
            from eventatlas.pipeline_run import ingest_parallel
            pool = make_pool(workers)
            list(pool.map(_worker_rss, range(workers)))
            load = time.perf_counter() - t0
            t0 = time.perf_counter()
            summary = ingest_parallel([str(corpus)], engine, workers=workers, pool=pool)
            wall = time.perf_counter() - t0
            worker_rss = sorted(pool.map(_worker_rss, range(workers)))
            pool.shutdown()
        else:
            from eventatlas.pipeline_run import ingest_paths
            work.warm(load_settings())
            load = time.perf_counter() - t0
            t0 = time.perf_counter()
            summary = ingest_paths([str(corpus)], engine)
            wall = time.perf_counter() - t0
        db_mb = os.path.getsize(f"{tmp}/growth.sqlite") / 2**20
        try:
            events = store_stats(engine).get("events")
        except Exception:  # noqa: BLE001 - the stats shape is not this benchmark's business
            events = None
    return {"n": len(records), "words": sum(len(r["text"].split()) for r in records), "load_s": load, "wall_s": wall, "records": summary["records"] + summary["statements"],
            "events": events, "main_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "worker_peak_rss_mb": worker_rss, "db_mb": db_mb}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--full", action="store_true", help="add 10,000 articles")
    ap.add_argument("--sizes", default="100,1000")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one, args.workers)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")] + ([10_000] if args.full else [])
    print(f"{'articles':>9}{'words':>9}{'load s':>8}{'ingest s':>10}{'art/s':>8}{'words/s':>9}{'records':>9}{'events':>8}"
          f"{'main MiB':>10}{'db MiB':>8}  worker MiB")
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n), "--workers", str(args.workers)],
                             capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        ev = r["events"]
        ev = ev if isinstance(ev, int) else (ev.get("active", "") if isinstance(ev, dict) else "")
        print(f"{r['n']:>9}{r['words']:>9}{r['load_s']:>8.2f}{r['wall_s']:>10.2f}{r['n'] / r['wall_s']:>8.1f}"
              f"{r['words'] / r['wall_s']:>9.0f}{r['records']:>9}{str(ev):>8}{r['main_peak_rss_mb']:>10.0f}"
              f"{r['db_mb']:>8.1f}  {', '.join(f'{x:.0f}' for x in r['worker_peak_rss_mb'])}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
