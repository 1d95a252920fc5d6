"""ACLED `notes` as gold: type, sub-type, actor1, fatalities, date, admin1 and point.

Data: shared/data/acled_samples/ (4 exports; see its README). Every row with non-empty notes is
used. Two schemas are read: the current one (lower-case columns, 6 types / 25 sub-types) and the
2015 one (upper-case columns, old 9-type taxonomy, no sub-type; `ALLY_ACTOR_*` instead of
`assoc_actor_*`). Dates are parsed per file format (9-May-20, 21 March 2020, 31-12-19,
01-January-2015).

Split (shared/data/README.md): test = rows with int(sha1(event_id_cnty), 16) % 5 == 0, dev = the
others; ``ids`` restricts to the listed event_id_cnty values; ``limit`` keeps the first N rows of
the split in file order (files in the order of ACLED_FILES).

Per row: a document is built from `notes` (published = event_date, lang "en"), extract() runs, and
the predicted event is the first record with an event_type (none: the prediction is "none" and
every field counts as wrong, fatalities as 0).

Metrics (`metrics`):
- event_type_accuracy: current-schema rows; predicted event_type == ACLED event_type.
- old_schema_event_type_accuracy: 2015 rows; the old type mapped to today's (Battle-* -> Battles,
  Riots/Protests -> Protests or Riots, Remote violence -> Explosions/Remote violence, Strategic
  development / Non-violent transfer of territory / HQ -> Strategic developments).
- sub_event_type_weighted_f1 / sub_event_type_macro_f1 / sub_event_type_accuracy: current-schema
  rows, over the ACLED sub-types present (common.classification; "none" is a miss).
- actor1_match: ACLED actor1 vs any perpetrator name of the predicted event (claimant when there is
  no perpetrator): word-sequence containment either way after folding, with or without the
  country part ("Military Forces of Iraq (2020-)" also as "Military Forces"; "Unidentified Armed
  Group (Iraq)" as "Unidentified Armed Group").
- fatalities_exact: our fatalities.best (null = 0) == ACLED fatalities.
- date_exact: our date.start == event_date.
- admin1_match: our location.admin1, or the ISO 3166-2 subdivision name of our admin1_code, equals
  ACLED admin1 after folding (accents, case, articles such as al/ad, words such as Province dropped).
- within_25km: share of rows where both have coordinates and they lie within 25 km
  (``within_25km_n`` says over how many rows).
- by_schema: the same per schema; by_country: event_type accuracy (and n) for Iraq, Syria, Yemen,
  Mali, Burkina Faso, Niger where present.
`per_class` and `confusion` are for sub_event_type (current schema); `event_type_confusion` too.

With a trained model (``model``, i.e. `eval acled --model DIR`, or the ``event_model`` setting), every
row is analysed once and scored twice, by the rules alone and by rules+model (extract.extract_compared):
``metrics`` and the tables are rules+model (what extraction with that model gives), ``rules_alone``
holds the rules' metrics and ``side_by_side`` the two for each metric, on the same records.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from eventatlas.taxonomy import parse_date  # noqa: F401 - ACLED's date formats
from eventatlas.eval.common import (ADMIN_WORDS, ARTICLES, NONE, classification, confusion, contained_either, data_dir,
                                    extract_records, first_event, progress, rate, select, top_confusions, words)
from eventatlas.geodesy import distance_km

FOLDER = "acled_samples"
ACLED_FILES = ("acled_2020-05_multicountry_RPanlilio.csv", "acled_2020-03_afghanistan_dkoban.csv",
               "acled_kenya_Carol0128.csv", "acled_2015_asia_oldschema_katehara.csv")
COUNTRIES = ("Iraq", "Syria", "Yemen", "Mali", "Burkina Faso", "Niger")
OLD_TYPES = {
    "battle-no change of territory": {"Battles"},
    "battle-government regains territory": {"Battles"},
    "battle-non-state actors overtake territory": {"Battles"},
    "battle-non-state actor overtakes territory": {"Battles"},
    "riots/protests": {"Protests", "Riots"},
    "violence against civilians": {"Violence against civilians"},
    "remote violence": {"Explosions/Remote violence"},
    "strategic development": {"Strategic developments"},
    "non-violent transfer of territory": {"Strategic developments"},
    "headquarters or base established": {"Strategic developments"},
}


def _float(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def _int(v):
    try:
        return int(float(v))
    except (TypeError, ValueError):
        return None


def normalise_row(raw: dict, file: str) -> dict | None:
    """One CSV row of either schema -> a common dict; None when the row has no notes."""
    r = {k.strip().lower(): (v or "") for k, v in raw.items() if k}
    notes = r.get("notes", "").strip()
    if not notes:
        return None
    old = "sub_event_type" not in r
    return {
        "id": r.get("event_id_cnty", "").strip(), "file": file, "schema": "old" if old else "current",
        "event_date": parse_date(r.get("event_date", "")), "event_type": r.get("event_type", "").strip(),
        "sub_event_type": None if old else r.get("sub_event_type", "").strip(),
        "actor1": r.get("actor1", "").strip(), "actor2": r.get("actor2", "").strip(),
        "country": r.get("country", "").strip(), "admin1": r.get("admin1", "").strip(),
        "location": r.get("location", "").strip(), "lat": _float(r.get("latitude")), "lon": _float(r.get("longitude")),
        "fatalities": _int(r.get("fatalities")), "notes": notes,
    }


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [row for row in (normalise_row(raw, path.name) for raw in csv.DictReader(fh)) if row]


def load_rows(data: Path, files=ACLED_FILES) -> list[dict]:
    rows = []
    for name in files:
        path = Path(data) / FOLDER / name
        if path.exists():
            rows += read_csv(path)
    return rows


# --- field matching --------------------------------------------------------------------------------
_YEARS = re.compile(r"\(\s*\d{4}\s*-\s*(\d{4})?\s*\)")


def actor_forms(name: str, country: str = "") -> list[str]:
    """ACLED actor name, without the government period, and its country-stripped form."""
    base = _YEARS.sub(" ", name or "").strip()
    forms = [base]
    stripped = re.sub(r"\([^)]*\)", " ", base)
    if country:
        stripped = re.sub(rf"\b(of|in)\s+{re.escape(country)}\b", " ", stripped, flags=re.I)
    stripped = " ".join(stripped.split())
    if stripped and stripped != base:
        forms.append(stripped)
    return forms


def actor_match(gold: str, predicted: list[str], country: str = "") -> bool:
    if not gold or not predicted:
        return False
    gold_forms = actor_forms(gold, country)
    pred_forms = [f for p in predicted for f in actor_forms(p, country)]
    return any(contained_either(g, p) for g in gold_forms for p in pred_forms)


def admin1_key(name) -> list[str]:
    return words(name, ARTICLES | ADMIN_WORDS)


_SUBDIVISION_NAMES: dict[str, str | None] = {}


def subdivision_name(code: str | None) -> str | None:
    if not code:
        return None
    if code not in _SUBDIVISION_NAMES:
        try:
            import pycountry
            sub = pycountry.subdivisions.get(code=code)
            _SUBDIVISION_NAMES[code] = sub.name if sub else None
        except (ImportError, KeyError, LookupError):
            _SUBDIVISION_NAMES[code] = None
    return _SUBDIVISION_NAMES[code]


def admin1_match(gold: str, loc: dict | None) -> bool:
    if not gold or not loc:
        return False
    g = admin1_key(gold)
    candidates = (loc.get("admin1"), subdivision_name(loc.get("admin1_code")))
    return bool(g) and any(admin1_key(c) == g for c in candidates if c)


def predicted_actors(ev: dict | None) -> list[str]:
    if not ev:
        return []
    actors = ev.get("actors") or []
    perps = [a for a in actors if a.get("role") == "perpetrator"] or [a for a in actors if a.get("role") == "claimant"]
    return [a.get("name") or a.get("text") or "" for a in perps]


def type_ok(row: dict, predicted_type: str) -> bool:
    if row["schema"] == "current":
        return predicted_type == row["event_type"]
    return predicted_type in OLD_TYPES.get(row["event_type"].lower(), set())


def score_row(row: dict) -> dict:
    return score_records(row, extract_records(row["notes"], published=row["event_date"], lang="en"))


def score_records(row: dict, records: list[dict]) -> dict:
    ev = first_event(records)
    loc = (ev or {}).get("location") or {}
    best = ((ev or {}).get("fatalities") or {}).get("best")
    start = ((ev or {}).get("date") or {}).get("start")
    dist = None
    if ev and None not in (loc.get("lat"), loc.get("lon"), row["lat"], row["lon"]):
        dist = distance_km(row["lat"], row["lon"], float(loc["lat"]), float(loc["lon"]))
    pred_type = (ev or {}).get("event_type") or NONE
    return {
        "id": row["id"], "schema": row["schema"], "country": row["country"],
        "gold_type": row["event_type"], "pred_type": pred_type, "type_ok": type_ok(row, pred_type),
        "gold_sub": row["sub_event_type"], "pred_sub": (ev or {}).get("sub_event_type") or NONE,
        "actor1": actor_match(row["actor1"], predicted_actors(ev), row["country"]),
        "fatalities": (best or 0) == row["fatalities"] if row["fatalities"] is not None else None,
        "date": row["event_date"] is not None and start == row["event_date"].isoformat(),
        "admin1": admin1_match(row["admin1"], loc if ev else None),
        "km": dist,
    }


def _metrics(rs: list[dict]) -> dict:
    cur = [r for r in rs if r["schema"] == "current"]
    old = [r for r in rs if r["schema"] == "old"]
    dists = [r["km"] for r in rs if r["km"] is not None]
    m = {"n": len(rs), "n_current_schema": len(cur), "n_old_schema": len(old),
         "event_type_accuracy": rate([r["type_ok"] for r in cur]),
         "old_schema_event_type_accuracy": rate([r["type_ok"] for r in old])}
    if cur:
        c = classification([r["gold_sub"] for r in cur], [r["pred_sub"] for r in cur])
        m.update(sub_event_type_weighted_f1=c["weighted_f1"], sub_event_type_macro_f1=c["macro_f1"],
                 sub_event_type_accuracy=c["accuracy"])
    m.update(actor1_match=rate([r["actor1"] for r in rs]),
             fatalities_exact=rate([r["fatalities"] for r in rs if r["fatalities"] is not None]),
             date_exact=rate([r["date"] for r in rs]),
             admin1_match=rate([r["admin1"] for r in rs]),
             within_25km=rate([d <= 25 for d in dists]), within_25km_n=len(dists))
    return m


def score(data=None, ids: set[str] | None = None, limit: int | None = None, split: str = "test",
          files=ACLED_FILES, model: str | None = None) -> dict:
    from eventatlas.settings import load_settings
    root = data_dir(data, FOLDER)
    rows = select(load_rows(root, files), lambda r: r["id"], split, ids, limit)
    settings = load_settings()
    model = str(model or settings.event_model or "")
    if not model:
        return _result([score_row(row) for row in progress(rows, "acled")], ids, split)
    from dataclasses import replace

    from eventatlas.extract import trained_model
    trained_model(model)  # a bad model folder fails here, once, with its coded error
    settings = replace(settings, event_model=model)
    rules, both = [], []
    for row in progress(rows, "acled (rules, rules+model)"):
        r_records, m_records = compared_records(row["notes"], row["event_date"], settings)
        rules.append(score_records(row, r_records))
        both.append(score_records(row, m_records))
    out = _result(both, ids, split)
    alone = _result(rules, ids, split)
    out.update(model=model, threshold=settings.event_model_threshold, rules_alone=alone["metrics"],
               rules_alone_per_class=alone["per_class"],
               side_by_side={k: {"rules": alone["metrics"].get(k), "rules+model": v}
                             for k, v in out["metrics"].items() if isinstance(v, float) or v is None})
    return out


def compared_records(text: str, published, settings) -> tuple[list[dict], list[dict]]:
    from eventatlas.extract import extract_compared
    from eventatlas.ingest import document_from_text
    from eventatlas.model import event_to_dict
    doc = document_from_text(text, published=published, lang="en")
    rules, both = extract_compared(doc, lang="en", settings=settings)
    return ([event_to_dict(e, with_text=False) for e in rules], [event_to_dict(e, with_text=False) for e in both])


def _result(results: list[dict], ids, split: str) -> dict:
    cur = [r for r in results if r["schema"] == "current"]
    metrics = {k: v for k, v in _metrics(results).items() if k != "n"}
    gold_sub, pred_sub = [r["gold_sub"] for r in cur], [r["pred_sub"] for r in cur]
    out = {"dataset": "acled", "n": len(results), "split": "ids" if ids is not None else split, "metrics": metrics,
           "per_class": classification(gold_sub, pred_sub)["per_class"] if cur else {},
           "confusion": confusion(gold_sub, pred_sub),
           "top_confusions": top_confusions(confusion(gold_sub, pred_sub)),
           "event_type_confusion": confusion([r["gold_type"] for r in cur], [r["pred_type"] for r in cur]),
           "by_schema": {s: _metrics([r for r in results if r["schema"] == s]) for s in ("current", "old")
                         if any(r["schema"] == s for r in results)},
           "by_country": {c: {"n": len(rs), "event_type_accuracy": rate([r["type_ok"] for r in rs])}
                          for c in COUNTRIES for rs in [[r for r in results if r["country"] == c]] if rs}}
    return out
