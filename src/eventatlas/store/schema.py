"""The tables (SQLAlchemy Core). Portable types only, so SQLite and PostgreSQL share one schema.

Dates are ISO strings (``YYYY-MM-DD``) and times ISO UTC strings with microseconds: both sort
as text, compare the same way on every backend and read back unchanged.

* ``documents``: one row per article, id = content hash (or the id the input gave).
* ``records``: each document's own event records, exactly as ``extract`` returned them.
* ``evidence``: every span of every record (field, text, offsets), for search and review.
* ``sources``: the outlets seen, with how many documents each gave.
* ``events``: merged events (one per real event), with the merged record; ``status`` is
  ``active``, ``merged`` (then ``merged_into`` names the event that absorbed it), ``rejected`` (by a
  reviewer: hidden by default, kept) or ``deleted`` (through the API: hidden, kept).
* ``event_reviews``: the reviewed state of an event (state, by, at) and the values a reviewer set,
  which win over the machine's in ``events.record``; ``new_evidence`` when a document arrived after it.
* ``review_log``: every review action, append-only: who, when, which field, old and new value, note.
* ``merge_decisions``: analysts' corrections of merging, per pair of records: ``split`` (never one
  event) or ``join`` (always one event), who decided and when; later ingests respect them.
"""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("applied_at", sa.String(32), nullable=False),
)

documents = sa.Table(
    "documents", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("published", sa.String(10)),
    sa.Column("published_inferred", sa.Boolean, nullable=False, default=False),
    sa.Column("lang", sa.String(8)),
    sa.Column("source_path", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("n_records", sa.Integer, nullable=False),
    sa.Column("ingested_at", sa.String(32), nullable=False),
)

records = sa.Table(
    "records", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("document_id", sa.String(64), sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("event_id", sa.String(64), nullable=False, index=True),
    sa.Column("event_type", sa.String(64)),
    sa.Column("date_start", sa.String(10)),
    sa.Column("date_end", sa.String(10)),
    sa.Column("iso3", sa.String(3)),
    sa.Column("record", sa.Text, nullable=False),  # JSON contract, document without text
    sa.Index("ix_records_type_date", "event_type", "date_start"),
)

evidence = sa.Table(
    "evidence", metadata,
    sa.Column("record_id", sa.String(64), sa.ForeignKey("records.id"), primary_key=True),
    sa.Column("field", sa.String(64), primary_key=True),
    sa.Column("document_id", sa.String(64), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("start_char", sa.Integer, nullable=False),
    sa.Column("end_char", sa.Integer, nullable=False),
)

sources = sa.Table(
    "sources", metadata,
    sa.Column("name", sa.String(256), primary_key=True),
    sa.Column("documents", sa.Integer, nullable=False),
    sa.Column("first_seen", sa.String(32), nullable=False),
)

events = sa.Table(
    "events", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("status", sa.String(8), nullable=False),  # active | merged
    sa.Column("merged_into", sa.String(64)),
    sa.Column("event_type", sa.String(64)),
    sa.Column("sub_event_type", sa.String(64)),
    sa.Column("date_start", sa.String(10)),
    sa.Column("date_end", sa.String(10)),
    sa.Column("country", sa.String(128)),
    sa.Column("iso3", sa.String(3)),
    sa.Column("admin1", sa.String(128)),
    sa.Column("admin1_code", sa.String(16)),
    sa.Column("certainty", sa.String(16)),
    sa.Column("actors", sa.Text),  # "|name|name|" for --actor filters
    sa.Column("sources", sa.Integer, nullable=False),
    sa.Column("n_documents", sa.Integer, nullable=False),
    sa.Column("document_id", sa.String(64)),  # earliest document
    sa.Column("record", sa.Text),  # merged record, JSON
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("updated_at", sa.String(32), nullable=False, index=True),
    sa.Index("ix_events_status_date", "status", "date_start", "id"),
)

event_reviews = sa.Table(
    "event_reviews", metadata,
    sa.Column("event_id", sa.String(64), primary_key=True),
    sa.Column("state", sa.String(16), nullable=False),  # accepted | rejected | edited
    sa.Column("reviewer", sa.String(128), nullable=False),
    sa.Column("at", sa.String(32), nullable=False),
    sa.Column("changes", sa.Text, nullable=False),  # JSON {field: reviewed value}
    sa.Column("documents", sa.Text, nullable=False),  # JSON list: the documents the reviewer saw
    sa.Column("new_evidence", sa.Boolean, nullable=False, default=False),
)

review_log = sa.Table(
    "review_log", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.String(64), nullable=False, index=True),
    sa.Column("at", sa.String(32), nullable=False),
    sa.Column("reviewer", sa.String(128), nullable=False),
    sa.Column("action", sa.String(8), nullable=False),  # accept | reject | edit
    sa.Column("field", sa.String(32)),
    sa.Column("old_value", sa.Text),  # JSON
    sa.Column("new_value", sa.Text),  # JSON
    sa.Column("note", sa.Text),
)

merge_decisions = sa.Table(
    "merge_decisions", metadata,
    sa.Column("record_a", sa.String(64), primary_key=True),  # record_a < record_b
    sa.Column("record_b", sa.String(64), primary_key=True),
    sa.Column("kind", sa.String(8), nullable=False),  # split | join
    sa.Column("decided_by", sa.Text),
    sa.Column("decided_at", sa.String(32), nullable=False),
    sa.Column("note", sa.Text),
)
