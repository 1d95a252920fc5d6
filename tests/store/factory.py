"""Synthetic event records built from the model's dataclasses, for store, dedup and export tests."""
from __future__ import annotations

import datetime as dt
import hashlib

from eventatlas.model import Actor, Attribution, Deaths, Document, Event, Place, Span, When


def make_document(text: str, outlet: str | None = None, published: str | None = "2021-08-03",
                  doc_id: str | None = None) -> Document:
    return Document(id=doc_id or hashlib.sha256(text.encode()).hexdigest()[:24], text=text, lang="en", outlet=outlet,
                    published=dt.date.fromisoformat(published) if published else None)


def make_event(doc: Document, *, event_type: str | None = "Battles", sub_event_type: str | None = "Armed clash",
               date: str | None = "2021-08-02", date_end: str | None = None, date_precision: int = 1,
               place: str | None = "Kirkuk", lat: float | None = 35.468, lon: float | None = 44.392,
               geo_precision: int = 1, admin1: str | None = "Kirkuk", admin1_code: str | None = "IQ-KI",
               country: str | None = "Iraq", iso3: str | None = "IRQ",
               perpetrator: str | None = "Unidentified Armed Group (Iraq)",
               target: str | None = "Military Forces of Iraq", fatalities: int | tuple[int, int, int] | None = None,
               fatalities_kind: str | None = None, kind: str = "outlet", certainty: str = "reported",
               plover: str = "ASSAULT", trigger_at: int = 0) -> Event:
    """An event whose spans all point at the document's first characters (valid offsets)."""
    text = doc.text
    span = Span.of(text, trigger_at, trigger_at + min(5, len(text) - trigger_at))
    when = None if date is None else When(dt.date.fromisoformat(date), dt.date.fromisoformat(date_end or date),
                                          date_precision, span, "test")
    where = None if place is None else Place(place, country, iso3, lat, lon, geo_precision, span, admin1=admin1,
                                             admin1_code=admin1_code, feature="city")
    actors = tuple(Actor(role, name, span) for role, name in (("perpetrator", perpetrator), ("target", target))
                   if name)
    deaths = None
    if fatalities is not None:
        low, best, high = fatalities if isinstance(fatalities, tuple) else (fatalities,) * 3
        deaths = Deaths(low, best, high, span)
    attribution = Attribution(f"a {kind} source", kind, (f"a {kind} source",), span)
    field_att = ((("fatalities", Attribution(f"a {fatalities_kind} source", fatalities_kind,
                                             (f"a {fatalities_kind} source",), span)),)
                 if fatalities_kind else ())
    event_id = hashlib.sha256(f"{doc.id}|{trigger_at}|{event_type}".encode()).hexdigest()[:20]
    return Event(id=event_id, document=doc, event_type=event_type, sub_event_type=sub_event_type, plover=plover,
                 trigger=span, date=when, location=where, actors=actors, weapon=None, fatalities=deaths,
                 injuries=None, attribution=attribution, field_attribution=field_att, certainty=certainty,
                 evidence=(span,), documents=(doc.id,))
