"""Language data: the tables of each language profile (nlp/languages/<code>/*.json), loaded once.

Code is language-neutral; everything a language needs (trigger words, weapon words, reporting
verbs, modality cues, closed-class words) lives in the profile's tables, one file per stage
(STAGE_TABLES); a key appears in one table only. Matching folds case, accents and apostrophes and
accepts either the surface form or the lemma of each token, so "pris pour cible" matches the
entry "prendre pour cible".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from eventatlas.textfold import fold, fold_case  # noqa: F401 - the one fold; re-exported for nlp callers


def _entry_words(entry: str, reflexives: frozenset = frozenset()) -> tuple[str, ...]:
    words = fold_case(entry).replace("'", "' ").split()
    while words and words[0] in reflexives:
        words = words[1:]  # reflexive: "s'écraser" is matched on "écraser"
    return tuple(w for w in words)


def phrase_words(entry: str) -> list[str]:
    """A profile phrase's folded words, an elided article a word of its own ("d'", "l'")."""
    return fold(entry).replace("'", "' ").split()


@lru_cache(maxsize=4096)
def phrase_regex(entry: str) -> re.Pattern:
    """A folded phrase matched on whole words; a trailing ``*`` on a word accepts any ending."""
    parts = []
    for word in fold(entry).split():
        parts.append(re.escape(word[:-1]) + r"\w*" if word.endswith("*") else re.escape(word))
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)")


def find_phrase(folded_text: str, entry: str) -> re.Match | None:
    """The first whole-word occurrence of ``entry`` in an already folded text ("mob" is not in "mobilisation")."""
    return phrase_regex(entry).search(folded_text)


def first_phrase(folded_text: str, entries) -> tuple[str, re.Match] | None:
    """The first entry, in the table's order, that occurs in the folded text, with its match."""
    for entry in entries:
        m = find_phrase(folded_text, entry)
        if m is not None:
            return entry, m
    return None


@dataclass(frozen=True, slots=True)
class Hit:
    label: str
    entry: str
    start: int  # token index within the sequence given
    end: int


def _hyphenated(entry: str, max_gaps: int = 3) -> set[str]:
    """``entry`` with each combination of its spaces written as a hyphen that spaCy splits off ("air - strike")."""
    words = entry.split()
    if not 1 < len(words) <= max_gaps + 1:
        return set()
    out = set()
    for mask in range(1, 2 ** (len(words) - 1)):
        out.add(words[0] + "".join((" - " if mask >> k & 1 else " ") + w for k, w in enumerate(words[1:])))
    return out


class PhraseTable:
    """Longest-match lookup of multi-word entries over token (lower, lemma) pairs."""

    def __init__(self, entries: dict[str, list[str]], reflexives=()):
        reflexives = frozenset(fold_case(r) for r in reflexives)
        self._table: dict[tuple[str, ...], tuple[str, str]] = {}
        self.max_len = 1
        self._longest: dict[str, int] = {}  # first word -> longest entry starting with it
        for label, words in entries.items():
            for entry in words:
                # spaCy may keep "attentat-suicide" whole or split it at the hyphen: index both; and a
                # phrase may be written with hyphens ("air-strikes", "car-bomb" for "air strikes", "car bomb")
                for variant in {entry, entry.replace("-", " - "), *_hyphenated(entry)}:
                    key = _entry_words(variant, reflexives)
                    if key:
                        self._table.setdefault(key, (label, entry))
                        self.max_len = max(self.max_len, len(key))
                        self._longest[key[0]] = max(self._longest.get(key[0], 0), len(key))

    def find(self, forms: list[tuple[str, str]]) -> list[Hit]:
        """forms: per token (surface, lemma), any case. Returns non-overlapping longest hits."""
        forms = [(fold_case(w), fold_case(l)) for w, l in forms]
        hits, i = [], 0
        n = len(forms)
        longest = self._longest
        while i < n:
            # every candidate starts with the token's surface form or its lemma
            reach = max(longest.get(forms[i][0], 0), longest.get(forms[i][1], 0))
            if not reach:
                i += 1
                continue
            found = None
            for size in range(min(reach, n - i), 0, -1):
                for key in self._candidates(forms[i:i + size]):
                    if key in self._table:
                        found = (size, self._table[key])
                        break
                if found:
                    break
            if found:
                size, (label, entry) = found
                hits.append(Hit(label, entry, i, i + size))
                i += size
            else:
                i += 1
        return hits

    @staticmethod
    def _candidates(window: list[tuple[str, str]]):
        # surface forms first, then lemmas, then the mix where the last word is a lemma
        yield tuple(w for w, _ in window)
        yield tuple(l for _, l in window)
        if len(window) > 1:
            yield tuple(w for w, _ in window[:-1]) + (window[-1][1],)
            yield (window[0][1],) + tuple(w for w, _ in window[1:])


#: The tables of a profile the extractor reads, one per stage; keys are unique across them.
STAGE_TABLES = ("grammar", "triggers", "modality", "attribution", "roles", "weapons", "deaths", "numbers", "dates",
                "classify")


class Lexicon:
    """Every table of one language profile, merged: ``data`` as written, ``words`` as folded sets."""

    def __init__(self, lang: str, data: dict):
        self.data = data
        self.lang = lang
        reflexives = data.get("reflexive_pronouns", ())
        self.triggers = PhraseTable(data["triggers"], reflexives)
        self.weak = {fold(w) for w in data["weak_triggers"]}
        self.weapons = PhraseTable(data["weapons"], reflexives)
        self.anaphora = {fold(w) for w in data["anaphora"]}
        self.words = {k: frozenset(fold(w) for w in v) for k, v in data.items()
                      if isinstance(v, list) and all(isinstance(w, str) for w in v)}
        self.approx = {fold(k): v for k, v in data["approx_numbers"].items()}
        self.qualifiers = PhraseTable(data["qualifiers"], reflexives)
        #: class -> (verbs, object nouns): "exchanged 48 prisoners" is an agreement although no phrase says so
        self.object_triggers = {label: (frozenset(fold(v) for v in spec["verbs"]), frozenset(fold(n) for n in spec["objects"]))
                                for label, spec in data.get("object_triggers", {}).items()}
        #: single-word entries of request verbs that need a particle ("call on", "call for")
        self.request_particles = {fold(k): frozenset(fold(p) for p in v)
                                  for k, v in data.get("request_particles", {}).items()}

    def has(self, kind: str, word: str) -> bool:
        return fold(word) in self.words.get(kind, frozenset())

    def of(self, kind: str) -> frozenset:
        """The folded words of table key ``kind``; empty when the profile has none."""
        return self.words.get(kind, frozenset())

    def token_in(self, kind: str, token) -> bool:
        """The token's surface form or lemma is a word of ``kind``."""
        words = self.words.get(kind, frozenset())
        return fold(token.text) in words or fold(token.lemma_) in words


def merged_tables(lang: str) -> dict:
    from eventatlas.errors import UnsupportedLanguage
    from eventatlas.nlp.languages import profile_data
    data: dict = {}
    for name in STAGE_TABLES:
        for key, value in profile_data(lang, name).items():
            if key.startswith("_"):
                continue  # "_doc": the table's own description
            if key in data:
                raise UnsupportedLanguage(f"language profile {lang!r}: key {key!r} is in two tables")
            data[key] = value
    return data


@lru_cache(maxsize=None)
def load_lexicon(lang: str) -> Lexicon:
    return Lexicon(lang, merged_tables(lang))


def all_profiles_words(kind: str) -> frozenset:
    """The folded words of ``kind`` in every profile found: for text whose language is not known
    where it is read (an actor's name is written the same way whatever the article's language)."""
    from eventatlas.nlp.languages import available_languages
    return frozenset().union(*(load_lexicon(code).of(kind) for code in available_languages()))
