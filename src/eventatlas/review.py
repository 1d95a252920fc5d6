"""The analyst in the loop, without storage: what a review may change, in which shape, how the reviewed
values lay over the machine's record, and why the extractor doubts an event (the review queue's order).

A review's ``changes`` are ``{field: value}`` with each value in the record's own shape (the JSON
contract). ``validate_changes`` returns them normalised or raises ``BadReview`` (EA019) naming the
field. A reviewed value has no span of its own unless it keeps the span of the value it replaces (a
reviewer who corrects a toll from 5 to 6 keeps no claim that the words say 6); ``rule`` says who set it.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

from eventatlas.errors import BadReview
from eventatlas.taxonomy import acled_types  # noqa: F401 - the API lists the types from here

ACTIONS = ("accept", "reject", "edit")
STATES = {"accept": "accepted", "reject": "rejected", "edit": "edited"}
EDITABLE = ("event_type", "sub_event_type", "date", "location", "actors", "weapon", "fatalities", "certainty",
            "attribution")
CERTAINTIES = ("asserted", "reported", "claimed", "alleged", "speculative")
ROLES = ("perpetrator", "target", "claimant", "victim", "source")
ATTRIBUTION_KINDS = ("writer", "outlet", "official", "anonymous", "claimant", "witness", "party")
MAX_NAME = 200
MAX_ACTORS = 30
MAX_NOTE = 2000
_SPAN_KEYS = ("text", "start_char", "end_char")

#: Resolves ``{"geonames_id": N}`` to a full location object (the API's gazetteer), or None when unknown.
PlaceLookup = Callable[[int], "dict[str, Any] | None"]


def _fail(field: str, message: str) -> BadReview:
    return BadReview(f"{field}: {message}")


def _text(field: str, value: Any, *, required: bool = True, limit: int = MAX_NAME) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _fail(field, "a non-empty text is expected")
    if len(value) > limit or "\x00" in value:
        raise _fail(field, f"at most {limit} characters, no NUL")
    return " ".join(value.split())


def _int(field: str, value: Any, *, required: bool = True, low: int = 0, high: int = 10_000_000) -> int | None:
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _fail(field, f"a whole number from {low} to {high} is expected")
    return value


def _number(field: str, value: Any, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not low <= value <= high:
        raise _fail(field, f"a number from {low:g} to {high:g} is expected")
    return float(value)


def _date(field: str, value: Any) -> str:
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise _fail(field, "a date YYYY-MM-DD is expected") from None


def _object(field: str, value: Any, allowed: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(field, "an object is expected")
    unknown = sorted(set(value) - set(allowed) - set(_SPAN_KEYS) - {"rule", "why", "flags", "cue", "feature"})
    if unknown:
        raise _fail(field, f"unknown keys {', '.join(unknown)}")
    return value


def _kept_span(value: dict[str, Any], current: Any) -> dict[str, Any]:
    """The span of ``value`` when it is one the machine's value has (so its offsets are true), else nulls."""
    spans = current if isinstance(current, list) else [current]
    given = tuple(value.get(k) for k in _SPAN_KEYS)
    for old in spans:
        if isinstance(old, dict) and given[0] is not None and tuple(old.get(k) for k in _SPAN_KEYS) == given:
            return dict(zip(_SPAN_KEYS, given))
    return dict.fromkeys(_SPAN_KEYS)


def _types(changes: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
    """event_type and sub_event_type, checked against ACLED's list and each other; a sub-type alone
    brings its type."""
    types = acled_types()
    parent = {sub: etype for etype, subs in types.items() for sub in subs}
    out = {}
    etype = changes.get("event_type", record.get("event_type"))
    sub = changes.get("sub_event_type", record.get("sub_event_type"))
    etype = etype if isinstance(etype, str) else None
    sub = sub if isinstance(sub, str) else None
    if "event_type" in changes and etype not in types:
        raise _fail("event_type", f"not one of ACLED's types ({', '.join(types)})")
    if "sub_event_type" in changes:
        if sub not in parent:
            raise _fail("sub_event_type", "not one of ACLED's sub-event types")
        if "event_type" not in changes:
            etype = parent[sub]
    if etype not in types:
        raise _fail("event_type", "a statement gets an ACLED type before a sub-type")
    if sub not in types[etype]:
        raise _fail("sub_event_type", f"{sub!r} is not a sub-type of {etype!r} (give both)")
    if etype != record.get("event_type") or "event_type" in changes:
        out["event_type"] = etype
    if sub != record.get("sub_event_type") or "sub_event_type" in changes:
        out["sub_event_type"] = sub
    return out


def _date_value(value: Any, current: Any, rule: str) -> dict[str, Any]:
    value = _object("date", value, ("start", "end", "precision"))
    start = _date("date.start", value.get("start"))
    end = _date("date.end", value.get("end") or start)
    if end < start:
        raise _fail("date", "end is before start")
    precision = _int("date.precision", value.get("precision", 1), low=1, high=3)
    return {"start": start, "end": end, "precision": precision, "rule": rule, "flags": [],
            **_kept_span(value, current)}


def _location_value(value: Any, current: Any, rule: str, lookup: PlaceLookup | None) -> dict[str, Any]:
    if isinstance(value, dict) and set(value) == {"geonames_id"}:
        gid = _int("location.geonames_id", value["geonames_id"], low=1, high=10**10)
        place = lookup(gid) if lookup else None
        if place is None:
            raise _fail("location", f"no place with geonames_id {gid} in the gazetteer")
        value = dict(place)
    value = _object("location", value, ("name", "admin2", "admin1", "admin1_code", "country", "iso3", "lat", "lon",
                                        "geonames_id", "precision"))
    out = {"name": _text("location.name", value.get("name")),
           "admin2": _text("location.admin2", value.get("admin2"), required=False),
           "admin1": _text("location.admin1", value.get("admin1"), required=False),
           "admin1_code": _text("location.admin1_code", value.get("admin1_code"), required=False, limit=16),
           "country": _text("location.country", value.get("country")),
           "iso3": _text("location.iso3", value.get("iso3"), required=False, limit=3),
           "lat": _number("location.lat", value.get("lat"), -90, 90),
           "lon": _number("location.lon", value.get("lon"), -180, 180),
           "geonames_id": _int("location.geonames_id", value.get("geonames_id"), required=False, low=1, high=10**10),
           "precision": _int("location.precision", value.get("precision", 1), low=1, high=3),
           "feature": value.get("feature") if value.get("feature") in ("city", "admin2", "admin1", "country") else None,
           "why": [rule]}
    if out["iso3"] is not None:
        out["iso3"] = out["iso3"].upper()
    return dict(out, **_kept_span(value, current))


def _actors_value(value: Any, current: Any, rule: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or len(value) > MAX_ACTORS:
        raise _fail("actors", f"a list of at most {MAX_ACTORS} actors is expected")
    out = []
    for i, actor in enumerate(value):
        actor = _object(f"actors.{i}", actor, ("role", "name", "document"))
        if actor.get("role") not in ROLES:
            raise _fail(f"actors.{i}.role", f"one of {', '.join(ROLES)}")
        span = _kept_span(actor, [a for a in current or () if a.get("document") == actor.get("document")])
        value = {"role": actor["role"], "name": _text(f"actors.{i}.name", actor.get("name")), "rule": rule, **span}
        if span["text"] is not None and actor.get("document"):  # the span is in another document's text
            value["document"] = actor["document"]
        out.append(value)
    return out


def _fatalities_value(value: Any, current: Any, rule: str) -> dict[str, Any] | None:
    if value is None:
        return None
    value = _object("fatalities", value, ("low", "best", "high"))
    best = _int("fatalities.best", value.get("best"))
    low = _int("fatalities.low", value.get("low", best))
    high = _int("fatalities.high", value.get("high", best), required=False)
    if low > best or (high is not None and best > high):
        raise _fail("fatalities", "low <= best <= high is expected")
    return {"low": low, "best": best, "high": high, "rule": rule, **_kept_span(value, current)}


def _weapon_value(value: Any, current: Any, rule: str) -> dict[str, Any] | None:
    if value is None:
        return None
    value = _object("weapon", value, ("type",))
    return {"type": _text("weapon.type", value.get("type"), limit=64), "rule": rule, **_kept_span(value, current)}


def _attribution_value(value: Any, current: Any, rule: str) -> dict[str, Any]:
    value = _object("attribution", value, ("source", "kind", "chain"))
    source = _text("attribution.source", value.get("source"))
    kind = value.get("kind")
    if kind is not None and kind not in ATTRIBUTION_KINDS:
        raise _fail("attribution.kind", f"one of {', '.join(ATTRIBUTION_KINDS)}")
    chain = value.get("chain")
    if chain is None:
        chain = [source]
    if not isinstance(chain, list) or len(chain) > MAX_ACTORS:
        raise _fail("attribution.chain", "a list of sources is expected")
    chain = [_text(f"attribution.chain.{i}", link) for i, link in enumerate(chain)]
    return {"source": source, "kind": kind, "chain": chain, "cue": rule, **_kept_span(value, current)}


def validate_changes(changes: Any, record: dict[str, Any], reviewer: str,
                     lookup: PlaceLookup | None = None) -> dict[str, Any]:
    """``changes`` checked field by field against ``record`` (the event as it reads now) and normalised
    into the record's shape; raises ``BadReview`` (EA019) naming the first bad field."""
    if not isinstance(changes, dict) or not changes:
        raise BadReview("changes: an object {field: value} with at least one field is expected for an edit")
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise _fail(unknown[0], f"not an editable field (editable: {', '.join(EDITABLE)})")
    rule = f"reviewed by {reviewer}"
    out: dict[str, Any] = {}
    if "event_type" in changes or "sub_event_type" in changes:
        out.update(_types(changes, record))
    shapes = {"date": _date_value, "actors": _actors_value, "fatalities": _fatalities_value,
              "weapon": _weapon_value, "attribution": _attribution_value,
              "location": lambda value, current, rule: _location_value(value, current, rule, lookup)}
    for field, value in changes.items():
        if field in shapes:
            out[field] = shapes[field](value, record.get(field), rule)
        elif field == "certainty":
            if value not in CERTAINTIES:
                raise _fail("certainty", f"one of {', '.join(CERTAINTIES)}")
            out[field] = value
    return out


def overlay(machine: dict[str, Any], changes: dict[str, Any], review: dict[str, Any] | None) -> dict[str, Any]:
    """The record readers see: the machine's merged record with the reviewed values laid over it, and
    ``review`` (null, or state, by, at, and new_evidence when a document came after the review)."""
    record = dict(machine, **changes)
    spanless = [f for f, v in changes.items() if not (isinstance(v, dict) and v.get("start_char") is not None)]
    if record.get("field_documents") and spanless:  # no span left to say which document it indexes
        record["field_documents"] = {f: d for f, d in record["field_documents"].items() if f not in spanless}
    if review is not None and changes:
        record["reviewed_fields"] = sorted(changes)
    record["review"] = review
    return record


# --- doubt: the review queue's order ---------------------------------------------------------------

#: The sub-types the classifier falls back on when nothing more specific fired.
GENERIC_SUB_TYPES = ("Armed clash", "Attack")
#: (code, weight, readable reason). The queue sorts by the sum of weights, heaviest first.
DOUBTS = {
    "thin_type": (3.0, "a generic sub-type with neither weapon nor perpetrator to support it"),
    "place_country": (3.0, "the place is only known at country level"),
    "place_region": (1.5, "the place is only known at province or district level"),
    "no_place": (3.0, "no place found"),
    "no_date": (2.5, "the text gives no date: the publication date stands in"),
    "weekday_mismatch": (2.0, "the weekday contradicts the date"),
    "sources_disagree": (2.5, "the reports disagree on the toll"),
    "types_disagree": (2.5, "the reports disagree on the type"),
    "weak_certainty": (2.0, "the certainty rests on a weak cue (disputed, hedged or speculative)"),
    "no_source": (1.0, "no source is named for the claim"),
    "no_actor": (1.0, "no actor found"),
    "new_evidence": (2.0, "a document came after the review"),
}


def doubts(record: dict[str, Any], types_disagree: bool = False) -> list[dict[str, Any]]:
    """Why the extractor may be wrong about ``record``: [{code, weight, reason}], heaviest first.
    ``types_disagree``: the merged documents' own records gave different types."""
    codes = []
    if record.get("sub_event_type") in GENERIC_SUB_TYPES and not record.get("weapon") \
            and not any(a.get("role") == "perpetrator" for a in record.get("actors") or ()):
        codes.append("thin_type")
    loc = record.get("location")
    if not loc:
        codes.append("no_place")
    elif loc.get("feature") == "country":
        codes.append("place_country")
    elif (loc.get("precision") or 1) >= 3 or loc.get("feature") == "admin1":
        codes.append("place_region")
    date = record.get("date")
    flags = (date or {}).get("flags") or ()
    if not date or "publication_date" in flags:
        codes.append("no_date")
    if "weekday_mismatch" in flags:
        codes.append("weekday_mismatch")
    fat = record.get("fatalities") or {}
    if len(record.get("documents") or ()) > 1 and fat and fat.get("high") is not None \
            and fat.get("low") != fat.get("high"):
        codes.append("sources_disagree")
    if types_disagree:
        codes.append("types_disagree")
    if record.get("certainty") in ("alleged", "speculative"):
        codes.append("weak_certainty")
    if not (record.get("attribution") or {}).get("source") and record.get("certainty") != "asserted":
        codes.append("no_source")
    if not record.get("actors"):
        codes.append("no_actor")
    if (record.get("review") or {}).get("new_evidence"):
        codes.append("new_evidence")
    out = [{"code": c, "weight": DOUBTS[c][0], "reason": DOUBTS[c][1]} for c in codes]
    out.sort(key=lambda d: -d["weight"])
    return out
