"""The API's writes: one document in (extract, store, merge), one event out.

Deleting an event hides it from every read and export (``status='deleted'``, record kept); its
documents and their own records stay. A later document that reports the same event never brings it
back: it is attached to it, still hidden. The delete is in the review log under the reviewer's name."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from eventatlas.model import Document
from eventatlas.settings import Settings
from eventatlas.store import schema
from eventatlas.store.repo import now_ts, upsert_document_with_events
from eventatlas.store.review import log


def ingest_document(engine: sa.Engine, document: Document, settings: Settings, lang: str = "auto") -> dict[str, Any]:
    from eventatlas.extract import extract
    events = extract(document, lang=lang, settings=settings)
    return upsert_document_with_events(engine, document, events)


def delete_event(engine: sa.Engine, event_id: str, reviewer: str = "admin", note: str | None = None) -> bool:
    """Hide an active (or rejected) event; False when no such event has this id."""
    e = schema.events.c
    ts = now_ts()
    with engine.begin() as conn:
        result = conn.execute(schema.events.update().where(e.id == event_id, e.status.in_(("active", "rejected")))
                              .values(status="deleted", updated_at=ts))
        if result.rowcount == 1:
            log(conn, event_id, reviewer, "delete", ts, note)
    return result.rowcount == 1
