"""What one request may ask for (``eventatlas.api.limits``): over a limit is a 4xx with code EA018
(a 413 with EA006 for a document), never work for the database nor a 5xx; at a limit is fine. The
limits are in the OpenAPI schema, so /docs shows them."""
from __future__ import annotations

import pytest

from eventatlas.api import limits as L

FILTERED = ["/api/events", "/api/stats", "/api/map", "/api/export"]


def over_limit(response) -> None:
    assert response.status_code == 422, (response.status_code, response.text[:300])
    assert response.json()["code"] == "EA018", response.text[:300]


def test_a_huge_page_size_is_refused(client):
    over_limit(client.get("/api/events", params={"limit": 10**9}))
    over_limit(client.get("/api/events", params={"limit": L.MAX_LIMIT + 1}))
    assert client.get("/api/events", params={"limit": L.MAX_LIMIT}).status_code == 200


@pytest.mark.parametrize("path", FILTERED)
def test_a_huge_min_sources_is_refused_not_a_server_error(client, path):
    # Fuzzing found it: min_sources=10**30 reached SQLite, which cannot bind an integer over 2**63
    # ("Python int too large to convert to SQLite INTEGER"), and the answer was a 500.
    over_limit(client.get(path, params={"min_sources": 10**30}))
    over_limit(client.get(path, params={"min_sources": 2**63}))
    # The page asks for min_sources=1000000 to show nothing when no certainty is ticked.
    assert client.get(path, params={"min_sources": L.MAX_MIN_SOURCES}).status_code == 200


@pytest.mark.parametrize("path", FILTERED)
def test_a_10_kb_text_search_is_refused(client, path):
    over_limit(client.get(path, params={"q": "kirkuk " * 1500}))
    over_limit(client.get(path, params={"q": "k" * (L.MAX_TEXT + 1)}))
    assert client.get(path, params={"q": "k" * L.MAX_TEXT}).status_code == 200


@pytest.mark.parametrize("param", ["country", "admin1", "actor", "event_type", "sub_event_type"])
def test_every_text_filter_has_a_length_limit(client, param):
    over_limit(client.get("/api/events", params={param: "x" * (L.MAX_TEXT + 1)}))
    assert client.get("/api/events", params={param: "x" * L.MAX_TEXT}).status_code == 200


@pytest.mark.parametrize("param, value", [("certainty", "reported"), ("event_type", "Battles"),
                                          ("sub_event_type", "Armed clash")])
def test_repeated_values_are_limited(client, param, value):
    over_limit(client.get("/api/events", params=[(param, value)] * 1000))
    over_limit(client.get("/api/events", params=[(param, value)] * (L.MAX_VALUES + 1)))
    assert client.get("/api/events", params=[(param, value)] * L.MAX_VALUES).status_code == 200


@pytest.mark.parametrize("path", [*FILTERED, "/api/events/x", "/api/documents/x", "/"])
def test_a_long_query_string_is_refused_on_every_route(client, path):
    # Names the API does not know are ignored, but they still cost parsing: the whole query string is capped.
    response = client.get(path, params={f"p{i}": "v" for i in range(2000)})
    over_limit(response)
    assert "query string" in response.json()["detail"]
    assert client.get(path + "?" + "a" * L.MAX_QUERY_BYTES).status_code in (200, 404)


def test_a_cursor_has_a_length_limit(client):
    over_limit(client.get("/api/events", params={"cursor": "A" * (L.MAX_CURSOR + 1)}))


@pytest.mark.parametrize("bbox", ["0,91,1,92", "0,-90.5,1,0", "0,0,36001,1", "-36000.5,0,1,1", "1e400,0,1,1",
                                  "nan,0,1,1", "inf,0,1,1", "0,0,1", "0,0,1,1,1", "1 ,2,3,4", "0,10,1,5",
                                  "1" * 300])
def test_a_bbox_is_four_finite_numbers_in_range(client, bbox):
    response = client.get("/api/map", params={"bbox": bbox})
    assert response.status_code == 422, (bbox, response.text)


@pytest.mark.parametrize("bbox", ["-180,-90,180,90", "-36000,-1,36000,1", "359.0000,35.0000,361.0000,37.0000",
                                  "+1.5e1,-.5,2E1,0."])
def test_a_bbox_in_range_is_taken(client, bbox):
    assert client.get("/api/map", params={"bbox": bbox}).status_code == 200, bbox


def test_the_limits_are_in_the_openapi_schema(client):
    schema = client.get("/openapi.json").json()
    params = {p["name"]: p for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert params["limit"]["schema"]["maximum"] == L.MAX_LIMIT
    assert params["min_sources"]["schema"]["anyOf"][0]["maximum"] == L.MAX_MIN_SOURCES
    for name in ("q", "country", "admin1", "actor", "cursor", "bbox"):
        assert "maxLength" in params[name]["schema"]["anyOf"][0], name
    for name in ("event_type", "sub_event_type", "certainty"):
        assert params[name]["schema"]["maxItems"] == L.MAX_VALUES, name
    assert params["bbox"]["schema"]["anyOf"][0]["pattern"] == L.BBOX_PATTERN
    assert f"{L.MAX_QUERY_BYTES} bytes" in schema["info"]["description"]
    body = schema["components"]["schemas"]["DocumentIn"]["properties"]
    assert body["url"]["anyOf"][0]["maxLength"] == L.MAX_URL and body["title"]["anyOf"][0]["maxLength"] == L.MAX_TITLE


def test_posted_fields_have_limits_and_the_body_a_size(make_client):
    from eventatlas.settings import Settings
    client = make_client(token="t", settings=Settings(max_document_bytes=1000))
    auth = {"Authorization": "Bearer t"}
    over_limit(client.post("/api/documents", json={"text": "x", "url": "http://a/" + "x" * L.MAX_URL}, headers=auth))
    over_limit(client.post("/api/documents", json={"text": "x", "title": "x" * (L.MAX_TITLE + 1)}, headers=auth))
    response = client.post("/api/documents", json={"text": "x" * 1001}, headers=auth)
    assert response.status_code == 413 and response.json()["code"] == "EA006"
    # A body too large to be a document is refused before it is read, token or not.
    big = {"text": "x" * (L.max_body_bytes(1000) + 1)}
    assert client.post("/api/documents", json=big, headers=auth).status_code == 413
    assert client.post("/api/documents", json=big).status_code == 413
