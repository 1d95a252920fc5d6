"""The API's reads over the store: the export filters (``EventFilter``) plus the ones only a map
needs (bounding box, exact type and sub-type lists, text search in the evidence), cursor pages,
map points or grid cells, and counts for the timeline.

Coordinates live only in the merged JSON record, so they are read with the backend's JSON
functions (``json_extract`` on SQLite, ``jsonb`` paths on PostgreSQL); no column is added."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from eventatlas.store import schema
from eventatlas.store.repo import EventFilter, filtered

#: Above this many events in view, /api/map answers grid cells instead of points.
MAX_POINTS = 3000


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Everything /api/events, /api/map, /api/stats and /api/export filter on; empty means no filter."""

    base: EventFilter = EventFilter()
    event_types: tuple[str, ...] = ()  # exact ACLED event_type names; "statement" means event_type null
    sub_event_types: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    text: str | None = None  # part of any evidence span's text, any case

    def without_dates(self) -> EventQuery:
        return dataclasses.replace(self, base=dataclasses.replace(self.base, since_date=None, until_date=None))


def _coordinate(dialect: str, axis: str) -> sa.ColumnElement:
    record = schema.events.c.record
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import JSONB
        return sa.cast(sa.cast(record, JSONB)[("location", axis)].astext, sa.Float)
    return sa.cast(sa.func.json_extract(record, f"$.location.{axis}"), sa.Float)


def _json_text(dialect: str, *path: str) -> sa.ColumnElement:
    record = schema.events.c.record
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import JSONB
        return sa.cast(record, JSONB)[path].astext
    return sa.func.json_extract(record, "$." + ".".join(path))


def _lon_clause(lon: sa.ColumnElement, min_lon: float, max_lon: float) -> sa.ColumnElement | None:
    if max_lon - min_lon >= 360:
        return None
    # Leaflet reports longitudes beyond ±180 once the world has been panned round: fold them back.
    lo = (min_lon + 180) % 360 - 180
    hi = lo + (max_lon - min_lon)
    if hi <= 180:
        return lon.between(lo, hi)
    return sa.or_(lon >= lo, lon <= hi - 360)


def where(query: sa.Select, q: EventQuery, dialect: str) -> sa.Select:
    e = schema.events.c
    query = filtered(query, q.base)
    if q.event_types:
        named = [t for t in q.event_types if t != "statement"]
        clauses = [e.event_type.in_(named)] if named else []
        if "statement" in q.event_types:
            clauses.append(e.event_type.is_(None))
        query = query.where(sa.or_(*clauses))
    if q.sub_event_types:
        query = query.where(e.sub_event_type.in_(list(q.sub_event_types)))
    if q.bbox:
        min_lon, min_lat, max_lon, max_lat = q.bbox
        lat, lon = _coordinate(dialect, "lat"), _coordinate(dialect, "lon")
        query = query.where(lat.between(min_lat, max_lat))
        lon_clause = _lon_clause(lon, min_lon, max_lon)
        query = query.where(lon.is_not(None) if lon_clause is None else lon_clause)
    if q.text:
        r, ev = schema.records.c, schema.evidence.c
        hits = (sa.select(r.event_id).join(schema.evidence, ev.record_id == r.id)
                .where(sa.func.lower(ev.text).contains(q.text.lower(), autoescape=True)))
        query = query.where(e.id.in_(hits))
    return query


def page(engine: sa.Engine, q: EventQuery, cursor: str | None = None,
         limit: int | None = 100) -> tuple[list[dict[str, Any]], str | None]:
    """Merged events by date then id (the order of ``repo.query_events``): (events, next cursor or None)."""
    from eventatlas.store.repo import page_events
    return page_events(engine, lambda query: where(query, q, engine.dialect.name), cursor, limit)


def iter_pages(engine: sa.Engine, q: EventQuery, size: int = 500) -> Iterator[list[dict[str, Any]]]:
    cursor = None
    while True:
        events, cursor = page(engine, q, cursor, size)
        if events:
            yield events
        if cursor is None:
            return


def map_view(engine: sa.Engine, q: EventQuery, max_points: int = MAX_POINTS, grid: int = 64) -> dict[str, Any]:
    """What the map draws for ``q``: every event as a light point, or, above ``max_points`` events,
    grid cells (coordinates rounded to 1/``grid`` of the view's width) with counts per type, so
    that tens of thousands of events stay a few hundred markers."""
    e = schema.events.c
    dialect = engine.dialect.name
    lat, lon = _coordinate(dialect, "lat"), _coordinate(dialect, "lon")
    located = dataclasses.replace(q, bbox=q.bbox or (-180.0, -90.0, 180.0, 90.0))
    with engine.connect() as conn:
        total = int(conn.execute(where(sa.select(sa.func.count()).select_from(schema.events), located, dialect))
                    .scalar() or 0)
        if total <= max_points:
            fatalities = _json_text(dialect, "fatalities", "best")
            name = _json_text(dialect, "location", "name")
            reviewed = _json_text(dialect, "review", "state")
            rows = conn.execute(where(sa.select(e.id, e.event_type, e.sub_event_type, e.certainty, e.date_start,
                                                e.sources, lat.label("lat"), lon.label("lon"),
                                                fatalities.label("fatalities"), name.label("name"),
                                                reviewed.label("review")),
                                      located, dialect).order_by(e.date_start, e.id)).all()
            points = [{"id": r.id, "lat": r.lat, "lon": r.lon, "event_type": r.event_type,
                       "sub_event_type": r.sub_event_type, "certainty": r.certainty, "date": r.date_start,
                       "sources": r.sources, "name": r.name, "review": r.review,
                       "fatalities": None if r.fatalities is None else int(float(r.fatalities))} for r in rows]
            return {"mode": "points", "total": total, "points": points}
        min_lon, min_lat, max_lon, max_lat = located.bbox
        cell = max((min(max_lon - min_lon, 360.0)) / grid, 1e-4)
        gx, gy = sa.func.round(lon / cell).label("gx"), sa.func.round(lat / cell).label("gy")
        rows = conn.execute(where(sa.select(gx, gy, e.event_type, sa.func.count().label("n"),
                                            sa.func.avg(lat).label("lat"), sa.func.avg(lon).label("lon")),
                                  located, dialect).group_by(gx, gy, e.event_type)).all()
    cells: dict[tuple[float, float], dict[str, Any]] = {}
    for r in rows:
        c = cells.setdefault((r.gx, r.gy), {"count": 0, "lat": 0.0, "lon": 0.0, "types": {}})
        c["lat"] += r.lat * r.n
        c["lon"] += r.lon * r.n
        c["count"] += r.n
        c["types"][r.event_type or "statement"] = r.n
    out = []
    for c in cells.values():
        out.append({"lat": c["lat"] / c["count"], "lon": c["lon"] / c["count"], "count": c["count"],
                    "event_type": max(c["types"], key=c["types"].get), "types": c["types"]})
    out.sort(key=lambda c: -c["count"])
    return {"mode": "cells", "total": total, "cell_degrees": cell, "cells": out}


def counts(engine: sa.Engine, q: EventQuery) -> dict[str, Any]:
    """Events matching ``q`` counted by day (of the event's start date), by type and by admin-1."""
    e = schema.events.c
    dialect = engine.dialect.name
    n = sa.func.count().label("n")

    def grouped(*cols):
        return where(sa.select(*cols, n), q, dialect).group_by(*cols).order_by(*cols)

    with engine.connect() as conn:
        total = int(conn.execute(where(sa.select(sa.func.count()).select_from(schema.events), q, dialect))
                    .scalar() or 0)
        by_day = [{"date": d, "count": c} for d, c in conn.execute(grouped(e.date_start)) if d]
        by_type = [{"event_type": t or "statement", "count": c} for t, c in conn.execute(grouped(e.event_type))]
        by_admin1 = [{"country": country, "admin1": a, "admin1_code": code, "count": c}
                     for country, a, code, c in conn.execute(grouped(e.country, e.admin1, e.admin1_code))]
    by_type.sort(key=lambda x: -x["count"])
    by_admin1.sort(key=lambda x: -x["count"])
    return {"total": total, "by_day": by_day, "by_type": by_type, "by_admin1": by_admin1}


def evidence_of_event(engine: sa.Engine, event_id: str) -> list[dict[str, Any]]:
    """Every span of every record merged into the event: field, document, text and offsets."""
    r, ev = schema.records.c, schema.evidence.c
    query = (sa.select(ev.record_id, ev.document_id, ev.field, ev.text, ev.start_char, ev.end_char)
             .join(schema.records, r.id == ev.record_id).where(r.event_id == event_id)
             .order_by(ev.document_id, ev.start_char, ev.field))
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


def evidence_of_document(engine: sa.Engine, document_id: str) -> list[dict[str, Any]]:
    r, ev = schema.records.c, schema.evidence.c
    query = (sa.select(ev.record_id, r.event_id, ev.field, ev.text, ev.start_char, ev.end_char)
             .join(schema.records, r.id == ev.record_id).where(ev.document_id == document_id)
             .order_by(ev.start_char, ev.field))
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]
