"""A point on the border between two countries, from the packaged towns on either side.

No packaged, licensed country geometry was found (no Natural Earth or GeoNames shapes on PyPI
that install without a download), so the border is read off the GeoNames towns of 500+
inhabitants: pairs of towns, one in each country, less than ``NEIGHBOUR_KM`` apart straddle the
border, and their midpoints trace it. The point returned is the traced midpoint nearest their
mean: on the border, in the middle of the stretch where towns face each other, which is where a
"frontier between Niger and Burkina Faso" without a town name is best placed (ACLED precision 2).
Countries whose nearest towns are more than ``MAX_GAP_KM`` apart (across a sea, a desert) share
no land border that the towns show: None.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from eventatlas.geodesy import distance_km
from eventatlas.nlp.geo.entries import CITY, Gazetteer

NEIGHBOUR_KM = 50.0  # towns this close, in two countries, straddle their border
MAX_GAP_KM = 150.0
CELL_DEG = 0.5


@dataclass(frozen=True, slots=True)
class BorderPoint:
    lat: float
    lon: float
    side_rows: tuple[int, int]  # the nearest town on each side (first country, second country)
    pairs: int  # town pairs that traced the border: the evidence


def border_point(gaz: Gazetteer, cc_a: str, cc_b: str) -> BorderPoint | None:
    """A point on the land border of ``cc_a`` and ``cc_b`` (ISO alpha-2), or None."""
    if cc_a == cc_b:
        return None
    key = (id(gaz), *sorted((cc_a, cc_b)))
    if key not in _CACHE:
        _CACHE[key] = _trace(gaz, key[1], key[2])
    found = _CACHE[key]
    if found is None or cc_a == key[1]:
        return found
    return BorderPoint(found.lat, found.lon, found.side_rows[::-1], found.pairs)


_CACHE: dict[tuple[int, str, str], BorderPoint | None] = {}


def _trace(gaz: Gazetteer, cc_a: str, cc_b: str) -> BorderPoint | None:
    towns_a, towns_b = [], []
    for r in range(len(gaz)):
        if gaz.kind[r] == CITY and gaz.cc[r] in (cc_a, cc_b):
            (towns_a if gaz.cc[r] == cc_a else towns_b).append(r)
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    for r in towns_b:
        grid[_cell(gaz.lat[r], gaz.lon[r])].append(r)
    pairs = _pairs(gaz, towns_a, grid, 1, NEIGHBOUR_KM)
    if not pairs:  # no towns face each other: the closest pair, if the gap is a border's
        nearest = _pairs(gaz, towns_a, grid, math.ceil(MAX_GAP_KM / 111.0 / CELL_DEG), MAX_GAP_KM)
        pairs = [min(nearest)] if nearest else []
    if not pairs:
        return None
    mids = [((gaz.lat[a] + gaz.lat[b]) / 2, (gaz.lon[a] + gaz.lon[b]) / 2, a, b) for _, a, b in pairs]
    mean_lat = sum(m[0] for m in mids) / len(mids)
    mean_lon = sum(m[1] for m in mids) / len(mids)
    lat, lon, a, b = min(mids, key=lambda m: distance_km(mean_lat, mean_lon, m[0], m[1]))
    return BorderPoint(round(lat, 5), round(lon, 5), (a, b), len(pairs))


def _pairs(gaz: Gazetteer, towns_a: list[int], grid, span: int, max_km: float) -> list[tuple[float, int, int]]:
    out = []
    for a in towns_a:
        ci, cj = _cell(gaz.lat[a], gaz.lon[a])
        for di in range(-span, span + 1):
            for dj in range(-span, span + 1):
                for b in grid.get((ci + di, cj + dj), ()):
                    km = distance_km(gaz.lat[a], gaz.lon[a], gaz.lat[b], gaz.lon[b])
                    if km <= max_km:
                        out.append((km, a, b))
    return out


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / CELL_DEG), math.floor(lon / CELL_DEG)
