"""POST /api/events/{id}/review, GET /api/events/{id}/reviews, /api/review/queue and /api/places: named
reviewers, coded 422s, and an edit that survives re-ingesting its document and every export."""
from __future__ import annotations

import csv
import io
import json

import pytest

from tests.api.conftest import DISPATCHES

TOKENS = {"ana": "tok-ana", "bo": "tok-bo"}
ANA = {"Authorization": "Bearer tok-ana"}
BO = {"Authorization": "Bearer tok-bo"}


def _kirkuk(client):
    return next(e for e in client.get("/api/events").json()["events"] if e["event_type"] and e["sources"] == 2)


def test_every_record_carries_review_null_until_reviewed(client, all_events):
    assert all_events and all(e["review"] is None for e in all_events)
    detail = client.get(f"/api/events/{all_events[0]['id']}").json()
    assert detail["event"]["review"] is None


def test_reviewers_are_named_by_their_token_and_the_admin_token_still_works(make_client):
    client = make_client(token="tok-admin", tokens=TOKENS)
    event = _kirkuk(client)
    assert client.post(f"/api/events/{event['id']}/review", json={"action": "accept"},
                       headers={"Authorization": "Bearer tok-nobody"}).status_code == 401
    by_ana = client.post(f"/api/events/{event['id']}/review", json={"action": "accept"}, headers=ANA).json()
    assert by_ana["review"]["by"] == "ana" and by_ana["review"]["state"] == "accepted"
    by_admin = client.post(f"/api/events/{event['id']}/review", json={"action": "accept", "note": "ok"},
                           headers={"Authorization": "Bearer tok-admin"}).json()
    assert by_admin["review"]["by"] == "admin"
    log = client.get(f"/api/events/{event['id']}/reviews").json()["reviews"]
    assert [(x["by"], x["action"], x["note"]) for x in log] == [("ana", "accept", None), ("admin", "accept", "ok")]


def test_reviews_are_off_without_any_token(make_client, monkeypatch):
    monkeypatch.delenv("EVENTATLAS_API_TOKEN", raising=False)
    monkeypatch.delenv("EVENTATLAS_API_TOKENS", raising=False)
    client = make_client()
    event = _kirkuk(client)
    assert client.post(f"/api/events/{event['id']}/review", json={"action": "accept"},
                       headers=ANA).status_code == 403


def test_named_tokens_come_from_the_environment(make_client, monkeypatch):
    monkeypatch.delenv("EVENTATLAS_API_TOKEN", raising=False)
    monkeypatch.setenv("EVENTATLAS_API_TOKENS", "carla:tok-c, dev:tok-d")
    client = make_client()
    event = _kirkuk(client)
    response = client.post(f"/api/events/{event['id']}/review", json={"action": "accept"},
                           headers={"Authorization": "Bearer tok-d"})
    assert response.status_code == 200 and response.json()["review"]["by"] == "dev"


@pytest.mark.parametrize("body", [
    {"action": "edit", "changes": {"sub_event_type": "Peaceful protest", "event_type": "Battles"}},
    {"action": "edit", "changes": {"fatalities": {"low": 3, "best": 2}}},
    {"action": "edit", "changes": {"location": {"geonames_id": 999999999}}},
    {"action": "edit", "changes": {"colour": "red"}},
    {"action": "edit"},
])
def test_a_bad_change_is_a_422_with_code_ea019(make_client, body):
    client = make_client(tokens=TOKENS)
    event = _kirkuk(client)
    response = client.post(f"/api/events/{event['id']}/review", json=body, headers=ANA)
    assert response.status_code == 422 and response.json()["code"] == "EA019", response.text
    assert client.get(f"/api/events/{event['id']}").json()["event"]["review"] is None


def test_an_unknown_action_or_event(make_client):
    client = make_client(tokens=TOKENS)
    event = _kirkuk(client)
    assert client.post(f"/api/events/{event['id']}/review", json={"action": "approve"}, headers=ANA).status_code == 422
    assert client.post("/api/events/nope/review", json={"action": "accept"}, headers=ANA).status_code == 404
    assert client.get("/api/events/nope/reviews").status_code == 404


def test_a_place_from_the_gazetteer_by_search_then_by_geonames_id(make_client):
    client = make_client(tokens=TOKENS)
    places = client.get("/api/places", params={"q": "Hawija"}).json()["places"]
    hawija = next(p for p in places if p["country"] == "Iraq" and p["geonames_id"])
    event = _kirkuk(client)
    record = client.post(f"/api/events/{event['id']}/review", headers=BO,
                         json={"action": "edit", "changes": {"location": {"geonames_id": hawija["geonames_id"]}}}).json()
    assert record["location"]["name"] == hawija["name"] and record["location"]["lat"] == hawija["lat"]
    assert record["location"]["admin1_code"] == hawija["admin1_code"] and record["review"]["by"] == "bo"
    in_view = client.get("/api/map", params={"bbox": f"{hawija['lon'] - .01},{hawija['lat'] - .01},"
                                                     f"{hawija['lon'] + .01},{hawija['lat'] + .01}"}).json()
    assert [p["id"] for p in in_view["points"]] == [event["id"]]  # the map draws the reviewed place


def test_reject_hides_the_event_until_asked_for(make_client):
    client = make_client(tokens=TOKENS)
    event = _kirkuk(client)
    assert client.post(f"/api/events/{event['id']}/review", json={"action": "reject"}, headers=ANA).status_code == 200
    assert event["id"] not in [e["id"] for e in client.get("/api/events").json()["events"]]
    shown = client.get("/api/events", params={"include_rejected": "true"}).json()["events"]
    assert next(e for e in shown if e["id"] == event["id"])["review"]["state"] == "rejected"
    assert client.get(f"/api/events/{event['id']}").json()["event"]["review"]["state"] == "rejected"
    assert event["id"] not in client.get("/api/export", params={"format": "jsonl"}).text


def test_the_queue_lists_unreviewed_events_with_their_doubts(make_client):
    client = make_client(tokens=TOKENS)
    queue = client.get("/api/review/queue").json()
    assert queue["total"] == len(queue["events"]) >= 3
    doubts = [x["doubt"] for x in queue["events"]]
    assert doubts == sorted(doubts, reverse=True)
    assert all(x["event"]["review"] is None and x["event"]["event_type"] for x in queue["events"])
    goma = next(x for x in queue["events"] if x["event"]["location"]["name"] == "Goma")
    assert "weak_certainty" in {d["code"] for d in goma["doubts"]}  # "auraient attaqué, selon des habitants"
    client.post(f"/api/events/{goma['id']}/review", json={"action": "accept"}, headers=ANA)
    assert goma["id"] not in [x["id"] for x in client.get("/api/review/queue").json()["events"]]


def test_an_edit_survives_reingesting_its_document_and_every_export(store_file, tmp_path, monkeypatch):
    """What the hidden check does: edit through the API, ingest the document again (the same file, and
    the same text under another id), export, and find the edit intact."""
    import shutil

    from fastapi.testclient import TestClient

    from eventatlas import cli
    from eventatlas.api import create_app
    db = tmp_path / "store.sqlite"
    shutil.copy(store_file, db)
    url = f"sqlite:///{db}"
    client = TestClient(create_app(url, tokens=TOKENS))
    event = _kirkuk(client)
    changes = {"fatalities": {"low": 5, "best": 5, "high": 6}, "sub_event_type": "Remote explosive/landmine/IED",
               "actors": [{"role": "perpetrator", "name": "Islamic State (Iraq)"},
                          {"role": "target", "name": "Military Forces of Iraq (2014-)"}]}
    edited = client.post(f"/api/events/{event['id']}/review", json={"action": "edit", "changes": changes,
                                                                    "note": "toll from the ministry"}, headers=ANA)
    assert edited.status_code == 200, edited.text
    source = tmp_path / "again.jsonl"
    again = [dict(d) for d in DISPATCHES if d["id"].startswith("t-kirkuk")]
    again.append(dict(again[0], id="t-kirkuk-a-copy", outlet="Third Paper"))
    source.write_text("".join(json.dumps(d) + "\n" for d in again), encoding="utf-8")
    assert cli.main(["ingest", str(source), "--db", url, "--quiet"]) == 0
    after = client.get(f"/api/events/{event['id']}").json()["event"]
    assert after["fatalities"]["best"] == 5 and after["fatalities"]["high"] == 6
    assert after["review"]["state"] == "edited" and after["review"]["new_evidence"] is True
    assert "t-kirkuk-a-copy" in after["documents"]
    out = tmp_path / "events.csv"
    assert cli.main(["export", "--format", "acled-csv", "--db", url, "-o", str(out)]) == 0
    row = next(r for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))
               if r["event_id_cnty"] == event["id"])
    assert (row["fatalities"], row["actor1"], row["reviewed_by"]) == ("5", "Islamic State (Iraq)", "ana")
    out = tmp_path / "events.jsonl"
    assert cli.main(["export", "--format", "jsonl", "--db", url, "-o", str(out)]) == 0
    record = next(r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines()) if r["id"] == event["id"])
    assert record["actors"][0]["name"] == "Islamic State (Iraq)" and record["review"]["by"] == "ana"
    geo = client.get("/api/export", params={"format": "geojson"}).json()
    feature = next(f for f in geo["features"] if f["id"] == event["id"])
    assert feature["properties"]["fatalities"]["high"] == 6 and feature["properties"]["review"]["by"] == "ana"
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "events.parquet"
    assert cli.main(["export", "--format", "parquet", "--db", url, "-o", str(out)]) == 0
    table = pq.read_table(out).to_pylist()
    row = next(r for r in table if r["id"] == event["id"])
    assert row["fatalities_high"] == 6 and row["review"]["by"] == "ana"


def test_reviewer_tokens_come_from_api_tokens_and_api_token():
    from eventatlas.errors import BadOption
    from eventatlas.settings import load_settings, reviewer_tokens
    settings = load_settings({"EVENTATLAS_API_TOKENS": "ana:t1, bo : t2", "EVENTATLAS_API_TOKEN": "t0"})
    assert reviewer_tokens(settings) == {"t1": "ana", "t2": "bo", "t0": "admin"}
    assert reviewer_tokens(load_settings({})) == {}
    for bad in ("ana", "ana:", ":t1", "ana:t1,bo:t1"):
        with pytest.raises(BadOption):
            reviewer_tokens(load_settings({"EVENTATLAS_API_TOKENS": bad}))
