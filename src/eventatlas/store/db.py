"""Engines from URLs: SQLite (WAL, the default, one file in the user's data dir) or PostgreSQL.

Every engine made here turns a damaged database into ``DatabaseCorrupt`` (EA016) and a full disk into
``StorageFull`` (EA017), wherever the error appears (open, read, write, commit), through SQLAlchemy's
``handle_error`` hook: callers, the batch and the API included, meet coded errors, never a driver's."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlalchemy as sa

from eventatlas.errors import DatabaseCorrupt, EventAtlasError, StorageFull
from eventatlas.store.errors import BadDatabaseUrl, DatabaseUnavailable
from eventatlas.store.migrations import migrate

#: ``open_db`` runs ``PRAGMA quick_check`` (reads every page) on SQLite files up to this size. Measured
#: on a 94 MiB store of 10,000 documents: 80 ms with the file in the page cache, 1.5 s from a cold cache.
#: The cost grows with the file (at 10 GB: seconds warm, minutes cold, on every open), so larger stores
#: skip it; in them a damaged page is reported when a read first reaches it (SQLite checks each page it reads).
FULL_CHECK_MAX_BYTES = 128 * 2**20

# SQLite result codes (sqlite3.h). A refused write is SQLITE_FULL for ENOSPC only: a quota (EDQUOT) or a
# file-size limit (EFBIG) reads as one of the write-side I/O errors.
_SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_NOTADB = 11, 13, 26
_SQLITE_WRITE_IOERRS = {"SQLITE_IOERR_WRITE", "SQLITE_IOERR_FSYNC", "SQLITE_IOERR_DIR_FSYNC",
                        "SQLITE_IOERR_TRUNCATE", "SQLITE_IOERR_SHMSIZE"}
# PostgreSQL SQLSTATEs: disk_full; data_corrupted, index_corrupted.
_PG_FULL, _PG_CORRUPT = {"53100"}, {"XX001", "XX002"}


def default_db_url() -> str:
    """The one store every command uses without --db: eventatlas.sqlite in the data folder."""
    from eventatlas.settings import data_dir
    return f"sqlite:///{data_dir() / 'eventatlas.sqlite'}"


def normalise_url(url: str | None) -> str:
    """``postgresql://`` means psycopg 3 (the driver we depend on); a bare path means SQLite."""
    url = url or default_db_url()
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    # WAL: readers (serve, export) never block the ingest writer. NORMAL is durable across
    # process crashes (a SIGKILL loses nothing committed); only power loss can drop the last commit.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def where(url: sa.URL) -> str:
    """The database as the user knows it: the file of an SQLite store, the URL (no password) otherwise."""
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return url.database
    return url.render_as_string(hide_password=True)


def store_error(exc: BaseException, url: sa.URL | str | None = None) -> EventAtlasError | None:
    """The coded error for a driver's error (raw, or wrapped by SQLAlchemy) that says the database is
    damaged (EA016) or the disk full (EA017); None for any other error."""
    orig = getattr(exc, "orig", None) or exc
    source = where(sa.engine.make_url(url)) if isinstance(url, str) else where(url) if url is not None else None
    text = " ".join(str(orig).split()) or type(orig).__name__
    if isinstance(orig, sqlite3.Error):
        return _sqlite_error(orig, text, source)
    sqlstate = getattr(orig, "sqlstate", None)  # psycopg's errors carry the SQLSTATE
    if sqlstate in _PG_FULL:
        return StorageFull(f"the database server's disk is full ({text})", source=source)
    if sqlstate in _PG_CORRUPT:
        return DatabaseCorrupt(f"the database server reports damaged data ({text})", source=source)
    return None


def _sqlite_error(orig: sqlite3.Error, text: str, source: str | None) -> EventAtlasError | None:
    code, name = getattr(orig, "sqlite_errorcode", None), getattr(orig, "sqlite_errorname", "")
    if code is None:  # Python 3.10's sqlite3 has no result codes: the messages are SQLite's own, stable
        lowered = text.lower()
        code = (_SQLITE_NOTADB if "file is not a database" in lowered else
                _SQLITE_CORRUPT if "malformed" in lowered else _SQLITE_FULL if "disk is full" in lowered else 0)
        name = "SQLITE_IOERR_WRITE" if "disk i/o error" in lowered else ""
    if code & 0xFF == _SQLITE_NOTADB:
        return DatabaseCorrupt(f"not an SQLite database, or its first page is damaged ({text})", source=source)
    if code & 0xFF == _SQLITE_CORRUPT:
        return DatabaseCorrupt(f"the database file is damaged ({text})", source=source)
    if code & 0xFF == _SQLITE_FULL:
        return StorageFull(f"the disk or the database is full ({text})", source=source)
    if name in _SQLITE_WRITE_IOERRS:
        return StorageFull(f"a write to the database was refused ({text}): the disk is full, over a quota or "
                           "a file-size limit, or failing", source=source)
    return None


def _coded_errors(context) -> None:
    """``handle_error`` hook: raise the coded error in place of the driver's (after SQLAlchemy's cleanup)."""
    url = context.engine.url if context.engine is not None else None
    coded = store_error(context.original_exception, url)
    if coded is not None:
        raise coded from context.sqlalchemy_exception or context.original_exception


def make_engine(url: str | None = None) -> sa.Engine:
    url = normalise_url(url)
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise BadDatabaseUrl(f"not a database URL: {url!r}") from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(parsed, connect_args={"timeout": 30})
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    elif parsed.get_backend_name() == "postgresql":
        engine = sa.create_engine(parsed, pool_pre_ping=True)
    else:
        raise BadDatabaseUrl(f"unsupported database {parsed.get_backend_name()!r}")
    sa.event.listen(engine, "handle_error", _coded_errors)
    return engine


def check_db(engine: sa.Engine) -> None:
    """``PRAGMA quick_check`` on an SQLite store (every page read and its structure checked);
    raises ``DatabaseCorrupt`` naming the first problem. PostgreSQL: nothing (the server checks its pages)."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as conn:
        problems = [row[0] for row in conn.exec_driver_sql("PRAGMA quick_check(5)")]
    if problems != ["ok"]:
        first = " ".join(problems[0].replace("*** in database main ***", "").split()) if problems else "no answer"
        raise DatabaseCorrupt(f"the database file is damaged (quick_check: {first})", source=where(engine.url))


def _small_sqlite_file(engine: sa.Engine) -> bool:
    name = engine.url.database if engine.dialect.name == "sqlite" else None
    if not name or name == ":memory:":
        return False
    try:
        return os.path.getsize(name) <= FULL_CHECK_MAX_BYTES
    except OSError:  # not created yet
        return False


def open_db(url: str | None = None) -> sa.Engine:
    """An engine on a database migrated to the latest schema. An SQLite file up to
    ``FULL_CHECK_MAX_BYTES`` is checked in full first, so a damaged store is refused before any write."""
    engine = make_engine(url)
    try:
        if _small_sqlite_file(engine):
            check_db(engine)
        migrate(engine)
    except sa.exc.OperationalError as exc:
        engine.dispose()
        raise DatabaseUnavailable(str(exc.orig).strip().splitlines()[0], source=engine.url.render_as_string()) from exc
    except BaseException:
        engine.dispose()
        raise
    return engine
