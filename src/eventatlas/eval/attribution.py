"""Attribution and certainty on the project's own gold passages (tests/eval/attribution/gold.jsonl,
written for eventatlas, CC0): does each passage give an event, with the right certainty, and is
its source found?

Split: passages whose int(sha1(id)) % 5 == 0 are held out as test (never used to tune rules);
the rest are dev. Metrics, per language and overall ("all."):
- certainty_accuracy: predicted certainty of the first record (event or statement) equals gold,
  over passages whose gold certainty is not null; a passage with no record counts as wrong.
- source_found: the attribution's source (or chain) matches one of source_any (case-insensitive
  containment either way); for writer-only passages, the attribution kind must be "writer".
- source_kind_accuracy: attribution kind equals gold source_kind (anonymous inner sources of a
  chain count as anonymous).
- event_accuracy: "an ACLED event was extracted" equals gold `event`.
- editorial_false_events: ACLED events extracted from passages whose gold says no event and no
  statement (editorial or negated); lower is better.
"""
from __future__ import annotations

import json
from pathlib import Path

from eventatlas.datasplit import in_split
from eventatlas.eval.match import alias_hit


def gold_path() -> Path:
    return Path(__file__).resolve().parents[3] / "tests" / "eval" / "attribution" / "gold.jsonl"


def load(path: Path | None = None, split: str = "all", ids: set[str] | None = None, limit: int | None = None):
    rows = [json.loads(line) for line in (path or gold_path()).read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if in_split(r["id"], split) and (not ids or r["id"] in ids)]
    return rows[:limit] if limit else rows


def predict(row: dict) -> dict:
    from eventatlas.extract import extract
    from eventatlas.ingest import document_from_text
    from eventatlas.model import event_to_dict
    doc = document_from_text(row["text"], published=row.get("published"))
    records = [event_to_dict(e, with_text=False) for e in extract(doc, lang=row["lang"])]
    events = [r for r in records if r["event_type"]]
    first = (events or records or [None])[0]
    return {"event": bool(events), "record": first}


def _source_found(row: dict, rec: dict | None) -> bool:
    if rec is None:
        return False
    att = rec["attribution"]
    if row["source_kind"] == "writer":
        return att["kind"] == "writer" or att["source"] == "reports"
    texts = [att["source"], *att.get("chain", []), att.get("text") or ""]
    return any(alias_hit(t, row["source_any"]) for t in texts if t)


def score(split: str = "all", ids: set[str] | None = None, limit: int | None = None, path: Path | None = None) -> dict:
    rows = load(path, split, ids, limit)
    per: dict[str, dict[str, list]] = {}
    confusion: dict[str, dict[str, int]] = {}
    details = []
    for row in rows:
        pred = predict(row)
        rec = pred["record"]
        got = rec["certainty"] if rec else None
        for lang in (row["lang"], "all"):
            m = per.setdefault(lang, {"cert": [], "src": [], "kind": [], "event": [], "editorial": []})
            if row["certainty"] is not None:
                m["cert"].append(got == row["certainty"])
            if row["event"] or row["statement"]:
                m["src"].append(_source_found(row, rec))
                m["kind"].append(rec is not None and rec["attribution"]["kind"] == row["source_kind"])
            m["event"].append(pred["event"] == row["event"])
            if not row["event"] and not row["statement"]:
                m["editorial"].append(pred["event"])
        if row["certainty"] is not None:
            confusion.setdefault(row["certainty"], {}).setdefault(str(got), 0)
            confusion[row["certainty"]][str(got)] += 1
        details.append({"id": row["id"], "gold": row["certainty"], "predicted": got,
                        "source": rec["attribution"]["source"] if rec else None})
    metrics = {}
    for lang, m in sorted(per.items()):
        mean = lambda xs: round(sum(xs) / len(xs), 4) if xs else None  # noqa: E731
        metrics[f"{lang}.certainty_accuracy"] = mean(m["cert"])
        metrics[f"{lang}.source_found"] = mean(m["src"])
        metrics[f"{lang}.source_kind_accuracy"] = mean(m["kind"])
        metrics[f"{lang}.event_accuracy"] = mean(m["event"])
        metrics[f"{lang}.editorial_false_events"] = sum(m["editorial"])
    return {"dataset": "attribution", "split": split, "n": len(rows), "metrics": metrics, "confusion": confusion,
            "details": details}
