"""The map page in a real browser (Debian's chromium through Playwright), over the demo data."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

expect = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed").expect

from tests.browser.conftest import SEED, screenshot

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshot.png"
MARKERS = "path.ea-marker"
CLUSTERS = "path.ea-cluster"


def load(page, hash_=""):
    page.goto(page.base + "/" + hash_)
    # Waits use locators, not wait_for_function: the page's CSP forbids the eval that polling needs.
    page.wait_for_selector(f"{MARKERS}, {CLUSTERS}")
    page.wait_for_selector("#histogram rect.bar")
    page.wait_for_selector("#map:not([data-loading])", state="attached")


def markers(page) -> int:
    """Events drawn once the map's latest request has been answered: single markers, plus the events
    each numbered circle groups at low zoom."""
    page.wait_for_selector("#map:not([data-loading])", state="attached")
    grouped = sum(int(n) for n in page.locator(CLUSTERS).evaluate_all("els => els.map(e => e.getAttribute('data-count'))"))
    return page.locator(MARKERS).count() + grouped


def test_the_page_shows_a_marker_for_every_located_event(page, api):
    load(page)
    expected = api("/api/map", {"statements": "false"})
    assert expected["mode"] == "points"
    assert markers(page) == expected["total"] > 20
    assert page.locator("#legend").get_by_role("link", name="GeoNames").get_attribute("href").startswith("https://www.geonames.org")
    assert page.locator("#legend-types li").count() >= 6


def test_brushing_the_timeline_reduces_the_markers(page):
    load(page)
    before = markers(page)
    box = page.locator("#histogram").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.8, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 12, y, steps=8)
    page.mouse.up()
    expect(page).to_have_url(re.compile("since="))
    after = markers(page)
    assert 0 < after < before
    assert page.input_value("#f-since") != ""
    page.click("#brush-clear")
    assert markers(page) == before


def test_filtering_by_certainty_changes_the_markers(page, api):
    load(page)
    before = markers(page)
    page.uncheck("#f-certainty input[value=reported]")
    expect(page).to_have_url(re.compile("cert="))
    kept = ["asserted", "claimed", "alleged", "speculative"]
    expected = api("/api/map", [("statements", "false")] + [("certainty", c) for c in kept])["total"]
    assert markers(page) == expected
    assert expected < before


def test_the_view_state_survives_a_reload(page):
    load(page, "#map=4/14/0&cert=reported&min=1")
    assert not page.is_checked("#f-certainty input[value=alleged]")
    assert page.is_checked("#f-certainty input[value=reported]")
    assert page.evaluate("location.hash").startswith("#map=4/")


def _open_event_by_marker(page, event_id):
    """A click on the event's marker, or on its row in the list when a numbered circle groups it."""
    marker = page.locator(f'path[data-event="{event_id}"]')
    if marker.count():
        marker.dispatch_event("click")
    else:
        page.locator(f'#list-body tr[data-event="{event_id}"]').click()
    page.wait_for_selector("#panel .article")


@pytest.mark.skipif(not SEED.exists(), reason=f"the shared seed article is absent ({SEED})")
def test_the_helicopter_event_highlights_its_fatalities_evidence(page, api):
    events = api("/api/events", {"q": "cinq passagers"})["events"]
    helicopter = next(e for e in events if e["fatalities"] and "cinq passagers" in e["fatalities"]["text"])
    load(page, "#map=6/34.5/44.5")
    _open_event_by_marker(page, helicopter["id"])
    assert page.locator("#panel .badge").text_content() == helicopter["certainty"]
    marked = "".join(page.locator("#panel .article mark.ea-fatalities").all_text_contents())
    assert "cinq passagers" in marked
    assert "fatalities" in page.locator("#panel .article mark.ea-fatalities").first.get_attribute("data-fields")
    _screenshot(page)


def test_article_text_is_never_parsed_as_html(page, api):
    load(page)
    event = api("/api/events", {"limit": 1, "statements": "false"})["events"][0]
    page.goto(page.base + f"/#event={event['id']}")  # same page, new hash: the page follows it
    page.wait_for_selector("#panel .article")
    assert page.locator("#panel .article script, #panel .article img, #panel .article a").count() == 0
    text = api(f"/api/events/{event['id']}")["documents"][0]["text"]
    assert page.locator("#panel .article").first.text_content() == text


def test_screenshot_of_the_demo(page, api):
    """docs/screenshot.png (written when missing, or rewritten with EVENTATLAS_UPDATE_SCREENSHOT=1):
    the map with an event open; the helicopter test takes it when the seed is there."""
    if SEED.exists():
        pytest.skip("taken by the helicopter test, with the seed article open")
    load(page)
    event = next(e for e in api("/api/events", {"statements": "false"})["events"] if e["fatalities"])
    _open_event_by_marker(page, event["id"])
    _screenshot(page)


def _screenshot(page):
    screenshot(page, SCREENSHOT)
