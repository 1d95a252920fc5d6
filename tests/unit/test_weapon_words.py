"""Words that name part of another weapon or of a name: "grenade launchers" are no grenade thrown,
the Luhansk in "the Luhansk People's Militia" is no place of the event, its "People" no civilians,
and "a man in Colonia Centro" is a person where he was, not a named group."""
from __future__ import annotations

import pytest

from eventatlas.eval.common import extract_records


def _first(text: str) -> dict:
    records = [r for r in extract_records(text, published="2020-05-10", lang="en") if r.get("event_type")]
    assert records, text
    return records[0]


@pytest.mark.parametrize("text, sub", [
    ("On 9 May 2020, the Ukrainian Forces fired grenade launchers and small arms at the positions of the rebels "
     "near Vesele, Donetsk.", "Armed clash"),
    ("On 9 May 2020, the army fired 120mm mortars at the positions of the rebels near Vesele, Donetsk.",
     "Shelling/artillery/missile attack"),
    ("On 4 May 2020, an unknown man threw a grenade at a shop in Bujumbura, injuring three people.", "Grenade"),
    ("On 5 May 2020, a roadside bomb killed two soldiers in Kunar.", "Remote explosive/landmine/IED"),
])
def test_the_weapon_phrase_decides_not_a_word_inside_it(text, sub):
    assert _first(text)["sub_event_type"] == sub


def test_a_place_opening_an_organisations_name_is_not_the_event_place():
    records = [r for r in extract_records(
        "On 9 May 2020, the Ukrainian Forces fired 120mm mortars at the positions of the Luhansk People's Militia "
        "in Zholobok, Luhansk.", published="2020-05-10", lang="en") if r.get("event_type")]
    assert len(records) == 1
    assert records[0]["location"]["name"] == "Zholobok"
    assert not any(a["name"].startswith("Civilians") for a in records[0]["actors"])


def test_a_town_and_its_province_tagged_as_one_name_stay_a_place():
    ev = _first("On 8 May 2020, two journalists were beaten by tax officers in Mbuji Mayi "
                "(Mbuji-Mayi Kasai-Oriental).")
    assert ev["location"] is not None and ev["location"]["admin1"]


def test_a_person_where_he_was_is_no_named_group():
    ev = _first("On 8 May 2020, in Temixco, Morelos, three armed men carried out a drive-by shooting against a man "
                "in Colonia los Presidentes. The victim was injured.")
    assert (ev["event_type"], ev["sub_event_type"]) == ("Violence against civilians", "Attack")


def test_a_clash_involving_artillery_is_a_battle():
    """ACLED: a battle in which one side shells the other is an armed clash."""
    assert _first("On 9 May 2020, a clash between GNA and LNA forces, involving heavy artillery fire, was reported "
                  "in Ayn Zarah, Tripoli.")["sub_event_type"] == "Armed clash"


def test_a_place_glossed_in_brackets_after_an_admin_noun_is_one_place():
    """"Nimbahera taluka (Chittorgarh, Rajasthan)": the brackets say where Nimbahera is; one event, not two."""
    records = [r for r in extract_records(
        "On 5 May 2020, police assaulted a family in Kotwali police area of Nimbahera taluka (Chittorgarh, Rajasthan) "
        "for violating the curfew.", published="2020-05-10", lang="en") if r.get("event_type")]
    assert len(records) == 1
    # "a family in Kotwali police area": the police word says where, not who the victims are
    assert (records[0]["event_type"], records[0]["sub_event_type"]) == ("Violence against civilians", "Attack")


def test_a_member_of_a_force_is_no_civilian():
    ev = _first("On 8 May 2020, unidentified gunmen assassinated a colonel in the regime's air force intelligence "
                "in Debsi Afnan in Ar-Raqqa.")
    assert ev["event_type"] == "Battles"


@pytest.mark.parametrize("text, sub", [
    ("On 6 May 2020, the OSCE SMM observed a total of 60 bursts of fire involving small arms near Vodyane, Donetsk.",
     "Armed clash"),
    ("On 8 May 2020, two groups of drivers clashed and threw rocks at each other at a bus terminal in Sorong.",
     "Mob violence"),
])
def test_shots_and_stones(text, sub):
    assert _first(text)["sub_event_type"] == sub


def test_shots_on_goal_are_no_event():
    assert not [r for r in extract_records("He took two shots on goal in Madrid on Sunday, 3 May 2020.",
                                           published="2020-05-10", lang="en") if r.get("event_type")]


def test_a_capital_the_tagger_calls_a_nationality_is_still_placed():
    """spaCy tags "Asuncion" NORP in "in Asuncion, prisoners protested": a big town's exact name
    outweighs a nationality label (a person's or an organisation's label still vetoes)."""
    ev = _first("Around 8 May 2020, in Asuncion, prisoners of Tacumbu protested to demand the restoration of "
                "the visiting permits.")
    assert ev["location"] is not None and ev["location"]["country"] == "Paraguay"


def test_half_a_hyphenated_name_is_no_place_without_context():
    """"Mayo-Sava" (a Cameroonian department the gazetteer lacks) is no "Sava" (Sāveh, Iran): a piece of a
    hyphenated name needs the text's country or province to stand."""
    ev = _first("On 8 May 2020, the military forces shot and injured a resident in Amchide town, Kolofata "
                "subdivision (Mayo-Sava, Extreme-Nord) during a security operation after a Boko Haram attack.")
    assert (ev.get("location") or {}).get("country") != "Iran"
    assert not any("Iran" in a["name"] for a in ev["actors"])
