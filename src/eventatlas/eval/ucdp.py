"""UCDP GED Iraq: deaths (low / best / high) read from the events' source headlines.

Data: shared/data/ucdp_ged_iraq/conflict_data_irq.csv (HXL tag row skipped). Of the text columns
(source_article, source_headline, source_original, source_office), only `source_headline` holds
prose (3,531 events, mostly 2013+); `source_article` is a citation list ("Outlet,YYYY-MM-DD,Headline"
or "r 25/2"). A row is scored when its headline is non-empty; several headlines (";"-separated)
become one document, one headline per line, each ending with a full stop.

Split: test = rows with int(sha1(str(id)), 16) % 5 == 0, dev = the others (shared/data/README.md);
``ids`` are UCDP ids; ``limit`` keeps the first N rows with text of the split in file order.

Per row: extract (lang "en", published = date_start); the prediction is the first record with an
event_type (none: deaths 0). Our fatalities low/best/high (null = 0) against UCDP low/best/high.

Metrics: best_exact, low_exact, high_exact (exact-match rates), best_mae, low_mae, high_mae (mean
absolute error, deaths), best_exact_any (any extracted event's best equals UCDP best),
event_found (share of rows giving an ACLED event), gold_zero_share (rows whose UCDP best is 0).
"""
from __future__ import annotations

import csv
from pathlib import Path

from eventatlas.eval.common import data_dir, extract_records, first_event, progress, rate, select

FOLDER = "ucdp_ged_iraq"
FILE = "conflict_data_irq.csv"


def _int(v) -> int | None:
    try:
        return int(float(v))
    except (TypeError, ValueError):
        return None


def headline_text(value: str) -> str:
    lines = []
    for h in (value or "").split(";"):
        h = " ".join(h.split())
        if h:
            lines.append(h if h[-1] in ".!?" else h + ".")
    return "\n".join(lines)


def load_rows(root: Path) -> list[dict]:
    with open(root / FOLDER / FILE, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = []
        for r in reader:
            if not (r.get("id") or "").strip() or (r.get("source_headline") or "").startswith("#"):
                continue  # the HXL tag row (line 2)
            text = headline_text(r.get("source_headline", ""))
            if not text:
                continue
            rows.append({"id": r["id"].strip(), "text": text, "date": (r.get("date_start") or "")[:10] or None,
                         "low": _int(r.get("low")), "best": _int(r.get("best")), "high": _int(r.get("high"))})
    return rows


def score(data=None, ids: set[str] | None = None, limit: int | None = None, split: str = "test") -> dict:
    root = data_dir(data, FOLDER)
    rows = select(load_rows(root), lambda r: r["id"], split, ids, limit)
    res = {k: [] for k in ("best", "low", "high")}
    any_best, found, zero = [], [], []
    for row in progress(rows, "ucdp"):
        records = extract_records(row["text"], published=row["date"], lang="en")
        ev = first_event(records)
        fat = (ev or {}).get("fatalities") or {}
        for k in res:
            if row[k] is not None:
                res[k].append((fat.get(k) or 0, row[k]))
        bests = [((r.get("fatalities") or {}).get("best") or 0) for r in records if r.get("event_type")] or [0]
        if row["best"] is not None:
            any_best.append(row["best"] in bests)
        found.append(ev is not None)
        zero.append(row["best"] == 0)
    metrics = {}
    for k, pairs in res.items():
        metrics[f"{k}_exact"] = rate([p == g for p, g in pairs])
        metrics[f"{k}_mae"] = round(sum(abs(p - g) for p, g in pairs) / len(pairs), 3) if pairs else None
    metrics.update(best_exact_any=rate(any_best), event_found=rate(found), gold_zero_share=rate(zero))
    return {"dataset": "ucdp", "n": len(rows), "split": "ids" if ids is not None else split, "metrics": metrics}
