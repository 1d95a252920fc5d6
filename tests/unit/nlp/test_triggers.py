from __future__ import annotations

import pytest

from eventatlas.nlp.events.triggers import (Strength, TriggerReason, find_triggers, heads_of, is_anaphoric,
                                            is_bare_plural, main_trigger)


@pytest.mark.parametrize("lang,text,cls,words", [
    ("fr", "Des hommes armés ont attaqué un convoi militaire près de Gao.", "attack", "attaqué"),
    ("en", "Gunmen attacked a military convoy near Gao.", "attack", "attacked"),
    ("fr", "Une frappe aérienne a touché le marché de la ville.", "airstrike", "frappe aérienne"),
    ("en", "An air strike hit the town's market.", "airstrike", "air strike"),
])
def test_the_main_trigger_is_the_most_specific_strong_one(parsed, lang, text, cls, words):
    p = parsed(lang, text)
    main = main_trigger(find_triggers(p.sent, p.lex))
    assert (main.cls, main.strength, main.reason) == (cls, Strength.STRONG, TriggerReason.PHRASE)
    assert main.as_span().text == words


@pytest.mark.parametrize("lang,text", [
    ("fr", "Un hélicoptère s'est écrasé dans le nord du pays."),
    ("en", "A helicopter crashed in the north of the country."),
])
def test_a_crash_only_supports_an_event(parsed, lang, text):
    p = parsed(lang, text)
    assert [(t.cls, t.strength) for t in find_triggers(p.sent, p.lex)] == [("crash", Strength.SUPPORT)]
    assert heads_of(p.sent, p.lex) == {"helicoptere" if lang == "fr" else "helicopter"}


@pytest.mark.parametrize("lang,text", [
    ("fr", "Les deux camps ont échangé 48 prisonniers."),
    ("en", "The two sides exchanged 48 prisoners."),
])
def test_a_verb_and_its_object_make_an_agreement(parsed, lang, text):
    p = parsed(lang, text)
    found = find_triggers(p.sent, p.lex)
    assert [(t.cls, t.reason) for t in found] == [("agreement", TriggerReason.VERB_OBJECT)]


def test_a_date_is_no_trigger(parsed):
    p = parsed("en", "Thousands marched in the capital on March 14.")
    march = p.token("March")
    classes = [t.as_span().text for t in find_triggers(p.sent, p.lex, frozenset({march.idx}))]
    assert "March" not in classes and "marched" in classes


@pytest.mark.parametrize("lang,text,word", [
    ("fr", "L'attaque a fait trois morts.", "attaque"),
    ("en", "The attack killed three people.", "attack"),
])
def test_the_attack_refers_back(parsed, lang, text, word):
    p = parsed(lang, text)
    assert is_anaphoric(p.token(word), p.sent, p.lex)


@pytest.mark.parametrize("lang,text,word,bare", [
    ("en", "Attacks have become rarer in the region.", "Attacks", True),
    ("en", "Two attacks hit the region.", "attacks", False),
    ("fr", "Les attaques sont devenues rares.", "attaques", False),
])
def test_a_bare_plural_names_a_kind_of_happening(parsed, lang, text, word, bare):
    p = parsed(lang, text)
    assert is_bare_plural(p.token(word), p.lex) is bare


@pytest.mark.parametrize("text,cls,words", [
    ("Les milices ont mené des représailles contre les villageois.", "attack", "représailles"),
    # "combat" alone is weak ("le combat contre la corruption"); fighting that pits two sides is not
    ("Des combats ont opposé l'armée aux rebelles à Homs.", "clash", "combats ont opposé"),
])
def test_french_words_of_real_news_name_violent_happenings(parsed, text, cls, words):
    p = parsed("fr", text)
    main = main_trigger(find_triggers(p.sent, p.lex))
    assert (main.cls, main.strength, main.as_span().text) == (cls, Strength.STRONG, words)


def test_reprisals_as_a_motive_are_no_trigger_of_their_own(parsed):
    p = parsed("fr", "Les rebelles ont tué dix soldats en représailles à l'attaque de leur camp.")
    assert "représailles" not in {x.text for t in find_triggers(p.sent, p.lex) for x in t.tokens}
