"""Language-specific cue lists (``data/cues_<lang>.json``), folded once for matching tokens."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from eventatlas.nlp.geo.sources import load_json
from eventatlas.nlp.geo.text import name_words



@dataclass(frozen=True, slots=True)
class Cues:
    lang: str
    near: tuple[tuple[str, ...], ...]  # folded word sequences
    admin1: frozenset[str]
    admin2: frozenset[str]
    connectors: frozenset[str]
    coordinators: frozenset[str]
    not_places: frozenset[str]
    place_nouns: frozenset[str]
    stop_words: frozenset[str]


def _words(values) -> frozenset[str]:
    """Single-word cues only: a phrase like "local government area" must not make "area" a cue."""
    return frozenset(words[0] for words in map(name_words, values) if len(words) == 1)


@lru_cache(maxsize=4)
def cues_for(lang: str) -> Cues:
    lang = lang if lang in ("fr", "en") else "en"
    raw = load_json(f"cues_{lang}.json")
    return Cues(
        lang=lang,
        near=tuple(sorted({tuple(name_words(c)) for c in raw["near"]}, key=len, reverse=True)),
        admin1=_words(raw["admin1"]),
        admin2=_words(raw["admin2"]),
        connectors=_words(raw["connectors"]),
        coordinators=frozenset(w for value in raw["coordinators"] for w in name_words(value)),
        not_places=_words(raw["not_places"]),
        place_nouns=_words(raw["place_nouns"]),
        stop_words=_stop_words(lang),
    )


def _stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words: function words that are also GeoNames places ("Of", "Les", "Sur")."""
    try:
        if lang == "fr":
            from spacy.lang.fr.stop_words import STOP_WORDS
        else:
            from spacy.lang.en.stop_words import STOP_WORDS
    except ImportError:
        return frozenset()
    return _words(STOP_WORDS)
