"""Write endpoints: off without a token, 401 with a wrong one, working with the right one."""
from __future__ import annotations

import pytest

TEXT = ("Gunmen killed two farmers in an attack on a village near Maiduguri on Sunday, residents said.")


def test_writes_are_off_when_no_token_is_set(make_client, monkeypatch):
    monkeypatch.delenv("EVENTATLAS_API_TOKEN", raising=False)
    client = make_client()
    assert client.post("/api/documents", json={"text": TEXT}).status_code == 403
    assert client.post("/api/documents", json={"text": TEXT},
                       headers={"Authorization": "Bearer anything"}).status_code == 403
    event_id = client.get("/api/events").json()["events"][0]["id"]
    assert client.delete(f"/api/events/{event_id}").status_code == 403
    assert client.get(f"/api/events/{event_id}").status_code == 200


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic c2VjcmV0"}])
def test_a_missing_or_wrong_token_is_401(make_client, headers):
    client = make_client(token="s3cret-token")
    response = client.post("/api/documents", json={"text": TEXT}, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    event_id = client.get("/api/events").json()["events"][0]["id"]
    assert client.delete(f"/api/events/{event_id}", headers=headers).status_code == 401


def test_the_token_comes_from_the_environment(make_client, monkeypatch):
    monkeypatch.setenv("EVENTATLAS_API_TOKEN", "from-env")
    client = make_client()
    assert client.post("/api/documents", json={"text": "x"}, headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.delete("/api/events/none", headers={"Authorization": "Bearer from-env"}).status_code == 404


def test_posting_a_document_stores_its_events_once(make_client):
    client = make_client(token="t")
    auth = {"Authorization": "Bearer t"}
    before = client.get("/api/stats").json()["store"]["documents"]
    body = {"text": TEXT, "outlet": "Borno Post", "published": "2023-08-14", "lang": "en"}
    first = client.post("/api/documents", json=body, headers=auth)
    assert first.status_code == 201, first.text
    assert first.json()["status"] == "stored"
    document_id = first.json()["document"]
    assert client.get(f"/api/documents/{document_id}").json()["document"]["outlet"] == "Borno Post"
    again = client.post("/api/documents", json=body, headers=auth)
    assert again.json()["status"] == "unchanged"
    assert client.get("/api/stats").json()["store"]["documents"] == before + 1


def test_posting_validates_the_body(make_client):
    client = make_client(token="t")
    auth = {"Authorization": "Bearer t"}
    assert client.post("/api/documents", json={"text": ""}, headers=auth).status_code == 422
    assert client.post("/api/documents", json={"text": "x", "published": "yesterday"}, headers=auth).status_code == 422


def test_deleting_an_event_hides_it(make_client):
    client = make_client(token="t")
    auth = {"Authorization": "Bearer t"}
    event_id = client.get("/api/events").json()["events"][0]["id"]
    assert client.delete(f"/api/events/{event_id}", headers=auth).status_code == 204
    assert client.get(f"/api/events/{event_id}").status_code == 404
    assert event_id not in {e["id"] for e in client.get("/api/events").json()["events"]}
    assert client.delete(f"/api/events/{event_id}", headers=auth).status_code == 404


def test_the_lang_field_accepts_the_language_profiles_and_auto_only(make_client):
    client = make_client(token="t")
    auth = {"Authorization": "Bearer t"}
    bad = client.post("/api/documents", json={"text": TEXT, "lang": "de"}, headers=auth)
    assert bad.status_code == 422 and "auto" in bad.text and "fr" in bad.text
    ok = client.post("/api/documents", json={"text": TEXT, "published": "2023-08-14", "lang": "auto"}, headers=auth)
    assert ok.status_code == 201, ok.text
