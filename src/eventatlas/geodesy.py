"""Distances on the Earth: the one great-circle distance every part of eventatlas uses.

Merging reports of one event (dedup), scoring geocoding (eval) and the tests all measure with
``distance_km`` so that a threshold means the same thing everywhere.

The Earth is taken as a sphere of radius ``EARTH_RADIUS_KM`` = 6371.0088 km, the IUGG mean radius
R1 = (2a + b) / 3 of the WGS84 ellipsoid. Against the ellipsoid the spherical formula errs by at most
about 0.5 %, far below what a place name tells (a town is kilometres wide); the haversine form stays
accurate for short distances, where the cosine form loses digits.
"""
from __future__ import annotations

import math

#: IUGG mean Earth radius R1 of the WGS84 ellipsoid, in kilometres.
EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in km between two points given in decimal degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))

#: The longest great-circle distance (half the circumference): what a place that was not found
#: at all counts as, in error distances.
FARTHEST_KM = math.pi * EARTH_RADIUS_KM
