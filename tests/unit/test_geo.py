"""eventatlas.nlp.geo: the gazetteer, toponym finding and resolution, with its evidence."""
from __future__ import annotations

from pathlib import Path

import pytest

from eventatlas.geodesy import distance_km as km
from eventatlas.nlp.geo import PlaceMention, country_of, find_places, resolve
from eventatlas.nlp.geo.gazetteer import cache_dir, load_gazetteer
from eventatlas.nlp.geo.text import exact_key, loose_key, name_words

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "seed" / "iraq-2021-07-fr.txt"


def places(text, lang, **kw) -> dict[str, PlaceMention]:
    mentions = find_places(text, lang, **kw)
    for m in mentions:
        assert text[m.span.start_char:m.span.end_char] == m.span.text
    return {m.span.text: m for m in mentions}


# --- folding ---------------------------------------------------------------------------------
def test_article_variants_fold_to_one_key():
    assert exact_key(name_words("Salah al-Din")) == exact_key(name_words("Salah ad Din"))
    assert loose_key(name_words("Touz Khourmatou")) == loose_key(name_words("Tuz Khurmatu"))
    assert loose_key(name_words("Diwaniya")) == loose_key(name_words("Diwaniyah"))


# --- countries -------------------------------------------------------------------------------
@pytest.mark.parametrize("name, expected", [
    ("Irak", ("IQ", "Iraq")), ("Iraq", ("IQ", "Iraq")), ("irakiennes", ("IQ", "Iraq")), ("Iraqi", ("IQ", "Iraq")),
    ("Mali", ("ML", "Mali")), ("malien", ("ML", "Mali")), ("RDC", ("CD", "Democratic Republic of Congo")),
    ("congolais", ("CD", "Democratic Republic of Congo")), ("Syrie", ("SY", "Syria")), ("yéménite", ("YE", "Yemen")),
    ("Somali", ("SO", "Somalia")), ("burkinabè", ("BF", "Burkina Faso")), ("ukrainienne", ("UA", "Ukraine")),
    ("Afghan", ("AF", "Afghanistan")), ("nigérian", ("NG", "Nigeria")), ("Russie", ("RU", "Russia")),
])
def test_country_of_names_and_demonyms(name, expected):
    assert country_of(name) == expected


def test_country_of_unknown_is_none():
    assert country_of("Ploumanach-sur-Mer") is None
    assert country_of("") is None


# --- gazetteer -------------------------------------------------------------------------------
def test_admin1_codes_are_derived_for_iraq():
    gaz = load_gazetteer()
    for code in ("IQ-SD", "IQ-BB", "IQ-QA", "IQ-DQ", "IQ-NI", "IQ-AN", "IQ-BG"):
        assert code in gaz.admin1_row, code
    assert gaz.admin1_name["IQ-SD"] == "Salah ad Din"


def test_data_dir_can_be_overridden(monkeypatch, tmp_path):
    monkeypatch.setenv("EVENTATLAS_DATA_DIR", str(tmp_path))
    assert cache_dir() == tmp_path


# --- resolve one name --------------------------------------------------------------------------
@pytest.mark.parametrize("name, lang, code, feature", [
    ("Babil province", "en", "IQ-BB", "admin1"),
    ("Salah al-Din", "fr", "IQ-SD", "admin1"), ("Saladin", "en", "IQ-SD", "admin1"),
    ("Dhi Qar", "fr", "IQ-DQ", "admin1"),
    ("Mossoul", "fr", "IQ-NI", "city"), ("Ninive", "fr", "IQ-NI", "admin1"),
    ("Bagdad", "fr", "IQ-BG", "city"), ("Tombouctou", "fr", "ML-6", "city"), ("Timbuktu", "en", "ML-6", "city"),
    ("Touz Khourmatou", "fr", "IQ-SD", "city"),
    # French exonyms from packaged data only (GeoNames alternate names, pycountry's translations)
    ("Alep", "fr", "SY-HL", "city"), ("Damas", "fr", "SY-DI", "city"), ("Bassora", "fr", "IQ-BA", "city"),
    ("Mogadiscio", "fr", "SO-BN", "city"),
])
def test_resolve_exonyms_and_transliterations(name, lang, code, feature):
    place = resolve(name, lang)
    assert place is not None and place.admin1_code == code and place.feature == feature, place


@pytest.mark.parametrize("name, code", [("Babel", "IQ-BB"), ("Thi Qar", "IQ-DQ"), ("Idleb", "SY-ID")])
def test_province_transliterations_need_the_country(name, code):
    # e/i and dh/th/d are one Arabic vowel and one letter: a loose province key, trusted with context
    place = resolve(name, "fr", country_iso2=code[:2])
    assert place is not None and place.admin1_code == code, place


@pytest.mark.parametrize("text, name, code, feature", [
    ("Des combats ont eu lieu dans la province d'Alep, en Syrie.", "Alep", "SY-HL", "admin1"),
    ("Les forces sont entrées dans la province de Bassora.", "Bassora", "IQ-BA", "admin1"),
    ("Un attentat a visé la province de Ninive, dans le nord de l'Irak.", "Ninive", "IQ-NI", "admin1"),
    ("Des tirs ont été entendus dans la province de Diwaniya, en Irak.", "Diwaniya", "IQ-QA", "admin1"),
])
def test_province_named_by_an_exonym_or_its_seat(text, name, code, feature):
    place = places(text, "fr")[name].place
    assert place.admin1_code == code and place.feature == feature, place


def test_no_hand_typed_exonym_table():
    # exonyms come from packaged sources at build time (issue 17), never from a typed list
    data = Path(__file__).resolve().parents[2] / "src" / "eventatlas" / "nlp" / "geo" / "data"
    assert not (data / "exonyms.json").exists()


def test_resolve_country_restricts_candidates():
    assert resolve("Paris", "en", country_iso2="US").country == "United States"
    assert resolve("Paris", "en").country == "France"


def test_resolve_unknown_place_falls_back_to_given_province():
    place = resolve("Amerli", "fr", admin1_code="IQ-SD")
    assert place.admin1_code == "IQ-SD" and place.precision == 3 and any("fallback" in w for w in place.why)


def test_resolve_nonsense_is_none():
    assert resolve("Xqzzyqx") is None


# --- find places in sentences ---------------------------------------------------------------------
def test_nested_place_is_one_mention_with_district_and_province():
    text = ("Un hélicoptère militaire irakien s'est écrasé près de la zone d'Amerli du district de "
            "Tuz Khurmatu de la province de Salah al-Din.")
    found = places(text, "fr")
    assert "Tuz Khurmatu" not in found and "Salah al-Din" not in found
    amerli = found["Amerli"].place
    assert amerli.admin1_code == "IQ-SD" and amerli.admin2 == "Tuz Khurmatu" and amerli.precision == 2
    assert km(amerli.lat, amerli.lon, 34.722, 44.588) < 40


def test_province_list_gives_one_admin1_mention_each():
    text = "Le groupe a attaqué des convois en Irak, à Babel ainsi que dans les provinces méridionales de Dhi Qar et al-Diwaniya."
    found = places(text, "fr")
    assert found["Babel"].place.admin1_code == "IQ-BB"
    assert found["Dhi Qar"].place.admin1_code == "IQ-DQ" and found["Dhi Qar"].place.precision == 3
    assert found["al-Diwaniya"].place.admin1_code == "IQ-QA" and found["al-Diwaniya"].place.feature == "admin1"


def test_town_in_province_english():
    found = places("A roadside bomb exploded in Lashkar Gah, the capital of Helmand province, Afghanistan.", "en")
    assert found["Lashkar Gah"].place.admin1_code == "AF-HEL" and found["Lashkar Gah"].place.precision == 1


def test_near_cue_sets_precision_two():
    found = places("Fighting was reported near Beni, in North Kivu, in the Democratic Republic of Congo.", "en")
    beni = found["Beni"].place
    assert beni.country == "Democratic Republic of Congo" and beni.precision == 2
    assert any("near" in w for w in beni.why)


@pytest.mark.parametrize("text, lang, surface, country, code", [
    ("Des jihadistes ont attaqué Ménaka et Tombouctou, dans le nord du Mali.", "fr", "Tombouctou", "Mali", "ML-6"),
    ("Des hommes armés ont tué 12 civils à Djibo, dans la province du Soum, au Burkina Faso.", "fr", "Djibo", "Burkina Faso", "BF-12"),
    ("Boko Haram fighters attacked Gwoza in Borno State, Nigeria.", "en", "Gwoza", "Nigeria", "NG-BO"),
    ("Heavy shelling hit Maarat al-Numan in Idlib province, Syria.", "en", "Maarat al-Numan", "Syria", "SY-ID"),
    ("Houthi forces fired missiles at Marib city, Yemen.", "en", "Marib", "Yemen", "YE-MA"),
    ("Al-Shabaab militants attacked a base in Afgooye, Lower Shabelle region, Somalia.", "en", "Afgooye", "Somalia", "SO-SH"),
    ("Russian forces shelled Kharkiv and Izium in eastern Ukraine.", "en", "Izium", "Ukraine", "UA-63"),
    ("Les forces russes ont bombardé Kharkiv, dans l'est de l'Ukraine.", "fr", "Kharkiv", "Ukraine", "UA-63"),
    ("Taliban fighters attacked a checkpoint in Kunduz, Afghanistan.", "en", "Kunduz", "Afghanistan", "AF-KDZ"),
    ("Des combattants ont pris Mossoul, en Irak.", "fr", "Mossoul", "Iraq", "IQ-NI"),
])
def test_places_across_countries(text, lang, surface, country, code):
    place = places(text, lang)[surface].place
    assert place is not None and place.country == country and place.admin1_code == code, place


def test_country_context_beats_a_larger_homonym():
    # "Babel" is also a name of Ozerne (Ukraine): an article about Iraq means the province.
    found = places("Des frappes ont visé l'armée irakienne à Babel.", "fr")
    assert found["Babel"].place.country == "Iraq"


def test_outlet_country_helps_when_the_text_names_none():
    found = places("Gunmen attacked a checkpoint near Tarmiyah, killing two policemen.", "en", outlet_country="IQ")
    assert found["Tarmiyah"].place.country == "Iraq"


def test_no_random_homonym_abroad():
    # The gazetteer has no Iraqi Yusufiyah: Youssoufia (Morocco) must not stand in for it.
    found = places("An IED exploded near the Yusufiyah area, injuring a policeman.", "en", outlet_country="IQ")
    mention = found.get("Yusufiyah")
    assert mention is None or mention.place is None or mention.place.country == "Iraq"


def test_a_far_town_known_under_another_name_is_no_stand_in():
    # The gazetteer has no Malian Boni; "Boni" is an alternate name of Bonn. In a text about Mali the road
    # between Boni and Douentza is not in Germany; Douentza stays Malian.
    text = ("Une attaque a visé l'armée malienne, dans le centre du Mali, sur la route entre Boni et Douentza. "
            "Les soldats maliens ont riposté.")
    start = text.index("Boni")
    found = places(text, "fr", hints=[(start, start + 4, "LOC")])  # as the tagger labels it
    boni = found["Boni"]
    assert boni.place is None and any("alternate name" in w for w in boni.why), boni
    assert found["Douentza"].place.country == "Mali"


def test_a_town_next_door_under_another_spelling_stays():
    # ACLED writes "Sadah" beside the Saudi-led coalition: Sa'dah (Yemen), whose country the text does not name,
    # is a neighbour of the country it names, so the spelling still counts.
    found = places("Saudi-led coalition airstrikes hit a market in Sadah, killing 12 people. The Saudi Arabian "
                   "spokesman denied it.", "en")
    assert found["Sadah"].place is not None and found["Sadah"].place.country == "Yemen"


def test_a_short_name_matched_loosely_is_no_place():
    found = places("De nombreuses attaques ont été revendiquées par l'E.I. en Afghanistan.", "fr")
    assert all(m.place is None or m.place.country == "Afghanistan" for m in found.values()), found


def test_common_words_are_not_places():
    found = places("Of the attacks reported in July, Mines and Centre were quiet. Le mardi, Les Echos a écrit.", "fr")
    assert not any(m.place for m in found.values()), found


def test_acronyms_and_names_are_not_towns():
    found = places("TMF killed 15 IS militants, the PMF said. Qasem al-Jabbarin claimed it.", "en")
    assert all(m.place is None or m.place.feature == "country" for m in found.values()), found


def test_hints_add_places_and_labels_count():
    text = "Clashes erupted in Zorgho and around Xqzzville."
    start = text.index("Xqzzville")
    mentions = find_places(text, "en", hints=[(start, start + 9, "GPE")])
    unresolved = [m for m in mentions if m.span.text == "Xqzzville"]
    assert unresolved and unresolved[0].place is None and "no gazetteer entry" in unresolved[0].why


def test_every_resolution_carries_its_evidence():
    for m in find_places("Les forces irakiennes ont repris Tikrit.", "fr"):
        assert m.why and (m.place is None or m.place.why == m.why)


# --- the seed article -------------------------------------------------------------------------------
@pytest.mark.skipif(not SEED.exists(), reason="shared/seed is absent (it sits beside the repository)")
def test_seed_article():
    text = SEED.read_text(encoding="utf-8")
    mentions = find_places(text, "fr")
    by_start = {m.span.start_char: m for m in mentions}
    assert by_start[text.index("Salah al-Din")].place.admin1_code == "IQ-SD"
    amerli = by_start[text.index("Amerli")].place
    assert amerli.admin1_code == "IQ-SD" and km(amerli.lat, amerli.lon, 34.722, 44.588) < 40
    assert by_start[text.index("Babel")].place.admin1_code == "IQ-BB"
    assert by_start[text.index("Dhi Qar")].place.admin1_code == "IQ-DQ"
    assert by_start[text.index("al-Diwaniya")].place.admin1_code == "IQ-QA"
    irak = [m for m in mentions if m.span.text == "Irak"]
    assert irak and all(m.place.country == "Iraq" and m.place.feature == "country" for m in irak)


def test_state_abbreviation_after_a_comma_is_the_state():
    found = places("The fire started in Louisville, Ky. on Monday.", "en")
    place = found["Louisville"].place  # the state qualifies the town: one mention
    assert place.admin1_code == "US-KY" and "inside Ky" in place.why


def test_county_with_its_kind_word_is_a_district():
    found = places("Deputies in Laurel County, Kentucky, arrested two men.", "en")
    place = found["Laurel County"].place
    assert place.feature == "admin2" and place.admin1_code == "US-KY"


def test_country_point_is_the_nominal_centre():
    russia = resolve("Russia")
    assert km(russia.lat, russia.lon, 60.0, 100.0) < 50  # not European Russia, where the towns are


def test_continent_resolves():
    africa = resolve("Africa")
    assert africa is not None and africa.feature == "continent"


def test_demonym_is_not_a_town():
    assert "Kenyan" not in places("Five Kenyan soldiers were killed near Kiunga.", "en", outlet_country="KE")


def test_word_closing_an_organisation_name_is_not_a_place():
    text = "Militants attacked the Volunteers for the Defence of the Homeland near Djibo."
    found = places(text, "en", outlet_country="BF")
    assert "Homeland" not in found and found["Djibo"].place.country == "Burkina Faso"


def test_a_given_span_the_gazetteer_lacks_is_in_the_documents_focus():
    from eventatlas.nlp.geo import resolve_spans

    text = ("The parade crossed New Orleans on Sunday. Police closed Frenchmen Street and the Marigny "
            "Canal, and New Orleans officials said more streets would close.")
    spans = [(text.index(s), text.index(s) + len(s)) for s in ("New Orleans", "Frenchmen Street", "Marigny Canal")]
    city, street, canal = resolve_spans(text, "en", spans)
    assert city.place.name == "New Orleans"
    for m in (street, canal):
        assert m.place is not None and m.place.precision == 3 and km(m.place.lat, m.place.lon, city.place.lat, city.place.lon) < 1
        assert any("document's focus New Orleans" in w for w in m.why), m.why


def test_acled_admin1_spelling_the_gazetteer_lacks_is_read_off_acleds_point():
    from eventatlas.eval.geo import gold_admin1_code, province_at

    # Lebanon's South governorate (ISO LB-JA, "Al Janub"): ACLED writes "South"; Sidon lies in it
    assert province_at(33.563, 35.369, "LB") == "LB-JA"
    assert gold_admin1_code("South", "LB", (33.563, 35.369)) == "LB-JA"
    assert gold_admin1_code("Babil", "IQ", (0.0, 0.0)) == "IQ-BB"  # a known name wins over the point
    assert province_at(0.0, 0.0, "LB") is None  # nothing within 25 km


@pytest.mark.parametrize("name, code", [("North Kivu", "CD-NK"), ("Upper Katanga", "CD-HK")])
def test_a_compass_word_is_read_in_the_profiles_language(name, code):
    place = resolve(name, "en")
    assert place is not None and place.admin1_code == code and place.feature == "admin1", place


def test_a_capitals_historic_names_are_not_its_provinces():
    # Mahdia's GeoNames alternate names include "Africa": its province does not take them
    assert resolve("Africa", "en").feature == "continent"
