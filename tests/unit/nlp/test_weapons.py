from __future__ import annotations

import pytest

from eventatlas.nlp.weapons import find_weapon


@pytest.mark.parametrize("lang,text,word,kind,span", [
    ("fr", "Un engin explosif improvisé a visé une patrouille.", "visé", "explosive", "Un engin explosif improvisé"),
    ("en", "A roadside bomb hit a patrol.", "hit", "explosive", "A roadside bomb"),
    ("fr", "Les rebelles ont tiré une roquette ou un missile sur la base.", "tiré", "missile",
     "une roquette ou un missile"),
    ("en", "The rebels launched a rocket or a missile at the base.", "launched", "missile", "a rocket or a missile"),
])
def test_the_weapon_and_its_span(parsed, lang, text, word, kind, span):
    p = parsed(lang, text)
    weapon = find_weapon(p.sent, p.token(word), p.lex)
    assert (weapon.type, weapon.span.text) == (kind, span)


@pytest.mark.parametrize("lang,text,word", [
    ("fr", "Des manifestants ont défilé dans la capitale.", "défilé"),
    ("en", "Protesters marched in the capital.", "marched"),
])
def test_no_weapon(parsed, lang, text, word):
    p = parsed(lang, text)
    assert find_weapon(p.sent, p.token(word), p.lex) is None
