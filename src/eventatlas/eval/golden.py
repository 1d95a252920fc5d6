"""The project's own golden cases (tests/golden/<lang>/<case>/): run extraction, match against
expected.json. Used by the test suite and by `eventatlas eval golden`.

Metrics: cases_passed (every gold event matched, nothing extra, required statements present),
event_precision, event_recall, event_f1 (one-to-one matches over all cases), per language."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from eventatlas.eval.match import match_document, statements_ok


@dataclass(frozen=True)
class CaseResult:
    name: str
    lang: str
    passed: bool
    matched: int
    gold: int
    extra: int
    problems: tuple[str, ...]


def golden_root() -> Path:
    return Path(__file__).resolve().parents[3] / "tests" / "golden"


def list_cases(root: Path | None = None) -> list[Path]:
    root = root or golden_root()
    return sorted(p.parent for p in root.glob("*/*/expected.json"))


def run_case(case: Path) -> CaseResult:
    from eventatlas.extract import extract
    from eventatlas.ingest import document_from_text
    from eventatlas.model import event_to_dict
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    doc = document_from_text((case / "input.txt").read_text(encoding="utf-8"), published=expected["published"],
                             source_path=str(case / "input.txt"))
    records = [event_to_dict(e, with_text=False) for e in extract(doc, lang=expected.get("lang", "auto"))]
    r = match_document(expected["events"], records)
    missing_statements = statements_ok(expected.get("statements", []), records)
    events = [x for x in records if x.get("event_type")]
    problems = [f"missed gold event {gi}: {'; '.join(why)}" for gi, why in r["missed"]]
    problems += [f"extra event: {events[i]['event_type']} / {events[i]['sub_event_type']} at "
                 f"{(events[i]['location'] or {}).get('name')} on {(events[i]['date'] or {}).get('start')} "
                 f"(trigger {events[i]['trigger']['text']!r})" for i in r["extra"]]
    problems += missing_statements
    return CaseResult(f"{case.parent.name}/{case.name}", case.parent.name, not problems, len(r["matched"]),
                      len(expected["events"]), len(r["extra"]), tuple(problems))


def score(root: Path | None = None, limit: int | None = None, ids: set[str] | None = None) -> dict:
    cases = list_cases(root)
    if ids:
        cases = [c for c in cases if f"{c.parent.name}/{c.name}" in ids]
    cases = cases[:limit] if limit else cases
    results = [run_case(c) for c in cases]
    metrics: dict[str, float] = {}
    for lang in sorted({r.lang for r in results}) + ["all"]:
        rs = [r for r in results if lang == "all" or r.lang == lang]
        tp = sum(r.matched for r in rs)
        fp = sum(r.extra for r in rs)
        fn = sum(r.gold - r.matched for r in rs)
        p = tp / (tp + fp) if tp + fp else 1.0
        rec = tp / (tp + fn) if tp + fn else 1.0
        metrics[f"{lang}.cases_passed"] = sum(r.passed for r in rs) / len(rs) if rs else 0.0
        metrics[f"{lang}.event_precision"] = round(p, 4)
        metrics[f"{lang}.event_recall"] = round(rec, 4)
        metrics[f"{lang}.event_f1"] = round(2 * p * rec / (p + rec), 4) if p + rec else 0.0
    return {"dataset": "golden", "n": len(results), "metrics": metrics,
            "cases": [{"case": r.name, "passed": r.passed, "problems": list(r.problems)} for r in results]}
