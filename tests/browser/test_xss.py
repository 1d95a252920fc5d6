"""Stored XSS, in a real browser: an article whose text, title, outlet and URL carry scripts, event
handlers and javascript: links is shown as inert text. Every payload would set window.__xss or open
a dialog if it ran; the page must show the markup literally and run none of it."""
from __future__ import annotations

import pytest

from reliability.support import TALLY, tried

from .conftest import serving

TOKEN = "xss-token"
PAYLOADS = {
    "text": ("A roadside bomb killed four soldiers near Kirkuk on Tuesday, police said. "
             "<script>window.__xss = 'text-script'; alert(1)</script> "
             "<img src=x onerror=\"window.__xss = 'text-img'\"> "
             "<a href=\"javascript:window.__xss = 'text-link'\">details</a> "
             "<iframe srcdoc=\"<script>parent.__xss = 'iframe'</script>\"></iframe> "
             "<b onmouseover=\"window.__xss = 'hover'\">bold</b> &lt;escaped&gt; &amp; done."),
    "title": "<img src=x onerror=\"window.__xss = 'title'\"><script>window.__xss = 'title-script'</script>Kirkuk",
    "outlet": "<svg onload=\"window.__xss = 'outlet'\"></svg>Evil Wire",
    "url": "javascript:window.__xss = 'url'",
}


@pytest.fixture(scope="module")
def xss_server(tmp_path_factory):
    import httpx

    from eventatlas.api import create_app
    db = f"sqlite:///{tmp_path_factory.mktemp('xss')}/xss.sqlite"
    with serving(create_app(db, token=TOKEN)) as base:
        response = httpx.post(base + "/api/documents", json={**PAYLOADS, "published": "2024-05-07", "lang": "en"},
                              headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120)
        assert response.status_code == 201, response.text
        tried(len(PAYLOADS))
        yield base, response.json()


def test_stored_markup_is_shown_as_text_and_never_runs(browser, xss_server):
    base, stored = xss_server
    assert stored["new"], "the dispatch should yield its bombing"
    context = browser.new_context(viewport={"width": 1400, "height": 850})
    page = context.new_page()
    page.set_default_timeout(15000)
    dialogs, errors, outside = [], [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((base, "data:")) else None)
    try:
        page.goto(f"{base}/#event={stored['new'][0]}")
        page.wait_for_selector("#panel .article")
        page.locator("#panel").hover()
        for b in page.locator("#panel b").all():
            b.hover()  # an onmouseover that had become a handler would fire now
        page.wait_for_timeout(300)
        executed = page.evaluate("() => window.__xss === undefined ? null : String(window.__xss)")
        panel = page.locator("#panel")
        injected = panel.locator("script, img, iframe, svg, [onerror], [onload], [onmouseover]").count()
        links = [a.get_attribute("href") or "" for a in panel.locator("a").all()]
        shown = panel.text_content()
    finally:
        context.close()
    ran = int(executed is not None) + len(dialogs) + injected + sum(h.strip().lower().startswith("javascript:")
                                                                      for h in links)
    TALLY["xss"] += ran
    assert executed is None and dialogs == [], (executed, dialogs)
    assert injected == 0, "markup from the store became elements"
    assert not any(h.strip().lower().startswith("javascript:") for h in links), links
    assert PAYLOADS["title"] in shown and "<script>window.__xss = 'text-script'" in shown
    assert "Evil Wire" in shown and "<svg" in shown
    assert errors == [] and outside == [], (errors, outside)
