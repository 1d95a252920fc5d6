"""Crash safety (issue 10): a run killed with SIGKILL, a damaged database file, a full disk.

Killed: `eventatlas ingest` SIGKILLed mid-run (SQLite and PostgreSQL), then run again, ends with the
store an uninterrupted run writes: the same documents, records, evidence and merged events, no row twice.
Damaged: a file of garbage, a truncated store, a store with a damaged page in the middle: ingest, export
and open_db answer EA016 naming the file, and write nothing into it.
Full: the OS refusing writes (a file-size limit, as on a full disk) or SQLite's own limit stops ingest
with EA017 and the count stored; what was stored stays, integrity_check passes, and a rerun with room
completes. Export to a full disk answers EA017 and leaves no half file behind."""
from __future__ import annotations

import hashlib
import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing

import pytest
import sqlalchemy as sa

from eventatlas.errors import DatabaseCorrupt, StorageFull
from eventatlas.store.db import normalise_url, open_db, store_error
from eventatlas.pipeline_run import ingest_paths
from eventatlas.store.repo import snapshot

from .support import crashed, lost, tried, typed

N_DOCS = 40
TOWNS = ["Kirkuk", "Mosul", "Tikrit", "Baqubah", "Ramadi", "Fallujah", "Samarra", "Baiji", "Haditha", "Hit"]


def write_dump(path, n=N_DOCS) -> None:
    """n short wire reports; towns repeat every ten, so some reports merge into one event."""
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            town = TOWNS[i % len(TOWNS)]
            day = 1 + (i // len(TOWNS)) * 2
            text = (f"Gunmen killed {2 + i % 7} soldiers in an attack near {town} on August {day}, 2021, "
                    f"police said. Report number {i}.")
            fh.write(json.dumps({"text": text, "outlet": ["AFP", "Reuters", "AP"][i % 3], "lang": "en",
                                 "published": f"2021-08-{day + 1:02d}"}) + "\n")


@pytest.fixture(scope="module")
def dump(tmp_path_factory):
    path = tmp_path_factory.mktemp("crash") / "dump.jsonl"
    write_dump(path)
    return path


@pytest.fixture(scope="module")
def reference(dump, tmp_path_factory):
    """(path, snapshot) of an SQLite store the dump was ingested into without interruption."""
    path = tmp_path_factory.mktemp("reference") / "reference.sqlite"
    engine = open_db(f"sqlite:///{path}")
    ingest_paths([dump], engine)
    snap = snapshot(engine)
    engine.dispose()  # the last connection closed: WAL checkpointed into the file and removed
    assert len(snap["documents"]) == N_DOCS and not os.path.exists(f"{path}-wal")
    return path, snap


def cli(*args) -> list[str]:
    return [sys.executable, "-m", "eventatlas.cli", *map(str, args)]


def env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("EVENTATLAS_")}


def count_documents(url: str) -> int:
    """Documents committed so far, read without creating, migrating or checking anything (the writer
    may be mid-way)."""
    try:
        if url.startswith("sqlite:///"):
            with closing(sqlite3.connect(f"file:{url[len('sqlite:///'):]}?mode=ro", uri=True, timeout=1)) as conn:
                return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        engine = sa.create_engine(normalise_url(url), poolclass=sa.pool.NullPool)
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT count(*) FROM documents")).scalar()
    except (sqlite3.Error, sa.exc.DBAPIError):  # not created yet, or locked for a moment
        return 0


def integrity(path) -> str:
    with closing(sqlite3.connect(path)) as conn:
        return " ".join(row[0] for row in conn.execute("PRAGMA integrity_check"))


def tally_lost(expected: dict, got: dict) -> int:
    missing = {d["id"] for d in expected["documents"]} - {d["id"] for d in got["documents"]}
    lost(len(missing))
    return len(missing)


def assert_one_coded_line(stderr: str, code: str, source) -> str:
    """The run ended with one coded error line naming ``source``, and no traceback."""
    if "Traceback" in stderr:
        crashed()
    assert "Traceback" not in stderr, stderr
    line = stderr.strip().splitlines()[-1]
    assert line.startswith(f"error: {code} {source}: "), stderr
    typed()
    return line


# --- killed --------------------------------------------------------------------------------------

@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_ingest_killed_with_sigkill_resumes_to_the_uninterrupted_store(backend, dump, reference, tmp_path, request):
    if backend == "sqlite":
        url, expected = f"sqlite:///{tmp_path / 'killed.sqlite'}", reference[1]
    else:
        new_url = request.getfixturevalue("new_postgresql_url")
        url, reference_url = new_url(), new_url()
        reference_engine = open_db(reference_url)
        ingest_paths([dump], reference_engine)
        expected = snapshot(reference_engine)
        reference_engine.dispose()
    tried()
    proc = subprocess.Popen(cli("ingest", dump, "--db", url, "--quiet"), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=env())
    deadline = time.monotonic() + 120
    while count_documents(url) < 5 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    at_kill = count_documents(url)
    assert 0 < at_kill < N_DOCS, f"the kill should land mid-run (stored {at_kill} of {N_DOCS})"

    summary = ingest_paths([dump], url)
    engine = open_db(url)
    got = snapshot(engine)
    engine.dispose()
    assert tally_lost(expected, got) == 0
    assert summary["documents_unchanged"] == at_kill and summary["documents_stored"] == N_DOCS - at_kill
    assert [len(got[t]) for t in got] == [len(expected[t]) for t in expected]  # no row twice, none missing
    assert got == expected


# --- damaged -------------------------------------------------------------------------------------

def damage(kind: str, source, path) -> None:
    """A damaged copy of the store ``source`` at ``path``."""
    if kind == "garbage":
        path.write_bytes(random.Random(7).randbytes(64 * 1024))
        return
    shutil.copyfile(source, path)
    if kind == "truncated":
        os.truncate(path, os.path.getsize(path) // 2)
        return
    # A page of the events table from the middle of the file, its b-tree header overwritten: found by the
    # check on open, and by any read that reaches the page (export reads every event).
    with closing(sqlite3.connect(path)) as conn:
        pages = [n for (n,) in conn.execute("SELECT pageno FROM dbstat WHERE name = 'events' ORDER BY pageno")]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    page = pages[len(pages) // 2]
    with open(path, "r+b") as fh:
        fh.seek((page - 1) * page_size)
        fh.write(random.Random(7).randbytes(256))


@pytest.mark.parametrize("kind", ["garbage", "truncated", "damaged page"])
def test_a_damaged_store_is_refused_with_ea016_naming_the_file(kind, dump, reference, tmp_path):
    path = tmp_path / "damaged.sqlite"
    damage(kind, reference[0], path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()

    tried()
    with pytest.raises(DatabaseCorrupt) as info:
        open_db(f"sqlite:///{path}")
    typed()
    assert info.value.code == "EA016" and str(path) in str(info.value) and "\n" not in str(info.value)

    tried()
    ingest = subprocess.run(cli("ingest", dump, "--db", path, "--quiet"), capture_output=True, text=True,
                            env=env(), timeout=120)
    assert ingest.returncode != 0
    assert_one_coded_line(ingest.stderr, "EA016", path)

    tried()
    out = tmp_path / "events.jsonl"
    export = subprocess.run(cli("export", "--db", path, "-o", out), capture_output=True, text=True, env=env(),
                            timeout=120)
    assert export.returncode != 0
    assert_one_coded_line(export.stderr, "EA016", path)
    assert not out.exists()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before, "nothing may be written into a damaged store"


def test_a_damaged_page_is_found_by_export_even_past_the_open_check(reference, tmp_path, monkeypatch):
    """Stores over FULL_CHECK_MAX_BYTES are not checked on open: the read that reaches the page reports it."""
    from eventatlas.export import export
    from eventatlas.store import db
    path = tmp_path / "damaged.sqlite"
    damage("damaged page", reference[0], path)
    monkeypatch.setattr(db, "FULL_CHECK_MAX_BYTES", 0)
    engine = open_db(f"sqlite:///{path}")
    tried()
    with pytest.raises(DatabaseCorrupt) as info:
        export(engine, "jsonl", tmp_path / "events.jsonl")
    typed()
    assert str(path) in str(info.value) and not (tmp_path / "events.jsonl").exists()
    engine.dispose()


def test_postgresql_damage_and_full_disk_are_coded_too():
    """The server's own SQLSTATEs (its disk full; data or index corrupted), as psycopg raises them."""
    import psycopg.errors as pg
    url = "postgresql://ea:secret@db.example:5432/events"
    for error, coded in ((pg.DiskFull("could not extend file: No space left on device"), StorageFull),
                         (pg.DataCorrupted("invalid page in block 7"), DatabaseCorrupt),
                         (pg.IndexCorrupted("index is corrupted"), DatabaseCorrupt)):
        tried()
        found = store_error(error, url)
        assert isinstance(found, coded) and "secret" not in str(found), found
        typed()
    assert store_error(pg.UniqueViolation("duplicate key"), url) is None


# --- full ----------------------------------------------------------------------------------------

def file_size_limit(limit: int):
    """preexec_fn: no file of the child may grow past ``limit`` bytes; writes past it fail (EFBIG)
    instead of the default SIGXFSZ killing the process: what a full disk looks like to a program."""
    def _apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
    return _apply


def assert_full_then_resumed(path, stored: int, dump, reference) -> None:
    """What a full disk left: ``stored`` documents, a sound file; a rerun with room completes the store."""
    assert 0 < stored < N_DOCS, f"the disk should fill mid-run (stored {stored} of {N_DOCS})"
    assert count_documents(f"sqlite:///{path}") == stored
    assert integrity(path) == "ok"
    summary = ingest_paths([dump], f"sqlite:///{path}")
    engine = open_db(f"sqlite:///{path}")
    got = snapshot(engine)
    engine.dispose()
    assert tally_lost(reference[1], got) == 0
    assert summary["documents_unchanged"] == stored and summary["documents_stored"] == N_DOCS - stored
    assert got == reference[1]


def test_ingest_on_a_full_disk_stops_with_ea017_and_a_rerun_completes(dump, reference, tmp_path):
    path = tmp_path / "full.sqlite"
    tried()
    run = subprocess.run(cli("ingest", dump, "--db", path, "--quiet"), capture_output=True, text=True, env=env(),
                         timeout=120, preexec_fn=file_size_limit(512 * 1024))
    assert run.returncode != 0
    line = assert_one_coded_line(run.stderr, "EA017", path)
    assert "run the same command again" in line, line  # EA017's hint: a rerun resumes
    stored = int(line.split("stopped after storing ")[1].split()[0])
    assert_full_then_resumed(path, stored, dump, reference)


def test_sqlite_full_stops_ingest_with_ea017(dump, reference, tmp_path):
    """SQLITE_FULL, as a disk with no space left (ENOSPC) gives it: here SQLite's own page limit."""
    path = tmp_path / "full.sqlite"
    engine = open_db(f"sqlite:///{path}")
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    engine.dispose()  # reconnect with the limit set on every connection
    sa.event.listen(engine, "connect", lambda conn, _: conn.execute(f"PRAGMA max_page_count = {pages + 60}"))
    tried()
    with pytest.raises(StorageFull) as info:
        ingest_paths([dump], engine)
    typed()
    engine.dispose()
    message = str(info.value)
    assert message.startswith(f"EA017 {path}: ") and "database or disk is full" in message
    stored = int(message.split("stopped after storing ")[1].split()[0])
    assert_full_then_resumed(path, stored, dump, reference)


def test_export_to_a_full_disk_answers_ea017_and_leaves_the_old_file(reference, tmp_path):
    out = tmp_path / "events.jsonl"
    out.write_text("the previous export\n", encoding="utf-8")
    tried()
    # 40 KiB: room for SQLite's 32 KiB shared-memory file, not for the export (well over 40 KiB).
    run = subprocess.run(cli("export", "--db", reference[0], "-o", out), capture_output=True, text=True,
                         env=env(), timeout=120, preexec_fn=file_size_limit(40 * 1024))
    assert run.returncode != 0
    assert_one_coded_line(run.stderr, "EA017", out)
    assert "events exported" not in run.stderr
    assert out.read_text(encoding="utf-8") == "the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.jsonl"], "no temporary file left behind"
