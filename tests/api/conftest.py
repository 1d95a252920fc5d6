"""API fixtures: a real SQLite store filled by the real ingest of four short dispatches (two
outlets reporting one Kirkuk bombing, a Lagos protest, a Goma clash), and TestClients over it."""
from __future__ import annotations

import json
import shutil
import warnings

import pytest

pytest.importorskip("fastapi", reason="the API needs fastapi (pip install fastapi uvicorn httpx)")
with warnings.catch_warnings():
    # Recent Starlette nudges TestClient users from httpx to httpx2; httpx works and is what we pin.
    warnings.filterwarnings("ignore", message=".*starlette.testclient.*")
    import fastapi.testclient  # noqa: F401

DISPATCHES = [
    {"id": "t-kirkuk-a", "lang": "en", "outlet": "Test Wire", "published": "2023-05-03",
     "title": "Bomb kills four in Kirkuk",
     "text": "A roadside bomb killed four soldiers near Kirkuk on Tuesday, police said. "
             "The device struck an army patrol on the road to Hawija."},
    {"id": "t-kirkuk-b", "lang": "en", "outlet": "Other Daily", "published": "2023-05-03", "title": "Kirkuk blast",
     "text": "Four Iraqi soldiers were killed on Tuesday when a roadside bomb hit their patrol near Kirkuk, "
             "security sources said."},
    {"id": "t-lagos", "lang": "en", "outlet": "Test Wire", "published": "2023-06-10", "title": "Protest in Lagos",
     "text": "Hundreds of traders protested peacefully in Lagos on Friday against new market fees, "
             "marching to the governor's office."},
    {"id": "t-goma", "lang": "fr", "outlet": "Radio Kivu", "published": "2023-07-02", "title": "Goma",
     "text": "Des combattants du M23 auraient attaqué samedi une position de l'armée congolaise près de Goma, "
             "selon des habitants. Trois militaires auraient été tués."},
]


@pytest.fixture(scope="session")
def store_file(tmp_path_factory):
    """The filled SQLite file (built once; tests that write get their own copy)."""
    from eventatlas.store.db import open_db
    from eventatlas.pipeline_run import ingest_paths
    base = tmp_path_factory.mktemp("api-store")
    source = base / "dispatches.jsonl"
    source.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in DISPATCHES), encoding="utf-8")
    path = base / "store.sqlite"
    engine = open_db(f"sqlite:///{path}")
    summary = ingest_paths([str(source)], engine)
    assert summary["documents_stored"] == len(DISPATCHES), summary
    with engine.begin() as conn:  # everything into the main file, so that a copy of it is complete
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


def _client(url: str, **kwargs):
    from fastapi.testclient import TestClient

    from eventatlas.api import create_app
    return TestClient(create_app(url, **kwargs))


@pytest.fixture(scope="session")
def client(store_file):
    """A read-only client (no token: writes off) over the shared store."""
    return _client(f"sqlite:///{store_file}", token="")


@pytest.fixture
def make_client(store_file, tmp_path):
    """make_client(token=...) -> a client over a private copy of the store, for tests that write."""
    def _make(**kwargs):
        copy = tmp_path / "store.sqlite"
        if not copy.exists():
            shutil.copy(store_file, copy)
        return _client(f"sqlite:///{copy}", **kwargs)
    return _make


@pytest.fixture(scope="session")
def all_events(client):
    return client.get("/api/events", params={"limit": 500}).json()["events"]
