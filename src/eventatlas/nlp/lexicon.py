"""Language data: the lexicon table of each language profile (nlp/languages/<code>/lexicon.json), loaded once.

Code is language-neutral; everything a language needs (trigger words, weapon words, reporting
verbs, modality cues) lives in the data file. Matching folds case, accents and apostrophes and
accepts either the surface form or the lemma of each token, so "pris pour cible" matches the
entry "prendre pour cible".
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from eventatlas.textfold import fold, fold_case  # noqa: F401 - the one fold; re-exported for nlp callers


def _entry_words(entry: str) -> tuple[str, ...]:
    words = fold_case(entry).replace("'", "' ").split()
    while words and words[0] in ("se", "s'"):
        words = words[1:]  # reflexive: "s'écraser" is matched on "écraser"
    return tuple(w for w in words)


@dataclass(frozen=True, slots=True)
class Hit:
    label: str
    entry: str
    start: int  # token index within the sequence given
    end: int


class PhraseTable:
    """Longest-match lookup of multi-word entries over token (lower, lemma) pairs."""

    def __init__(self, entries: dict[str, list[str]]):
        self._table: dict[tuple[str, ...], tuple[str, str]] = {}
        self.max_len = 1
        self._longest: dict[str, int] = {}  # first word -> longest entry starting with it
        for label, words in entries.items():
            for entry in words:
                # spaCy may keep "attentat-suicide" whole or split it at the hyphen: index both
                for variant in {entry, entry.replace("-", " - ")}:
                    key = _entry_words(variant)
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


class Lexicon:
    def __init__(self, lang: str, data: dict):
        self.data = data
        self.lang = lang
        self.version = data["version"]
        self.triggers = PhraseTable(data["triggers"])
        self.weak = {fold(w) for w in data["weak_triggers"]}
        self.weapons = PhraseTable(data["weapons"])
        self.anaphora = {fold(w) for w in data["anaphora"]}
        self.words = {k: frozenset(fold(w) for w in v) for k, v in data.items() if isinstance(v, list)}
        self.tables = {k: PhraseTable({k: v}) for k, v in data.items() if isinstance(v, list) and k != "weak_triggers"}
        self.approx = {fold(k): v for k, v in data["approx_numbers"].items()}
        self.qualifiers = PhraseTable(data["qualifiers"])
        #: class -> (verbs, object nouns): "exchanged 48 prisoners" is an agreement although no phrase says so
        self.object_triggers = {label: (frozenset(fold(v) for v in spec["verbs"]), frozenset(fold(n) for n in spec["objects"]))
                                for label, spec in data.get("object_triggers", {}).items()}

    def has(self, kind: str, word: str) -> bool:
        return fold(word) in self.words.get(kind, frozenset())


@lru_cache(maxsize=None)
def load_lexicon(lang: str) -> Lexicon:
    from eventatlas.nlp.languages import profile_data
    return Lexicon(lang, profile_data(lang, "lexicon"))
