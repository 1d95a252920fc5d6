"""Places as reporters write them, end to end: invented sentences of each kind issue 17 names go
through ``extract`` and the first event must be placed within a distance that fits the phrase."""
from __future__ import annotations

import datetime as dt

import pytest

from eventatlas.extract import extract
from eventatlas.geodesy import distance_km
from eventatlas.model import Document
from eventatlas.nlp.geo.borders import border_point
from eventatlas.nlp.geo.gazetteer import load_gazetteer


def first_event_place(text: str, lang: str):
    events = [e for e in extract(Document(id="t", text=text, lang=lang, published=dt.date(2024, 6, 3))) if e.event_type]
    assert events, text
    assert events[0].location is not None and events[0].location.lat is not None, events[0]
    return events[0].location


# (lang, sentence, point of the named place, km that fit the phrase, precision, a word of the why)
CASES = [
    ("en", "Al-Shabaab militants attacked an army checkpoint 20 km north of the Somali capital, Mogadishu, "
           "on Tuesday, killing three soldiers.", (2.047, 45.318), 40, 2, "near cue"),
    ("fr", "Une explosion a tué deux personnes sur l'esplanade de la mosquée des Omeyyades, à Damas, vendredi.",
     (33.511, 36.306), 15, 2, "phrase=facility"),
    ("en", "Suspected jihadists killed five fishermen on the Niger river near Ansongo on Sunday.",
     (15.660, 0.502), 25, 2, "near cue"),
    ("en", "BASRA - Militants attacked a fuel convoy on Tuesday as the convoy crossed Maysan province, "
           "killing two drivers.", (31.9, 47.1), 100, 3, "admin1_cue"),
    ("fr", "Des hommes armés ont attaqué un poste de police à la sortie de Gao, au Mali, tuant trois policiers.",
     (16.272, -0.044), 25, 2, "near cue"),
    ("en", "A roadside bomb killed two soldiers on the outskirts of Idlib, Syria, on Monday.",
     (35.930, 36.634), 25, 2, "near cue"),
    ("en", "Gunmen attacked a market in Baqubah, Iraq, on Monday, killing six people.",
     (33.746, 44.644), 15, 2, "phrase=facility"),
    ("fr", "Un kamikaze s'est fait exploser près d'un camp militaire dans la province de Diyala, tuant cinq soldats.",
     (33.9, 45.0), 100, 3, "admin1_cue"),
]


@pytest.mark.parametrize("lang, text, point, km, precision, cue", CASES)
def test_first_event_is_placed_where_the_phrase_says(lang, text, point, km, precision, cue):
    place = first_event_place(text, lang)
    assert distance_km(point[0], point[1], place.lat, place.lon) <= km, place
    assert place.precision == precision and any(cue in w for w in place.why), place


@pytest.mark.parametrize("lang, text, country, box", [
    # the Niger-Burkina Faso border runs between about 11.9-15.1 N and 0.2-2.4 E
    ("en", "Gunmen killed seven civilians on the frontier between Niger and Burkina Faso on Saturday.",
     "Burkina Faso", (11.8, 15.2, 0.1, 2.5)),
    # the Iraq-Syria border: about 32.3-37.1 N, 38.8-42.4 E
    ("fr", "Des combattants ont été tués à la frontière entre la Syrie et l'Irak, mardi.", "Iraq", (32.2, 37.2, 38.7, 42.5)),
])
def test_a_border_between_two_countries_is_a_point_on_it(lang, text, country, box):
    place = first_event_place(text, lang)
    assert place.feature == "border" and place.precision == 2 and place.country == country, place
    assert box[0] <= place.lat <= box[1] and box[2] <= place.lon <= box[3], place
    assert any(w.startswith("border point of") for w in place.why), place.why


def test_border_point_has_a_town_of_each_country_beside_it():
    gaz = load_gazetteer()
    point = border_point(gaz, "NE", "BF")
    near_niger, near_burkina = point.side_rows
    assert gaz.cc[near_niger] == "NE" and gaz.cc[near_burkina] == "BF"
    for row in point.side_rows:
        assert distance_km(point.lat, point.lon, gaz.lat[row], gaz.lon[row]) <= 50
    swapped = border_point(gaz, "BF", "NE")
    assert (swapped.lat, swapped.lon) == (point.lat, point.lon) and swapped.side_rows == point.side_rows[::-1]


def test_countries_without_a_land_border_have_no_border_point():
    assert border_point(load_gazetteer(), "FR", "US") is None
    assert border_point(load_gazetteer(), "IQ", "IQ") is None


def test_the_border_of_one_named_country_is_on_the_side_the_text_is_about():
    place = first_event_place("Two Saudi border guards were killed in clashes on the border with Yemen on Friday.", "en")
    assert place.feature == "border" and place.country == "Saudi Arabia", place


def test_a_border_after_a_named_province_qualifies_it():
    place = first_event_place("Three soldiers were killed in clashes in the Jizan region near the border with Yemen on Monday.",
                              "en")
    assert place.feature == "admin1" and place.admin1_code == "SA-09", place
