"""The development corpus of real text (tests/eval/devcorpus/): our own gold on WCEP 2015-09 summaries
(English) and Wikinews 2012 articles (French), both development material in ../shared/data. The texts
stay there; the gold names each document by id and every span by character offsets plus its quoted text,
so a span is re-anchored (nearest occurrence of the quote) if text extraction shifts the offsets.

``documents.jsonl``: one document a line, with its gold ``events`` (empty: a no-event document, which
must give nothing). ``speech_fr.jsonl``: French passages of reported speech (a span of a document),
labelled like tests/eval/attribution/gold.jsonl. See tests/eval/devcorpus/README.md for both schemas.

Matching: an extracted ACLED record matches a gold event when one of its spans (trigger, fatalities,
weapon) overlaps the gold trigger or an evidence span and both types are in the same family (political
violence: Battles, Explosions/Remote violence, Violence against civilians; demonstrations: Protests,
Riots; Strategic developments; the gold's family or that of a sub-type in its ``sub_event_type_any``);
one to one, the largest overlap first. Records matching an ``optional``
gold event, a ``background`` gold event, or carrying ``background: true`` themselves are not counted
against precision.

Metrics, per language (``fr.``, ``en.``, ``all.``):
- event_recall: matched current (not background, not optional) gold events / current gold events.
- event_precision: matched current records / (those + unmatched records not flagged background).
- background_recall: background gold events matched by any record (a record of its own or not).
- type_accuracy, sub_type_accuracy: over matched gold events (the gold type or sub-type, or one the
  annotator also accepts in ``sub_event_type_any``).
- certainty_accuracy, source_found, fatalities_exact, actor_accuracy, date_accuracy, place_accuracy:
  over matched current gold events (fatalities: no stated toll counts as 0; actors: each gold actor
  found in its role; date within the gold tolerance; place: name alias or, with no name, the country).
- no_event_false_events: ACLED records extracted from no-event documents (lower is better);
  no_event_documents_clean: share of no-event documents that give nothing.
- fr.speech.certainty_accuracy (first record's certainty, over passages reporting an event or a
  statement), fr.speech.source_found (as eval attribution), fr.speech.event_found (passages reporting an
  event that give an ACLED record), fr.speech.false_events (ACLED records from passages reporting none):
  each passage extracted alone. fr.speech.in_document.*: the same four with the passage read in its whole
  article (the records whose trigger lies in the passage, else those with any span in it; false events:
  ACLED records whose trigger lies in a passage reporting none), as the extractor reads real articles.
- errors.<kind>: counts by kind: recall_miss, false_positive (a record matching no gold event),
  duplicate (an unmatched record of the same type and sub-type as a matched one: the happening told
  again and extracted again), source_elsewhere (certainty or source wrong
  where the claim or source sits in another clause or sentence), hedge (certainty wrong on a
  conditional, hedge or alleged/speculative reading), background_as_current, numbers (fatalities),
  roles (a gold actor missing from its role), geo (place), type, certainty_other.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from eventatlas.eval.common import data_dir, extract_records, progress
from eventatlas.metrics import rate
from eventatlas.taxonomy import sub_to_type
from eventatlas.eval.match import alias_hit

FAMILY = {"Battles": "violence", "Explosions/Remote violence": "violence", "Violence against civilians": "violence",
          "Protests": "demonstrations", "Riots": "demonstrations", "Strategic developments": "strategic"}
ERROR_KINDS = ("recall_miss", "false_positive", "duplicate", "source_elsewhere", "hedge", "background_as_current", "numbers",
               "roles", "geo", "type", "certainty_other")
HEDGED = {"alleged", "speculative"}


def gold_dir() -> Path:
    return Path(__file__).resolve().parents[3] / "tests" / "eval" / "devcorpus"


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# --- texts -----------------------------------------------------------------------------------------
class Texts:
    """The development texts the gold refers to: ``wcep:<item id>``, ``wn:<Wikinews id>`` and
    ``we:<WikiEvents dev doc_id>`` (never the WikiEvents test file)."""

    def __init__(self, root: Path):
        self.root = root
        self._wcep: dict[str, str] | None = None
        self._wikievents: dict[str, str] | None = None
        self._cache: dict[str, str] = {}

    def text(self, ref: str) -> str:
        if ref not in self._cache:
            corpus, rid = ref.split(":", 1)
            if corpus == "wcep":
                if self._wcep is None:
                    items = json.loads((self.root / "wcep-2015-09" / "wikitimes_CEP.json").read_text(encoding="utf-8"))
                    self._wcep = {str(x["id"]): x["description"] for x in items}
                self._cache[ref] = self._wcep[rid]
            elif corpus == "we":
                if self._wikievents is None:
                    path = self.root / "wikievents" / "dev.jsonl"
                    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
                    self._wikievents = {x["doc_id"]: x["text"] for x in rows}
                self._cache[ref] = self._wikievents[rid]
            elif corpus == "wn":
                from eventatlas.ingest import read_path
                doc = next(iter(read_path(self.root / "wikinews-fr-2012" / "documents" / f"{rid}.html")))
                if isinstance(doc, Exception):
                    raise doc
                self._cache[ref] = doc.text
            else:
                raise ValueError(f"unknown corpus in document reference {ref!r}")
        return self._cache[ref]


def anchor(text: str, span: dict) -> tuple[int, int] | None:
    """The span's offsets in `text`: as recorded when the quote is there, else its nearest occurrence."""
    start, quote = span["start"], span["text"]
    if text[start:span["end"]] == quote:
        return start, span["end"]
    hits, i = [], text.find(quote)
    while i >= 0:
        hits.append(i)
        i = text.find(quote, i + 1)
    if not hits:
        return None
    best = min(hits, key=lambda h: abs(h - start))
    return best, best + len(quote)


# --- matching --------------------------------------------------------------------------------------
def _record_spans(rec: dict) -> list[tuple[int, int]]:
    out = []
    for key in ("trigger", "fatalities", "weapon"):
        s = rec.get(key)
        if isinstance(s, dict) and s.get("start_char") is not None and s.get("end_char") is not None:
            out.append((s["start_char"], s["end_char"]))
    return out


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    return max((min(x[1], y[1]) - max(x[0], y[0]) for x in a for y in b), default=0)


def accepted_types(g: dict) -> set[str]:
    """The gold type and the types of the sub-types the annotator also accepts (``sub_event_type_any``)."""
    return {g["event_type"], *(sub_to_type().get(s, g["event_type"]) for s in g.get("sub_event_type_any") or [])}


def match_events(gold: list[dict], spans: list[list[tuple[int, int]]], records: list[dict]) -> dict[int, int]:
    """{gold index: record index}, one to one, largest overlap first, same type family only."""
    pairs = []
    for gi, g in enumerate(gold):
        families = {FAMILY.get(t) for t in accepted_types(g)}
        for ri, r in enumerate(records):
            if FAMILY.get(r.get("event_type")) not in families:
                continue
            ov = _overlap(spans[gi], _record_spans(r))
            if ov > 0:
                pairs.append((-ov, g.get("optional", False), gi, ri))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, _, gi, ri in sorted(pairs):
        if gi not in out and ri not in used:
            out[gi] = ri
            used.add(ri)
    return out


# --- field checks ----------------------------------------------------------------------------------
def certainty_ok(g: dict, rec: dict) -> bool:
    return rec.get("certainty") in (g.get("certainty_any") or [g["certainty"]])


def source_ok(g: dict, rec: dict) -> bool:
    """As ``eval attribution`` judges it: the writer (no source) or one of the gold source's aliases."""
    from eventatlas.eval.attribution import _source_found
    return _source_found({"source_kind": "named" if g.get("source") else "writer", "source_any": g.get("source") or []}, rec)


def fatalities_ok(g: dict, rec: dict) -> bool:
    got = (rec.get("fatalities") or {}).get("best") or 0
    want = [(g.get("fatalities") or {}).get("best") or 0] + list(g.get("fatalities_best_any") or [])
    return got in want


def actors_found(g: dict, rec: dict) -> list[bool]:
    actors = rec.get("actors") or []
    return [any(a.get("role") == want["role"] and (alias_hit(a.get("name"), want["any"]) or alias_hit(a.get("text"), want["any"]))
                for a in actors) for want in g.get("actors") or []]


def date_ok(g: dict, rec: dict) -> bool:
    start = (rec.get("date") or {}).get("start")
    try:
        delta = abs((dt.date.fromisoformat(str(start)[:10]) - dt.date.fromisoformat(g["date"]["value"])).days)
    except (TypeError, ValueError):
        return False
    return delta <= g["date"].get("tolerance_days", 0)


def place_ok(g: dict, rec: dict) -> bool:
    loc, want = rec.get("location") or {}, g["place"]
    if want.get("country") and loc.get("country") != want["country"]:
        return False
    if not want.get("name_any"):
        return bool(loc.get("country"))
    return any(alias_hit(loc.get(k), want["name_any"]) for k in ("name", "text", "admin1", "admin2"))


# --- scoring ---------------------------------------------------------------------------------------
def _select(rows: list[dict], lang: str | None, ids: set[str] | None, limit: int | None) -> list[dict]:
    rows = [r for r in rows if (lang is None or r["lang"] == lang) and (ids is None or r["id"] in ids)]
    return rows[:limit] if limit else rows


def score_document(doc: dict, text: str, records: list[dict]) -> dict:
    """One document's tallies and errors (the gold events' spans re-anchored in `text`)."""
    gold = doc["events"]
    spans = [[s for s in (anchor(text, x) for x in [g["trigger"], *g.get("evidence", [])]) if s] for g in gold]
    events = [r for r in records if r.get("event_type")]
    m = match_events(gold, spans, events)
    t: dict[str, list] = {k: [] for k in ("recall", "bg", "type", "sub", "cert", "src", "fat", "actor", "date", "place")}
    errors: list[dict] = []
    fp = 0

    def err(kind: str, g: dict | None, why: str) -> None:
        errors.append({"kind": kind, "document": doc["id"], "trigger": (g or {}).get("trigger", {}).get("text"), "why": why})

    for gi, g in enumerate(gold):
        rec = events[m[gi]] if gi in m else None
        if g.get("optional"):
            continue
        if g.get("background"):
            t["bg"].append(rec is not None)
            if rec is not None and not rec.get("background"):
                err("background_as_current", g, f"{rec.get('event_type')} record not flagged background")
        else:
            t["recall"].append(rec is not None)
            if rec is None:
                err("recall_miss", g, f"no {g['event_type']} record")
        if rec is None:
            continue
        t["type"].append(rec.get("event_type") in accepted_types(g))
        t["sub"].append(rec.get("sub_event_type") in [g["sub_event_type"], *(g.get("sub_event_type_any") or [])])
        if not t["type"][-1]:
            err("type", g, f"{rec.get('event_type')} / {rec.get('sub_event_type')} (gold {g['event_type']} / {g['sub_event_type']})")
        if g.get("background"):
            continue
        ok_c, ok_s = certainty_ok(g, rec), source_ok(g, rec)
        t["cert"].append(ok_c)
        t["src"].append(ok_s)
        t["fat"].append(fatalities_ok(g, rec))
        found = actors_found(g, rec)
        t["actor"].extend(found)
        if g.get("date"):
            t["date"].append(date_ok(g, rec))
        if g.get("place"):
            t["place"].append(place_ok(g, rec))
            if not t["place"][-1]:
                loc = rec.get("location") or {}
                err("geo", g, f"{loc.get('name')}, {loc.get('country')} (gold {(g['place'].get('name_any') or ['-'])[0]}, "
                              f"{g['place'].get('country')})")
        if not (ok_c and ok_s):
            why = f"certainty {rec.get('certainty')} (gold {g['certainty']}), source {(rec.get('attribution') or {}).get('source')!r}"
            if "source_elsewhere" in g.get("tags", []):
                err("source_elsewhere", g, why)
            elif not ok_c and ("hedge" in g.get("tags", []) or g["certainty"] in HEDGED or rec.get("certainty") in HEDGED):
                err("hedge", g, why)
            elif not ok_c:
                err("certainty_other", g, why)
        if not t["fat"][-1]:
            err("numbers", g, f"fatalities {(rec.get('fatalities') or {}).get('best')} (gold {(g.get('fatalities') or {}).get('best')})")
        for want, ok in zip(g.get("actors") or [], found):
            if not ok:
                err("roles", g, f"no {want['role']} {want['any'][0]!r}")
    matched = set(m.values())
    excused = {m[gi] for gi, g in enumerate(gold) if gi in m and (g.get("optional") or g.get("background"))}
    matched_kinds = {(events[ri].get("event_type"), events[ri].get("sub_event_type")) for ri in matched}
    for ri, r in enumerate(events):
        if ri in matched or r.get("background"):
            continue
        fp += 1
        # The same happening told again and extracted again (no within-article coreference).
        kind = "duplicate" if (r.get("event_type"), r.get("sub_event_type")) in matched_kinds else "false_positive"
        err(kind, None, f"{r.get('event_type')} / {r.get('sub_event_type')} (trigger {(r.get('trigger') or {}).get('text')!r})")
    tp = sum(1 for gi, g in enumerate(gold) if gi in m and m[gi] not in excused)
    return {"tallies": t, "tp": tp, "fp": fp, "n_events": len(events), "errors": errors}


def _in_passage(records: list[dict], start: int, end: int) -> tuple[list[dict], list[dict]]:
    """The records of a whole document that a passage tells: those whose trigger lies in it, else those with
    any span (trigger, toll, weapon, evidence) in it; and the ACLED records whose trigger lies in it."""
    def spans(r: dict, evidence: bool) -> list[tuple[int, int]]:
        if not evidence:
            trigger = r.get("trigger") or {}
            return [(trigger["start_char"], trigger["end_char"])] if trigger.get("end_char") is not None else []
        return _record_spans(r) + [(x["start_char"], x["end_char"]) for x in r.get("evidence") or []]
    by_trigger = [r for r in records if any(a < end and b > start for a, b in spans(r, False))]
    told = by_trigger or [r for r in records if any(a < end and b > start for a, b in spans(r, True))]
    return told, [r for r in by_trigger if r.get("event_type")]


def _speech(rows: list[dict], texts: Texts) -> dict:
    """Each passage scored twice: extracted alone (the passage's own words), and read in its whole article
    (``in_document``: the records the article gives that the passage tells; speakers named before the
    passage and quotes opened earlier count there, and so do happenings merged into another record)."""
    from eventatlas.eval.attribution import _source_found
    tallies: dict[str, dict] = {k: {"cert": [], "src": [], "found": [], "false": 0} for k in ("alone", "in_document")}
    details, whole = [], {}
    for row in progress(rows, "devcorpus speech"):
        text = texts.text(row["document"])
        where = anchor(text, row["span"]) or (0, 0)
        passage = text[where[0]:where[1]] if where[1] else row["span"]["text"]
        records = extract_records(passage, published=row.get("published"), lang=row["lang"])
        if row["document"] not in whole:
            whole[row["document"]] = extract_records(text, published=row.get("published"), lang=row["lang"])
        told, told_events = _in_passage(whole[row["document"]], *where)
        for key, recs, false in (("alone", records, None), ("in_document", told, told_events)):
            t = tallies[key]
            events = [r for r in recs if r.get("event_type")]
            rec = (events or recs or [None])[0]
            if row["certainty"] is not None:
                t["cert"].append(rec is not None and rec.get("certainty") == row["certainty"])
            if row["event"] or row["statement"]:
                t["src"].append(_source_found(row, rec))
            if row["event"]:
                t["found"].append(bool(events))
            else:
                t["false"] += len(events if false is None else false)
            if key == "alone":
                details.append({"id": row["id"], "gold": row["certainty"], "predicted": rec and rec.get("certainty"),
                                "source": rec and (rec.get("attribution") or {}).get("source")})
    out = {"n": len(rows), "details": details}
    for key, t in tallies.items():
        prefix = "" if key == "alone" else "in_document."
        out.update({f"{prefix}certainty_accuracy": rate(t["cert"]), f"{prefix}source_found": rate(t["src"]),
                    f"{prefix}event_found": rate(t["found"]), f"{prefix}false_events": t["false"]})
    return out


def score(data=None, ids: set[str] | None = None, limit: int | None = None, split: str = "all",
          lang: str | None = None, gold: Path | None = None) -> dict:
    """Score today's extractor on the development corpus; `split` is accepted for the common signature
    (every text here is development material: there is no test split)."""
    root = data_dir(data)
    folder = gold or gold_dir()
    docs = _select(read_jsonl(folder / "documents.jsonl"), lang, ids, limit)
    texts = Texts(root)
    per: dict[str, dict] = {}
    errors: list[dict] = []
    for doc in progress(docs, "devcorpus"):
        text = texts.text(doc["id"])
        records = extract_records(text, published=doc.get("published"), lang=doc["lang"])
        for key in (doc["lang"], "all"):
            acc = per.setdefault(key, {"tallies": {}, "tp": 0, "fp": 0, "noev": [], "noev_events": 0, "gold": 0})
            if not doc["events"]:
                n = sum(1 for r in records if r.get("event_type"))
                acc["noev"].append(n == 0)
                acc["noev_events"] += n
                continue
            result = score_document(doc, text, records)
            acc["tp"] += result["tp"]
            acc["fp"] += result["fp"]
            for k, v in result["tallies"].items():
                acc["tallies"].setdefault(k, []).extend(v)
            if key == "all":
                errors.extend(result["errors"])
        if not doc["events"]:
            errors.extend({"kind": "false_positive", "document": doc["id"], "trigger": (r.get("trigger") or {}).get("text"),
                           "why": f"{r.get('event_type')} from a no-event document"} for r in records if r.get("event_type"))
    metrics: dict[str, float | int | None] = {}
    for key in sorted(per, key=lambda k: (k == "all", k)):
        acc, t = per[key], per[key]["tallies"]
        p_den = acc["tp"] + acc["fp"]
        metrics[f"{key}.gold_events"] = len(t.get("recall", []))
        metrics[f"{key}.event_recall"] = rate(t.get("recall", []))
        metrics[f"{key}.event_precision"] = round(acc["tp"] / p_den, 4) if p_den else None
        metrics[f"{key}.background_recall"] = rate(t.get("bg", []))
        for name, tally in (("type_accuracy", "type"), ("sub_type_accuracy", "sub"), ("certainty_accuracy", "cert"),
                            ("source_found", "src"), ("fatalities_exact", "fat"), ("actor_accuracy", "actor"),
                            ("date_accuracy", "date"), ("place_accuracy", "place")):
            metrics[f"{key}.{name}"] = rate(t.get(tally, []))
        metrics[f"{key}.no_event_documents"] = len(acc["noev"])
        metrics[f"{key}.no_event_documents_clean"] = rate(acc["noev"])
        metrics[f"{key}.no_event_false_events"] = acc["noev_events"]
    result = {"dataset": "devcorpus", "split": "dev" if ids is None else "ids", "n": len(docs), "metrics": metrics}
    speech_path = folder / "speech_fr.jsonl"
    if lang in (None, "fr") and speech_path.is_file():
        rows = _select(read_jsonl(speech_path), lang, ids, limit)
        if rows:
            speech = _speech(rows, texts)
            for k in speech:
                if k != "details":
                    metrics[f"fr.speech.{k}"] = speech[k]
            result["speech"] = speech["details"]
    for kind in ERROR_KINDS:
        metrics[f"errors.{kind}"] = sum(e["kind"] == kind for e in errors)
    result["errors"] = errors
    return result
