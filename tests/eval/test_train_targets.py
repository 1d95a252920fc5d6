"""Issue 19's targets for `eventatlas train` (slow: about 15 minutes on one core).

`train` on the development rows of the three current-schema ACLED exports, then extraction with the
model (event_model) on the test rows: sub-type weighted F1 >= 0.85 and type accuracy >= 0.90, and
above a TF-IDF + LinearSVC baseline trained on the same rows and measured in the same run
(benchmarks/train_baseline.py does both; this test runs it).
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from eventatlas.eval.common import default_data_dir

pytest.importorskip("sklearn")

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "train_baseline.py"


@pytest.fixture(scope="module")
def report():
    data = default_data_dir()
    if not (data / "acled_samples").is_dir():
        pytest.skip(f"ACLED samples not found under {data} (shared/data beside the repository)")
    spec = importlib.util.spec_from_file_location("train_baseline", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    import contextlib
    import io
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert bench.main(["--json"]) == 0
    return json.loads(out.getvalue().strip().splitlines()[-1])


@pytest.mark.slow
def test_train_sub_type_f1_meets_the_target_and_beats_the_same_run_baseline(report):
    ours = report["rules + eventatlas train model (extraction)"]
    base = report["baseline (tfidf word 1-2 + LinearSVC, notes only)"]
    rules = report["rules alone (extraction)"]
    assert report["test_rows"] > 2000
    assert ours["sub_event_type_weighted_f1"] >= 0.87, report  # 0.8729 with NB-scaled SVMs, 2026-12-05 (target 0.85)
    assert ours["sub_event_type_weighted_f1"] > base["sub_event_type_weighted_f1"], report
    assert ours["sub_event_type_weighted_f1"] > rules["sub_event_type_weighted_f1"], report
    assert ours["event_type_accuracy"] > base["event_type_accuracy"], report  # 0.9073 vs 0.8807 (2026-12-05)


@pytest.mark.slow
def test_train_event_type_accuracy_meets_the_target(report):
    # 0.9073 measured 2026-12-05 09:45 UTC with NB-scaled SVMs (0.8986 with plain LinearSVCs)
    assert report["rules + eventatlas train model (extraction)"]["event_type_accuracy"] >= 0.90, report
