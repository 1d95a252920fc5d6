"""Weapons: the weapon a sentence names for its happening, nearest the trigger and in its own
clause first, with coordinated weapons ("une roquette ou un missile") kept in one span."""
from __future__ import annotations

from eventatlas.model import Weapon
from eventatlas.nlp.events.triggers import forms, token_span
from eventatlas.nlp.lexicon import Lexicon, fold


def find_weapon(sent, trigger, lex: Lexicon, clause: frozenset = frozenset()) -> Weapon | None:
    toks = list(sent)
    hits = lex.weapons.find(forms(toks))
    if not hits:
        return None
    best = min(hits, key=lambda h: (toks[h.start].idx not in clause, abs(toks[h.start].i - trigger.i)))
    start, end = best.start, best.end
    # coordinated weapons: "une roquette ou un missile", "a rocket or a missile"
    joiners = lex.of("coordinators") | lex.of("indefinite_articles")
    for h in hits:
        if h.start > end and h.start - end <= 3 and all(fold(t.text) in joiners for t in toks[end:h.start]):
            end = h.end
    while start > 0 and toks[start - 1].pos_ == "DET":
        start -= 1
    return Weapon(best.label, token_span(toks[start:end]))
