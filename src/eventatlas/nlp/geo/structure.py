"""What the words around a toponym say about it: its level, "near" cues, and nesting.

"près de la zone d'Amerli du district de Tuz Khurmatu de la province de Salah al-Din" is one
place (Amerli) qualified by two containers; "la province de Babel" and "Babil province" mark a
province; "dans les provinces méridionales de Dhi Qar et al-Diwaniya" marks two.
"""
from __future__ import annotations

import re

from eventatlas.nlp.geo.gazetteer import ADMIN1, COUNTRY
from eventatlas.nlp.geo.scan import Scanner, Toponym
from eventatlas.nlp.geo.text import name_words

MAX_CHAIN_GAP = 5
MAX_LEVEL_LOOKBACK = 8


def annotate(scanner: Scanner, toponyms: list[Toponym]) -> None:
    """Sets level, near and containers/absorbed_by on ``toponyms`` (sorted by start)."""
    inside = {i: k for k, t in enumerate(toponyms) for i in range(t.first, t.last)}
    for t in toponyms:
        t.level = t.level or _level(scanner, t, inside)
        t.near, cue_first = _near_cue(scanner, t)
        t.near_km = _cue_distance(scanner, cue_first) if cue_first is not None else None
        t.feature_noun = _feature_noun(scanner, t)
        found = _phrase_before(scanner, t, inside) or _phrase_after(scanner, t)
        if found:
            t.phrase_kind, t.phrase = found
            if t.phrase_kind == "facility" and found[1] == _after_text(scanner, t):
                t.in_longer_name = False  # "Mosul Dam": a facility of Mosul, not another name
    _link_containers(scanner, toponyms)


MAX_PHRASE_LOOKBACK = 6


def _kind_of(cues, word: str) -> str | None:
    if word in cues.border_nouns:
        return "border"
    if word in cues.facility_nouns:
        return "facility"
    return None


def _phrase_before(scanner: Scanner, t: Toponym, inside: dict[int, int]) -> tuple[str, str] | None:
    """"a market in X", "an army camp in X", "la mosquée des Omeyyades, à Damas", "the border with X",
    "la frontière entre le Niger et X": a facility or border noun before X, across connectors, a
    coordinator, at most one name ("mosquée Al-Nouri de Mossoul") and a comma."""
    cues, toks = scanner.cues, scanner.toks
    j, names = t.first - 1, 0
    while j >= 0 and t.first - j <= MAX_PHRASE_LOOKBACK:
        if not _gap_clean(scanner, toks[j][1], toks[j + 1][0], allow=","):
            return None
        word = toks[j][2]
        kind = _kind_of(cues, word)
        if kind and not scanner.capitalised(j):
            return kind, scanner.text[toks[j][0]:toks[t.first - 1][1]]
        if word in cues.facility_connectors:
            j -= 1
            continue
        if scanner.capitalised(j) and names < 2 and j not in inside:  # "mosquée Al-Nouri de"
            names += 1
            j -= 1
            continue
        if j in inside:  # "between Niger and X": the other side of a border
            while j - 1 >= 0 and inside.get(j - 1) == inside[j]:
                j -= 1
            j -= 1
            continue
        return None
    return None


def _after_text(scanner: Scanner, t: Toponym) -> str | None:
    cues, toks = scanner.cues, scanner.toks
    for k in range(t.last, min(t.last + 3, len(toks))):
        if not _gap_clean(scanner, toks[k - 1][1], toks[k][0], allow="'’"):
            return None
        if _kind_of(cues, toks[k][2]):
            return scanner.text[toks[t.last][0]:toks[k][1]]
        if k > t.last and scanner.capitalised(k):
            return None
    return None


def _phrase_after(scanner: Scanner, t: Toponym) -> tuple[str, str] | None:
    """"the Bagram military base", "Mosul Dam", "Iraq's border with Syria": the noun after X."""
    text = _after_text(scanner, t)
    if text is None:
        return None
    return _kind_of(scanner.cues, name_words(text)[-1]), text


_BREAKS = frozenset(".!?;:\n«»\"“”)")


def _gap_clean(scanner: Scanner, start_char: int, end_char: int, allow: str = ",(") -> bool:
    """No sentence or clause break between two tokens (``allow``: break characters tolerated)."""
    gap = scanner.text[start_char:end_char]
    if gap == " " or not gap:  # the usual gap
        return True
    return all(ch in allow for ch in _BREAKS.intersection(gap))


def _level(scanner: Scanner, t: Toponym, inside: dict[int, int]) -> str | None:
    cues, toks = scanner.cues, scanner.toks
    if t.last < len(toks) and _gap_clean(scanner, t.end, toks[t.last][0], allow=""):
        word = toks[t.last][2]
        if word in cues.admin1:
            return "admin1"
        if word in cues.admin2:
            return "admin2"
    adjectives = 0
    j = t.first - 1
    while j >= 0 and t.first - j <= MAX_LEVEL_LOOKBACK:
        if not _gap_clean(scanner, toks[j][1], toks[j + 1][0]):
            return None
        word = toks[j][2]
        if word in cues.admin1:
            return "admin1"
        if word in cues.admin2:
            return "admin2"
        if j in inside or word in cues.connectors or word in cues.coordinators:
            j -= 1
            continue
        if scanner.text[toks[j][0]].islower() and adjectives < 2:  # "provinces méridionales de"
            adjectives += 1
            j -= 1
            continue
        return None
    return None


def _feature_noun(scanner: Scanner, t: Toponym) -> str | None:
    """"the Niger river", "le fleuve Niger", "Lake Chad" read as "lac Tchad": the noun beside the name."""
    cues, toks = scanner.cues, scanner.toks
    if t.last < len(toks) and toks[t.last][2] in cues.feature_nouns and not scanner.capitalised(t.last) \
            and _gap_clean(scanner, t.end, toks[t.last][0], allow=""):
        return toks[t.last][2]
    j = t.first - 1
    if j >= 0 and toks[j][2] in cues.feature_nouns and not scanner.capitalised(j) \
            and _gap_clean(scanner, toks[j][1], t.start, allow=""):
        return toks[j][2]
    return None


def _near_cue(scanner: Scanner, t: Toponym) -> tuple[str | None, int | None]:
    """The near cue before ``t`` and the index of its first token."""
    cues, toks = scanner.cues, scanner.toks
    # "north of the Somali capital, Mogadishu": a demonym and a place noun in apposition are filler
    filler = cues.connectors | cues.place_nouns | scanner.demonyms.keys()
    j = t.first - 1
    while j >= 0 and t.first - j <= 6:
        if not _gap_clean(scanner, toks[j][1], toks[j + 1][0], allow=""):
            return None, None
        for cue in cues.near_by_last.get(toks[j][2], ()):  # longest first
            n = len(cue)
            if j - n + 1 >= 0 and tuple(w for _, _, w in toks[j - n + 1:j + 1]) == cue:
                return scanner.text[toks[j - n + 1][0]:toks[j][1]], j - n + 1
        if toks[j][2] not in filler:
            return None, None
        j -= 1
    return None, None


#: a distance over this before a near cue ("300 km to the west of Bogota") puts the event in the region
#: around the town, not near it (ACLED precision 3 rather than 2)
NEAR_MAX_KM = 50.0
#: how many words before a near cue may hold its distance ("approximately 300 km to the west of")
DISTANCE_LOOKBACK = 4
_NUMBER_BEFORE = re.compile(r"(\d(?:[\d,.\u00a0\u202f ]*\d)?)\s*-?\s*$")


def _cue_distance(scanner: Scanner, cue_first: int) -> float | None:
    """The distance in km stated with a near cue: "300 km to the west of X", "à 300 km au nord de X", "à une
    trentaine de kilomètres de X", "12 miles from X" (a unit word of the profile's ``distance_units``, after a
    number or an approximate quantity noun of its numbers.json); None when it states none."""
    cues, toks = scanner.cues, scanner.toks
    units = cues.distance_units
    # the unit may end the cue itself ("km from", "kilomètres de") or stand a few words before it
    last = cue_first + 1
    for u in range(min(last, len(toks) - 1), max(-1, cue_first - DISTANCE_LOOKBACK - 1), -1):
        if toks[u][2] not in units:
            continue
        before = scanner.text[toks[u - 1][1] if u > 0 else 0:toks[u][0]]
        number = _NUMBER_BEFORE.search(before)
        if number:
            return _parse_number(number[1]) * units[toks[u][2]]
        # "une trentaine de kilomètres": the approximate noun, maybe linked by a connector
        for k in (u - 1, u - 2):
            if k < 0:
                break
            value = cues.approx_numbers.get(toks[k][2]) or cues.approx_numbers.get(toks[k][2].rstrip("s"))
            if value:
                return value * units[toks[u][2]]
            if toks[k][2] not in cues.connectors:
                break
        return None
    return None


def _parse_number(raw: str) -> float:
    """"1,300", "1 300", "12.5", "2,5" -> a number (a separator before 1 or 2 digits is a decimal mark)."""
    digits = re.sub(r"[\u00a0\u202f ]", "", raw)
    decimal = re.fullmatch(r"(\d+)[.,](\d{1,2})", digits)
    if decimal:
        return float(f"{decimal[1]}.{decimal[2]}")
    return float(re.sub(r"[.,]", "", digits))


def _can_contain(scanner: Scanner, inner: Toponym, outer: Toponym, gap_words: list[str]) -> bool:
    cues = scanner.cues
    if any(w in cues.coordinators for w in gap_words):
        return False
    admin_word = any(w in cues.admin1 or w in cues.admin2 for w in gap_words)
    kinds = {scanner.gazetteer.kind[r] for r in outer.rows}
    if any(scanner.gazetteer.kind[r] == COUNTRY for r in inner.rows):
        return False  # "l'Irak, les États-Unis...": a country is never inside another toponym
    if outer.level or admin_word:
        return True
    if inner.level == "admin1" and COUNTRY not in kinds:
        return False
    return bool(kinds & {ADMIN1, COUNTRY})


def _link_containers(scanner: Scanner, toponyms: list[Toponym]) -> None:
    cues, toks = scanner.cues, scanner.toks
    allowed = cues.connectors | cues.admin1 | cues.admin2 | cues.place_nouns
    for k in range(len(toponyms) - 1):
        inner, outer = toponyms[k], toponyms[k + 1]
        gap_words = [w for _, _, w in toks[inner.last:outer.first]]
        if len(gap_words) > MAX_CHAIN_GAP or not _gap_clean(scanner, inner.end, outer.start):
            continue
        if any(w not in allowed and w not in cues.coordinators for w in gap_words):
            continue
        if not _can_contain(scanner, inner, outer, gap_words):
            continue
        if not gap_words and k + 2 < len(toponyms) and _is_list(scanner, outer, toponyms[k + 2]):
            continue  # "Kirkuk, Salah al-Din and Diyala": a list, not a place in a province
        if outer.level is None:
            if any(w in cues.admin2 for w in gap_words):
                outer.level = "admin2"
            elif any(w in cues.admin1 for w in gap_words):
                outer.level = "admin1"
        head = k
        while toponyms[head].absorbed_by is not None:
            head = toponyms[head].absorbed_by
        outer.absorbed_by = head
        toponyms[head].containers.append(k + 1)
    _link_possessives(scanner, toponyms)
    for t in toponyms:  # each container is itself inside the ones after it
        for idx, c in enumerate(t.containers):
            toponyms[c].containers = t.containers[idx + 1:]


def _link_possessives(scanner: Scanner, toponyms: list[Toponym]) -> None:
    """"Yemen's Red Sea border area", "Syria's northern Idlib province": a country followed by a possessive of
    the profile (``possessive_suffixes``) and at most the profile's ``list_adjectives`` ("northern",
    "restive") contains the place after it; "Russia's embassy in London" does not."""
    cues = scanner.cues
    if not cues.possessives:
        return
    suffixes = "|".join(re.escape(p) for p in cues.possessives)
    pattern = re.compile(rf"(?:{suffixes})\s+((?:[a-z][\w-]*\s+)*)")
    for k in range(len(toponyms) - 1):
        outer, inner = toponyms[k], toponyms[k + 1]
        if inner.containers or inner.absorbed_by is not None:
            continue
        gap = pattern.fullmatch(scanner.text[outer.end:inner.start])
        if gap is None or any(w not in cues.region_adjectives for w in name_words(gap[1])):
            continue
        if not any(scanner.gazetteer.kind[r] == COUNTRY for r in outer.rows):
            continue
        inner.containers.append(k)  # the country stays a place of its own: it may be all an event names


def _is_list(scanner: Scanner, item: Toponym, following: Toponym) -> bool:
    words = [w for _, _, w in scanner.toks[item.last:following.first]]
    gap = scanner.text[item.end:following.start]
    return len(words) <= 1 and all(w in scanner.cues.coordinators for w in words) and (bool(words) or "," in gap)
