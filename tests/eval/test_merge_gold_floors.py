"""Quality gate for merging end to end, on the project's own merge gold (tests/eval/merge/): French
and English reports of 42 invented events and 20 near misses, extracted from their raw texts and
stored in a fresh store (``eventatlas eval merge``).

Measured 2026-12-05: pairwise precision 1.00, recall 0.955 (40 of 42 groups whole; in m34 and m39
the French report yields no event), near misses kept apart 20 of 20, the same events and ids in three
orders (2026-12-04: recall 0.89, 37 groups whole). Floors sit one group under the measures, since
extraction changes move them; raise them when merging improves."""
from __future__ import annotations

import pytest

FLOORS = {"pair_precision": 0.95, "pair_recall": 0.93, "groups_whole": 0.92, "near_miss_apart": 0.95,
          "near_miss_apart_distance": 0.87, "near_miss_apart_days": 1.0, "near_miss_apart_type": 1.0,
          "order_independent": 1}


@pytest.fixture(scope="module")
def result():
    from eventatlas.eval.merge import score
    return score(with_sim=False)


def test_the_gold_is_big_enough(result):
    assert result["groups"] >= 40 and result["near_misses"] >= 20


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_merge_gold_floors(result, metric):
    value = result["metrics"][metric]
    assert value >= FLOORS[metric], f"{metric} {value} fell below its floor {FLOORS[metric]}: {result}"
