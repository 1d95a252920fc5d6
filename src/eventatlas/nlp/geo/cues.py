"""A language's cue words around toponyms (its profile's ``geo.json``), folded once for matching."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from eventatlas.nlp.geo.sources import geo_words
from eventatlas.nlp.geo.text import name_words


@dataclass(frozen=True, slots=True)
class Cues:
    lang: str
    near: tuple[tuple[str, ...], ...]  # folded word sequences, longest first
    admin1: frozenset[str]
    admin2: frozenset[str]
    connectors: frozenset[str]
    coordinators: frozenset[str]
    not_places: frozenset[str]
    place_nouns: frozenset[str]
    stop_words: frozenset[str]
    articles: frozenset[str]  # dropped from the front of a given span ("the", "la")
    name_linkers: frozenset[str]  # "<Head> of|for [the] X": X closes a longer proper name
    facility_nouns: frozenset[str] = frozenset()  # "a market in X", "the X military base"
    border_nouns: frozenset[str] = frozenset()  # "X's border with Y"
    feature_nouns: frozenset[str] = frozenset()  # "the Niger river", "le lac Tchad"
    facility_connectors: frozenset[str] = frozenset()  # "a market *in* X", "la frontière *entre* X *et* Y"
    near_by_last: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)  # last word -> cues
    kind_phrases: tuple[tuple[tuple[str, ...], str], ...] = ()  # ("local government area",) -> admin2, longest first
    distance_units: dict[str, float] = field(default_factory=dict)  # "km" -> 1.0, "miles" -> 1.609
    approx_numbers: dict[str, int] = field(default_factory=dict)  # "trentaine" -> 30 (the profile's numbers.json)
    possessives: tuple[str, ...] = ()  # "'s": "Yemen's Red Sea coast" puts the coast in Yemen
    region_adjectives: frozenset[str] = frozenset()  # "northern", "restive": list_adjectives, folded
    person_titles: tuple[str, ...] = ()  # "M.", "Mr", "Dr": the capitalised word after one names a person


def _words(values) -> frozenset[str]:
    """Single-word cues only: a phrase like "local government area" must not make "area" a cue."""
    return frozenset(words[0] for words in map(name_words, values) if len(words) == 1)


@lru_cache(maxsize=8)
def cues_for(lang: str) -> Cues:
    raw = geo_words(lang)
    near = tuple(sorted({tuple(name_words(c)) for c in raw.get("near", ())}, key=len, reverse=True))
    near_by_last: dict[str, list[tuple[str, ...]]] = {}
    for cue in near:
        if cue:
            near_by_last.setdefault(cue[-1], []).append(cue)
    return Cues(
        lang=lang,
        near=near,
        near_by_last={word: tuple(cues) for word, cues in near_by_last.items()},
        admin1=_words(raw.get("admin1", ())),
        admin2=_words(raw.get("admin2", ())),
        connectors=_words(raw.get("connectors", ())),
        coordinators=frozenset(w for value in raw.get("coordinators", ()) for w in name_words(value)),
        not_places=_words(raw.get("not_places", ())),
        place_nouns=_words(raw.get("place_nouns", ())),
        stop_words=_stop_words(lang),
        articles=_words(raw.get("articles", ())),
        name_linkers=_words(raw.get("name_linkers", ())),
        facility_nouns=_words(raw.get("facility_nouns", ())),
        border_nouns=_words(raw.get("border_nouns", ())),
        facility_connectors=_words(raw.get("facility_connectors", ())),
        feature_nouns=_words(raw.get("feature_nouns", ())),
        distance_units={name_words(w)[0]: float(k) for w, k in raw.get("distance_units", {}).items() if name_words(w)},
        approx_numbers=_approx_numbers(lang),
        possessives=tuple(raw.get("possessive_suffixes", ())),
        region_adjectives=_words(raw.get("list_adjectives", ())),
        person_titles=tuple(raw.get("person_titles", ())),
        kind_phrases=tuple(sorted({(tuple(name_words(c)), level) for level in ("admin1", "admin2")
                                   for c in raw.get(level, ()) if name_words(c)}, key=lambda p: -len(p[0]))),
    )


def _approx_numbers(lang: str) -> dict[str, int]:
    """The profile's approximate quantity nouns ("une trentaine de kilomètres"), folded."""
    from eventatlas.nlp.languages import profile_data

    return {name_words(w)[0]: int(v) for w, v in profile_data(lang, "numbers").get("approx_numbers", {}).items()
            if name_words(w)}


def _stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words: function words that are also GeoNames places ("Of", "Les", "Sur")."""
    try:
        from spacy.util import get_lang_class

        return _words(get_lang_class(lang).Defaults.stop_words)
    except (ImportError, KeyError, ValueError, AttributeError):  # spaCy absent or no such language
        return frozenset()
