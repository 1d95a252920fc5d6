"""Roles read beyond the trigger's own dependents (nlp/roles.py): event-noun complements, state
modifiers, relative clauses, accusations and coordinations, each with its reason code."""
from __future__ import annotations

import pytest

from eventatlas.nlp.actors import ActorReason, find_actors, make_actor
from eventatlas.nlp.geo import country_of
from eventatlas.nlp.roles import accused_roles, more_roles, noun_complement_roles

from .conftest import no_country


def _roles(p, word, cls, country=no_country):
    trigger = p.token(word)
    found = find_actors(trigger, cls, p.lex, country)
    return found + more_roles(trigger, cls, found, p.lex, country)


@pytest.mark.parametrize("lang,text,word,cls,author", [
    ("fr", "L'attaque des jihadistes a fait neuf morts.", "attaque", "attack", "jihadistes"),
    ("fr", "Un tir d'artillerie de l'armée soudanaise a tué trois civils.", "artillerie", "shelling", "l'armée soudanaise"),
    ("en", "An army airstrike killed ten people.", "airstrike", "airstrike", "army"),
    ("en", "The Islamic State's attack on the town killed five.", "attack", "attack", "The Islamic State"),
])
def test_the_armed_complement_of_an_event_noun_is_its_author(parsed, lang, text, word, cls, author):
    p = parsed(lang, text)
    perp = next(a for a in _roles(p, word, cls) if a.role == "perpetrator")
    assert perp.text == author and ActorReason.GENITIVE_AGENT in perp.codes


@pytest.mark.parametrize("lang,text,word,victim", [
    ("fr", "L'assassinat du maire a choqué la ville.", "assassinat", "maire"),
    ("en", "The murder of the six priests shocked the country.", "murder", "the six priests"),
])
def test_the_complement_of_a_killing_noun_is_its_victim(parsed, lang, text, word, victim):
    p = parsed(lang, text)
    found = noun_complement_roles(p.token(word), "kill", p.lex, no_country)
    assert [(a.role, a.text) for a in found] == [("victim", victim)]
    assert ActorReason.GENITIVE_PATIENT in found[0].codes


@pytest.mark.parametrize("lang,text,word,cls,country", [
    ("fr", "Une frappe française a tué dix jihadistes.", "tué", "kill", "France"),
    ("en", "Two militants died when a British drone attack hit their car.", "attack", "airstrike", "United Kingdom"),
    ("en", "A Saudi-led air raid killed 20 people.", "raid", "airstrike", "Saudi Arabia"),
])
def test_a_country_modifying_a_strike_names_its_forces(parsed, lang, text, word, cls, country):
    p = parsed(lang, text)
    perp = next(a for a in _roles(p, word, cls, lambda w: country_of(w)) if a.role == "perpetrator")
    assert perp.kind == "military" and perp.country == country and ActorReason.STATE_MODIFIER in perp.codes


def test_the_strike_noun_subject_is_no_actor(parsed):
    p = parsed("fr", "Une frappe française a tué dix jihadistes.")
    assert not any(a.text.startswith("Une frappe") for a in _roles(p, "tué", "kill", lambda w: country_of(w)))


@pytest.mark.parametrize("lang,text,word,role,noun", [
    ("en", "The rebels who attacked the town fled.", "attacked", "perpetrator", "The rebels"),
    ("fr", "Les rebelles qui ont attaqué la ville ont fui.", "attaqué", "perpetrator", "Les rebelles"),
    ("en", "The soldiers who were ambushed died.", "ambushed", "target", "The soldiers"),
])
def test_the_noun_of_a_relative_clause_takes_the_pronoun_role(parsed, lang, text, word, role, noun):
    p = parsed(lang, text)
    a = next(a for a in _roles(p, word, "attack") if a.text == noun)
    assert a.role == role and ActorReason.RELATIVE_CLAUSE in a.codes


@pytest.mark.parametrize("lang,text,word,accused", [
    ("en", "President Cristiani holds the FMLN responsible for the assassination of Jose Rodriguez.",
     "assassination", "the FMLN"),
    ("en", "The army blamed the rebels for the bombing.", "bombing", "the rebels"),
    ("fr", "Le gouvernement accuse les rebelles de l'attaque contre la base.", "attaque", "les rebelles"),
])
def test_the_side_held_responsible_is_the_alleged_author(parsed, lang, text, word, accused):
    p = parsed(lang, text)
    found = accused_roles(p.token(word), p.lex, no_country)
    assert [(a.role, a.text) for a in found] == [("perpetrator", accused)]
    assert found[0].codes[0] == ActorReason.ACCUSED


def test_no_accusation_without_a_word_of_responsibility(parsed):
    p = parsed("en", "The army reported the bombing of the bridge.")
    assert accused_roles(p.token("bombing"), p.lex, no_country) == []


def test_each_member_of_a_coordination_takes_the_role(parsed):
    p = parsed("en", "The guerrillas burned a fuel truck and a station wagon.")
    targets = {a.text for a in _roles(p, "burned", "attack") if a.role == "target"}
    assert targets == {"a fuel truck", "a station wagon"}


def test_a_group_calling_itself_x_is_x(parsed):
    p = parsed("en", "A group calling itself the Martyrs Brigade claimed the attack.")
    a = make_actor("claimant", p.token("group"), p.lex, no_country, "test", ActorReason.CLAIMANT)
    assert a.text == "the Martyrs Brigade" and ActorReason.SELF_NAMED in a.codes


@pytest.mark.parametrize("lang,text,word", [
    ("en", "They protested against the new tax.", "protested"),
    ("en", "Police seized a cache of rifles.", "seized"),
])
def test_no_target_for_a_protest_or_a_seizure(parsed, lang, text, word):
    p = parsed(lang, text)
    cls = "protest" if word == "protested" else "defuse"
    assert not any(a.role == "target" for a in _roles(p, word, cls))


def test_at_marks_a_target_only_when_it_is_people(parsed):
    p = parsed("en", "Soldiers fired at the protesters at the corner of the avenue.")
    targets = [a.text for a in _roles(p, "fired", "attack") if a.role == "target"]
    assert targets == ["the protesters"]


@pytest.mark.parametrize("lang,text,word", [
    ("en", "The murdered diplomat was buried.", "murdered"),
    ("en", "Three UN workers were kidnapped.", "kidnapped"),
])
def test_who_is_killed_or_abducted_is_a_victim(parsed, lang, text, word):
    p = parsed(lang, text)
    cls = "abduction" if word == "kidnapped" else "kill"
    assert [a.role for a in _roles(p, word, cls)] == ["victim"]


def test_no_victim_from_an_attempt_to_kill(parsed):
    p = parsed("en", "They made an attempt to assassinate him.")
    assert _roles(p, "assassinate", "kill") == []


def test_armed_dead_are_targets_not_victims(parsed):
    from eventatlas.nlp.actors import battle_roles
    p = parsed("en", "A drone strike killed ten militants.")
    roles = [(a.role, a.codes[-1]) for a in battle_roles(_roles(p, "killed", "kill"))]
    assert roles == [("target", ActorReason.OTHER_SIDE)]


def test_a_strike_against_a_gathering_targets_the_gathered(parsed):
    p = parsed("fr", "Des militaires ont attaqué un rassemblement de combattants.")
    targets = [a.text for a in _roles(p, "attaqué", "attack") if a.role == "target"]
    assert targets == ["combattants"]


@pytest.mark.parametrize("lang,text,word,author", [
    ("en", "The FMLN carried out an attack on a police station.", "attack", "The FMLN"),
    ("en", "The attack was carried out by the Shining Path.", "attack", "the Shining Path"),
    ("fr", "Des jihadistes ont mené une attaque contre un poste de l'armée.", "attaque", "Des jihadistes"),
])
def test_the_subject_of_a_light_verb_is_the_author(parsed, lang, text, word, author):
    p = parsed(lang, text)
    perp = next(a for a in _roles(p, word, "attack") if a.role == "perpetrator")
    assert perp.text == author and ActorReason.LIGHT_VERB_SUBJECT in perp.codes


def test_a_place_after_the_actor_is_no_part_of_its_name(parsed):
    p = parsed("en", "Terrorists bombed the embassy in Lima.")
    assert make_actor("target", p.token("embassy"), p.lex, no_country, "test", ActorReason.OBJECT).text == "the embassy"


def test_a_place_inside_a_catalogued_name_stays(parsed):
    p = parsed("fr", "Le groupe État islamique en Afrique de l'Ouest a revendiqué l'attentat.")
    a = make_actor("claimant", p.token("groupe"), p.lex, no_country, "test", ActorReason.CLAIMANT)
    assert a.text == "Le groupe État islamique en Afrique de l'Ouest"


def test_a_person_named_after_a_killing_noun_is_a_civilian_victim(parsed):
    p = parsed("fr", "L'assassinat de l'ex-espion Alexandre Litvinenko a choqué Londres.")
    victim = noun_complement_roles(p.token("assassinat"), "kill", p.lex, no_country)[0]
    assert victim.role == "victim" and victim.kind == "civilian" and ActorReason.NAMED_PERSON in victim.codes


@pytest.mark.parametrize("lang,text,word,modifier", [
    ("en", "The terrorist attack destroyed the offices.", "attack", "terrorist"),
    ("fr", "Une attaque jihadiste a tué cinq soldats.", "attaque", "jihadiste"),
])
def test_an_armed_modifier_of_an_event_noun_is_an_unnamed_author(parsed, lang, text, word, modifier):
    p = parsed(lang, text)
    perp = next(a for a in noun_complement_roles(p.token(word), "attack", p.lex, no_country) if a.role == "perpetrator")
    assert (perp.text, perp.kind) == (modifier, "unidentified") and ActorReason.ARMED_MODIFIER in perp.codes


@pytest.mark.parametrize("text,word", [
    ("Terrorists exploded 500 kg of dynamite near the building.", "exploded"),
    ("Troops exchanged fire with the rebels.", "exchanged"),
])
def test_a_quantity_of_a_weapon_or_fire_is_no_target(parsed, text, word):
    p = parsed("en", text)
    assert not any(a.text.endswith(("dynamite", "fire")) for a in _roles(p, word, "attack"))


@pytest.mark.parametrize("lang,text,word,name", [
    ("en", "Gunmen shot dead a tribal leader in Samarra on Monday.", "leader", "a tribal leader"),
    ("fr", "Le chef du village de Gountouré Kiri a été abattu par des individus armés.", "chef",
     "Le chef du village de Gountouré Kiri"),
])
def test_a_named_place_in_the_phrase_makes_no_armed_group(parsed, lang, text, word, name):
    p = parsed(lang, text)
    a = make_actor("victim", p.token(word), p.lex, no_country, "test", ActorReason.OBJECT)
    assert a.text == name and a.kind != "group"


@pytest.mark.parametrize("text,word,phrase", [
    ("Gunmen killed the mayor, Pedro Ruiz, on Monday.", "killed", "the mayor, Pedro Ruiz"),
    ("Two Italian engineers, Roberto Roascio and Mario Accurso, were kidnapped in Colombia.", "kidnapped",
     "Two Italian engineers, Roberto Roascio and Mario Accurso"),
])
def test_a_victim_runs_on_to_the_names_set_in_apposition(parsed, text, word, phrase):
    p = parsed("en", text)
    victim = next(a for a in _roles(p, word, "kill" if word == "killed" else "abduction") if a.role == "victim")
    assert victim.text == phrase and ActorReason.APPOSITIVE_NAME in victim.codes


def test_a_named_wife_of_a_police_commander_is_a_civilian_victim(parsed):
    p = parsed("en", "The police commander's wife, Stela Torrado, was killed on Monday.")
    victim = next(a for a in _roles(p, "killed", "kill") if a.role == "victim")
    assert victim.kind == "civilian" and victim.text.endswith("Stela Torrado")


def test_a_place_in_apposition_is_no_name_of_the_victim(parsed):
    p = parsed("en", "Gunmen killed three farmers in the village, Kabul province, on Monday.")
    assert all("Kabul" not in a.text for a in _roles(p, "killed", "kill"))


def test_a_present_participle_does_not_make_its_noun_a_victim(parsed):
    p = parsed("en", "A bomb exploded on the sixth floor of the hotel killing two people.")
    assert not any(a.text.endswith("hotel") for a in _roles(p, "killing", "kill"))


def test_what_exploded_is_no_author_of_the_killing(parsed):
    p = parsed("en", "A truck rigged with dynamite exploded outside the building, killing 23 people.")
    assert not any(a.role == "perpetrator" for a in _roles(p, "killing", "kill"))


def test_a_named_party_owning_the_attack_is_its_author(parsed):
    p = parsed("en", "Cristiani condemned the Farabundo Marti National Liberation Front's terrorist attacks on civilians.")
    found = noun_complement_roles(p.token("attacks"), "attack", p.lex, no_country)
    perps = [a for a in found if a.role == "perpetrator"]
    assert [a.text for a in perps] == ["the Farabundo Marti National Liberation Front"]
    assert ActorReason.GENITIVE_AGENT in perps[0].codes and not any(a.role == "target" for a in found)


@pytest.mark.parametrize("text,word,place", [
    ("The rebels ambushed the patrol on a highway near the town.", "ambushed", "highway"),
    ("The bus was attacked on the coastal road by gunmen.", "attacked", "road"),
])
def test_on_a_place_beside_what_was_hit_tells_where(parsed, text, word, place):
    p = parsed("en", text)
    found = _roles(p, word, "attack")
    assert any(a.role == "target" for a in found) and not any(a.text.endswith(place) for a in found)


def test_fire_on_a_crowd_still_hits_the_crowd(parsed):
    p = parsed("en", "Soldiers opened fire on the crowd.")
    assert any(a.role in ("target", "victim") and a.text == "the crowd" for a in _roles(p, "opened", "attack"))


def test_at_people_beside_what_was_thrown_still_hits_them(parsed):
    p = parsed("en", "Rioters threw stones at the police.")
    assert any(a.role == "target" and a.text == "the police" for a in _roles(p, "threw", "attack"))
