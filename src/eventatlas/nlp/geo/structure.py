"""What the words around a toponym say about it: its level, "near" cues, and nesting.

"près de la zone d'Amerli du district de Tuz Khurmatu de la province de Salah al-Din" is one
place (Amerli) qualified by two containers; "la province de Babel" and "Babil province" mark a
province; "dans les provinces méridionales de Dhi Qar et al-Diwaniya" marks two.
"""
from __future__ import annotations

from eventatlas.nlp.geo.gazetteer import ADMIN1, COUNTRY
from eventatlas.nlp.geo.scan import Scanner, Toponym

MAX_CHAIN_GAP = 5
MAX_LEVEL_LOOKBACK = 8


def annotate(scanner: Scanner, toponyms: list[Toponym]) -> None:
    """Sets level, near and containers/absorbed_by on ``toponyms`` (sorted by start)."""
    inside = {i: k for k, t in enumerate(toponyms) for i in range(t.first, t.last)}
    for t in toponyms:
        t.level = t.level or _level(scanner, t, inside)
        t.near = _near_cue(scanner, t)
    _link_containers(scanner, toponyms)


def _gap_clean(scanner: Scanner, start_char: int, end_char: int, allow: str = ",(") -> bool:
    gap = scanner.text[start_char:end_char]
    return not any(ch in gap for ch in ".!?;:\n«»\"“”)" if ch not in allow)


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


def _near_cue(scanner: Scanner, t: Toponym) -> str | None:
    cues, toks = scanner.cues, scanner.toks
    filler = cues.connectors | cues.place_nouns
    j = t.first - 1
    while j >= 0 and t.first - j <= 6:
        if not _gap_clean(scanner, toks[j][1], toks[j + 1][0], allow=""):
            return None
        for cue in cues.near:
            n = len(cue)
            if j - n + 1 >= 0 and tuple(w for _, _, w in toks[j - n + 1:j + 1]) == cue:
                return scanner.text[toks[j - n + 1][0]:toks[j][1]]
        if toks[j][2] not in filler:
            return None
        j -= 1
    return None


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
    for t in toponyms:  # each container is itself inside the ones after it
        for idx, c in enumerate(t.containers):
            toponyms[c].containers = t.containers[idx + 1:]


def _is_list(scanner: Scanner, item: Toponym, following: Toponym) -> bool:
    words = [w for _, _, w in scanner.toks[item.last:following.first]]
    gap = scanner.text[item.end:following.start]
    return len(words) <= 1 and all(w in scanner.cues.coordinators for w in words) and (bool(words) or "," in gap)
