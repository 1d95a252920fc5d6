"""Gazetteer search for reviewers: places by name (``GET /api/places?q=``) and by GeoNames id (a review's
``{"location": {"geonames_id": N}}``), as location objects in the record's shape.

The gazetteer is the extractor's own index (``nlp.geo.gazetteer``), loaded once on first use; names are
matched on the same folded keys the extractor uses, whole name first, then names starting with it."""
from __future__ import annotations

import threading
from typing import Any

_LOCK = threading.Lock()
_BY_ID: dict[int, int] | None = None
_KEYS: list[str] | None = None


def _gazetteer():
    from eventatlas.nlp.geo.gazetteer import load_gazetteer
    return load_gazetteer()


def _indexes() -> tuple[dict[int, int], list[str]]:
    """geonames id -> row, and every exact name key in order (for prefix search), built once."""
    global _BY_ID, _KEYS
    with _LOCK:
        if _BY_ID is None or _KEYS is None:
            gaz = _gazetteer()
            by_id: dict[int, int] = {}
            for row, gid in enumerate(gaz.geonames_id):
                if gid and gid not in by_id:
                    by_id[gid] = row
            _BY_ID, _KEYS = by_id, sorted(gaz.exact)
    return _BY_ID, _KEYS


def location_of(row: int) -> dict[str, Any]:
    """A gazetteer row as a location object (the record's shape, no span)."""
    from eventatlas.nlp.geo.countries import acled_name, iso3_of
    from eventatlas.nlp.geo.gazetteer import CITY, FEATURE_NAMES
    gaz = _gazetteer()
    kind, cc, admin1 = gaz.kind[row], gaz.cc[row], gaz.admin1[row]
    return {"name": gaz.name[row], "admin2": gaz.admin2[row] if kind == CITY else None,
            "admin1": gaz.admin1_name.get(admin1) if admin1 else None, "admin1_code": admin1,
            "country": acled_name(cc), "iso3": iso3_of().get(cc), "lat": round(gaz.lat[row], 5),
            "lon": round(gaz.lon[row], 5), "geonames_id": gaz.geonames_id[row] or None,
            "precision": 1 if kind == CITY else 3, "feature": FEATURE_NAMES.get(kind, "city"),
            "population": gaz.population[row]}


def by_geonames_id(geonames_id: int) -> dict[str, Any] | None:
    row = _indexes()[0].get(geonames_id)
    if row is None:
        return None
    place = location_of(row)
    place.pop("population")
    return place


def search(query: str, limit: int = 10) -> list[dict[str, Any]]:
    """Places whose name (or one of its alternate names) is ``query`` or starts with it, biggest first."""
    import bisect

    from eventatlas.nlp.geo.text import exact_key, name_words
    words = name_words(query)
    if not words:
        return []
    key = exact_key(words)
    gaz = _gazetteer()
    _, keys = _indexes()
    rows: dict[int, int] = {}  # row -> rank (0: whole name, 1: prefix)
    for row in gaz.exact.get(key, ()):
        rows.setdefault(row, 0)
    i = bisect.bisect_left(keys, key)
    while i < len(keys) and keys[i].startswith(key) and len(rows) < 2000:
        for row in gaz.exact[keys[i]]:
            rows.setdefault(row, 1)
        i += 1
    ranked = sorted(rows, key=lambda r: (rows[r], -gaz.population[r], gaz.name[r]))
    out, seen = [], set()
    for row in ranked:
        place = location_of(row)
        ident = place["geonames_id"] or (place["name"], place["country"], place["feature"])
        if ident in seen:
            continue
        seen.add(ident)
        out.append(place)
        if len(out) == limit:
            break
    return out


def nearest(lat: float, lon: float, limit: int = 5) -> list[dict[str, Any]]:
    """The gazetteer's towns nearest a point (a reviewer clicking the map), nearest first. Candidates come
    from a band of latitudes around the point, widened until it holds enough towns."""
    import bisect
    import heapq
    import math

    gaz = _gazetteer()
    lats, rows = _towns_by_latitude()
    scale = math.cos(math.radians(lat)) ** 2

    def closeness(row: int) -> float:  # ranking only: squared degrees, longitude shrunk with latitude
        dlon = (gaz.lon[row] - lon + 180) % 360 - 180
        return (gaz.lat[row] - lat) ** 2 + scale * dlon ** 2

    band = 0.5
    while True:
        lo, hi = bisect.bisect_left(lats, lat - band), bisect.bisect_right(lats, lat + band)
        best = heapq.nsmallest(limit, rows[lo:hi], key=closeness)
        # the band holds every town nearer than its half-width: enough when the farthest chosen is inside it
        if len(best) == limit and closeness(best[-1]) <= band ** 2 or band >= 180:
            break
        band *= 4
    out = []
    for row in best:
        place = location_of(row)
        place.pop("population")
        out.append(place)
    return out


_TOWNS: tuple[list[float], list[int]] | None = None


def _towns_by_latitude() -> tuple[list[float], list[int]]:
    global _TOWNS
    with _LOCK:
        if _TOWNS is None:
            from eventatlas.nlp.geo.gazetteer import CITY
            gaz = _gazetteer()
            rows = sorted((r for r in range(len(gaz.name)) if gaz.kind[r] == CITY), key=lambda r: gaz.lat[r])
            _TOWNS = [gaz.lat[r] for r in rows], rows
    return _TOWNS
