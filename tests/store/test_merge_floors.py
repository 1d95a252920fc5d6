"""Quality gate for cross-article merging, on records simulated from ACLED exports
(eventatlas.eval.merge_sim).

Floors are the measured scores rounded down; raise them when merging improves, never lower them
silently. Measured 2026-12-05 (seed 7; 5,566 ACLED rows -> 13,300 simulated reports of 5,366 events;
strict gold: same date, place and type; reports name their place and give tolls since 2026-12-05):

- test rows (shared/data/README.md's split; reported, never tuned on): precision 0.925, recall 0.903
  (0.893 / 0.893 before reports named places);
- development rows: precision 0.774, recall 0.820 (0.677 / 0.798 before);
- all rows: precision 0.765, recall 0.814 (0.658 / 0.794 before; before issue 18: 0.636 / 0.766).

Rows dense with same-place events on consecutive days (daily protests in one city) are where
precision is lost: a report dated a day late cannot be told from the next day's event."""
from __future__ import annotations

import pytest

from eventatlas.eval.merge_sim import FILES, SAMPLES, evaluate

FLOORS = {"all": {"precision": 0.76, "recall": 0.81}, "dev": {"precision": 0.77, "recall": 0.81},
          "test": {"precision": 0.92, "recall": 0.90}}

pytestmark = pytest.mark.skipif(not all((SAMPLES / f).exists() for f in FILES),
                                reason="../shared/data/acled_samples is absent (only CI and developers have it)")


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_merge_precision_and_recall_floors(split):
    result = evaluate(split=split)
    scores = result["strict"]
    assert result["mentions"] > {"all": 13_000, "dev": 10_000, "test": 2_000}[split]
    for metric, floor in FLOORS[split].items():
        assert scores[metric] >= floor, f"{metric} {scores[metric]} fell below its floor {floor}: {result}"
