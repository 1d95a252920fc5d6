"""The API's error answers are what its OpenAPI schema says: each status a route can answer is
documented with its body, dates are YYYY-MM-DD only, and a 405 names every method of the path.
Each test pins a mismatch that fuzzing the API with schemathesis found (tests/reliability/test_api_fuzz.py)."""
from __future__ import annotations

import pytest

ROUTES = {("get", "/api/events"): {400, 422}, ("get", "/api/events/{event_id}"): {404, 422},
          ("delete", "/api/events/{event_id}"): {401, 403, 404, 422},
          ("get", "/api/documents/{document_id}"): {404, 422}, ("post", "/api/documents"): {400, 401, 403, 413, 422},
          ("get", "/api/stats"): {422}, ("get", "/api/map"): {422}, ("get", "/api/export"): {422}}


def test_every_error_a_route_answers_is_documented(client):
    paths = client.get("/openapi.json").json()["paths"]
    for (method, path), errors in ROUTES.items():
        documented = {int(s) for s in paths[path][method]["responses"] if s.startswith("4")}
        assert documented == errors, (method, path, documented)
        for status in errors:
            body = paths[path][method]["responses"][str(status)]["content"]["application/json"]["schema"]
            assert body == {"$ref": "#/components/schemas/ApiError"}, (method, path, status)


@pytest.mark.parametrize("path, params", [("/api/events", {"bbox": "0,10,1,5"}), ("/api/events", {"q": "a\x00"}),
                                          ("/api/events", {"limit": 0}), ("/api/events", {"cursor": "zz"}),
                                          ("/api/events/nothing", {}), ("/api/map", {"min_sources": 10**9})])
def test_error_bodies_have_the_documented_shape(client, path, params):
    # A 422 with a message (bad bbox, NUL) used to break the documented HTTPValidationError (a list).
    response = client.get(path, params=params)
    assert 400 <= response.status_code < 500
    body = response.json()
    assert set(body) <= {"detail", "code"} and isinstance(body["detail"], (str, list))
    assert isinstance(body.get("code", ""), str)


@pytest.mark.parametrize("value", ["0", "1700000000", "2023-05-03T00:00:00", "20230503", "2023-5-3"])
@pytest.mark.parametrize("param", ["since_date", "until_date"])
def test_a_date_filter_is_yyyy_mm_dd_only(client, param, value):
    # Pydantic's lax mode took "0" as a Unix time (1970-01-01), which the schema's format: date does not allow.
    assert client.get("/api/events", params={param: value}).status_code == 422
    assert client.get("/api/events", params={param: "2023-05-03"}).status_code == 200


def test_a_posted_date_is_yyyy_mm_dd_only(make_client):
    client = make_client(token="t")
    auth = {"Authorization": "Bearer t"}
    for published in (0, 1700000000, "0", "2023-05-03T00:00:00"):
        response = client.post("/api/documents", json={"text": "x", "published": published}, headers=auth)
        assert response.status_code == 422, (published, response.text)


def test_a_405_names_every_method_of_the_path(client):
    # GET and DELETE /api/events/{id} are two routes; Starlette's Allow named only the first.
    response = client.request("PATCH", "/api/events/anything")
    assert response.status_code == 405
    assert response.headers["allow"] == "DELETE, GET"
    response = client.put("/api/events")
    assert response.status_code == 405 and response.headers["allow"] == "GET"


def test_a_body_that_is_not_json_is_a_documented_400(make_client):
    client = make_client(token="t")
    response = client.post("/api/documents", content=b"\xff\x0b", headers={"Authorization": "Bearer t",
                                                                          "Content-Type": "application/json"})
    assert response.status_code == 400 and isinstance(response.json()["detail"], str)


def test_store_failures_are_the_servers_not_the_clients(tmp_path):
    """A full disk answers 507 and a damaged database 503, with their codes, never a bare 500."""
    import warnings

    import sqlalchemy as sa
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*starlette.testclient.*")
        from fastapi.testclient import TestClient

    from eventatlas.api import create_app
    from eventatlas.store.db import open_db
    engine = open_db(f"sqlite:///{tmp_path}/full.sqlite")

    @sa.event.listens_for(engine, "connect")
    def _tiny(dbapi_conn, _record):  # the database may not grow: a full disk, as SQLite reports it
        dbapi_conn.execute("PRAGMA max_page_count=1")

    engine.dispose()
    client = TestClient(create_app(engine, token="t"), raise_server_exceptions=False)
    text = "A roadside bomb killed four soldiers near Kirkuk on Tuesday, police said. " * 40
    response = client.post("/api/documents", json={"text": text, "published": "2024-01-02"},
                           headers={"Authorization": "Bearer t"})
    assert response.status_code == 507 and response.json()["code"] == "EA017"
