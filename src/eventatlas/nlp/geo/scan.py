"""Finding toponyms in a text: gazetteer phrase matching, NER hints and place-noun cues.

Matching runs over folded tokens, longest phrase first, and demands a capital letter in the
text (an Arabic article glued by a hyphen may stay lower-case: "al-Diwaniya"). Each toponym
keeps the evidence the ranker needs: which gazetteer rows its name matched and how well, the
NER label over it, whether it opens a sentence or sits inside a longer proper name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from eventatlas.nlp.geo.cues import Cues
from eventatlas.nlp.geo.gazetteer import ADMIN1, COUNTRY, Gazetteer
from eventatlas.nlp.geo.sources import load_json
from eventatlas.nlp.geo.text import ARTICLES, exact_key, loose_key, tokens, vowel_key_of

EXACT, LOOSE = 1.0, 0.7
_INNER_GAP = re.compile(r"[ \-'’`ʼ]{0,2}|\. ?")
_SENTENCE_END = set(".!?\n«»\"“”:;(")
_DATELINE_END = set(",(-–—")  # "GOMA, June 3", "GAO (Mali)", "BASRA - ..."
GENERIC_HEADS = frozenset(load_json("names.json")["generic_name_heads"])
PLACE_LABELS = frozenset({"LOC", "GPE", "FAC"})
NON_PLACE_LABELS = frozenset({"PER", "PERSON", "ORG", "NORP", "MISC", "WORK_OF_ART", "EVENT", "PRODUCT"})
#: a hint label: an organisation's name without its article, used only to mark the toponyms that open it
ORGANISATION_NAME = "ORG-NAME"


@dataclass(slots=True)
class Toponym:
    start: int
    end: int
    first: int  # token index range [first, last)
    last: int
    rows: dict[int, float]  # gazetteer row -> name match quality
    source: str  # gazetteer | hint | place-noun | given
    hint: str | None = None
    level: str | None = None  # admin1 | admin2, from "province de X", "X district"
    near: str | None = None  # the cue that makes it "near X" (precision 2)
    near_km: float | None = None  # the distance stated with the cue ("300 km west of X"), when it states one
    phrase: str | None = None  # "a market in", "military base", "border with": the phrase around it
    phrase_kind: str | None = None  # facility | border
    feature_noun: str | None = None  # "river" in "the Niger river": only a natural feature answers
    sentence_initial: bool = False
    in_longer_name: bool = False
    in_organisation: bool = False  # inside a longer ORG span of the NER: "the Luhansk People's Militia"
    hyphen_part: bool = False  # glued by a hyphen to a capitalised word: "Sava" in "Mayo-Sava"
    containers: list[int] = field(default_factory=list)  # indexes of toponyms that contain it
    absorbed_by: int | None = None  # index of the toponym this one qualifies

    def text(self, source: str) -> str:
        return source[self.start:self.end]


_ABBREVIATION_PATTERNS: dict[int, re.Pattern | None] = {}


def _abbreviation_pattern(gazetteer: Gazetteer) -> re.Pattern | None:
    key = id(gazetteer)
    if key not in _ABBREVIATION_PATTERNS:
        forms = sorted(gazetteer.abbreviations, key=len, reverse=True)
        _ABBREVIATION_PATTERNS[key] = re.compile(
            r"(?<![\w.])(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)") if forms else None
    return _ABBREVIATION_PATTERNS[key]


def demonyms_of(lang: str) -> dict[str, str]:
    from eventatlas.nlp.geo.countries import demonyms

    return demonyms(lang)


class Scanner:
    """One text, its tokens and the lookups shared by the scanning passes."""

    def __init__(self, text: str, gazetteer: Gazetteer, cues: Cues):
        self.text = text
        self.gazetteer = gazetteer
        self.cues = cues
        self.toks = tokens(text)
        self.lower_words = {w for s, _, w in self.toks if text[s].islower()}
        self.demonyms = demonyms_of(cues.lang)

    def capitalised(self, i: int) -> bool:
        return self.text[self.toks[i][0]].isupper()

    def joined(self, i: int) -> bool:
        """Token i and i+1 belong to one name as far as punctuation goes."""
        gap = self.text[self.toks[i][1]:self.toks[i + 1][0]]
        if gap.startswith("."):
            return len(self.toks[i][2]) <= 3 and _INNER_GAP.fullmatch(gap) is not None
        return _INNER_GAP.fullmatch(gap) is not None

    def hyphenated(self, i: int) -> bool:
        """Token i and i+1 are one word joined by a hyphen ("Mayo-Sava")."""
        return self.text[self.toks[i][1]:self.toks[i + 1][0]] == "-"

    def sentence_initial(self, i: int) -> bool:
        before = self.text[:self.toks[i][0]].rstrip()
        return not before or before[-1] in _SENTENCE_END

    def acronym(self, i: int) -> bool:
        surface = self.text[self.toks[i][0]:self.toks[i][1]]
        return surface.isupper() and len(surface) <= 4 and not self.dateline(i)

    def dateline(self, i: int) -> bool:
        """"GOMA, June 3 –", "GAO (Mali) –", "BASRA - ": a capitalised place opening a paragraph, then a
        comma, a bracket or a dash, is the dateline, not an acronym."""
        start, end = self.toks[i][0], self.toks[i][1]
        line_start = self.text.rfind("\n", 0, start) + 1  # only this line's start matters
        return not self.text[line_start:start].strip(" \t") and self.text[end:end + 3].lstrip()[:1] in _DATELINE_END

    def can_start(self, i: int) -> bool:
        if self.capitalised(i):
            return True
        glued = (self.toks[i][2] in ARTICLES and i + 1 < len(self.toks)
                 and self.text[self.toks[i][1]:self.toks[i + 1][0]] == "-" and self.capitalised(i + 1))
        return glued

    def lookup(self, words: Sequence[str]) -> dict[int, float]:
        rows = {r: EXACT for r in self.gazetteer.exact_rows(exact_key(words))}
        loose = loose_key(words)
        for r in self.gazetteer.loose_rows(loose):
            rows.setdefault(r, LOOSE)
        vowel = vowel_key_of(loose)
        if vowel != loose:
            for r in self.gazetteer.loose_rows(vowel):  # "Babel" = "Babil": provinces only
                if self.gazetteer.kind[r] == ADMIN1:
                    rows.setdefault(r, LOOSE)
        return rows

    def lookup_phrase(self, start: int, end: int) -> dict[int, float]:
        return self.lookup_phrase_level(start, end)[0]

    def lookup_phrase_level(self, start: int, end: int) -> tuple[dict[int, float], str | None]:
        """Rows for a given phrase, and the level its kind word says when only the name without
        it is known ("Benue State", "Guma Local Government Area": the state, the district)."""
        words = [w for s, e, w in self.toks if s >= start and e <= end]
        while words and (words[0] in self.cues.stop_words or words[0] in self.cues.articles):
            words = words[1:]
        rows = self.lookup(words) if words else {}
        if rows:
            return rows, None
        for kind, level in self.cues.kind_phrases:
            n = len(kind)
            if len(words) > n and tuple(words[-n:]) == kind:
                rows = self.lookup(words[:-n])
                if rows:
                    return rows, level
        return {}, None

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        idx = [i for i, (s, e, _) in enumerate(self.toks) if s >= start and e <= end]
        return (idx[0], idx[-1] + 1) if idx else (0, 0)

    # --- passes -------------------------------------------------------------------------
    def abbreviation_at(self) -> dict[int, tuple[int, int]]:
        """Start char -> (end char, row) of state abbreviations: "Louisville, Ky.", "D.C."."""
        pattern = _abbreviation_pattern(self.gazetteer)
        out = {}
        if pattern is None:
            return out
        for m in pattern.finditer(self.text):
            form = m.group()
            # "Ky." alone may end a sentence on a word; after a comma ("Louisville, Ky.") it is the state.
            if form.count(".") > 1 or self.text[:m.start()].rstrip().endswith(","):
                out[m.start()] = (m.end(), self.gazetteer.abbreviations[form])
        return out

    def gazetteer_matches(self) -> list[Toponym]:
        found: list[Toponym] = []
        i, n_toks = 0, len(self.toks)
        abbreviations = self.abbreviation_at()
        demonyms = self.demonyms
        while i < n_toks:
            if not self.can_start(i):
                i += 1
                continue
            if self.toks[i][0] in abbreviations:
                end_char, row = abbreviations[self.toks[i][0]]
                end = i + 1
                while end < n_toks and self.toks[end][1] <= end_char:
                    end += 1
                found.append(self.make(i, end, {row: EXACT}, "gazetteer"))
                i = end
                continue
            best = None
            last = i
            while last + 1 < n_toks and last - i + 1 < self.gazetteer.max_words and self.joined(last):
                last += 1
            for end in range(last + 1, i, -1):
                after_apostrophe = self.text[self.toks[end - 2][1]:self.toks[end - 1][0]] in ("'", "’") if end - i > 1 else False
                if end - i > 1 and not self.capitalised(end - 1) and self.toks[end - 1][2] not in ARTICLES \
                        and not after_apostrophe:  # "Dar'a", "Ma'rib" end on a lower-case syllable
                    # a multi-word name may hold lower-case articles inside, not end on a common word
                    if self.toks[end - 1][2] in self.cues.stop_words or self.toks[end - 1][2] in self.lower_words:
                        continue
                words = [w for _, _, w in self.toks[i:end]]
                rows = self.lookup(words)
                if end - i == 1 and self.acronym(i):  # "TMF", "RT": only a country spelled short
                    rows = {r: q for r, q in rows.items() if self.gazetteer.kind[r] == COUNTRY and q == EXACT}
                if rows and self.acceptable(i, end):
                    best = (end, rows)
                    break
            if best is not None and best[0] - i == 1 and self.toks[i][2] in demonyms:
                best = None  # "Kenyan soldiers": country context (document.py), not a town named Kenyan
            if best is None:
                i += 1
                continue
            end, rows = best
            found.append(self.make(i, end, rows, "gazetteer"))
            i = end
        return found

    def acceptable(self, first: int, last: int) -> bool:
        """Single common words ("Of", "Mines", "Juillet") are not toponyms, capitalised or not."""
        if last - first > 1:
            return True
        word = self.toks[first][2]
        if word in self.cues.not_places or word in self.cues.stop_words or len(word) < 3 \
                or word in self.cues.facility_nouns or word in self.cues.border_nouns:  # "Mosul Dam"
            return False
        # "Tal Tamer", "Ain Oussara": a generic head before the rest of a name the gazetteer lacks.
        if word in GENERIC_HEADS and last < len(self.toks) and self.joined(first) and self.capitalised(last):
            return False
        # A word the same text also writes in lower case is a common word opening a sentence.
        return not (self.sentence_initial(first) and word in self.lower_words)

    def make(self, first: int, last: int, rows: dict[int, float], source: str) -> Toponym:
        prev_cap = first > 0 and self.capitalised(first - 1) and self.joined(first - 1) \
            and not self.sentence_initial(first - 1) and self.toks[first - 1][2] not in self.cues.not_places
        next_cap = last < len(self.toks) and self.capitalised(last) and self.joined(last - 1)
        prev_cap = prev_cap or self.ends_proper_name(first)
        start, end = self.toks[first][0], self.toks[last - 1][1]
        hyphen = (first > 0 and self.hyphenated(first - 1) and self.capitalised(first - 1)) \
            or (last < len(self.toks) and self.hyphenated(last - 1) and self.capitalised(last))
        return Toponym(start, end, first, last, rows, source,
                       sentence_initial=self.sentence_initial(first), in_longer_name=prev_cap or next_cap,
                       hyphen_part=hyphen)

    def ends_proper_name(self, first: int) -> bool:
        """"Volunteers for the Defence of the Homeland": a capitalised word closing a longer name
        ("<Name> of|for [the] X") belongs to that name (an organisation), unless the name is a
        place noun ("Province of Quebec", "Gulf of Mexico" stay places through their own entry)."""
        j = first - 1
        if j >= 1 and self.toks[j][2] in self.cues.articles and not self.capitalised(j):
            j -= 1
        if j < 1 or self.toks[j][2] not in self.cues.name_linkers or self.capitalised(j):
            return False
        head = j - 1
        word = self.toks[head][2]
        return (self.capitalised(head) and not self.sentence_initial(head) and word not in self.cues.admin1
                and word not in self.cues.admin2 and word not in self.cues.place_nouns
                and self.text[self.toks[head][1]:self.toks[j][0]] == " ")

    def hint_matches(self, hints, taken: list[Toponym]) -> list[Toponym]:
        """NER place spans the gazetteer scan missed; labels over found toponyms are recorded."""
        extra: list[Toponym] = []
        for start, end, label in hints:
            label = label.upper()
            overlapping = [t for t in taken if t.start < end and start < t.end]
            for t in overlapping:
                if (t.hint is None or label in PLACE_LABELS) and label != ORGANISATION_NAME:
                    t.hint = label
                if label in ("ORG", ORGANISATION_NAME) and start == t.start and t.end < end and "," not in self.text[start:end] \
                        and self.text[t.end:end].lstrip()[:1].isupper() and not any(o.start >= t.end for o in overlapping):
                    # an organisation's name opens with it and goes on with no other place:
                    # "Luhansk People's Militia" (not "Mbuji-Mayi Kasai-Oriental", a place and its province)
                    t.in_organisation = True
            if overlapping or label not in PLACE_LABELS:
                continue
            first, last = self.token_range(start, end)
            if last <= first:
                continue
            t = self.make(first, last, self.lookup_phrase(start, end), "hint")
            t.hint = label
            extra.append(t)
        return extra

    def place_noun_matches(self, taken: list[Toponym]) -> list[Toponym]:
        """Capitalised words after "le village de", "the town of": places the gazetteer may lack."""
        covered = {i for t in taken for i in range(t.first, t.last)}
        extra = []
        for i in range(1, len(self.toks)):
            if i in covered or not self.capitalised(i) or self.sentence_initial(i):
                continue
            j = i - 1
            while j >= 0 and self.toks[j][2] in self.cues.connectors and i - j <= 3:
                j -= 1
            if j < 0 or j == i - 1 or self.toks[j][2] not in self.cues.place_nouns:
                continue
            last = i + 1
            while last < len(self.toks) and last - i < 3 and self.joined(last - 1) and self.capitalised(last):
                last += 1
            if any(k in covered for k in range(i, last)):
                continue
            if self.toks[i][2] in self.cues.not_places or self.toks[i][2] in self.cues.stop_words:
                continue
            extra.append(self.make(i, last, {}, "place-noun"))
            covered.update(range(i, last))
        return extra
