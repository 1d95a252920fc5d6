"""The API's writes: one document in (extract, store, merge), one event out.

Deleting an event hides it from every read and export (``status='deleted'``, record kept for
review); its documents and their own records stay. A later document that reports the same event
brings it back, since that is new evidence for it."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from eventatlas.model import Document
from eventatlas.settings import Settings
from eventatlas.store import schema
from eventatlas.store.repo import now_ts, upsert_document_with_events


def ingest_document(engine: sa.Engine, document: Document, settings: Settings, lang: str = "auto") -> dict[str, Any]:
    from eventatlas.extract import extract
    events = extract(document, lang=lang, settings=settings)
    return upsert_document_with_events(engine, document, events)


def delete_event(engine: sa.Engine, event_id: str) -> bool:
    """Hide an active event; False when no active event has this id."""
    e = schema.events.c
    with engine.begin() as conn:
        result = conn.execute(schema.events.update().where(e.id == event_id, e.status == "active")
                              .values(status="deleted", updated_at=now_ts()))
    return result.rowcount == 1
