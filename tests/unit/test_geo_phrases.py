"""Places as phrases: facilities, landmarks, borders and relative places resolve to the named
place with ACLED's precision (2: near it, a part of it, a point on a border), and say which phrase."""
from __future__ import annotations

import pytest

from eventatlas.nlp.geo import find_places


def _only(text, lang, surface):
    found = [m for m in find_places(text, lang) if m.span.text == surface]
    assert found, [m.span.text for m in find_places(text, lang)]
    return found[0]


@pytest.mark.parametrize("lang,text,surface,phrase", [
    ("en", "Gunmen attacked a market in Baqubah, Iraq, on Monday.", "Baqubah", "phrase=facility 'market in'"),
    ("en", "Fighting was reported at Mosul Dam in Iraq.", "Mosul", "phrase=facility 'Dam'"),
    ("fr", "Une explosion a visé la mosquée des Omeyyades, à Damas, en Syrie.", "Damas",
     "phrase=facility 'mosquée des Omeyyades, à'"),
])
def test_a_facility_in_a_town_is_a_part_of_it(lang, text, surface, phrase):
    m = _only(text, lang, surface)
    assert m.place is not None and m.place.feature == "city" and m.place.precision == 2
    assert phrase in m.why


@pytest.mark.parametrize("lang,text,surface,cue", [
    ("en", "The convoy was attacked 30 km north of Mogadishu, Somalia.", "Mogadishu", "north of"),
    ("fr", "Des hommes armés ont attaqué un poste à la sortie de Gao, au Mali.", "Gao", "à la sortie de"),
    ("en", "Shelling hit villages on the outskirts of Idlib, Syria.", "Idlib", "outskirts of"),
])
def test_relative_places_are_near_the_town(lang, text, surface, cue):
    m = _only(text, lang, surface)
    assert m.place is not None and m.place.precision == 2
    assert any(w.startswith("near cue") and cue in w for w in m.why), m.why


def test_a_border_is_a_phrase_of_both_sides():
    text = "Clashes broke out on the frontier between Niger and Burkina Faso on Sunday."
    niger, burkina = _only(text, "en", "Niger"), _only(text, "en", "Burkina Faso")
    assert niger.place.country == "Niger" and burkina.place.country == "Burkina Faso"
    assert any(w.startswith("phrase=border") for w in niger.why)
    assert any(w.startswith("phrase=border") for w in burkina.why)


def test_a_facility_word_is_never_a_toponym_of_its_own():
    assert [m.span.text for m in find_places("Fighting was reported at Mosul Dam in Iraq.", "en")] == ["Mosul", "Iraq"]


def test_the_dateline_is_marked_as_a_weak_cue():
    mentions = find_places("BASRA - The convoy was hit as it crossed Maysan province on Tuesday.", "en")
    basra, maysan = mentions
    assert "dateline" in basra.why and "dateline" not in maysan.why
    assert maysan.place.feature == "admin1" and maysan.place.admin1_code == "IQ-MA"


def test_admin1_in_acleds_english_spelling():
    place = _only("Rebels shelled Aleppo, Syria.", "en", "Aleppo").place
    assert place.admin1 == "Aleppo" and place.admin1_code == "SY-HL"
    assert _only("Une attaque à Damas.", "fr", "Damas").place.admin1 == "Damascus"


def test_a_generic_head_is_not_the_place_of_a_longer_name():
    # "Tal" is a town elsewhere in Syria; "Tal Tamer" is not in the packaged gazetteer.
    mentions = find_places("Shelling hit Tal Tamer in Hasakah province, Syria.", "en")
    assert "Tal" not in [m.span.text for m in mentions]


def test_a_river_is_not_the_country_of_its_name():
    mentions = find_places("Gunmen ambushed a boat on the Niger river near Ansongo, Mali.", "en")
    assert [m.span.text for m in mentions] == ["Ansongo"]  # Mali is its container
    assert mentions[0].place.precision == 2 and mentions[0].place.admin1 == "Gao"
    assert not [m for m in find_places("Des pêcheurs ont été tués sur le lac Tchad.", "fr") if m.place]


def test_a_near_cue_reaches_over_an_apposition():
    m = _only("The attack took place north of the Somali capital, Mogadishu.", "en", "Mogadishu")
    assert m.place.precision == 2 and any(w == "near cue 'north of'" for w in m.why)


@pytest.mark.parametrize("lang,text,surface,km", [
    ("en", "Gunmen killed three people some 200 kilometres south of Kandahar, Afghanistan.", "Kandahar", 200),
    ("en", "The victim was shot on a road approximately 300 km to the west of Bogota, Colombia.", "Bogota", 300),
    ("fr", "Des hommes armés ont tué cinq civils à 150 km au nord de Bamako, au Mali.", "Bamako", 150),
    ("fr", "Un convoi a sauté sur une mine à une centaine de kilomètres de Gao, au Mali.", "Gao", 100),
])
def test_a_town_far_from_the_event_is_its_region_not_a_place_near_it(lang, text, surface, km):
    m = _only(text, lang, surface)
    assert m.place.precision == 3
    assert f"distance {km} km (over 50 km: the region, not the town)" in m.why, m.why


@pytest.mark.parametrize("lang,text,surface,km", [
    ("en", "The convoy was attacked 30 km north of Mogadishu, Somalia.", "Mogadishu", 30),
    ("en", "A bomb exploded 12.5 miles from Kabul, Afghanistan.", "Kabul", 20.1),
    ("fr", "Une attaque a visé un convoi à une trentaine de kilomètres de Ménaka, au Mali.", "Ménaka", 30),
    ("fr", "L'embuscade a eu lieu à 2,5 km de Gao, au Mali.", "Gao", 2.5),
])
def test_a_town_a_short_distance_away_is_near_it(lang, text, surface, km):
    m = _only(text, lang, surface)
    assert m.place.precision == 2 and f"distance {km:g} km" in m.why, m.why
