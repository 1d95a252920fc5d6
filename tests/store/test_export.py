"""Exports: every format read back gives the store's events; ACLED CSV speaks ACLED's columns."""
from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq

from eventatlas.export import ACLED_COLUMNS, EXTRA_COLUMNS, export
from eventatlas.store import EventFilter, query_events, upsert_document_with_events

from .factory import make_document, make_event


def fill(engine):
    rows = [("AFP: gunmen attacked soldiers near Kirkuk.", "AFP", "2021-08-02", {"fatalities": 5}),
            ("Reuters: an attack near Kirkuk killed seven.", "Reuters", "2021-08-03",
             {"fatalities": 7, "fatalities_kind": "official", "lat": 35.47, "lon": 44.40}),
            ("Protesters marched in Basra.", None, "2021-08-05",
             {"event_type": "Protests", "sub_event_type": "Peaceful protest", "place": "Basra", "lat": 30.5,
              "lon": 47.8, "admin1": "Basra", "admin1_code": "IQ-BA", "perpetrator": "Protesters (Iraq)",
              "target": None, "date": "2021-08-05"}),
            ("Militants threatened to attack Baghdad.", "AFP", "2021-08-05",
             {"event_type": None, "sub_event_type": None, "plover": "THREATEN", "place": None})]
    for text, outlet, published, kw in rows:
        doc = make_document(text, outlet, published)
        upsert_document_with_events(engine, doc, [make_event(doc, **kw)])
    return query_events(engine, limit=None)[0]


def test_jsonl_round_trip_carries_the_earliest_document_text(engine):
    events = fill(engine)
    out = io.StringIO()
    assert export(engine, "jsonl", out) == 3
    back = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [{k: v for k, v in r.items() if k != "document"} for r in back] == \
           [{k: v for k, v in r.items() if k != "document"} for r in events]
    merged = next(r for r in back if r["sources"] == 2)
    assert merged["document"]["text"].startswith("AFP: gunmen")


def test_geojson_is_a_feature_collection_with_lon_lat(engine):
    events = fill(engine)
    out = io.StringIO()
    export(engine, "geojson", out)
    data = json.loads(out.getvalue())
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 3
    by_id = {f["id"]: f for f in data["features"]}
    for ev in events:
        f = by_id[ev["id"]]
        assert f["type"] == "Feature"
        if ev["location"]:
            assert f["geometry"] == {"type": "Point", "coordinates": [ev["location"]["lon"], ev["location"]["lat"]]}
        else:
            assert f["geometry"] is None
        assert f["properties"]["certainty"] == ev["certainty"]


def test_acled_csv_has_acled_columns_then_ours_and_no_statements(engine):
    fill(engine)
    out = io.StringIO()
    assert export(engine, "acled-csv", out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0].keys()) == ACLED_COLUMNS + EXTRA_COLUMNS
    clash = next(r for r in rows if r["event_type"] == "Battles")
    assert clash["event_date"] == "2021-08-02" and clash["year"] == "2021"
    assert clash["actor1"] == "Unidentified Armed Group (Iraq)" and clash["actor2"] == "Military Forces of Iraq"
    assert (clash["inter1"], clash["inter2"], clash["interaction"]) == ("3", "1", "13")
    assert clash["iso"] == "368" and clash["country"] == "Iraq" and clash["fatalities"] == "7"
    assert clash["source"] == "AFP; Reuters" and clash["sources"] == "2" and len(clash["documents"].split(";")) == 2
    assert clash["disorder_type"] == "Political violence"
    assert json.loads(clash["evidence"])[0]["field"] == "trigger"
    protest = next(r for r in rows if r["event_type"] == "Protests")
    assert protest["disorder_type"] == "Demonstrations" and protest["inter1"] == "6" and protest["fatalities"] == "0"


def test_parquet_round_trip_with_typed_columns(engine, tmp_path):
    events = fill(engine)
    path = tmp_path / "events.parquet"
    assert export(engine, "parquet", path) == 3
    table = pq.read_table(path)
    assert str(table.schema.field("date_start").type) == "date32[day]"
    assert str(table.schema.field("latitude").type) == "double"
    assert str(table.schema.field("fatalities_best").type) == "int32"
    assert [json.loads(r) for r in table.column("record").to_pylist()] == events
    assert sorted(x for x in table.column("sources").to_pylist()) == [1, 1, 2]


def test_filters_apply_to_exports(engine):
    fill(engine)
    out = io.StringIO()
    assert export(engine, "jsonl", out, EventFilter(min_sources=2)) == 1
    out = io.StringIO()
    assert export(engine, "jsonl", out, EventFilter(type="Protests", admin1="IQ-BA")) == 1
