"""The map page's list of the events in view, its grouped markers and its details, and review mode
(accept, reject, edit from the keyboard), in a real browser over the demo data."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

expect = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed").expect

from tests.browser.conftest import SEED, screenshot, serving, watched_page
from tests.browser.test_map_page import CLUSTERS, MARKERS, load, markers

REVIEW_SHOT = Path(__file__).resolve().parents[2] / "docs" / "review.png"
TOKEN = "tok-ana"


def rows(page):
    page.wait_for_selector("#map:not([data-loading])", state="attached")
    return page.locator("#list-body tr[data-event]")


def column(page, index):
    return [t.strip() for t in rows(page).locator(f"td:nth-child({index})").all_text_contents()]


def _numbers(values):
    return [int(v) if v else -1 for v in values]


def test_the_list_shows_every_event_in_view_and_sorts(page):
    load(page, "#map=6/34.5/44.5")
    listed = rows(page).count()
    assert listed == markers(page) > 0
    dates = column(page, 1)
    assert dates == sorted(dates, reverse=True)  # newest first by default
    page.click("#list th button[data-sort=fatalities]")
    deaths = _numbers(column(page, 3))
    assert deaths == sorted(deaths, reverse=True) and deaths[0] > 0
    assert page.get_attribute("#list th:nth-child(3)", "aria-sort") == "descending"
    page.click("#list th button[data-sort=fatalities]")
    assert _numbers(column(page, 3)) == sorted(deaths)
    page.click("#list th button[data-sort=sources]")
    sources = _numbers(column(page, 4))
    assert sources == sorted(sources, reverse=True)


def test_a_click_or_the_keyboard_in_the_list_opens_the_detail(page, api):
    load(page)
    first = rows(page).first
    first_id = first.get_attribute("data-event")
    first.click()
    expect(page).to_have_url(re.compile(f"event={first_id}"))
    page.wait_for_selector("#panel .article")
    assert page.locator("#panel h2").is_visible()
    page.wait_for_timeout(400)  # the open panel narrows the map: let its refresh (and the list's) land
    first = rows(page).first
    second_id = rows(page).nth(1).get_attribute("data-event")
    first.focus()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.getAttribute('data-event')") == second_id
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"event={second_id}"))
    expect(page.locator("#list-body tr.open")).to_have_attribute("data-event", second_id)
    title = api(f"/api/events/{second_id}")["event"]["event_type"] or "Statement"
    expect(page.locator("#panel h2")).to_contain_text(title)


def test_markers_are_grouped_at_world_zoom_and_single_when_zoomed_in(page, api):
    load(page, "#map=2/20/20")
    clusters = page.locator(CLUSTERS)
    assert clusters.count() >= 1
    assert page.locator(MARKERS).count() + clusters.count() < api("/api/map", {"statements": "false"})["total"]
    assert markers(page) == api("/api/map", {"statements": "false"})["total"]  # grouped, none lost
    assert rows(page).count() == markers(page)  # the list names every grouped event
    box = page.locator(CLUSTERS).first.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # a group zooms in
    expect(page).not_to_have_url(re.compile(r"map=2/"))
    load(page, "#map=7/33.5/44.4")
    assert page.locator(CLUSTERS).count() == 0


@pytest.mark.skipif(not SEED.exists(), reason=f"the long seed article gives the detail a scroll ({SEED})")
def test_a_detail_opened_from_a_link_starts_at_its_heading(page, api):
    events = api("/api/events", {"q": "cinq passagers"})["events"]
    helicopter = next(e for e in events if e["fatalities"] and "cinq passagers" in e["fatalities"]["text"])
    page.goto(page.base + f"/#event={helicopter['id']}")
    page.wait_for_selector("#panel .article mark.ea-fatalities")
    page.wait_for_timeout(200)
    assert page.evaluate("() => document.getElementById('panel').scrollTop") == 0
    heading = page.locator("#panel h2").bounding_box()
    panel = page.locator("#panel").bounding_box()
    assert panel["y"] <= heading["y"] < panel["y"] + 80
    assert page.evaluate("() => document.getElementById('panel').scrollHeight > "
                         "document.getElementById('panel').clientHeight")  # there was somewhere to scroll to


# --- review mode ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def review_server(demo_db, tmp_path_factory):
    """The app over a copy of the demo database, with a named reviewer's token."""
    import sqlalchemy as sa

    from eventatlas.api import create_app
    engine = sa.create_engine(demo_db)
    with engine.begin() as conn:  # everything into the main file, so that the copy is complete
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    copy = tmp_path_factory.mktemp("review") / "review.sqlite"
    shutil.copy(sa.engine.make_url(demo_db).database, copy)
    with serving(create_app(f"sqlite:///{copy}", token="", tokens={"ana": TOKEN})) as base:
        yield base


@pytest.fixture
def rpage(browser, review_server):
    """A page on the review server (what the page asks the API, page.api asks too)."""
    import httpx
    with watched_page(browser, review_server, viewport=(1500, 900)) as page:
        page.api = lambda path, params=None: httpx.get(review_server + path, params=params, timeout=30).json()
        yield page


def start_review(page):
    page.goto(page.base + "/")
    page.wait_for_selector(f"{MARKERS}, {CLUSTERS}")
    page.keyboard.press("v")
    page.fill("#review-token", TOKEN)
    page.keyboard.press("Enter")
    page.wait_for_selector("#review-bar #rv-accept")
    expect(page.locator("#review-bar")).to_contain_text("Review queue: 1 of")
    expect(page.locator("#review-bar .help")).to_contain_text("a accept")
    return page.evaluate("() => window.eventatlas.currentEvent()")


def test_accept_from_the_keyboard_moves_to_the_next_event_of_the_queue(rpage):
    queue = rpage.api("/api/review/queue")
    event_id = start_review(rpage)
    assert event_id == queue["events"][0]["id"]  # the likeliest error first, with its doubts
    expect(rpage.locator("#review-bar .doubts li").first).to_have_text(queue["events"][0]["doubts"][0]["reason"])
    rpage.keyboard.press("a")
    expect(rpage.locator("#review-bar .message")).to_contain_text("accepted by ana")
    expect(rpage).not_to_have_url(re.compile(f"event={event_id}"))
    assert rpage.api(f"/api/events/{event_id}")["event"]["review"]["state"] == "accepted"
    assert rpage.evaluate("() => sessionStorage.getItem('eventatlas.reviewToken')") == TOKEN
    # j and k walk the queue; the token is not asked for again
    second = rpage.evaluate("() => window.eventatlas.currentEvent()")
    rpage.keyboard.press("j")
    expect(rpage).not_to_have_url(re.compile(f"event={second}"))
    rpage.keyboard.press("k")
    expect(rpage).to_have_url(re.compile(f"event={second}"))
    assert rpage.locator("#review-token").count() == 0
    # back on the accepted event: brought into view, its row in the list marked as reviewed
    rpage.evaluate(f"() => window.eventatlas.openEvent({event_id!r})")
    expect(rpage.locator("#panel .review-state")).to_contain_text("accepted by ana")
    if rpage.api(f"/api/events/{event_id}")["event"]["location"]:
        expect(rpage.locator(f'#list-body tr[data-event="{event_id}"] .reviewed')).to_have_attribute(
            "title", "reviewed: accepted")
    else:  # an event without a place is on neither the map nor its list
        expect(rpage.locator(f'#list-body tr[data-event="{event_id}"]')).to_have_count(0)


def test_reject_hides_the_event_from_the_map(rpage):
    event_id = start_review(rpage)
    rpage.keyboard.press("r")
    expect(rpage.locator("#review-bar .message")).to_contain_text("rejected by ana")
    assert event_id not in [e["id"] for e in rpage.api("/api/events", {"limit": 500})["events"]]
    rpage.wait_for_selector("#map:not([data-loading])", state="attached")
    assert rpage.locator(f'path[data-event="{event_id}"], #list-body tr[data-event="{event_id}"]').count() == 0
    log = rpage.api(f"/api/events/{event_id}/reviews")["reviews"]
    assert [(x["by"], x["action"]) for x in log] == [("ana", "reject")]


def test_edit_every_kind_of_field_then_save_with_enter(rpage):
    event_id = start_review(rpage)
    before = rpage.api(f"/api/events/{event_id}")["event"]
    rpage.keyboard.press("e")
    rpage.wait_for_selector("#review-form")
    rpage.keyboard.press("Escape")  # Esc cancels
    expect(rpage.locator("#review-form")).to_have_count(0)
    rpage.keyboard.press("e")
    rpage.wait_for_selector("#review-form")  # the form is built before its type list is used (a race under load)
    rpage.select_option("#rv-type", "Violence against civilians")
    expect(rpage.locator("#rv-sub option[value='Attack']")).to_have_count(1)
    rpage.select_option("#rv-sub", "Attack")
    rpage.fill("#rv-start", "2024-03-02")
    rpage.fill("#rv-end", "2024-03-02")
    rpage.fill("#rv-place-q", "Maiduguri")
    rpage.locator("#rv-place-results .place-choice").first.click()
    rpage.click("#rv-actor-add")
    rpage.locator("#rv-actors .actor").last.locator("select").select_option("perpetrator")
    rpage.locator("#rv-actors .actor").last.locator("input").fill("<b>Boko Haram</b> - JAS")
    rpage.fill("#rv-weapon", "<img src=x onerror=\"window.__xss = 1\">machete")
    rpage.fill("#rv-fat-low", "3")
    rpage.fill("#rv-fat-best", "3")
    rpage.fill("#rv-fat-high", "4")
    certainty = "claimed" if before["certainty"] != "claimed" else "reported"
    rpage.select_option("#rv-certainty", certainty)
    rpage.fill("#rv-source", "Borno police")
    rpage.fill("#rv-note", "checked against the police statement")
    rpage.locator("#rv-fat-high").press("Enter")
    expect(rpage.locator("#review-bar .message")).to_contain_text("edited by ana")
    after = rpage.api(f"/api/events/{event_id}")["event"]
    assert (after["event_type"], after["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert after["date"]["start"] == "2024-03-02" and after["location"]["name"] == "Maiduguri"
    assert after["actors"][-1] == {"role": "perpetrator", "name": "<b>Boko Haram</b> - JAS", "rule": "reviewed by ana",
                                   "text": None, "start_char": None, "end_char": None}
    assert after["weapon"]["type"].endswith("machete") and after["certainty"] == certainty
    assert (after["fatalities"]["low"], after["fatalities"]["best"], after["fatalities"]["high"]) == (3, 3, 4)
    assert after["attribution"]["source"] == "Borno police" and after["review"]["state"] == "edited"
    kept = [a for a in after["actors"][:-1]]
    assert [(a["role"], a["name"], a.get("text")) for a in kept] == \
        [(a["role"], a["name"], a.get("text")) for a in before["actors"]]  # untouched actors keep their spans
    fields = {x["field"] for x in rpage.api(f"/api/events/{event_id}/reviews")["reviews"]}
    assert fields == {"event_type", "sub_event_type", "date", "location", "actors", "weapon", "fatalities",
                      "certainty", "attribution"}
    # the edited values are shown as text, never as markup
    rpage.evaluate(f"() => window.eventatlas.openEvent({event_id!r})")
    rpage.wait_for_selector("#panel .review-state")
    expect(rpage.locator("#panel")).to_contain_text("<b>Boko Haram</b> - JAS")
    expect(rpage.locator("#panel")).to_contain_text('<img src=x onerror="window.__xss = 1">machete')
    assert rpage.locator("#panel dl b, #panel dl img").count() == 0
    assert rpage.evaluate("() => window.__xss === undefined")


def test_a_place_picked_on_the_map(rpage):
    start_review(rpage)
    rpage.keyboard.press("e")
    rpage.click("#rv-place-map")
    box = rpage.locator("#map").bounding_box()
    rpage.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    rpage.wait_for_selector("#rv-place-results .place-choice")
    choice = rpage.locator("#rv-place-results .place-choice").first.text_content()
    rpage.locator("#rv-place-results .place-choice").first.click()
    assert rpage.input_value("#rv-place") == choice
    rpage.locator("#rv-save").click()
    expect(rpage.locator("#review-bar .message")).to_contain_text("edited by ana")


def test_screenshot_of_review_mode(rpage):
    """docs/review.png (written when missing, or rewritten with EVENTATLAS_UPDATE_SCREENSHOT=1): an event of
    the queue with its doubts, a correction being typed into the edit form, the evidence below; then Esc."""
    event_id = start_review(rpage)
    for _ in range(10):  # an event with a place and a toll shows the form at its best
        event = rpage.api(f"/api/events/{event_id}")["event"]
        if event["location"] and event["fatalities"]:
            break
        rpage.keyboard.press("j")
        expect(rpage).not_to_have_url(re.compile(f"event={event_id}"))
        event_id = rpage.evaluate("() => window.eventatlas.currentEvent()")
        rpage.wait_for_selector("#review-bar #rv-accept")
    rpage.keyboard.press("e")
    rpage.wait_for_selector("#review-form")
    best = (event["fatalities"] or {}).get("best") or 0
    rpage.fill("#rv-fat-best", str(best + 2))
    rpage.fill("#rv-fat-high", str(best + 2))
    rpage.fill("#rv-note", "toll updated by the health ministry")
    _review_screenshot(rpage)
    rpage.keyboard.press("Escape")
    expect(rpage.locator("#review-form")).to_have_count(0)
    assert rpage.api(f"/api/events/{event_id}")["event"]["review"] is None  # cancelled: nothing saved


def _review_screenshot(page):
    screenshot(page, REVIEW_SHOT)
