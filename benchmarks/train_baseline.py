"""`eventatlas train` against a TF-IDF + linear SVM baseline, trained on the same rows, measured in one run.

Both learn from the development rows of the three current-schema ACLED exports in
../shared/data/acled_samples/ (rows with int(sha1(event_id_cnty), 16) % 5 != 0) and are scored on
the test rows (% 5 == 0), the same records for all:

- baseline: TfidfVectorizer (word 1-2-grams, sublinear tf) + LinearSVC (C=1, chosen by 3-fold
  cross-validation on the development rows among 0.3 and 1), over the notes, no rules; it always
  answers a label.
- rules alone: full extraction (``eventatlas eval acled``), first record with an ACLED type; a note
  with no record counts as wrong.
- rules + model: the same extraction with the model ``eventatlas train --split dev`` writes
  (``event_model``, default threshold), scored on the same records in the same pass.

Metrics: sub-event type weighted F1 (eval.common.classification) and event type accuracy.
Issue 19's targets: rules+model wF1 >= 0.85 and type accuracy >= 0.90, and above the baseline.

Run: python benchmarks/train_baseline.py [--data DIR] [--out DIR] [--limit N] [--json]
(about 15 minutes on one core: the rules read every note once for training and once for scoring).
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

FILES = ("acled_2020-05_multicountry_RPanlilio.csv", "acled_2020-03_afghanistan_dkoban.csv",
         "acled_kenya_Carol0128.csv")
TARGETS = {"sub_event_type_weighted_f1": 0.85, "event_type_accuracy": 0.90}


def baseline(train_paths, test_rows) -> dict:
    """TF-IDF + LinearSVC on the notes of the development rows, scored on ``test_rows``."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    from eventatlas.eval.common import classification
    from eventatlas.learn.data import read_examples, sub_to_type
    examples = [e for p in train_paths for e in read_examples(p, split="dev")[0]]
    t0 = time.monotonic()
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    clf = LinearSVC(C=1.0).fit(vec.fit_transform([e.text for e in examples]), [e.sub_event_type for e in examples])
    pred = list(clf.predict(vec.transform([" ".join(r["notes"].split()) for r in test_rows])))
    c = classification([r["sub_event_type"] for r in test_rows], pred)
    types = sub_to_type()
    type_ok = [types.get(p) == r["event_type"] for p, r in zip(pred, test_rows)]
    return {"train_rows": len(examples), "seconds": round(time.monotonic() - t0, 1),
            "sub_event_type_weighted_f1": c["weighted_f1"], "sub_event_type_macro_f1": c["macro_f1"],
            "event_type_accuracy": round(sum(type_ok) / len(type_ok), 4)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, help="data folder (default: ../shared/data beside the repository)")
    ap.add_argument("--out", type=Path, help="keep the trained model in this folder (default: a temporary one, "
                                             "deleted: a model derived from ACLED data is not to be shared)")
    ap.add_argument("--limit", type=int, help="score only the first N test rows (a quick check, not the figure)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    from eventatlas.eval import acled
    from eventatlas.eval.common import data_dir, select
    from eventatlas.learn.trainer import train
    root = data_dir(args.data, acled.FOLDER)
    paths = [root / acled.FOLDER / f for f in FILES]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        print(f"missing: {', '.join(missing)}", file=sys.stderr)
        return 2
    rows = select(acled.load_rows(root, FILES), lambda r: r["id"], "test", None, args.limit)
    test_rows = [r for r in rows if r["schema"] == "current"]

    base = baseline(paths, test_rows)
    print(f"baseline: {base}", file=sys.stderr, flush=True)
    out = args.out or Path(tempfile.mkdtemp(prefix="eventatlas-train-"))
    try:
        t0 = time.monotonic()
        stats = train(paths, out, split="dev")
        train_s = round(time.monotonic() - t0, 1)
        ids = {r["id"] for r in test_rows}
        result = acled.score(data=args.data, ids=ids, split="test", files=FILES, model=str(out))
    finally:
        if args.out is None:
            shutil.rmtree(out, ignore_errors=True)
    ours = {k: result["metrics"][k] for k in ("sub_event_type_weighted_f1", "sub_event_type_macro_f1",
                                              "event_type_accuracy")}
    rules = {k: result["rules_alone"][k] for k in ours}
    report = {
        "test_rows": len(test_rows), "train_rows": stats["examples"], "train_seconds": train_s,
        "baseline (tfidf word 1-2 + LinearSVC, notes only)": base,
        "rules alone (extraction)": rules,
        "rules + eventatlas train model (extraction)": ours,
        "ratio wF1 ours/baseline": round(ours["sub_event_type_weighted_f1"] / base["sub_event_type_weighted_f1"], 4),
        "targets": {k: {"target": v, "ours": ours[k], "met": ours[k] >= v} for k, v in TARGETS.items()},
        "above_baseline": ours["sub_event_type_weighted_f1"] > base["sub_event_type_weighted_f1"],
        "model_params": json.loads((Path(args.out) / "meta.json").read_text("utf-8"))["params"] if args.out else None,
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return 0
    print(f"ACLED test rows: {len(test_rows)}; trained on {stats['examples']} development rows in {train_s} s")
    print(f"{'':52} {'sub wF1':>8} {'macro F1':>9} {'type acc':>9}")
    for name, m in (("baseline: TF-IDF + LinearSVC (notes, same dev rows)", base), ("rules alone (extraction)", rules),
                    ("rules + trained model (extraction)", ours)):
        print(f"{name:52} {m['sub_event_type_weighted_f1']:8.4f} {m['sub_event_type_macro_f1']:9.4f} "
              f"{m['event_type_accuracy']:9.4f}")
    print(f"ratio (rules + model) / baseline, sub-type wF1: {report['ratio wF1 ours/baseline']}")
    for k, t in report["targets"].items():
        print(f"target {k} >= {t['target']}: {t['ours']} {'met' if t['met'] else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
