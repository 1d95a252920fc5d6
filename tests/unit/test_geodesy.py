"""eventatlas.geodesy: the one great-circle distance."""
from __future__ import annotations

import pytest

from eventatlas.geodesy import EARTH_RADIUS_KM, distance_km


def test_one_degree_of_longitude_on_the_equator_is_a_360th_of_the_circumference():
    assert distance_km(0, 0, 0, 1) == pytest.approx(2 * 3.141592653589793 * EARTH_RADIUS_KM / 360, rel=1e-12)
    assert distance_km(0, 0, 0, 1) == pytest.approx(111.195, abs=0.001)


def test_known_city_pair_and_symmetry():
    # Baghdad (33.3152, 44.3661) to Mosul (36.3350, 43.1189): about 350 km (great circle, IUGG mean radius)
    d = distance_km(33.3152, 44.3661, 36.3350, 43.1189)
    assert 345 < d < 355
    assert distance_km(36.3350, 43.1189, 33.3152, 44.3661) == pytest.approx(d, rel=1e-12)


def test_same_point_antipodes_and_date_line():
    assert distance_km(34.72, 44.59, 34.72, 44.59) == 0.0
    assert distance_km(0, 0, 0, 180) == pytest.approx(3.141592653589793 * EARTH_RADIUS_KM, rel=1e-9)
    assert distance_km(10, 179.5, 10, -179.5) == pytest.approx(distance_km(10, 0, 10, 1), rel=1e-9)
