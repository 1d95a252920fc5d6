"""The API under attack: stored XSS comes back as plain JSON strings, SQL injection through every
/api/events filter fails safely, and writes need the bearer token."""
from __future__ import annotations

import warnings
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the API needs fastapi")
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*starlette.testclient.*")
    from fastapi.testclient import TestClient

from .support import tried, typed

TOKEN = "reliability-token"
XSS_TITLE = '<img src=x onerror="alert(1)"><script>alert("title")</script>'
XSS_URL = "javascript:alert(document.cookie)"
XSS_TEXT = ("A roadside bomb killed four soldiers near Kirkuk on Tuesday, police said. "
            "<script>fetch('/steal?c='+document.cookie)</script> <a href=\"javascript:alert(2)\">details</a> "
            "<b onmouseover=alert(3)>bold</b>")
OTHER = {"text": "Hundreds of traders protested peacefully in Lagos on Friday against new market fees.",
         "published": "2023-06-10", "outlet": "Wire", "lang": "en"}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from eventatlas.api import create_app
    path = tmp_path_factory.mktemp("reliability-api") / "store.sqlite"
    client = TestClient(create_app(f"sqlite:///{path}", token=TOKEN))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for body in ({"id": "xss", "text": XSS_TEXT, "title": XSS_TITLE, "url": XSS_URL, "outlet": "<i>Evil</i>",
                  "published": "2023-05-03", "lang": "en"}, OTHER):
        tried()
        response = client.post("/api/documents", json=body, headers=auth)
        assert response.status_code == 201, response.text
    return client, path


def test_stored_xss_comes_back_as_plain_json_strings(store):
    client, _ = store
    doc = client.get("/api/documents/xss")
    assert doc.status_code == 200 and doc.headers["content-type"].startswith("application/json")
    document = doc.json()["document"]
    assert document["text"] == XSS_TEXT and document["title"] == XSS_TITLE and document["url"] == XSS_URL
    events = [e for e in client.get("/api/events", params={"limit": 500}).json()["events"]
              if "xss" in e["documents"]]
    assert events, "the XSS dispatch should still yield its bombing"
    detail = client.get(f"/api/events/{events[0]['id']}")
    assert detail.status_code == 200 and detail.headers["content-type"].startswith("application/json")
    stored = {d["id"]: d for d in detail.json()["documents"]}["xss"]
    assert stored["title"] == XSS_TITLE and stored["text"] == XSS_TEXT
    for span in detail.json()["evidence"]:  # evidence spans are slices of the text, markup included verbatim
        assert span["text"] is None or span["text"] in XSS_TEXT


def test_the_page_script_never_writes_html():
    script = (Path(__import__("eventatlas").__file__).parent / "web" / "static" / "app.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                 "setContent(", "bindPopup("):
        assert sink not in script, sink
    # links from stored URLs go through safeLink, which keeps only http(s)
    assert "safeLink(doc.url" in script and 'u.protocol === "http:" || u.protocol === "https:"' in script


INJECTIONS = ["'", "\"", "' OR 1=1 --", "\" OR \"1\"=\"1", "'; DROP TABLE events; --", "1; DROP TABLE documents",
              "%", "_", "\\", "') OR ('a'='a", "$.location", "*/ --", "\x00", "Kirkuk' --"]
STRING_FILTERS = ["country", "admin1", "event_type", "sub_event_type", "actor", "q", "certainty", "since_date",
                  "until_date", "bbox", "min_sources", "statements", "cursor", "limit"]


def _tables(path) -> set[str]:
    import sqlite3
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}


@pytest.mark.parametrize("param", STRING_FILTERS)
def test_sql_injection_through_every_filter_fails_safely(store, param):
    client, path = store
    before_tables = _tables(path)
    everything = {e["id"] for e in client.get("/api/events", params={"limit": 500}).json()["events"]}
    assert everything
    for payload in INJECTIONS:
        tried()
        response = client.get("/api/events", params={param: payload, "limit": 500} if param != "limit"
                              else {param: payload})
        assert response.status_code in (200, 400, 422), (param, payload, response.status_code, response.text)
        if response.status_code != 200:
            typed()
            continue
        got = {e["id"] for e in response.json()["events"]}
        assert got <= everything
        if param in ("country", "admin1", "event_type", "sub_event_type", "actor"):
            assert not got, (param, payload)  # no such value: nothing matches, not everything
        if param == "q" and payload not in ("%", "_", "\\"):  # LIKE wildcards must be literal too
            assert not got, (param, payload)
    for endpoint in ("/api/map", "/api/stats"):
        assert client.get(endpoint, params={"country": "' OR 1=1 --"}).status_code == 200
    assert _tables(path) == before_tables
    assert {e["id"] for e in client.get("/api/events", params={"limit": 500}).json()["events"]} == everything


def test_like_wildcards_in_text_search_are_literal(store):
    client, _ = store
    for payload in ("%", "_", "%%", "\\"):
        tried()
        assert client.get("/api/events", params={"q": payload}).json()["events"] == [], payload


def test_writes_need_the_bearer_token(store, tmp_path, monkeypatch):
    from eventatlas.api import create_app
    client, _ = store
    event_id = client.get("/api/events").json()["events"][0]["id"]
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"},
                    {"Authorization": f"Bearer {TOKEN}x"}, {"Authorization": "Bearer ' OR 1=1 --"}):
        tried()
        assert client.post("/api/documents", json=OTHER, headers=headers).status_code == 401
        assert client.delete(f"/api/events/{event_id}", headers=headers).status_code == 401
    # no token set anywhere: writes off, whatever the request carries
    off = TestClient(create_app(f"sqlite:///{tmp_path / 'off.sqlite'}"))
    for headers in ({}, {"Authorization": "Bearer "}, {"Authorization": f"Bearer {TOKEN}"}):
        tried()
        assert off.post("/api/documents", json=OTHER, headers=headers).status_code == 403
    # the token from the environment
    monkeypatch.setenv("EVENTATLAS_API_TOKEN", TOKEN)
    on = TestClient(create_app(f"sqlite:///{tmp_path / 'on.sqlite'}"))
    assert on.post("/api/documents", json=OTHER).status_code == 401
    assert on.post("/api/documents", json=OTHER, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 201


@pytest.mark.parametrize("body", [{"text": "   \n "}, {"text": "\x00\x01\x02"}, {"text": "🙂" * 50},
                                  {"text": "asdkj qwe zxc"}, {"text": "x", "published": "2023-02-31"}])
def test_hostile_posted_documents_get_a_coded_answer(store, body):
    client, _ = store
    tried()
    response = client.post("/api/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code in (201, 413, 422), (response.status_code, response.text)
    if response.status_code != 201:
        typed()
