"""Export bodies for /api/export, written a page of events at a time by the same writers as
``eventatlas export``, so a large export never sits whole in memory (Parquet excepted: its
footer needs every row group, so it is built in memory and then sent)."""
from __future__ import annotations

import io
import json
from collections.abc import Iterator

import sqlalchemy as sa

from eventatlas import export as X
from eventatlas.api.query import EventQuery, iter_pages
from eventatlas.store.repo import documents_outlets, documents_text

MEDIA = {"acled-csv": ("text/csv; charset=utf-8", "csv"), "geojson": ("application/geo+json", "geojson"),
         "jsonl": ("application/x-ndjson", "jsonl"), "parquet": ("application/vnd.apache.parquet", "parquet"),
         "training": ("application/x-ndjson", "jsonl")}


def stream_export(engine: sa.Engine, fmt: str, q: EventQuery) -> tuple[str, str, Iterator[bytes]]:
    """(media type, file suffix, body chunks) for ``fmt``."""
    media, suffix = MEDIA[fmt]
    body = {"acled-csv": _csv, "geojson": _geojson, "jsonl": _jsonl, "parquet": _parquet,
            "training": _training}[fmt](engine, q)
    return media, suffix, body


def _jsonl(engine: sa.Engine, q: EventQuery) -> Iterator[bytes]:
    for events in iter_pages(engine, q):
        out = io.StringIO()
        X.write_jsonl(events, out, documents_text(engine, (r["document"]["id"] for r in events)))
        yield out.getvalue().encode("utf-8")


def _training(engine: sa.Engine, q: EventQuery) -> Iterator[bytes]:
    import dataclasses
    q = dataclasses.replace(q, base=dataclasses.replace(q.base, include_rejected=True))
    for events in iter_pages(engine, q):
        out = io.StringIO()
        X.write_training(events, out, documents_text(engine, (r["document"]["id"] for r in events)))
        yield out.getvalue().encode("utf-8")


def _csv(engine: sa.Engine, q: EventQuery) -> Iterator[bytes]:
    import dataclasses
    q = dataclasses.replace(q, base=dataclasses.replace(q.base, include_statements=False))
    header = True
    for events in iter_pages(engine, q):
        out = io.StringIO()
        texts = documents_text(engine, (r["document"]["id"] for r in events))
        outlets = documents_outlets(engine, (d for r in events for d in r.get("documents") or ()))
        X.write_acled_csv(events, out, texts, outlets)
        text = out.getvalue()
        if not header:  # each call writes the header: keep only the first
            text = text.split("\n", 1)[1]
        header = False
        yield text.encode("utf-8")
    if header:
        out = io.StringIO()
        X.write_acled_csv([], out)
        yield out.getvalue().encode("utf-8")


def _geojson(engine: sa.Engine, q: EventQuery) -> Iterator[bytes]:
    yield b'{"type": "FeatureCollection", "features": ['
    first = True
    for events in iter_pages(engine, q):
        parts = [json.dumps(X.geojson_feature(r), ensure_ascii=False) for r in events]
        yield (("" if first else ", ") + ", ".join(parts)).encode("utf-8")
        first = False
    yield b"]}\n"


def _parquet(engine: sa.Engine, q: EventQuery) -> Iterator[bytes]:
    buffer = io.BytesIO()
    X.write_parquet([r for events in iter_pages(engine, q) for r in events], buffer)
    yield buffer.getvalue()
