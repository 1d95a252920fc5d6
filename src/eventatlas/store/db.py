"""Engines from URLs: SQLite (WAL, the default, one file in the user's data dir) or PostgreSQL."""
from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from eventatlas.store.errors import BadDatabaseUrl, DatabaseUnavailable
from eventatlas.store.migrations import migrate


def default_db_url() -> str:
    from platformdirs import user_data_dir
    return f"sqlite:///{Path(user_data_dir('eventatlas')) / 'eventatlas.sqlite'}"


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
        return engine
    if parsed.get_backend_name() == "postgresql":
        return sa.create_engine(parsed, pool_pre_ping=True)
    raise BadDatabaseUrl(f"unsupported database {parsed.get_backend_name()!r}")


def open_db(url: str | None = None) -> sa.Engine:
    """An engine on a database migrated to the latest schema."""
    engine = make_engine(url)
    try:
        migrate(engine)
    except sa.exc.OperationalError as exc:
        raise DatabaseUnavailable(str(exc.orig).strip().splitlines()[0], source=engine.url.render_as_string()) from exc
    return engine
