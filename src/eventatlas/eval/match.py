"""Matching extracted records against hand-written gold events (golden cases, the seed).

The rules follow ../shared/seed/gold.json's "matching" section: date within a tolerance,
admin1 by alias, point within max_km, type and sub-type, each gold actor found in its role,
fatalities best equal (null means none may be invented), certainty equal."""
from __future__ import annotations

import datetime as dt

from eventatlas.geodesy import distance_km
from eventatlas.textfold import fold_words

STOP = {"al", "ad", "as", "el", "la", "le", "de", "du", "province", "of", "the", "region", "région", "oblast"}


def norm(s) -> str:
    return " ".join(w for w in fold_words(s) if w not in STOP)


def alias_hit(value, aliases) -> bool:
    v = norm(value)
    return bool(v) and any((norm(a) in v) or (v in norm(a)) for a in aliases if norm(a))


def _get(d, *path):
    for k in path:
        if not isinstance(d, dict):
            return None
        d = d.get(k)
    return d


def mismatches(gold: dict, rec: dict) -> list[str]:
    """Why `rec` does not match `gold` (empty list: it matches)."""
    why = []
    start = _get(rec, "date", "start")
    try:
        delta = abs((dt.date.fromisoformat(str(start)[:10]) - dt.date.fromisoformat(gold["date"])).days)
    except (TypeError, ValueError):
        delta = 99
    if delta > gold.get("date_tolerance_days", 0):
        why.append(f"date {start} (gold {gold['date']})")
    admin1 = gold.get("admin1_any") or gold.get("admin1")
    if admin1 and not (alias_hit(_get(rec, "location", "admin1"), admin1)):
        why.append(f"admin1 {_get(rec, 'location', 'admin1')} (gold {admin1[0]})")
    if gold.get("country") and _get(rec, "location", "country") != gold["country"]:
        why.append(f"country {_get(rec, 'location', 'country')}")
    types = gold.get("event_type_any") or [gold.get("event_type")]
    if rec.get("event_type") not in types:
        why.append(f"type {rec.get('event_type')} (gold {types[0]})")
    subs = gold.get("sub_event_type_any")
    if subs and not gold.get("event_type_any") and rec.get("sub_event_type") not in subs:
        why.append(f"sub {rec.get('sub_event_type')} (gold {subs[0]})")
    actors = rec.get("actors") or []
    symmetric = gold.get("actors_symmetric")
    for role, groups in (gold.get("actors") or {}).items():
        for aliases in groups:
            roles = {"perpetrator", "target"} if symmetric and role in ("perpetrator", "target") else {role}
            if not any(a.get("role") in roles and (alias_hit(a.get("name"), aliases) or alias_hit(a.get("text"), aliases))
                       for a in actors):
                why.append(f"no {role} {aliases[0]!r}")
    for bad in gold.get("not_perpetrator", []):
        if any(a.get("role") == "perpetrator" and (alias_hit(a.get("name"), [bad]) or alias_hit(a.get("text"), [bad]))
               for a in actors):
            why.append(f"perpetrator {bad!r}")
    if "fatalities" in gold:
        fat = _get(rec, "fatalities", "best")
        g = gold["fatalities"]
        gbest = g.get("best") if isinstance(g, dict) else g
        if gbest is None:
            if fat not in (None,):
                why.append(f"fatalities {fat} (text gives none)")
        elif fat != gbest:
            why.append(f"fatalities {fat} (gold {gbest})")
    cert = gold.get("certainty_any") or ([gold["certainty"]] if gold.get("certainty") else None)
    if cert and rec.get("certainty") not in cert:
        why.append(f"certainty {rec.get('certainty')} (gold {cert[0]})")
    if "lat" in gold and gold.get("max_km"):
        lat, lon = _get(rec, "location", "lat"), _get(rec, "location", "lon")
        if lat is None or lon is None or distance_km(float(lat), float(lon), gold["lat"], gold["lon"]) > gold["max_km"]:
            why.append(f"point {lat},{lon}")
    return why


def match_document(gold_events: list[dict], records: list[dict]) -> dict:
    """Greedy one-to-one matching. Returns matched/missed/extra with the reasons for misses."""
    events = [r for r in records if r.get("event_type")]
    used: set[int] = set()
    result = {"matched": [], "missed": [], "extra": []}
    for gi, g in enumerate(gold_events):
        best = None
        for i, e in enumerate(events):
            if i in used:
                continue
            why = mismatches(g, e)
            if best is None or len(why) < len(best[1]):
                best = (i, why)
        if best is not None and not best[1]:
            used.add(best[0])
            result["matched"].append(gi)
        else:
            result["missed"].append((gi, best[1] if best else ["no events"]))
    result["extra"] = [i for i in range(len(events)) if i not in used]
    return result


def statements_ok(required: list[dict], records: list[dict]) -> list[str]:
    stmts = [r for r in records if not r.get("event_type")]
    missing = []
    for s in required:
        if not any(r.get("plover") == s.get("plover") and (not s.get("certainty") or r.get("certainty") == s["certainty"])
                   for r in stmts):
            missing.append(f"statement {s.get('plover')} {s.get('certainty') or ''}".strip())
    return missing
