from __future__ import annotations

import pytest

from eventatlas.nlp.actors import ActorReason, acled_name, battle_roles, find_actors, make_actor

from .conftest import no_country


@pytest.mark.parametrize("lang,text,word,cls", [
    ("fr", "Des hommes armés ont attaqué un convoi militaire.", "attaqué", "attack"),
    ("en", "Gunmen attacked a military convoy.", "attacked", "attack"),
])
def test_subject_and_object_are_perpetrator_and_target(parsed, lang, text, word, cls):
    p = parsed(lang, text)
    actors = find_actors(p.token(word), cls, p.lex, no_country)
    roles = {a.role: a for a in actors}
    assert roles["perpetrator"].kind == "unidentified" and roles["perpetrator"].codes[0] == ActorReason.SUBJECT
    assert roles["target"].codes[0] == ActorReason.OBJECT
    assert roles["perpetrator"].codes[1] == ActorReason.UNIDENTIFIED_NOUN


@pytest.mark.parametrize("lang,text,word", [
    ("fr", "Des jihadistes ont tué cinq civils.", "tué"),
    ("en", "Jihadists killed five civilians.", "killed"),
])
def test_the_killed_are_victims(parsed, lang, text, word):
    p = parsed(lang, text)
    actors = find_actors(p.token(word), "kill", p.lex, no_country)
    victim = next(a for a in actors if a.role == "victim")
    assert victim.kind == "civilian" and victim.codes[-1] == ActorReason.CIVILIAN_NOUN


@pytest.mark.parametrize("lang,text,word,head", [
    ("fr", "L'armée a lancé une offensive contre des hommes armés.", "offensive", "hommes armés"),
    ("en", "The army launched an offensive against gunmen.", "offensive", "gunmen"),
])
def test_the_opposing_side_after_contre_or_against(parsed, lang, text, word, head):
    p = parsed(lang, text)
    actors = find_actors(p.token(word), "attack", p.lex, no_country)
    side = next(a for a in actors if a.text.endswith(head))
    assert side.role == "target" and ActorReason.OPPOSING_CASE in side.codes
    # no one else attacks: with state forces hit, the other side of a battle is the attacker
    soldiers = make_actor("victim", p.token("armée" if lang == "fr" else "army"), p.lex, no_country, "test",
                          ActorReason.NAMED_IN_TOLL)
    roles = {a.text: (a.role, a.codes[-1]) for a in battle_roles([soldiers, side])}
    assert roles[side.text] == ("perpetrator", ActorReason.OTHER_SIDE)
    assert roles[soldiers.text] == ("target", ActorReason.OTHER_SIDE)


@pytest.mark.parametrize("lang,text,word,name", [
    ("fr", "Les soldats ont été attaqués.", "soldats", "Military Forces of Mali"),
    ("en", "The soldiers were attacked.", "soldiers", "Military Forces of Mali"),
    ("fr", "Le convoi a été attaqué.", "convoi", "convoi"),
    ("en", "The convoy was attacked.", "convoy", "convoy"),
])
def test_acled_names(parsed, lang, text, word, name):
    p = parsed(lang, text)
    ref = make_actor("target", p.token(word), p.lex, no_country, "test", ActorReason.OBJECT)
    assert acled_name(ref, "Mali") == name


@pytest.mark.parametrize("lang,text,word", [
    ("fr", "Lundi, des hommes armés ont attaqué le village.", "Lundi"),
    ("en", "On Monday, gunmen attacked the village.", "Monday"),
])
def test_a_day_is_no_actor(parsed, lang, text, word):
    p = parsed(lang, text)
    assert make_actor("perpetrator", p.token(word), p.lex, no_country, "test", ActorReason.SUBJECT) is None
