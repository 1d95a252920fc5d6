"""The type decision list: every answer is an ACLED pair spelled as in the taxonomy file, and the
most specific evidence wins."""
import itertools

import pytest

from eventatlas.classify import Cue, classify, text_cues
from eventatlas.nlp.lexicon import fold
from eventatlas.taxonomy import acled_types

PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
CLASSES = ["attack", "clash", "kill", "shootdown", "explosion", "suicide", "airstrike", "shelling", "grenade", "chemical",
           "abduction", "sexual", "protest", "riot", "arrest", "agreement", "defuse", "looting", "takeover", "retake",
           "deploy", "hit", "crash", "fire_at"]
WEAPONS = [None, "explosive", "missile", "artillery", "air strike", "drone", "firearm", "knife", "suicide", "grenade"]


def test_taxonomy_file_has_6_types_and_25_sub_types():
    types = acled_types()
    assert len(types) == 6 and sum(len(v) for v in types.values()) == 25


@pytest.mark.parametrize("pair", list(itertools.combinations(CLASSES, 2)))
def test_every_answer_is_a_valid_acled_pair(pair):
    types = acled_types()
    for weapon in WEAPONS:
        for targets in (set(), {"civilian"}, {"military"}):
            t, sub, plover, rule = classify(set(pair), weapon, targets, set(), None, "")
            assert plover in PLOVER and rule
            if t is not None:
                assert sub in types[t], (pair, weapon, t, sub)


def test_specific_evidence_wins():
    assert classify({"attack"}, "explosive", {"military"}, set(), None, "")[1] == "Remote explosive/landmine/IED"
    assert classify({"shootdown"}, "missile", {"military"}, set(), None, "")[1] == "Shelling/artillery/missile attack"
    assert classify({"kill"}, None, {"civilian"}, {"unidentified"}, 3, "")[:2] == ("Violence against civilians", "Attack")
    assert classify({"clash"}, "artillery", {"military"}, {"group"}, None, "")[:2] == ("Battles", "Armed clash")
    assert classify({"protest"}, None, set(), set(), None, text_cues("police used tear gas", "en"))[1] == \
        "Protest with intervention"
    assert classify({"protest"}, None, set(), set(), 2, "")[1] == "Excessive force against protesters"
    assert classify({"arrest"}, None, set(), {"police"}, None, "")[:2] == ("Strategic developments", "Arrests")


def test_a_strike_core_is_not_a_protest_because_people_had_gathered():
    t, sub, _, _ = classify({"airstrike", "protest"}, "drone", {"civilian"}, set(), 10, "", core="airstrike")
    assert (t, sub) == ("Explosions/Remote violence", "Air/drone strike")


def test_cues_are_whole_words_in_the_texts_language():
    assert text_cues("la police a disperse les manifestants", "fr") == {Cue.INTERVENTION}
    assert text_cues("the police dispersed the crowd", "en") == {Cue.INTERVENTION}
    assert text_cues("a mob lynched the suspect", "en") == {Cue.MOB}
    assert text_cues("une foule en colere a lynche le suspect", "fr") == {Cue.MOB}
    # "mob" is not in "mobilisation", and a French cue says nothing in an English text
    assert text_cues("the mobilisation of reservists", "en") == frozenset()
    assert text_cues("la mobilisation des reservistes", "fr") == frozenset()
    # a crowd that demands something demonstrates; "mob" in "mobilization" makes it no mob
    assert classify({"riot"}, None, set(), {"rioter"}, None, text_cues("the mobilization to demand wages", "en"))[1] == \
        "Violent demonstration"
    # a riot with no demonstration told is mob violence (ACLED)
    assert classify({"riot"}, None, set(), {"rioter"}, None, text_cues("rioters set a bank on fire", "en"))[1] == \
        "Mob violence"


def test_fire_at_positions_is_shelling_from_a_distance_and_a_clash_with_small_arms():
    """"fired 120mm mortars at the positions of ...": one side firing from a distance; with small
    arms, or with fire returned, an armed clash."""
    assert classify({"fire_at"}, "artillery", {"group"}, {"military"}, None, frozenset(), "fire_at")[:2] == \
        ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert classify({"fire_at"}, "firearm", {"group"}, {"military"}, None, frozenset(), "fire_at")[:2] == \
        ("Battles", "Armed clash")
    assert classify({"fire_at"}, "artillery", {"group"}, {"military"}, None,
                    text_cues("fire in both directions of the frontline", "en"), "fire_at")[:2] == ("Battles", "Armed clash")
    assert classify({"fire_at", "clash"}, "artillery", set(), set(), None, frozenset(), "clash")[:2] == \
        ("Battles", "Armed clash")


def test_unarmed_people_clashing_is_a_riot_and_armed_sides_a_battle():
    assert classify({"clash"}, None, {"police"}, {"rioter"}, None, frozenset(), "clash")[:2] == ("Riots", "Mob violence")
    assert classify({"clash"}, None, set(), {"civilian"}, None, frozenset(), "clash")[:2] == ("Riots", "Mob violence")
    # the dead of a clash are no side of it: a battle between forces that killed "people" stays a battle
    assert classify({"clash"}, None, {"civilian"}, set(), 30, frozenset(), "clash")[:2] == ("Battles", "Armed clash")
    assert classify({"clash"}, None, {"military"}, {"civilian"}, None, frozenset(), "clash")[:2] == \
        ("Battles", "Armed clash")


@pytest.mark.parametrize("lang, text", [
    ("en", "residents blocked a road with burned tires"), ("en", "demonstrators barricaded roads"),
    ("en", "workers clashed with police"), ("fr", "les manifestants ont brûlé des pneus"),
    ("fr", "des jets de pierres contre la police"),
])
def test_demonstrators_who_burn_barricade_or_throw_stones_make_a_violent_demonstration(lang, text):
    assert classify({"protest"}, None, set(), {"protester"}, None, text_cues(fold(text), lang), "protest")[:2] == \
        ("Riots", "Violent demonstration")
