"""Quality gate for toponym resolution: scores on fixed test samples must not fall below floors.

Floors are what was measured when they were set, rounded down by about two points; raise them
when quality improves, never lower them silently. Samples: the first 40 test articles of each
corpus and the first 300 ACLED test rows (test records per shared/data/README.md).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from eventatlas.eval import geo

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
pytestmark = pytest.mark.skipif(not (DATA / "geoparsing_gold").exists(),
                                reason="shared/data is absent (it sits beside the repository)")

# measured on these test samples when set: gwn 0.633 / 4 km, lgl 0.700 / 5 km, trnews 0.858 / 0 km,
# acled admin1 0.783, within 25 km 0.720 (before: gwn 0.349 / 471 km, lgl 0.481 / 321 km, trnews 0.560 / 82 km)
CORPUS_FLOORS = {
    "gwn": (geo.score_gwn, 0.61, 25.0),
    "lgl": (geo.score_lgl, 0.68, 25.0),
    "trnews": (geo.score_trnews, 0.83, 10.0),
}


@pytest.mark.parametrize("name", sorted(CORPUS_FLOORS))
def test_corpus_resolution_floor(name):
    scorer, min_acc, max_median = CORPUS_FLOORS[name]
    result = scorer(DATA, limit=40)
    assert result["n"] > 100
    assert result["metrics"]["acc_161km"] >= min_acc, result
    assert result["metrics"]["median_km"] <= max_median, result


def test_acled_floor():
    result = geo.score_acled(DATA, limit=300)
    assert result["n"] == 300
    assert result["metrics"]["admin1_acc"] >= 0.76, result
    assert result["metrics"]["within_25km"] >= 0.70, result


def test_split_rule_matches_the_readme():
    # about a fifth of ids are test ids, and the rule is sha1(id) % 5 == 0
    ids = [f"IRQ{i}" for i in range(1000)]
    share = sum(geo.in_split(i, "test") for i in ids) / len(ids)
    assert 0.15 < share < 0.25
    assert all(geo.in_split(i, "test") != geo.in_split(i, "dev") for i in ids)
