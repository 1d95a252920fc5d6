"""Merging records from different articles that report the same real event. Pure functions, no I/O.

Records are event dicts in the JSON contract (``model.event_to_dict``). Two records are the same
event when they come from different documents and agree on:

* ``event_type`` (statements, ``event_type`` null, never merge);
* dates: their ranges lie at most ``DATE_TOLERANCE_DAYS`` apart;
* place: within a distance that depends on the coarser geo precision of the two
  (``DISTANCE_KM_BY_PRECISION``), or the same admin-1 at precision 3;
* actors: for each side (perpetrators, targets), the named actors overlap, or one side is
  unnamed or unidentified.

``link_reason`` returns why two records link (or why not); a record joins a group only when it
links with every member (``choose_group``: complete link, so one vague report cannot chain
neighbouring events into one); ``cluster`` groups many records; ``merge_records`` builds the
merged event.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from eventatlas.geodesy import distance_km

DATE_TOLERANCE_DAYS = 1
#: Largest distance between two places of one event, by the coarser geo precision of the two.
#: 15 km at precision 2 (not 25): on dense front lines (ACLED Ukraine, Yemen) 25 km fused distinct
#: villages' events; see tests/store/acled_sim.py.
DISTANCE_KM_BY_PRECISION = {1: 10.0, 2: 15.0}
#: Precision 3 places are province centres: same admin-1 (or, with no admin-1 known, this distance).
PROVINCE_FALLBACK_KM = 100.0
#: Who is believed on a number, most authoritative first.
AUTHORITY = ("official", "outlet", "witness", "anonymous", "writer", "party", "claimant")

PERPETRATOR_ROLES = frozenset({"perpetrator", "claimant"})
TARGET_ROLES = frozenset({"target", "victim"})
_YEARS = re.compile(r"\s*\((?:\d{4}-?(?:\d{4})?)\)\s*")
_GENERIC = re.compile(r"^(unidentified|unknown)\b", re.I)


@dataclass(frozen=True, slots=True)
class Mention:
    """What merging looks at in one record."""

    record_id: str
    document_id: str
    outlet: str | None
    published: str | None
    event_type: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    admin1: str | None
    iso3: str | None
    perpetrators: frozenset[str]
    targets: frozenset[str]


def normalise_actor(name: str) -> str:
    """'Military Forces of Iraq (2020-)' and 'Military Forces of Iraq' are the same actor."""
    return _YEARS.sub(" ", name).strip().casefold()


def _date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def mention_of(record: dict[str, Any]) -> Mention:
    doc = record.get("document") or {}
    date = record.get("date") or {}
    loc = record.get("location") or {}
    perps, targets = set(), set()
    for actor in record.get("actors") or ():
        name = normalise_actor(actor.get("name") or "")
        if not name:
            continue
        if actor.get("role") in PERPETRATOR_ROLES:
            perps.add(name)
        elif actor.get("role") in TARGET_ROLES:
            targets.add(name)
    return Mention(
        record_id=record["id"], document_id=doc.get("id") or record["id"], outlet=doc.get("outlet") or None,
        published=doc.get("published"), event_type=record.get("event_type"),
        date_start=_date(date.get("start")), date_end=_date(date.get("end") or date.get("start")),
        lat=loc.get("lat"), lon=loc.get("lon"), geo_precision=loc.get("precision"),
        admin1=(loc.get("admin1_code") or loc.get("admin1") or None), iso3=loc.get("iso3"),
        perpetrators=frozenset(perps), targets=frozenset(targets))


def _date_gap_days(a: Mention, b: Mention) -> int:
    return max(0, (b.date_start - a.date_end).days, (a.date_start - b.date_end).days)


def _sides_compatible(x: frozenset[str], y: frozenset[str]) -> bool:
    if not x or not y or x & y:
        return True
    return any(_GENERIC.match(n) for n in x) or any(_GENERIC.match(n) for n in y)


def place_reason(a: Mention, b: Mention) -> tuple[bool, str]:
    if a.iso3 and b.iso3 and a.iso3 != b.iso3:
        return False, f"countries differ ({a.iso3} vs {b.iso3})"
    precision = max(a.geo_precision or 3, b.geo_precision or 3)
    have_coords = None not in (a.lat, a.lon, b.lat, b.lon)
    km = distance_km(a.lat, a.lon, b.lat, b.lon) if have_coords else None
    if precision >= 3:
        if a.admin1 and b.admin1:
            same = a.admin1.casefold() == b.admin1.casefold()
            return same, f"precision 3: admin1 {'same' if same else 'differs'} ({a.admin1} / {b.admin1})"
        if km is None:
            return False, "precision 3 without admin1 or coordinates"
        return km <= PROVINCE_FALLBACK_KM, f"precision 3 without admin1: {km:.1f} km (limit {PROVINCE_FALLBACK_KM:g})"
    if km is None:
        return False, "no coordinates"
    limit = DISTANCE_KM_BY_PRECISION[precision]
    return km <= limit, f"{km:.1f} km at precision {precision} (limit {limit:g})"


def link_reason(a: Mention, b: Mention) -> tuple[bool, str]:
    """Whether two mentions are the same event, with the rule that decided."""
    if a.document_id == b.document_id:
        return False, "same document (the extractor already split them)"
    if a.event_type is None or b.event_type is None:
        return False, "statements never merge"
    if a.event_type != b.event_type:
        return False, f"types differ ({a.event_type} vs {b.event_type})"
    if a.date_start is None or b.date_start is None:
        return False, "no date"
    gap = _date_gap_days(a, b)
    if gap > DATE_TOLERANCE_DAYS:
        return False, f"dates {gap} days apart"
    ok, why = place_reason(a, b)
    if not ok:
        return False, why
    if not _sides_compatible(a.perpetrators, b.perpetrators):
        return False, "perpetrators differ"
    if not _sides_compatible(a.targets, b.targets):
        return False, "targets differ"
    return True, f"same type, dates {gap} day(s) apart, {why}, actors compatible"


def same_event(a: Mention, b: Mention) -> bool:
    return link_reason(a, b)[0]


def candidates_for(mention: Mention, others: Iterable[Mention]) -> list[Mention]:
    return [o for o in others if same_event(mention, o)]


def affinity(a: Mention, b: Mention) -> tuple[int, float]:
    """How close two linked mentions are (smaller is closer): date gap, then distance."""
    km = distance_km(a.lat, a.lon, b.lat, b.lon) if None not in (a.lat, a.lon, b.lat, b.lon) else 1e6
    return _date_gap_days(a, b), km


def choose_group(mention: Mention, groups: Sequence[Sequence[Mention]]) -> int | None:
    """The group a mention joins, or None for a group of its own.

    Candidates are the groups whose every member is the same event as the mention (complete link: a
    coarse report cannot chain neighbouring events into one). The closest wins; when two candidates
    are as close in time, the report is ambiguous (daily shelling of neighbouring villages) and stays
    apart: a duplicate is easier to spot than two events wrongly fused."""
    fits = []
    for index, members in enumerate(groups):
        if members and all(same_event(mention, m) for m in members):
            fits.append((min(affinity(mention, m) for m in members), index))
    if not fits:
        return None
    fits.sort()
    if len(fits) > 1 and fits[0][0][0] == fits[1][0][0]:
        return None
    return fits[0][1]


def canonical_order(mention: Mention) -> tuple:
    return (mention.date_start or dt.date.max, mention.geo_precision or 9, mention.published or "9999",
            mention.document_id, mention.record_id)


def cluster(mentions: Sequence[Mention]) -> list[list[int]]:
    """Groups of same-event mentions, as sorted lists of indexes.

    Mentions are placed one at a time in ``canonical_order`` (so the result does not depend on the
    order given), each joining the group ``choose_group`` picks. Mentions are blocked by type, day
    and country so that large sets stay fast."""
    by_day: dict[tuple[str, int, str | None], list[int]] = defaultdict(list)
    countries: dict[tuple[str, int], set[str | None]] = defaultdict(set)
    wide: dict[str, list[int]] = defaultdict(list)  # date ranges over a few days: compared with all
    group_of: dict[int, int] = {}
    groups: list[list[int]] = []
    for i in sorted(range(len(mentions)), key=lambda k: canonical_order(mentions[k])):
        m = mentions[i]
        candidates: set[int] = set()
        if m.event_type is not None and m.date_start is not None:
            if (m.date_end - m.date_start).days > 3:
                pool = [j for j in group_of if mentions[j].event_type == m.event_type]
            else:
                lo, hi = m.date_start.toordinal() - DATE_TOLERANCE_DAYS, m.date_end.toordinal() + DATE_TOLERANCE_DAYS
                pool = list(wide[m.event_type])
                for d in range(lo, hi + 1):
                    keys = countries.get((m.event_type, d), ()) if m.iso3 is None else (m.iso3, None)
                    for iso in keys:
                        pool.extend(by_day.get((m.event_type, d, iso), ()))
            candidates = {group_of[j] for j in pool if same_event(m, mentions[j])}
        ordered = sorted(candidates)
        pick = choose_group(m, [[mentions[j] for j in groups[g]] for g in ordered])
        if pick is None:
            group_of[i] = len(groups)
            groups.append([i])
        else:
            group_of[i] = ordered[pick]
            groups[ordered[pick]].append(i)
        if m.event_type is None or m.date_start is None:
            continue
        if (m.date_end - m.date_start).days > 3:
            wide[m.event_type].append(i)
        else:
            for d in range(m.date_start.toordinal(), m.date_end.toordinal() + 1):
                by_day[(m.event_type, d, m.iso3)].append(i)
                countries[(m.event_type, d)].add(m.iso3)
    return sorted((sorted(g) for g in groups), key=lambda g: g[0])


# --- merging -------------------------------------------------------------------------------------

def _authority(kind: str | None) -> int:
    return AUTHORITY.index(kind) if kind in AUTHORITY else len(AUTHORITY)


def chronological_key(record: dict[str, Any]) -> tuple:
    """Earliest document first; ties broken by ids so that the order is total and stable."""
    doc = record.get("document") or {}
    return (doc.get("published") or "9999-12-31", doc.get("id") or "", record["id"])


def anchor_of(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The record a merged event is named after: the one from the earliest document."""
    return min(records, key=chronological_key)


def count_sources(records: Iterable[dict[str, Any]]) -> int:
    """Distinct outlets; a document whose outlet is unknown counts as its own source."""
    keys = set()
    for r in records:
        doc = r.get("document") or {}
        outlet = (doc.get("outlet") or "").strip().casefold()
        keys.add(("outlet", outlet) if outlet else ("document", doc.get("id") or r["id"]))
    return len(keys)


def _field_kind(record: dict[str, Any], field: str) -> str | None:
    fa = (record.get("field_attribution") or {}).get(field)
    if fa:
        return fa.get("kind")
    return (record.get("attribution") or {}).get("kind")


def merge_fatalities(records: Sequence[dict[str, Any]]) -> tuple[dict[str, Any] | None, str | None]:
    """low = the smallest low, high = the largest high, best from the most authoritative source
    (official > outlet > witness > anonymous > writer), earliest document on ties."""
    with_toll = [r for r in records if r.get("fatalities")]
    if not with_toll:
        return None, None
    lows = [r["fatalities"]["low"] for r in with_toll if r["fatalities"].get("low") is not None]
    highs = [r["fatalities"]["high"] for r in with_toll if r["fatalities"].get("high") is not None]
    chosen = min(with_toll, key=lambda r: (_authority(_field_kind(r, "fatalities")), chronological_key(r)))
    out = dict(chosen["fatalities"])
    out["low"] = min(lows) if lows else out.get("low")
    out["high"] = max(highs) if highs else out.get("high")
    return out, chosen["document"]["id"]


def _precision_pick(records: Sequence[dict[str, Any]], field: str) -> dict[str, Any] | None:
    """The most precise value of a field (date or location), then the most authoritative, then earliest."""
    having = [r for r in records if r.get(field)]
    if not having:
        return None
    return min(having, key=lambda r: (r[field].get("precision") or 9, _authority(_field_kind(r, field)),
                                      chronological_key(r)))


def _comparable(value: Any, field: str) -> Any:
    if value is None:
        return None
    if field == "fatalities":
        return (value.get("low"), value.get("best"), value.get("high"))
    if field == "date":
        return (value.get("start"), value.get("end"))
    if field == "location":
        return (value.get("name"), value.get("lat"), value.get("lon"))
    if field == "actors":
        return tuple(sorted((a.get("role"), a.get("name")) for a in value))
    return value


DISAGREEMENT_FIELDS = ("sub_event_type", "date", "location", "actors", "fatalities", "certainty")


def disagreements(records: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Per field, each document's value, kept only where the documents differ."""
    out: dict[str, list[dict[str, Any]]] = {}
    ordered = sorted(records, key=chronological_key)
    for field in DISAGREEMENT_FIELDS:
        values = [_comparable(r.get(field), field) for r in ordered]
        if len(set(map(repr, values))) > 1:
            out[field] = [{"record": r["id"], "document": r["document"]["id"], "value": r.get(field)} for r in ordered]
    return out


def merge_records(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """One event from the records of several documents about it.

    The anchor (earliest document) gives the id, ``document``, trigger and attribution; date and
    location come from the most precise record, fatalities as ``merge_fatalities`` says. A field taken
    from another document names it in ``field_documents`` (its spans index that document's text).
    ``disagreements`` keeps every document's value of a field they differ on."""
    if not records:
        raise ValueError("merge_records needs at least one record")
    anchor = anchor_of(records)
    merged = dict(anchor)
    field_documents: dict[str, str] = {}
    if len(records) > 1:
        for field in ("date", "location"):
            pick = _precision_pick(records, field)
            if pick is not None:
                merged[field] = pick[field]
                if pick["document"]["id"] != anchor["document"]["id"]:
                    field_documents[field] = pick["document"]["id"]
        fatalities, from_doc = merge_fatalities(records)
        merged["fatalities"] = fatalities
        if from_doc and from_doc != anchor["document"]["id"]:
            field_documents["fatalities"] = from_doc
        actors, seen = [], set()
        for r in sorted(records, key=chronological_key):
            for a in r.get("actors") or ():
                key = (a.get("role"), normalise_actor(a.get("name") or ""))
                if key not in seen:
                    seen.add(key)
                    actors.append(dict(a, document=r["document"]["id"]) if r is not anchor else a)
        merged["actors"] = actors
    documents: list[str] = []
    for r in sorted(records, key=chronological_key):
        if r["document"]["id"] not in documents:
            documents.append(r["document"]["id"])
    merged["documents"] = documents
    merged["records"] = sorted(r["id"] for r in records)
    merged["sources"] = count_sources(records)
    merged["field_documents"] = field_documents
    merged["disagreements"] = disagreements(records) if len(records) > 1 else {}
    return merged
