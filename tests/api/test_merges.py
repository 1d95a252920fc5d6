"""Merge corrections through the API: split and join behind the bearer token, and why a merge happened."""
from __future__ import annotations

import pytest

AUTH = {"Authorization": "Bearer merge-token"}


def _kirkuk(client):
    events = client.get("/api/events", params={"limit": 500}).json()["events"]
    return next(e for e in events if len(e["documents"]) == 2)


def test_why_an_event_was_merged(client):
    event = _kirkuk(client)
    why = client.get(f"/api/events/{event['id']}/merge").json()
    assert why["sources"] == 2 and why["documents"] == event["documents"]
    step = why["merge_why"][0]
    assert step["rule"] == "linked" and {"time", "place", "actors"} <= set(step["features"])
    assert set(why["provenance"]) >= {"event_type", "date", "location", "certainty"}
    assert client.get("/api/events/nope/merge").status_code == 404


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}])
def test_split_and_join_need_the_token(make_client, headers):
    client = make_client(token="merge-token")
    event = _kirkuk(client)
    assert client.post(f"/api/events/{event['id']}/split", json={"document": event["documents"][1]},
                       headers=headers).status_code == 401
    assert client.post(f"/api/events/{event['id']}/join", json={"event": event["id"]},
                       headers=headers).status_code == 401


def test_split_then_join_back(make_client):
    client = make_client(token="merge-token")
    event = _kirkuk(client)
    second = event["documents"][1]
    response = client.post(f"/api/events/{event['id']}/split", json={"document": second, "note": "two bombs"},
                           headers=AUTH)
    assert response.status_code == 200, response.text
    parts = response.json()["events"]
    assert len(parts) == 2
    for part in parts:
        assert len(client.get(f"/api/events/{part}").json()["event"]["documents"]) == 1
    response = client.post(f"/api/events/{parts[0]}/join", json={"event": parts[1]}, headers=AUTH)
    assert response.status_code == 200, response.text
    joined = client.get(f"/api/events/{parts[0]}").json()["event"]
    assert sorted(joined["documents"]) == sorted(event["documents"])
    bad = client.post(f"/api/events/{joined['id']}/split", json={"document": "not-in-it"}, headers=AUTH)
    assert bad.status_code == 422 and bad.json()["code"] == "EA022"
