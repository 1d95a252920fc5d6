"""/docs, /redoc and / load nothing from another host; CORS is closed unless asked for."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[2] / "src" / "eventatlas" / "web" / "static"


def external_refs(html: str) -> list[str]:
    return re.findall(r"""(?:src|href)\s*=\s*["']((?:https?:)?//[^"']*)""", html)


@pytest.mark.parametrize("path", ["/docs", "/redoc", "/"])
def test_pages_load_only_local_assets(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.text
    scripts = re.findall(r"""<script[^>]*\bsrc\s*=\s*["']([^"']*)""", html)
    assert scripts and all(s.startswith("/static/") for s in scripts), scripts
    stylesheets = re.findall(r"""<link[^>]*\bhref\s*=\s*["']([^"']*)""", html)
    assert all(not s.startswith(("http:", "https:", "//")) for s in stylesheets), stylesheets
    assert "fonts.googleapis" not in html and "cdn.jsdelivr" not in html
    for url in scripts + [s for s in stylesheets if s.startswith("/static/")]:
        assert client.get(url).status_code == 200, url


def test_the_page_forbids_inline_script_and_other_hosts(client):
    policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'self';" in policy and "connect-src 'self'" in policy


def test_openapi_lists_the_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/events", "/api/events/{event_id}", "/api/documents/{document_id}", "/api/documents",
            "/api/stats", "/api/export", "/api/map"} <= set(paths)


def test_vendored_assets_record_versions_and_licences():
    versions = (STATIC / "vendor" / "VERSIONS.md").read_text(encoding="utf-8")
    for package in ("leaflet", "world-atlas", "topojson-client", "swagger-ui-dist", "redoc"):
        assert f"[{package}]" in versions
        assert any((STATIC / "vendor").glob("*/LICENSE"))
    redoc = (STATIC / "vendor" / "redoc" / "redoc.standalone.js").read_text(encoding="utf-8")
    assert "cdn.redoc.ly" not in redoc


def test_the_page_script_never_writes_html(client):
    script = (STATIC / "app.js").read_text(encoding="utf-8")
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script and "document.write" not in script


def test_cors_is_closed_by_default(client):
    response = client.get("/api/events", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in response.headers


def test_cors_opens_for_named_origins(make_client):
    client = make_client(cors_origins=("https://ok.example",))
    ok = client.get("/api/events", headers={"Origin": "https://ok.example"})
    assert ok.headers["access-control-allow-origin"] == "https://ok.example"
    other = client.get("/api/events", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in other.headers
