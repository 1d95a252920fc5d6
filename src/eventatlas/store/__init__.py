"""The store: SQLAlchemy Core over SQLite (WAL, default) or PostgreSQL, with versioned migrations."""
from eventatlas.store.db import default_db_url, make_engine, open_db
from eventatlas.store.repo import (EventFilter, changes_since, get_document, get_event, get_record, query_events,
                                   stats, upsert_document_with_events)

__all__ = ["EventFilter", "changes_since", "default_db_url", "get_document", "get_event", "get_record", "make_engine",
           "open_db", "query_events", "stats", "upsert_document_with_events"]
