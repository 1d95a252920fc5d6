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


@pytest.mark.parametrize("lang,text,word,kind", [
    ("en", "Gunmen opened fire on the bus.", "opened", "firearm"),
    ("en", "The guerrillas fired machineguns at the post.", "fired", "firearm"),
    ("en", "A dynamite charge exploded near the embassy.", "exploded", "explosive"),
    ("en", "Rebels set fire to the town hall.", "set", "arson"),
    ("fr", "Des hommes armés ont ouvert le feu sur le bus.", "ouvert", "firearm"),
    ("fr", "Une charge de dynamite a explosé devant l'ambassade.", "explosé", "explosive"),
    ("fr", "Des assaillants ont mis le feu à la mairie.", "mis", "arson"),
])
def test_weapon_classes_of_common_words(parsed, lang, text, word, kind):
    p = parsed(lang, text)
    assert find_weapon(p.sent, p.token(word), p.lex).type == kind
