"""Reading and writing the store. Every write is one transaction per document, so a crash leaves
each document either fully stored (document, records, evidence, merged events) or absent.

Merged event ids are the id of the record from the earliest document in the group (see
``merged_record.anchor_of``). Each document's records are grouped with the stored records they
touch by ``merging.regroup``, so the same inputs give the same events and ids, whatever the order
they were ingested in. When an event gains a record from an earlier document, its old id stops
naming it and stays in ``events`` with ``status='merged'`` and ``merged_into``: the change feed
reports it. A reviewed event keeps its id whatever joins it later.
"""
from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from eventatlas.model import Document, Event, document_to_dict, event_to_dict
from eventatlas.store import merging, schema
from eventatlas.store import review as reviews
from eventatlas.store.errors import BadExportOption
from eventatlas.store.migrations import current_version
from eventatlas.store.rows import dumps as _dumps, now_ts  # noqa: F401 - now_ts is part of repo's API


def parse_timestamp(value: str) -> str:
    """'2024-05-01', '2024-05-01T10:00', '2024-05-01T10:00:00+02:00' or Unix seconds -> our UTC text."""
    text = str(value).strip()
    try:
        moment = dt.datetime.fromtimestamp(float(text), dt.timezone.utc)
    except ValueError:
        try:
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise BadExportOption(f"{value!r} is not a timestamp (ISO 8601 or Unix seconds)") from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _insert_ignore(conn: sa.Connection, table: sa.Table, values: dict[str, Any]) -> bool:
    """Insert unless the key exists; True when a row was written. The first statement of a write
    transaction, so that SQLite takes its write lock before reading anything."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    key = list(table.primary_key.columns)
    result = conn.execute(insert(table).values(**values).on_conflict_do_nothing().returning(*key))
    return result.first() is not None


# --- writing -------------------------------------------------------------------------------------

def record_of(event: Event) -> dict[str, Any]:
    """The stored form of a document's own record: the JSON contract without the document text."""
    return event_to_dict(event, with_text=False)


def _spans(record: dict[str, Any]) -> Iterable[tuple[str, dict[str, Any]]]:
    for key in ("trigger", "date", "location", "weapon", "fatalities", "injuries", "attribution"):
        if isinstance(record.get(key), dict):
            yield key, record[key]
    for i, actor in enumerate(record.get("actors") or ()):
        yield f"actors.{i}", actor
    for name, att in (record.get("field_attribution") or {}).items():
        yield f"field_attribution.{name}", att
    for i, span in enumerate(record.get("evidence") or ()):
        yield f"evidence.{i}", span


def upsert_document_with_events(engine: sa.Engine, document: Document, events: Sequence[Event]) -> dict[str, Any]:
    """Store one document, its records and evidence, and merge its events into the event table, in one
    transaction. A document already stored (same id) changes nothing and returns status 'unchanged'."""
    doc = events[0].document if events else document
    records = []
    seen: dict[str, int] = {}
    for ev in events:
        rec = record_of(ev)
        if rec["id"] in seen:  # two records with one id would collide: keep both, distinctly named
            seen[rec["id"]] += 1
            rec["id"] = f"{rec['id']}-{seen[rec['id']]}"
        seen.setdefault(rec["id"], 1)
        records.append(rec)
    result: dict[str, Any] = {"document": doc.id, "status": "unchanged", "records": len(records),
                              "statements": sum(1 for r in records if r["event_type"] is None),
                              "new": [], "merged": [], "merged_away": []}
    ts = now_ts()
    with engine.begin() as conn:
        stored = _insert_ignore(conn, schema.documents, {
            "id": doc.id, "url": doc.url, "title": doc.title, "outlet": doc.outlet,
            "published": doc.published.isoformat() if doc.published else None,
            "published_inferred": bool(doc.published_inferred), "lang": doc.lang, "source_path": doc.source_path,
            "text": doc.text, "n_records": len(records), "ingested_at": ts})
        if not stored:
            return result
        if conn.dialect.name == "postgresql":
            # Merging reads then writes groups of events: one merging writer at a time.
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(727002)"))
        result["status"] = "stored"
        if doc.outlet:
            s = schema.sources.c
            if not _insert_ignore(conn, schema.sources, {"name": doc.outlet, "documents": 1, "first_seen": ts}):
                conn.execute(schema.sources.update().where(s.name == doc.outlet).values(documents=s.documents + 1))
        for position, rec in enumerate(records):
            date = rec.get("date") or {}
            conn.execute(schema.records.insert().values(
                id=rec["id"], document_id=doc.id, position=position, event_id=rec["id"],
                event_type=rec["event_type"], date_start=date.get("start"), date_end=date.get("end"),
                iso3=(rec.get("location") or {}).get("iso3"), record=_dumps(rec)))
            spans = [{"record_id": rec["id"], "field": field, "document_id": doc.id, "text": span["text"],
                      "start_char": span["start_char"], "end_char": span["end_char"]}
                     for field, span in _spans(rec) if span.get("start_char") is not None and span.get("text")]
            if spans:
                conn.execute(schema.evidence.insert(), spans)
        outcome = merging.regroup(conn, [rec["id"] for rec in records], ts)
        sizes: dict[str, int] = {}
        for event_id in outcome["event_of"].values():
            sizes[event_id] = sizes.get(event_id, 0) + 1
        for rec in records:
            event_id = outcome["event_of"][rec["id"]]
            result["merged" if sizes[event_id] > 1 else "new"].append(event_id)
        result["merged_away"].extend(outcome["retired"])
    return result


def document_exists(engine: sa.Engine, document_id: str) -> bool:
    with engine.connect() as conn:
        d = schema.documents.c
        return conn.execute(sa.select(d.id).where(d.id == document_id)).first() is not None


# --- reading -------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class EventFilter:
    """Filters of ``query_events`` and ``export``; None means no filter."""

    since_date: str | None = None  # event date on or after (YYYY-MM-DD)
    until_date: str | None = None  # event date on or before
    country: str | None = None  # country name or ISO3
    admin1: str | None = None  # admin-1 name or ISO 3166-2 code
    type: str | None = None  # event_type or sub_event_type
    actor: str | None = None  # part of an actor name, any case
    certainty: tuple[str, ...] = ()
    min_sources: int | None = None
    include_statements: bool = True
    include_rejected: bool = False  # events a reviewer rejected (hidden by default, kept)


def filtered(query: sa.Select, f: EventFilter) -> sa.Select:
    """``query`` (a select over the events table) narrowed to the active events ``f`` lets through; the
    one place the store's filters become SQL (bound parameters only), shared by exports and the API."""
    e = schema.events.c
    query = query.where(e.status.in_(("active", "rejected")) if f.include_rejected else e.status == "active")
    if not f.include_statements:
        query = query.where(e.event_type.is_not(None))
    if f.since_date:
        query = query.where(e.date_start >= f.since_date)
    if f.until_date:
        query = query.where(e.date_start <= f.until_date)
    if f.country:
        query = query.where(sa.or_(sa.func.lower(e.country) == f.country.lower(), e.iso3 == f.country.upper()))
    if f.admin1:
        query = query.where(sa.or_(sa.func.lower(e.admin1) == f.admin1.lower(), e.admin1_code == f.admin1.upper()))
    if f.type:
        query = query.where(sa.or_(sa.func.lower(e.event_type) == f.type.lower(),
                                   sa.func.lower(e.sub_event_type) == f.type.lower()))
    if f.actor:
        query = query.where(sa.func.lower(e.actors).contains(f.actor.lower(), autoescape=True))
    if f.certainty:
        query = query.where(e.certainty.in_(list(f.certainty)))
    if f.min_sources:
        query = query.where(e.sources >= f.min_sources)
    return query


def _encode_cursor(date: str, event_id: str) -> str:
    return base64.urlsafe_b64encode(f"{date}|{event_id}".encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[str, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        date, event_id = raw.split("|", 1)
        return date, event_id
    except (ValueError, UnicodeDecodeError):
        raise BadExportOption(f"bad cursor {cursor!r}") from None


def query_events(engine: sa.Engine, filters: EventFilter | None = None, cursor: str | None = None,
                 limit: int | None = 100) -> tuple[list[dict[str, Any]], str | None]:
    """Merged events by date then id, a page at a time: returns (events, next cursor or None)."""
    return page_events(engine, lambda query: filtered(query, filters or EventFilter()), cursor, limit)


def page_events(engine: sa.Engine, apply_filters, cursor: str | None = None,
                limit: int | None = 100) -> tuple[list[dict[str, Any]], str | None]:
    """One page of merged events, ordered by date then id; `apply_filters` adds the WHERE clauses
    to the select (the store's filters, or the API's richer ones)."""
    e = schema.events.c
    date_key = sa.func.coalesce(e.date_start, "")
    query = apply_filters(sa.select(e.id, date_key.label("d"), e.record, e.updated_at))
    if cursor:
        date, event_id = _decode_cursor(cursor)
        query = query.where(sa.or_(date_key > date, sa.and_(date_key == date, e.id > event_id)))
    query = query.order_by(date_key, e.id)
    if limit is not None:
        query = query.limit(limit + 1)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    more = limit is not None and len(rows) > limit
    rows = rows[:limit] if limit is not None else rows
    events = [_readable(row.record, row.updated_at) for row in rows]
    return events, (_encode_cursor(rows[-1].d, rows[-1].id) if more else None)


def iter_events(engine: sa.Engine, filters: EventFilter | None = None, page: int = 500) -> Iterable[dict[str, Any]]:
    cursor = None
    while True:
        events, cursor = query_events(engine, filters, cursor, page)
        yield from events
        if cursor is None:
            return


def _readable(text: str, updated_at: str) -> dict[str, Any]:
    """A stored event record as readers get it; a store written before reviews existed has no ``review``."""
    record = json.loads(text)
    record.setdefault("review", None)
    record["updated_at"] = updated_at
    return record


def get_event(engine: sa.Engine, event_id: str, follow_merged: bool = True) -> dict[str, Any] | None:
    """A merged event (a rejected one too: its ``review`` says so); an id merged away leads to the event
    that absorbed it (unless follow_merged=False)."""
    e = schema.events.c
    with engine.connect() as conn:
        for _ in range(100):
            row = conn.execute(sa.select(e.status, e.merged_into, e.record, e.updated_at)
                               .where(e.id == event_id)).first()
            if row is None:
                return None
            if row.status in ("active", "rejected"):
                return _readable(row.record, row.updated_at)
            if not follow_merged:
                return {"id": event_id, "status": "merged", "merged_into": row.merged_into}
            event_id = row.merged_into
    return None


def get_document(engine: sa.Engine, document_id: str, with_text: bool = True) -> dict[str, Any] | None:
    """A document with its own records (as extracted, before merging), in text order."""
    d, r = schema.documents.c, schema.records.c
    with engine.connect() as conn:
        row = conn.execute(sa.select(schema.documents).where(d.id == document_id)).first()
        if row is None:
            return None
        recs = conn.execute(sa.select(r.record, r.event_id).where(r.document_id == document_id)
                            .order_by(r.position)).all()
    out = document_to_dict(_document_of(row), with_text)
    out["records"] = [dict(json.loads(rec), event=event_id) for rec, event_id in recs]
    return out


def documents_text(engine: sa.Engine, ids: Iterable[str]) -> dict[str, str]:
    return _document_column(engine, ids, schema.documents.c.text)


def documents_outlets(engine: sa.Engine, ids: Iterable[str]) -> dict[str, str | None]:
    return _document_column(engine, ids, schema.documents.c.outlet)


def _document_column(engine: sa.Engine, ids: Iterable[str], column) -> dict[str, Any]:
    """One column of many documents, by id, in chunks the databases accept."""
    d = schema.documents.c
    ids = sorted(set(ids))
    out = {}
    with engine.connect() as conn:
        for i in range(0, len(ids), 500):
            out.update(dict(conn.execute(sa.select(d.id, column).where(d.id.in_(ids[i:i + 500]))).all()))
    return out


def _document_of(row) -> Document:
    return Document(id=row.id, text=row.text, lang=row.lang, url=row.url, title=row.title, outlet=row.outlet,
                    published=dt.date.fromisoformat(row.published) if row.published else None,
                    published_inferred=row.published_inferred, source_path=row.source_path)


def get_record(engine: sa.Engine, record_id: str) -> dict[str, Any] | None:
    r = schema.records.c
    with engine.connect() as conn:
        row = conn.execute(sa.select(r.record, r.event_id).where(r.id == record_id)).first()
    return None if row is None else dict(json.loads(row.record), event=row.event_id)


def stats(engine: sa.Engine) -> dict[str, Any]:
    d, r, e, s = schema.documents.c, schema.records.c, schema.events.c, schema.sources.c
    count = sa.func.count()
    with engine.connect() as conn:
        def n(query) -> int:
            return int(conn.execute(query).scalar() or 0)
        return {
            "schema_version": current_version(conn),
            "documents": n(sa.select(count).select_from(schema.documents)),
            "records": n(sa.select(count).select_from(schema.records)),
            "statements": n(sa.select(count).where(r.event_type.is_(None))),
            "events": n(sa.select(count).where(e.status == "active", e.event_type.is_not(None))),
            "events_multi_document": n(sa.select(count).where(e.status == "active", e.n_documents > 1)),
            "merged_away": n(sa.select(count).where(e.status == "merged")),
            "events_reviewed": n(sa.select(count).select_from(schema.event_reviews)),
            "events_rejected": n(sa.select(count).where(e.status == "rejected")),
            "sources": n(sa.select(count).select_from(schema.sources)),
            "last_ingest": conn.execute(sa.select(sa.func.max(d.ingested_at))).scalar(),
        }


def changes_since(engine: sa.Engine, since: str) -> dict[str, Any]:
    """Event ids new, changed, merged away (with the id that absorbed each) and deleted (hidden by a
    user through the API, or rejected by a reviewer) after ``since``: what a copy of the store needs to follow it."""
    since = parse_timestamp(since)
    e = schema.events.c
    with engine.connect() as conn:
        until = conn.execute(sa.select(sa.func.max(e.updated_at))).scalar()
        rows = conn.execute(sa.select(e.id, e.status, e.merged_into, e.created_at)
                            .where(e.updated_at > since).order_by(e.updated_at, e.id)).all()
    new = [row.id for row in rows if row.status == "active" and row.created_at > since]
    changed = [row.id for row in rows if row.status == "active" and row.created_at <= since]
    merged = [{"id": row.id, "into": get_event(engine, row.id)["id"] if get_event(engine, row.id) else row.merged_into}
              for row in rows if row.status == "merged"]
    deleted = [row.id for row in rows if row.status in reviews.HIDDEN]
    return {"since": since, "until": until or since, "new": new, "changed": changed, "merged": merged,
            "deleted": deleted}


def snapshot(engine: sa.Engine) -> dict[str, Any]:
    """Everything stored except the times of writing: equal snapshots mean equal stores."""
    with engine.connect() as conn:
        def rows(table: sa.Table, drop: tuple[str, ...] = ()) -> list[dict[str, Any]]:
            cols = [c for c in table.c if c.name not in drop]
            return [dict(row._mapping) for row in conn.execute(sa.select(*cols).order_by(*table.primary_key.columns))]
        return {
            "documents": rows(schema.documents, ("ingested_at",)),
            "records": rows(schema.records),
            "evidence": rows(schema.evidence),
            "sources": rows(schema.sources, ("first_seen",)),
            "events": rows(schema.events, ("created_at", "updated_at")),
            "merge_decisions": rows(schema.merge_decisions, ("decided_at",)),
        }
