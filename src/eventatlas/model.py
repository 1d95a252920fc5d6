"""The records passed between stages: plain frozen dataclasses, no behaviour beyond serialisation.

Every field that rests on the text carries its evidence span (``text``, ``start_char``, ``end_char``)
so that ``document.text[start_char:end_char] == text`` always holds.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start_char: int
    end_char: int

    @classmethod
    def of(cls, source: str, start: int, end: int) -> "Span":
        return cls(source[start:end], start, end)


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    text: str
    lang: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    published_inferred: bool = False
    source_path: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    role: str  # perpetrator | target | claimant | victim | source
    name: str  # normalised, ACLED-style where known
    span: Span
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None
    iso3: str | None
    lat: float | None
    lon: float | None
    precision: int  # ACLED geo precision: 1 town, 2 near / part of region, 3 province
    span: Span
    admin1: str | None = None
    admin1_code: str | None = None
    admin2: str | None = None
    geonames_id: int | None = None
    feature: str = ""  # "city", "admin1", "admin2", "country"
    why: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class When:
    start: dt.date
    end: dt.date
    precision: int  # ACLED time precision: 1 day, 2 week, 3 month
    span: Span
    rule: str = ""
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Weapon:
    type: str
    span: Span


@dataclass(frozen=True, slots=True)
class Deaths:
    low: int | None
    best: int | None
    high: int | None
    span: Span
    kind: str = "killed"  # killed | injured
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Attribution:
    source: str  # readable, e.g. "Dijlah.tv, citing an anonymous security source"
    kind: str  # writer | outlet | official | anonymous | claimant | witness | party
    chain: tuple[str, ...]
    span: Span | None
    cue: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    document: Document
    event_type: str | None
    sub_event_type: str | None
    plover: str
    trigger: Span
    date: When | None
    location: Place | None
    actors: tuple[Actor, ...]
    weapon: Weapon | None
    fatalities: Deaths | None
    injuries: Deaths | None
    attribution: Attribution
    field_attribution: tuple[tuple[str, Attribution], ...]
    certainty: str
    evidence: tuple[Span, ...] = ()
    why: tuple[str, ...] = ()
    sources: int = 1
    documents: tuple[str, ...] = field(default=())
    #: an event the article only recalls from before its news (an earlier attack), with its own date
    background: bool = False


def _span_dict(span: Span | None) -> dict[str, Any]:
    if span is None:
        return {"text": None, "start_char": None, "end_char": None}
    return {"text": span.text, "start_char": span.start_char, "end_char": span.end_char}


def document_to_dict(doc: Document, with_text: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": doc.id,
        "url": doc.url,
        "title": doc.title,
        "outlet": doc.outlet,
        "published": doc.published.isoformat() if doc.published else None,
        "published_inferred": doc.published_inferred,
        "lang": doc.lang,
    }
    if with_text:
        out["text"] = doc.text
    return out


def attribution_to_dict(att: Attribution) -> dict[str, Any]:
    return {"source": att.source, "kind": att.kind, "chain": list(att.chain), "cue": att.cue, **_span_dict(att.span)}


def deaths_to_dict(d: Deaths | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {"low": d.low, "best": d.best, "high": d.high, "rule": d.rule, **_span_dict(d.span)}


def event_to_dict(ev: Event, with_text: bool = True) -> dict[str, Any]:
    """The JSON contract of DESIGN.md: every non-null field with its span."""
    loc = ev.location
    return {
        "id": ev.id,
        "document": document_to_dict(ev.document, with_text),
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "plover": ev.plover,
        "trigger": _span_dict(ev.trigger),
        "date": None if ev.date is None else {
            "start": ev.date.start.isoformat(), "end": ev.date.end.isoformat(),
            "precision": ev.date.precision, "rule": ev.date.rule, "flags": list(ev.date.flags),
            **_span_dict(None if "publication_date" in ev.date.flags else ev.date.span)},
        "location": None if loc is None else {
            "name": loc.name, "admin2": loc.admin2, "admin1": loc.admin1, "admin1_code": loc.admin1_code,
            "country": loc.country, "iso3": loc.iso3, "lat": loc.lat, "lon": loc.lon,
            "geonames_id": loc.geonames_id, "precision": loc.precision, "feature": loc.feature,
            "why": list(loc.why), **_span_dict(loc.span)},
        "actors": [{"role": a.role, "name": a.name, "rule": a.rule, **_span_dict(a.span)} for a in ev.actors],
        "weapon": None if ev.weapon is None else {"type": ev.weapon.type, **_span_dict(ev.weapon.span)},
        "fatalities": deaths_to_dict(ev.fatalities),
        "injuries": deaths_to_dict(ev.injuries),
        "attribution": attribution_to_dict(ev.attribution),
        "field_attribution": {k: attribution_to_dict(v) for k, v in ev.field_attribution},
        "certainty": ev.certainty,
        "evidence": [_span_dict(s) for s in ev.evidence],
        "why": list(ev.why),
        "sources": ev.sources,
        "documents": list(ev.documents) or [ev.document.id],
        "background": ev.background,
    }


def replace(obj, **changes):
    return dataclasses.replace(obj, **changes)
