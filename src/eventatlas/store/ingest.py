"""The batch loop: read -> extract -> store, one transaction per document.

Resumable by construction: a document already stored (same content-hash id) is skipped before
extraction, so a run killed at any point and started again does only the remaining work and ends
with the records an uninterrupted run would have written. Bad inputs are reported and skipped; a full
disk or a damaged database stops the run (every following document would fail too), saying what was stored."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
import datetime as dt
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from eventatlas.errors import DatabaseCorrupt, EventAtlasError, StorageFull
from eventatlas.ingest.readers import read_path
from eventatlas.model import Document
from eventatlas.settings import Settings, load_settings
from eventatlas.store import feeds
from eventatlas.store.db import open_db


def count_stored(summary: dict[str, Any], stored: dict[str, Any]) -> None:
    """Add one document's upsert result to the run's summary."""
    if stored["status"] == "unchanged":  # stored earlier in this run, by another process, or a retry
        summary["documents_unchanged"] += 1
        return
    summary["documents_stored"] += 1
    summary["records"] += stored["records"] - stored["statements"]
    summary["statements"] += stored["statements"]
    summary["events_new"] += len(stored["new"])
    summary["events_merged"] += len(stored["merged"])
    summary["events_merged_away"] += len(stored["merged_away"])


def iter_documents(paths: Iterable[str], settings: Settings,
                   feed_cache: feeds.FeedCache | None = None) -> Iterator[Document | EventAtlasError]:
    """Documents from files, folders, JSONL dumps and feeds (files or URLs), in a stable order.
    ``feed_cache`` (watch): validators of feed URLs, so an unchanged feed is not downloaded again."""
    for location in paths:
        location = str(location)
        if feeds.is_url(location):
            yield from _dated(feeds.read_feed(location, max_document_bytes=settings.max_document_bytes,
                                              cache=feed_cache), settings)
            continue
        path = Path(location)
        files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")) \
            if path.is_dir() else [path]
        for file in files:
            if file.is_file() and feeds.is_feed_file(file):
                yield from _dated(feeds.read_feed(str(file), max_document_bytes=settings.max_document_bytes), settings)
            else:
                yield from read_path(file, settings)


def _dated(items: Iterable[Document | EventAtlasError], settings: Settings) -> Iterator[Document | EventAtlasError]:
    """Feed entries without a date of their own take the run's default publication date."""
    for item in items:
        if isinstance(item, Document) and item.published is None and settings.default_published:
            item = replace(item, published=dt.date.fromisoformat(settings.default_published))
        yield item


@contextmanager
def stop_on_store_failure(summary: dict[str, Any]) -> Iterator[None]:
    """Around a run's loop: a full disk (EA017) or a damaged database (EA016) ends the run, re-raised
    with how many documents this run stored before it, which stay stored (one transaction each)."""
    try:
        yield
    except (StorageFull, DatabaseCorrupt) as exc:
        raise type(exc)(f"{exc.message}; stopped after storing {summary['documents_stored']} documents "
                        f"in this run (of {summary['documents_read']} read)", source=exc.source) from exc


def ingest_paths(paths: Iterable[str], db: str | sa.Engine | None = None, *, lang: str = "auto",
                 settings: Settings | None = None, progress: bool = False,
                 feed_cache: feeds.FeedCache | None = None, chunk_size: int = 16) -> dict[str, Any]:
    """Ingest every document under ``paths`` into the store at ``db``; returns the run's summary.

    Documents still to store are extracted ``chunk_size`` at a time (parsed together by spaCy) and
    stored one transaction each, in input order."""
    from eventatlas.batch import work
    from eventatlas.progress import Progress
    settings = settings or load_settings()
    engine = db if isinstance(db, sa.Engine) else open_db(db)
    summary = work.new_summary()
    with Progress("ingest", enabled=progress) as bar, stop_on_store_failure(summary):
        pending = work.pending_documents(paths, engine, settings, summary, feed_cache)
        for chunk in work.chunks(pending, chunk_size):
            for outcome in work.extract_batch(chunk, lang, settings):
                work.store_outcome(engine, summary, outcome)
            bar.advance(len(chunk))
    return work.finish(summary)


def format_summary(summary: dict[str, Any]) -> str:
    lines = [f"documents read: {summary['documents_read']} (stored {summary['documents_stored']}, "
             f"already stored {summary['documents_unchanged']}), skipped: {len(summary['skipped'])}",
             f"event records: {summary['records']}, statements: {summary['statements']}; "
             f"events new: {summary['events_new']}, merged into existing: {summary['events_merged']}"
             + (f", ids merged away: {summary['events_merged_away']}" if summary["events_merged_away"] else "")]
    for code, n in summary.get("skipped_by_code", {}).items():
        lines.append(f"  skipped {code}: {n}")
    for s in summary["skipped"][:20]:
        lines.append(f"  {s['message']}")
    if len(summary["skipped"]) > 20:
        lines.append(f"  ... and {len(summary['skipped']) - 20} more")
    return "\n".join(lines)
