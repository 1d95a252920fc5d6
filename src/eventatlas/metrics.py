"""Scoring metrics (no sklearn), shared by the evaluation scorers and the trainer's own evaluation.

Conventions:
- ``prf(tp, fp, fn)``: precision, recall, F1; an empty denominator gives 0.0.
- ``classification(gold, pred, labels)``: per-class P/R/F1/support over ``labels`` (gold classes;
  a prediction outside ``labels``, e.g. "none", is a false negative for the gold class and no
  false positive for any class), ``weighted_f1`` (F1 averaged with weights = gold support, as
  sklearn's ``average="weighted"``), ``macro_f1`` (unweighted mean over labels with support or
  predictions) and ``accuracy``.
- ``confusion(gold, pred)``: ``{gold: {pred: count}}``; ``top_confusions`` its largest cells.
- ``rate(xs)``: the share of true values, None for none.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable, Sequence

#: the label of "no event" in classification scores
NONE = "none"


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def classification(gold: Sequence[str], pred: Sequence[str], labels: Iterable[str] | None = None) -> dict:
    """Per-class P/R/F1 and weighted/macro F1 over `labels` (default: the gold labels)."""
    assert len(gold) == len(pred)
    labels = sorted(set(labels) if labels is not None else set(gold))
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred):
        if g == p:
            tp[g] += 1
        else:
            fn[g] += 1
            fp[p] += 1
    support = Counter(gold)
    per_class, used = {}, []
    for lab in labels:
        p, r, f = prf(tp[lab], fp[lab], fn[lab])
        per_class[lab] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": support[lab]}
        if support[lab] or fp[lab]:
            used.append(f)
    total = sum(support[lab] for lab in labels)
    weighted = sum(prf(tp[lab], fp[lab], fn[lab])[2] * support[lab] for lab in labels) / total if total else 0.0
    return {"per_class": per_class, "weighted_f1": round(weighted, 4),
            "macro_f1": round(sum(used) / len(used), 4) if used else 0.0,
            "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / len(gold), 4) if gold else 0.0}


def confusion(gold: Sequence[str], pred: Sequence[str]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for g, p in zip(gold, pred):
        out[g][p] = out[g].get(p, 0) + 1
    return {g: dict(sorted(v.items(), key=lambda kv: -kv[1])) for g, v in sorted(out.items())}


def top_confusions(conf: dict[str, dict[str, int]], k: int = 5) -> list[tuple[str, str, int]]:
    pairs = [(g, p, n) for g, row in conf.items() for p, n in row.items() if g != p]
    return sorted(pairs, key=lambda t: (-t[2], t[0], t[1]))[:k]


def rate(xs: Sequence[bool]) -> float | None:
    return round(sum(xs) / len(xs), 4) if xs else None
