"""`eventatlas demo`: the whole pipeline on the bundled sample (dispatches written for the project,
French and English, several outlets, two events told by two outlets each).

The sample is ingested into the one store that ``ingest``, ``export``, ``serve`` and the API use
without ``--db`` (idempotent: running the demo twice changes nothing), so what the demo shows is what
those commands show afterwards."""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from eventatlas.errors import EventAtlasError


def sample_path() -> Path:
    return Path(str(resources.files("eventatlas").joinpath("sample", "dispatches.jsonl")))


def run_demo(extra: list[str] | tuple[str, ...] = (), db: str | None = None) -> dict[str, Any]:
    """Ingest the sample and ``extra`` into the store at ``db`` (default: the one store); returns the
    ingest summary, the store's events and statements that rest on these documents (ordered by date),
    their counts and the store's URL."""
    from eventatlas.ingest import read_inputs
    from eventatlas.store.db import normalise_url, open_db
    from eventatlas.pipeline_run import ingest_paths
    from eventatlas.store.repo import iter_events
    inputs = [str(sample_path()), *map(str, extra)]
    engine = open_db(db)
    summary = ingest_paths(inputs, engine)
    ids = {item.id for item in read_inputs(inputs) if not isinstance(item, EventAtlasError)}
    records = [r for r in iter_events(engine) if ids.intersection(r.get("documents") or ())]
    events = sum(1 for r in records if r["event_type"])
    return {"summary": summary, "documents": len(ids), "records": records, "events": events,
            "statements": len(records) - events, "db": normalise_url(db)}


def build_demo_db(extra: list[str] | tuple[str, ...] = (), out_dir: Path | None = None) -> dict[str, Any]:
    """A fresh demo database ``demo.sqlite`` in ``out_dir`` (any earlier one is replaced) holding the
    sample and ``extra``, for tests and screenshots; returns the ingest summary with the URL under ``db``."""
    from eventatlas.settings import data_dir
    out_dir = Path(out_dir) if out_dir else data_dir() / "demo"
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "demo.sqlite"
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    result = run_demo(extra, f"sqlite:///{path}")
    return dict(result["summary"], db=result["db"])
