"""Browser fixtures: the demo database (bundled sample, plus the shared seed article when
../shared/seed exists) served by uvicorn in a thread on 127.0.0.1, and Debian's chromium driven
by Playwright. Every test is skipped, with the reason, when chromium or playwright is missing."""
from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "seed" / "iraq-2021-07-fr.txt"


def pytest_collection_modifyitems(config, items):
    reason = None
    if not CHROMIUM.exists():
        reason = f"no chromium at {CHROMIUM} (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "the playwright package is not installed (pip install playwright)"
    if reason:
        here = Path(__file__).parent
        for item in items:
            if here in Path(str(item.fspath)).parents:
                item.add_marker(pytest.mark.skip(reason=reason))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    from eventatlas.demo import build_demo_db
    extra = [str(SEED)] if SEED.exists() else []
    summary = build_demo_db(extra, tmp_path_factory.mktemp("demo"))
    assert summary["documents_stored"] >= 30, summary
    return summary["db"]


@contextmanager
def serving(app):
    """Base URL of ``app`` served by uvicorn in a thread on 127.0.0.1, until the block ends."""
    import uvicorn
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="session")
def server(demo_db):
    """Base URL of the app over the demo database."""
    from eventatlas.api import create_app
    with serving(create_app(demo_db, token="")) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextmanager
def watched_page(browser, base, viewport=(1400, 850)):
    """A fresh page on ``base``; fails the test on any request to another host or any script error."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    page.set_default_timeout(15000)
    outside, errors = [], []
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith((base, "data:", "blob:" + base)) else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.base = base
    try:
        yield page
    finally:
        context.close()
    assert outside == [], f"requests to other hosts: {outside}"
    assert errors == [], f"errors in the page: {errors}"


@pytest.fixture
def page(browser, server):
    with watched_page(browser, server) as page:
        yield page


@pytest.fixture
def api(server):
    """api(path, params) -> JSON from the running server (what the page should show)."""
    import httpx

    def _get(path, params=None):
        response = httpx.get(server + path, params=params, timeout=30)
        response.raise_for_status()
        return response.json()
    return _get


def copy_screenshot(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def screenshot(page, target: Path) -> None:
    """A screenshot of the page, written to ``target`` (under docs/) when it is missing, or rewritten with
    EVENTATLAS_UPDATE_SCREENSHOT=1."""
    page.mouse.move(5, 5)  # no tooltip left open over the map
    page.wait_for_selector("#map:not([data-loading])", state="attached")
    with tempfile.TemporaryDirectory() as folder:
        shot = Path(folder) / target.name
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 20_000
        if os.environ.get("EVENTATLAS_UPDATE_SCREENSHOT") == "1" or not target.exists():
            copy_screenshot(shot, target)
