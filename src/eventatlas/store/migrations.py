"""Ordered migrations. ``schema_version`` holds the version a database is at; ``migrate`` applies,
each in its own transaction, every migration above it. Add a migration by appending a function:
never edit one that has shipped."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import sqlalchemy as sa

from eventatlas.store import schema
from eventatlas.store.errors import SchemaTooNew


def _v1_initial(conn: sa.Connection) -> None:
    schema.metadata.create_all(conn, tables=[schema.documents, schema.records, schema.evidence, schema.sources,
                                             schema.events])


def _v2_review(conn: sa.Connection) -> None:
    schema.metadata.create_all(conn, tables=[schema.event_reviews, schema.review_log])


def _v3_merge_decisions(conn: sa.Connection) -> None:
    schema.metadata.create_all(conn, tables=[schema.merge_decisions])


MIGRATIONS: list[tuple[int, str, Callable[[sa.Connection], None]]] = [
    (1, "documents, records, evidence, sources, events", _v1_initial),
    (2, "event_reviews, review_log (the analyst in the loop)", _v2_review),
    (3, "merge_decisions: analysts' splits and joins", _v3_merge_decisions),
]
LATEST = MIGRATIONS[-1][0]


def current_version(conn: sa.Connection) -> int:
    if not sa.inspect(conn).has_table("schema_version"):
        return 0
    value = conn.execute(sa.select(sa.func.max(schema.schema_version.c.version))).scalar()
    return int(value or 0)


def migrate(engine: sa.Engine) -> list[int]:
    """Bring the database to ``LATEST``; returns the versions applied (none when up to date)."""
    applied = []
    with engine.begin() as conn:
        schema.metadata.create_all(conn, tables=[schema.schema_version])
        version = current_version(conn)
    if version > LATEST:
        raise SchemaTooNew(f"database schema version {version} > {LATEST} known to this eventatlas")
    for number, _description, step in MIGRATIONS:
        if number <= version:
            continue
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                # Two processes opening a fresh database at once: one migrates, the other waits.
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(727001)"))
                if current_version(conn) >= number:
                    continue
            step(conn)
            conn.execute(schema.schema_version.insert().values(
                id=number, version=number, applied_at=dt.datetime.now(dt.timezone.utc).isoformat()))
        applied.append(number)
    return applied
