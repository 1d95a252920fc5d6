"""GET /api/events, /api/events/{id}, /api/documents/{id}, /api/stats and /api/map over a store
filled by the real ingest. Expected answers are computed from the full event list, so the tests
check the filters, not the extractor's choices."""
from __future__ import annotations

import pytest


def ids(response) -> set[str]:
    assert response.status_code == 200, response.text
    return {e["id"] for e in response.json()["events"]}


def where(events, test) -> set[str]:
    return {e["id"] for e in events if test(e)}


def event_of_document(events, document_id):
    return next(e for e in events if document_id in e["documents"])


def test_the_answer_has_events_and_next(client, all_events):
    body = client.get("/api/events").json()
    assert set(body) == {"events", "next"}
    assert body["next"] is None
    assert len(all_events) == 3  # two outlets' Kirkuk reports merge into one event


def test_two_outlets_on_one_event_count_as_two_sources(client, all_events):
    kirkuk = event_of_document(all_events, "t-kirkuk-a")
    assert set(kirkuk["documents"]) == {"t-kirkuk-a", "t-kirkuk-b"}
    assert ids(client.get("/api/events", params={"min_sources": 2})) == {kirkuk["id"]}
    assert ids(client.get("/api/events", params={"min_sources": 1})) == where(all_events, lambda e: True)


def test_pages_follow_the_cursor_to_the_end_without_repeats(client, all_events):
    seen, cursor = [], None
    for _ in range(10):
        params = {"limit": 1, **({"cursor": cursor} if cursor else {})}
        body = client.get("/api/events", params=params).json()
        seen.extend(e["id"] for e in body["events"])
        cursor = body["next"]
        if cursor is None:
            break
    assert seen == [e["id"] for e in all_events]


@pytest.mark.parametrize("limit, status", [(0, 422), (501, 422), (500, 200)])
def test_limit_is_capped(client, limit, status):
    assert client.get("/api/events", params={"limit": limit}).status_code == status


def test_a_bad_cursor_is_a_coded_400(client):
    response = client.get("/api/events", params={"cursor": "not-a-cursor"})
    assert response.status_code == 400
    assert response.json()["code"] == "EA015"


def test_bbox_keeps_the_events_inside(client, all_events):
    kirkuk = event_of_document(all_events, "t-kirkuk-a")["location"]
    box = f"{kirkuk['lon'] - 1},{kirkuk['lat'] - 1},{kirkuk['lon'] + 1},{kirkuk['lat'] + 1}"
    assert ids(client.get("/api/events", params={"bbox": box})) == {event_of_document(all_events, "t-kirkuk-a")["id"]}
    world = ids(client.get("/api/events", params={"bbox": "-180,-90,180,90"}))
    assert world == where(all_events, lambda e: (e["location"] or {}).get("lat") is not None)
    # Leaflet's longitudes beyond 180 after panning round the world fold back.
    shifted = f"{kirkuk['lon'] + 359},{kirkuk['lat'] - 1},{kirkuk['lon'] + 361},{kirkuk['lat'] + 1}"
    assert ids(client.get("/api/events", params={"bbox": shifted})) == {event_of_document(all_events, "t-kirkuk-a")["id"]}


@pytest.mark.parametrize("bbox", ["1,2,3", "a,b,c,d", "0,10,1,5"])
def test_a_malformed_bbox_is_refused(client, bbox):
    assert client.get("/api/events", params={"bbox": bbox}).status_code == 422


def test_date_range(client, all_events):
    dates = sorted(e["date"]["start"] for e in all_events)
    middle = dates[1]
    assert ids(client.get("/api/events", params={"since_date": middle})) == \
        where(all_events, lambda e: e["date"]["start"] >= middle)
    assert ids(client.get("/api/events", params={"until_date": middle})) == \
        where(all_events, lambda e: e["date"]["start"] <= middle)
    assert ids(client.get("/api/events", params={"since_date": middle, "until_date": middle})) == \
        where(all_events, lambda e: e["date"]["start"] == middle)
    assert client.get("/api/events", params={"since_date": "2023-13-01"}).status_code == 422


def test_country_and_admin1_by_name_or_code(client, all_events):
    loc = event_of_document(all_events, "t-goma")["location"]
    expected = where(all_events, lambda e: e["location"]["iso3"] == loc["iso3"])
    assert ids(client.get("/api/events", params={"country": loc["country"]})) == expected
    assert ids(client.get("/api/events", params={"country": loc["iso3"].lower()})) == expected
    expected = where(all_events, lambda e: e["location"]["admin1_code"] == loc["admin1_code"])
    assert ids(client.get("/api/events", params={"admin1": loc["admin1"]})) == expected
    assert ids(client.get("/api/events", params={"admin1": loc["admin1_code"]})) == expected
    assert ids(client.get("/api/events", params={"country": "Atlantis"})) == set()


def test_event_type_and_sub_type_take_several_values(client, all_events):
    types = sorted({e["event_type"] for e in all_events})
    assert len(types) >= 2
    for t in types:
        assert ids(client.get("/api/events", params={"event_type": t})) == where(all_events, lambda e: e["event_type"] == t)
    both = ids(client.get("/api/events", params=[("event_type", types[0]), ("event_type", types[1])]))
    assert both == where(all_events, lambda e: e["event_type"] in types[:2])
    sub = all_events[0]["sub_event_type"]
    assert ids(client.get("/api/events", params={"sub_event_type": sub})) == \
        where(all_events, lambda e: e["sub_event_type"] == sub)
    assert ids(client.get("/api/events", params={"event_type": "statement"})) == \
        where(all_events, lambda e: e["event_type"] is None)


def test_actor_text_any_case(client, all_events):
    name = event_of_document(all_events, "t-goma")["actors"][0]["name"]
    part = name[2:8].upper()
    assert ids(client.get("/api/events", params={"actor": part})) == \
        where(all_events, lambda e: any(part.lower() in (a["name"] or "").lower() for a in e["actors"]))


def test_certainty_takes_several_values(client, all_events):
    values = sorted({e["certainty"] for e in all_events})
    for c in values:
        assert ids(client.get("/api/events", params={"certainty": c})) == where(all_events, lambda e: e["certainty"] == c)
    assert ids(client.get("/api/events", params=[("certainty", c) for c in values])) == where(all_events, lambda e: True)
    assert client.get("/api/events", params={"certainty": "certain"}).status_code == 422


def test_text_search_in_the_evidence(client, all_events):
    kirkuk = event_of_document(all_events, "t-kirkuk-a")
    spans = client.get(f"/api/events/{kirkuk['id']}").json()["evidence"]
    word = spans[0]["text"].split()[0]
    assert ids(client.get("/api/events", params={"q": word.upper()})) >= {kirkuk["id"]}
    assert ids(client.get("/api/events", params={"q": "no such words anywhere"})) == set()
    # LIKE's wildcards are matched literally
    assert ids(client.get("/api/events", params={"q": "%"})) == set()


def test_one_event_with_its_evidence_and_source_documents(client, all_events):
    kirkuk = event_of_document(all_events, "t-kirkuk-a")
    body = client.get(f"/api/events/{kirkuk['id']}").json()
    assert body["event"]["id"] == kirkuk["id"]
    docs = {d["id"]: d for d in body["documents"]}
    assert set(docs) == {"t-kirkuk-a", "t-kirkuk-b"}
    assert {s["document_id"] for s in body["evidence"]} == set(docs)
    for span in body["evidence"]:
        assert docs[span["document_id"]]["text"][span["start_char"]:span["end_char"]] == span["text"]
    assert any(s["field"] == "fatalities" for s in body["evidence"])


def test_one_document_with_text_and_spans(client):
    body = client.get("/api/documents/t-goma").json()
    doc = body["document"]
    assert doc["outlet"] == "Radio Kivu" and doc["text"].startswith("Goma\n\nDes combattants")  # headline first
    assert doc["records"] and body["spans"]
    for span in body["spans"]:
        assert doc["text"][span["start_char"]:span["end_char"]] == span["text"]


@pytest.mark.parametrize("path", ["/api/events/nope", "/api/documents/nope"])
def test_unknown_ids_are_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "nope" in response.json()["detail"]


def test_stats_count_by_day_type_and_admin1(client, all_events):
    body = client.get("/api/stats").json()
    assert body["total"] == len(all_events)
    assert sum(d["count"] for d in body["by_day"]) == len(all_events)
    assert {t["event_type"] for t in body["by_type"]} == {e["event_type"] for e in all_events}
    assert {a["admin1_code"] for a in body["by_admin1"]} == {e["location"]["admin1_code"] for e in all_events}
    assert body["store"]["documents"] == 4
    only = client.get("/api/stats", params={"min_sources": 2}).json()
    assert only["total"] == 1


def test_map_gives_points_or_grid_cells(client, store_file, all_events):
    body = client.get("/api/map").json()
    assert body["mode"] == "points" and body["total"] == len(all_events)
    assert {p["id"] for p in body["points"]} == where(all_events, lambda e: True)
    kirkuk = event_of_document(all_events, "t-kirkuk-a")
    point = next(p for p in body["points"] if p["id"] == kirkuk["id"])
    assert point["fatalities"] == kirkuk["fatalities"]["best"] and point["event_type"] == kirkuk["event_type"]
    from eventatlas.api.query import EventQuery, map_view
    from eventatlas.store.db import open_db
    cells = map_view(open_db(f"sqlite:///{store_file}"), EventQuery(), max_points=1)
    assert cells["mode"] == "cells"
    assert sum(c["count"] for c in cells["cells"]) == len(all_events)
