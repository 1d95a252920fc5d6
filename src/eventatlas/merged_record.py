"""The merged event: one record from the records of several documents about one real event.

Pure functions, no I/O. Rules (README "Storing, merging and exporting" shows one result):

* id, ``document``, trigger and attribution come from the *anchor*, the record of the earliest
  document (publication date, then ids), so the id does not depend on the order of ingestion;
* ``date`` and ``location``: the most precise report's (then the most authoritative source, then the
  earliest document);
* ``fatalities`` (and ``injuries``): ``low`` is the lowest figure any report gives and ``high`` the
  highest, a report's ``best`` counting as a figure ("12 killed" and "at least 14" give low 12, high
  14); ``best`` is the most authoritative source's (official > outlet > witness > anonymous > writer);
* ``certainty`` (``combine_certainty``): a claim or an allegation that an independent outlet asserts
  or reports takes that outlet's certainty; a claim that another report disputes is ``alleged``;
  otherwise the firmest certainty of the reports. Every report's certainty stays in
  ``certainty_reports`` and the disputing reports in ``disputed_by`` (a denial is kept beside);
* actors: every report's, once per role and identity, each naming its ``document``;
* ``sources``: distinct outlets (a document with no outlet counts as its own);
* ``provenance``: for each field, the document that gave it; ``disagreements``: every document's value
  of a field they differ on.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from eventatlas.actor_identity import actor_key

#: Who is believed on a number, most authoritative first.
AUTHORITY = ("official", "outlet", "witness", "anonymous", "writer", "party", "claimant")
#: Certainties from the firmest down.
CERTAINTY_ORDER = ("asserted", "reported", "claimed", "alleged", "speculative")
ANCHOR_FIELDS = ("event_type", "sub_event_type", "plover", "trigger", "attribution", "weapon", "field_attribution")
DISAGREEMENT_FIELDS = ("event_type", "sub_event_type", "date", "location", "actors", "fatalities", "certainty")


def chronological_key(record: dict[str, Any]) -> tuple:
    """Earliest document first; ties broken by ids so that the order is total and stable."""
    doc = record.get("document") or {}
    return (doc.get("published") or "9999-12-31", doc.get("id") or "", record["id"])


def anchor_of(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The record a merged event is named after: the one from the earliest document."""
    return min(records, key=chronological_key)


def source_key(record: dict[str, Any]) -> tuple[str, str]:
    doc = record.get("document") or {}
    outlet = (doc.get("outlet") or "").strip().casefold()
    return ("outlet", outlet) if outlet else ("document", doc.get("id") or record["id"])


def count_sources(records: Iterable[dict[str, Any]]) -> int:
    """Distinct outlets; a document whose outlet is unknown counts as its own source."""
    return len({source_key(r) for r in records})


def _authority(kind: str | None) -> int:
    return AUTHORITY.index(kind) if kind in AUTHORITY else len(AUTHORITY)


def _field_kind(record: dict[str, Any], field: str) -> str | None:
    fa = (record.get("field_attribution") or {}).get(field)
    if fa:
        return fa.get("kind")
    return (record.get("attribution") or {}).get("kind")


def merge_fatalities(records: Sequence[dict[str, Any]], field: str = "fatalities"
                     ) -> tuple[dict[str, Any] | None, str | None]:
    """The range across reports and the most authoritative best; returns it and the document it came from."""
    with_toll = [r for r in records if r.get(field)]
    if not with_toll:
        return None, None
    figures = [v for r in with_toll for v in (r[field].get("low"), r[field].get("best"), r[field].get("high"))
               if v is not None]
    chosen = min(with_toll, key=lambda r: (_authority(_field_kind(r, field)), chronological_key(r)))
    out = dict(chosen[field])
    if figures:
        out["low"], out["high"] = min(figures), max(figures)
    return out, chosen["document"]["id"]


def combine_certainty(records: Sequence[dict[str, Any]]) -> tuple[str | None, str, list[str]]:
    """The merged certainty, the rule that gave it, and the documents whose reports dispute it."""
    by_level: dict[str, list[dict[str, Any]]] = {}
    for r in sorted(records, key=chronological_key):
        if r.get("certainty"):
            by_level.setdefault(r["certainty"], []).append(r)
    if not by_level:
        return None, "no report states a certainty", []
    disputing = [r["document"]["id"] for r in by_level.get("alleged", ())]
    firm = [level for level in ("asserted", "reported") if level in by_level]
    if firm:
        level = firm[0]
        weaker = [c for c in by_level if CERTAINTY_ORDER.index(c) > CERTAINTY_ORDER.index(level)]
        independent = {source_key(r) for r in by_level[level]} - {source_key(r) for c in weaker for r in by_level[c]}
        if weaker and independent:
            return level, f"{'/'.join(weaker)} confirmed by an independent {level} report", disputing
        return level, f"firmest report: {level}", disputing
    if "claimed" in by_level and "alleged" in by_level:
        claim_sources = {source_key(r) for r in by_level["claimed"]}
        if {source_key(r) for r in by_level["alleged"]} - claim_sources:
            return "alleged", "claim disputed by another report", disputing
    level = min(by_level, key=CERTAINTY_ORDER.index)
    return level, f"firmest report: {level}", disputing


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
    if field in ("fatalities", "injuries"):
        return (value.get("low"), value.get("best"), value.get("high"))
    if field == "date":
        return (value.get("start"), value.get("end"))
    if field == "location":
        return (value.get("name"), value.get("lat"), value.get("lon"))
    if field == "actors":
        return tuple(sorted((a.get("role"), a.get("name")) for a in value))
    return value


def disagreements(records: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Per field, each document's value, kept only where the documents differ."""
    out: dict[str, list[dict[str, Any]]] = {}
    ordered = sorted(records, key=chronological_key)
    for field in DISAGREEMENT_FIELDS:
        values = [_comparable(r.get(field), field) for r in ordered]
        if len(set(map(repr, values))) > 1:
            out[field] = [{"record": r["id"], "document": r["document"]["id"], "value": r.get(field)} for r in ordered]
    return out


def _merged_actors(records: Sequence[dict[str, Any]], anchor: dict[str, Any]) -> list[dict[str, Any]]:
    actors, seen = [], set()
    for r in sorted(records, key=chronological_key):
        for a in r.get("actors") or ():
            key = (a.get("role"), actor_key(a.get("name") or "") or a.get("text"))
            if key not in seen:
                seen.add(key)
                actors.append(dict(a, document=r["document"]["id"]) if r is not anchor else a)
    return actors


def merge_records(records: Sequence[dict[str, Any]], why: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """One event from the records of several documents about it (rules in the module docstring).
    ``why`` is the merge explanation (``dedup.merge_why``), stored as ``merge_why``."""
    if not records:
        raise ValueError("merge_records needs at least one record")
    anchor = anchor_of(records)
    anchor_doc = anchor["document"]["id"]
    merged = dict(anchor)
    provenance = {f: anchor_doc for f in ANCHOR_FIELDS if anchor.get(f)}
    if len(records) > 1:
        for field in ("date", "location"):
            pick = _precision_pick(records, field)
            merged[field] = pick[field] if pick else None
            if pick:
                provenance[field] = pick["document"]["id"]
        for field in ("fatalities", "injuries"):
            value, from_doc = merge_fatalities(records, field)
            merged[field] = value
            if from_doc:
                provenance[field] = from_doc
        if not merged.get("weapon"):
            with_weapon = sorted((r for r in records if r.get("weapon")), key=chronological_key)
            if with_weapon:
                merged["weapon"] = with_weapon[0]["weapon"]
                provenance["weapon"] = with_weapon[0]["document"]["id"]
        certainty, rule, disputing = combine_certainty(records)
        merged["certainty"] = certainty
        merged["certainty_rule"] = rule
        merged["certainty_reports"] = [{"document": r["document"]["id"], "certainty": r.get("certainty")}
                                       for r in sorted(records, key=chronological_key)]
        merged["disputed_by"] = disputing
        provenance["certainty"] = next((r["document"]["id"] for r in sorted(records, key=chronological_key)
                                        if r.get("certainty") == certainty), anchor_doc)
        merged["actors"] = _merged_actors(records, anchor)
    else:
        provenance.update({f: anchor_doc for f in ("date", "location", "fatalities", "injuries", "certainty")
                           if anchor.get(f)})
    if merged.get("actors"):
        provenance["actors"] = sorted({a.get("document", anchor_doc) for a in merged["actors"]})
    documents: list[str] = []
    for r in sorted(records, key=chronological_key):
        if r["document"]["id"] not in documents:
            documents.append(r["document"]["id"])
    merged["documents"] = documents
    merged["records"] = sorted(r["id"] for r in records)
    merged["sources"] = count_sources(records)
    merged["provenance"] = provenance
    merged["field_documents"] = {f: d for f, d in provenance.items()
                                 if f in ("date", "location", "fatalities", "injuries") and d != anchor_doc}
    merged["disagreements"] = disagreements(records) if len(records) > 1 else {}
    merged["merge_why"] = why or []
    return merged
