"""Hostile feeds: entity expansion, external entities, gzip bombs and oversized feeds are stopped
with a coded error or read harmlessly; a local HTTP server stands in for the network."""
from __future__ import annotations

import gzip
import http.server
import threading
import time
from contextlib import contextmanager

import pytest

from eventatlas.errors import EventAtlasError
from eventatlas.model import Document
from eventatlas.ingest.feeds import FeedCache, read_feed

from .support import tried, typed

EN = "A roadside bomb killed four soldiers near Kirkuk on Tuesday, police said."


def rss(description: str, doctype: str = "") -> str:
    return (f'<?xml version="1.0"?>{doctype}<rss version="2.0"><channel><title>Wire</title>'
            f"<item><title>{EN}</title><description>{description}</description></item></channel></rss>")


LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
          + "]>")


def outcomes(location: str, **options) -> list:
    items = list(read_feed(location, **options))
    tried(max(1, len(items)))
    for item in items:
        if isinstance(item, EventAtlasError):
            typed()
            assert item.code == "EA014" and "\n" not in str(item)
        else:
            assert isinstance(item, Document)
    return items


def test_billion_laughs_is_not_expanded(tmp_path):
    path = tmp_path / "laughs.xml"
    path.write_text(rss("&lol9;", LAUGHS), encoding="utf-8")
    t0 = time.perf_counter()
    items = outcomes(str(path))
    assert time.perf_counter() - t0 < 10
    for item in items:
        if isinstance(item, Document):
            assert len(item.text) < 1000 and "lollollol" not in item.text


def test_external_entities_are_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-42", encoding="utf-8")
    path = tmp_path / "xxe.xml"
    path.write_text(rss("Police said &xxe; today.", f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'),
                    encoding="utf-8")
    items = outcomes(str(path))
    assert items and not any("TOPSECRET" in getattr(i, "text", "") for i in items)


def test_an_oversized_feed_file_is_refused_with_a_code(tmp_path):
    path = tmp_path / "huge.xml"
    path.write_text(rss(EN * 2000), encoding="utf-8")  # ~150 KB
    items = outcomes(str(path), max_document_bytes=10_000)
    assert len(items) == 1 and isinstance(items[0], EventAtlasError) and "larger than 40000 bytes" in str(items[0])


# --- over HTTP ----------------------------------------------------------------------------------------

@contextmanager
def serve(routes: dict[str, dict]):
    """A local HTTP server: path -> {"body": bytes, "headers": {...}}; records the request headers."""
    seen: list[dict] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            seen.append(dict(self.headers))
            route = routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            if route.get("etag") and self.headers.get("If-None-Match") == route["etag"]:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            for k, v in {**route.get("headers", {}), **({"ETag": route["etag"]} if route.get("etag") else {})}.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(route["body"])))
            self.end_headers()
            self.wfile.write(route["body"])

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


def test_a_gzip_bomb_stops_at_the_limit():
    bomb = gzip.compress(b"<rss>" + b" " * 200_000_000, compresslevel=9)  # ~200 KB that inflate to 200 MB
    with serve({"/bomb.xml": {"body": bomb, "headers": {"Content-Encoding": "gzip",
                                                         "Content-Type": "application/rss+xml"}}}) as (base, _):
        t0 = time.perf_counter()
        items = outcomes(f"{base}/bomb.xml", max_document_bytes=1_000_000)
        assert time.perf_counter() - t0 < 10
    assert len(items) == 1 and "larger than 4000000 bytes" in str(items[0])


def test_a_gzipped_feed_is_read():
    body = gzip.compress(rss(EN).encode())
    with serve({"/wire.xml": {"body": body, "headers": {"Content-Encoding": "gzip"}}}) as (base, seen):
        items = outcomes(f"{base}/wire.xml")
    assert [i.text.splitlines()[0] for i in items] == [EN]
    assert "gzip" in seen[0].get("Accept-Encoding", "")


def test_http_errors_and_dead_servers_are_coded():
    with serve({}) as (base, _):
        missing = outcomes(f"{base}/nothing.xml")
    assert len(missing) == 1 and "HTTP 404" in str(missing[0])
    dead = outcomes(base + "/gone.xml")  # the server is shut down now
    assert len(dead) == 1 and "cannot fetch" in str(dead[0])


def test_an_unchanged_feed_is_not_downloaded_again():
    cache = FeedCache()
    with serve({"/wire.xml": {"body": rss(EN).encode(), "etag": '"v1"'}}) as (base, seen):
        first = outcomes(f"{base}/wire.xml", cache=cache)
        second = list(read_feed(f"{base}/wire.xml", cache=cache))
    assert len(first) == 1 and second == []
    assert seen[1].get("If-None-Match") == '"v1"'


def test_watch_sends_the_validators_back_on_the_next_poll(tmp_path):
    from eventatlas.pipeline_run import watch
    with serve({"/wire.xml": {"body": rss(EN).encode(), "etag": '"v1"'}}) as (base, seen):
        polls = list(watch([f"{base}/wire.xml"], 0, f"sqlite:///{tmp_path}/w.sqlite", max_polls=2,
                           sleep=lambda s: None))
    tried(2)
    assert [p["documents_read"] for p in polls] == [1, 0] and polls[0]["documents_stored"] == 1
    assert "If-None-Match" not in seen[0] and seen[1]["If-None-Match"] == '"v1"'
