"""/api/export streams every format, with the same filters as /api/events."""
from __future__ import annotations

import csv
import io
import json

import pytest


def test_jsonl_has_every_event_with_its_text(client, all_events):
    response = client.get("/api/export", params={"format": "jsonl"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    records = [json.loads(line) for line in response.text.splitlines()]
    assert [r["id"] for r in records] == [e["id"] for e in all_events]
    assert all(r["document"]["text"] for r in records)


def test_geojson_is_one_feature_collection(client, all_events):
    body = client.get("/api/export", params={"format": "geojson", "min_sources": 2}).json()
    assert body["type"] == "FeatureCollection"
    assert len(body["features"]) == 1 and body["features"][0]["geometry"]["type"] == "Point"


def test_acled_csv_has_one_header(client, all_events):
    text = client.get("/api/export", params={"format": "acled-csv"}).text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(all_events)
    assert text.count("event_id_cnty") == 1


def test_parquet(client, all_events):
    pq = pytest.importorskip("pyarrow.parquet")
    response = client.get("/api/export", params={"format": "parquet"})
    assert response.headers["content-disposition"].endswith('events.parquet"')
    assert pq.read_table(io.BytesIO(response.content)).num_rows == len(all_events)


def test_an_unknown_format_is_422(client):
    assert client.get("/api/export", params={"format": "xlsx"}).status_code == 422
