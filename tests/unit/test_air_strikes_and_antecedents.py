"""Real news summaries (issue 16): air strikes written with a hyphen or told by their aircraft, the parties of a
phrase trigger attached to its root noun, a happening named as the antecedent of another with a toll of its own,
a country's possessive containing the place after it, and an undated pluperfect set before the news."""
from eventatlas.eval.common import extract_records
from eventatlas.nlp.geo import find_places
from eventatlas.nlp.lexicon import PhraseTable


def _records(text: str, published: str = "2015-09-29") -> list[dict]:
    return [r for r in extract_records(text, published=published, lang="en") if r.get("event_type")]


def _roles(record: dict) -> set[tuple[str, str]]:
    return {(a["role"], a["name"]) for a in record["actors"]}


def test_a_phrase_entry_matches_its_hyphenated_spelling():
    table = PhraseTable({"airstrike": ["air strike"], "weapon": ["rocket propelled grenade"]})
    hits = table.find([("air", "air"), ("-", "-"), ("strikes", "strike")])
    assert [(h.label, h.start, h.end) for h in hits] == [("airstrike", 0, 3)]
    hits = table.find([("rocket", "rocket"), ("-", "-"), ("propelled", "propel"), ("grenade", "grenade")])
    assert [h.label for h in hits] == ["weapon"]


def test_hyphenated_air_strikes_are_an_air_strike_by_the_launcher_on_the_target():
    (e,) = _records("The U.S. Air Force launched air-strikes on Taliban forces within Kunduz.")
    assert e["sub_event_type"] == "Air/drone strike" and e["location"]["name"] == "Kunduz"
    roles = _roles(e)
    assert ("target", "Taliban") in roles
    assert any(role == "perpetrator" and "United States" in name for role, name in roles), roles


def test_jets_that_strike_are_an_air_strike_even_with_no_date():
    (e,) = _records("Turkish jets strike PKK militant positions across northern Iraq.", "2015-09-07")
    assert e["sub_event_type"] == "Air/drone strike" and e["trigger"]["text"] == "jets strike"
    assert e["location"]["country"] == "Iraq"


def test_machines_of_a_country_named_as_agent_make_its_forces_the_author():
    (e,) = _records("Air strikes by Saudi helicopter gunships on the Yemeni village of Bani Zela kill at least 25 "
                    "people.", "2015-09-27")
    assert any(a["role"] == "perpetrator" and a["text"] == "Saudi" and "Saudi Arabia" in a["name"]
               for a in e["actors"]), e["actors"]
    assert e["fatalities"]["best"] == 25


def test_an_antecedent_with_its_own_toll_is_a_background_record_and_keeps_its_toll():
    text = ("Turkish jets strike PKK militant positions across northern Iraq following a deadly PKK attack which "
            "left at least 16 Turkish soldiers dead.")
    records = _records(text, "2015-09-07")
    strike = next(r for r in records if r["sub_event_type"] == "Air/drone strike")
    attack = next(r for r in records if r["trigger"]["text"] == "attack")
    assert not strike["background"] and not (strike.get("fatalities") or {}).get("best")
    assert attack["background"] and attack["fatalities"]["best"] == 16
    assert any(w.startswith("background (ANTECEDENT)") for w in attack["why"]), attack["why"]
    assert ("perpetrator", "PKK: Kurdistan Workers Party") in _roles(attack)
    assert ("perpetrator", "PKK: Kurdistan Workers Party") not in _roles(strike)


def test_an_antecedent_with_no_toll_of_its_own_stays_with_the_main_happening():
    text = "Gunmen shot dead a police colonel in Medellin on Monday, a month after the murder of the governor."
    (e,) = _records(text, "1989-07-05")
    assert e["trigger"]["text"] in ("shot dead", "shot")


def test_the_antecedent_takes_no_date_of_the_sentence_that_dates_the_main_happening():
    text = ("On 9 May 2020, hundreds of locals held a protest in Visakhapatnam city demanding action against the "
            "company after a gas leak killed 11.")
    records = _records(text, "2020-05-09")
    current = [r for r in records if not r["background"]]
    assert [r["event_type"] for r in current] == ["Protests"]
    assert not (current[0].get("fatalities") or {}).get("best")


def test_a_countrys_possessive_contains_the_place_after_it():
    by_text = {m.span.text: m for m in find_places("Shelling hit villages in Syria's northern Idlib province.", "en")}
    assert by_text["Idlib"].place.country == "Syria" and "inside Syria" in by_text["Idlib"].why
    assert by_text["Syria"].place.feature == "country"  # the country stays a place of its own
    by_text = {m.span.text: m for m in find_places("Russia's embassy in London is warning travellers.", "en")}
    assert "inside Russia" not in by_text["London"].why and by_text["London"].place.country == "United Kingdom"


def test_an_undated_pluperfect_with_a_recall_adverb_is_background():
    text = ("France says it has carried out its first airstrikes against the Islamic State in Syria. "
            "Previously, France had only carried out a single airstrike in Iraq.")
    records = _records(text, "2015-09-27")
    current = [r for r in records if not r["background"]]
    recalled = [r for r in records if r["background"]]
    assert [r["location"]["country"] for r in current] == ["Syria"]
    assert [r["location"]["country"] for r in recalled] == ["Iraq"]
    assert any("PLUPERFECT" in w and "Previously" in w for w in recalled[0]["why"]), recalled[0]["why"]


def test_a_noun_that_names_the_happening_heads_its_entry_not_the_verb_after_it():
    # "affrontements" is a trigger by itself: the entry "affrontements ont opposé" keeps it as head, so the
    # parties of "opposé" are not read as the objects of a strike
    (e,) = [r for r in extract_records("Des affrontements ont opposé lundi 16 septembre les rebelles du M23 aux "
                                       "wazalendo près de Goma, selon des sources locales.", published="2024-09-17",
                                       lang="fr") if r.get("event_type")]
    assert e["sub_event_type"] == "Armed clash"
    assert not any(a["role"] == "target" and "M23" in a["name"] for a in e["actors"]), e["actors"]
