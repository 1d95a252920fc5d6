"""`eventatlas demo`: run the whole extractor on the bundled sample (dispatches written for the
project, French and English) and show what comes out. Writes the records as JSONL into the
user's data directory so that they can be opened, exported or ingested afterwards, and stores
them in a fresh SQLite database there (``demo.sqlite``) that ``eventatlas serve`` can show."""
from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

from eventatlas.errors import EventAtlasError


def sample_path() -> Path:
    return Path(str(resources.files("eventatlas").joinpath("sample", "dispatches.jsonl")))


def demo_dir() -> Path:
    base = os.environ.get("EVENTATLAS_DATA_DIR")
    if base:
        return Path(base) / "demo"
    from platformdirs import user_data_dir
    return Path(user_data_dir("eventatlas")) / "demo"


def run_demo(extra: list[str] | tuple[str, ...] = (), out_dir: Path | None = None) -> dict:
    """Extract every sample dispatch (and any extra inputs). Returns the records, the errors and
    where the JSONL was written."""
    from eventatlas.extract import extract
    from eventatlas.ingest import read_inputs
    from eventatlas.model import event_to_dict
    records, errors, documents = [], [], 0
    for item in read_inputs([sample_path(), *extra]):
        if isinstance(item, EventAtlasError):
            errors.append(str(item))
            continue
        documents += 1
        try:
            records.extend(event_to_dict(e) for e in extract(item))
        except EventAtlasError as exc:
            errors.append(str(exc))
    out_dir = out_dir or demo_dir()
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "events.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return {"documents": documents, "records": records, "errors": errors, "path": str(path)}


def demo_db_url(out_dir: Path | None = None) -> str:
    return f"sqlite:///{(out_dir or demo_dir()) / 'demo.sqlite'}"


def build_demo_db(extra: list[str] | tuple[str, ...] = (), out_dir: Path | None = None) -> dict:
    """A fresh demo database (any earlier one is replaced) holding the sample and ``extra``;
    returns the ingest summary with the database URL under ``db``."""
    from eventatlas.pipeline_run import ingest_paths
    out_dir = out_dir or demo_dir()
    out_dir.mkdir(parents=True, exist_ok=True)
    url = demo_db_url(out_dir)
    path = out_dir / "demo.sqlite"
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    summary = ingest_paths([str(sample_path()), *map(str, extra)], url)
    return dict(summary, db=url)
