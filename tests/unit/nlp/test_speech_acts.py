"""French reported speech that is no happening: demands and accusations become PLOVER statements
(REQUEST reported, ACCUSE alleged) with their speaker as source, never ACLED events (issue 16)."""
from __future__ import annotations

import pytest

from eventatlas.eval.common import extract_records


def _only(text: str) -> dict:
    records = extract_records(text, published="2012-07-04", lang="fr")
    assert len(records) == 1, records
    return records[0]


@pytest.mark.parametrize("text,plover,certainty,speaker", [
    # a quoted obligation with the speaker in an inverted incise; "manifestant" names the speaker, no protest
    ("« Les militaires ne doivent plus jouer de rôle politique », affirme un jeune manifestant, Abdel Nasser.",
     "REQUEST", "reported", "Abdel Nasser"),
    ("« Il faut que l'armée quitte la ville », a déclaré le maire de Gao.", "REQUEST", "reported", "maire de Gao"),
    # a verb phrase of the profile, an adverb inside it
    ("L'organisation met également en cause les services de renseignement syriens.", "ACCUSE", "alleged",
     "organisation"),
    ("La coordination nationale lance un appel à un moratoire sur ces fermetures.", "REQUEST", "reported",
     "coordination nationale"),
    # the speaker of a subjectless infinitive: the noun it completes
    ("Le reportage a suffi pour convaincre la veuve du président, Souha Arafat, de demander l'exhumation du corps.",
     "REQUEST", "reported", "veuve"),
    # a weak protest word that is a request verb, said by speakers who are not protesters
    ("Ces associations réclament la gratuité scolaire.", "REQUEST", "reported", "associations"),
])
def test_demands_and_accusations_are_statements_of_their_speaker(text, plover, certainty, speaker):
    rec = _only(text)
    assert rec["event_type"] is None and rec["plover"] == plover and rec["certainty"] == certainty
    assert speaker in rec["attribution"]["source"]
    assert rec["why"]


@pytest.mark.parametrize("text,event", [
    ("L'ONU a appelé à la fin des combats dans la région de Kidal.", False),
    ("Le négociateur a appelé à une commission d'enquête internationale sur l'assassinat de Rafic Hariri.", False),
    # a toll keeps the happening an event: the appeal also reports it
    ("Le maire a appelé à une enquête sur l'attaque qui a tué cinq civils mardi à Gao.", True),
])
def test_an_appeal_about_a_happening_is_a_request(text, event):
    records = extract_records(text, published="2012-07-04", lang="fr")
    if event:
        assert any(r["event_type"] for r in records), records
    else:
        assert [(r["event_type"], r["plover"]) for r in records] == [(None, "REQUEST")], records
        assert any("appeal about a happening" in w for w in records[0]["why"])


def test_protesters_demanding_still_protest():
    rec = _only("Des milliers de manifestants réclament la démission du président à Bamako mardi.")
    assert rec["event_type"] == "Protests"


@pytest.mark.parametrize("text", [
    "Les élèves doivent rentrer en classe lundi.",  # the writer's, no one's demand
    "« Nous devons reconstruire les écoles », a déclaré le ministre.",  # the speaker's own commitment
])
def test_an_obligation_that_is_no_demand_on_others(text):
    assert extract_records(text, published="2012-07-04", lang="fr") == []


@pytest.mark.parametrize("text", [
    "De Pavant a indiqué par téléphone : « Le système de détection marche super bien ».",
    "Un chercheur de HRW précise qu'en décrivant les méthodes de torture utilisées, ils mettent les responsables "
    "face à leurs crimes.",
])
def test_words_in_another_sense_give_no_event(text):
    records = extract_records(text, published="2012-07-04", lang="fr")
    assert not [r for r in records if r.get("event_type")], records


def test_a_report_published_by_the_subject_of_the_governing_verb():
    """"L'ONG X vient de publier un rapport dans lequel elle dévoile que ...": the NGO reports the torture."""
    rec = _only("L'ONG Human Rights Watch vient de publier un rapport dans lequel elle dévoile que l'usage de la "
                "torture est systématique dans les prisons syriennes.")
    assert rec["event_type"] == "Violence against civilians" and rec["certainty"] == "reported"
    assert "Human Rights Watch" in rec["attribution"]["source"]


@pytest.mark.parametrize("lang,text,source", [
    # the body named in full in an earlier source
    ("fr", "L'ONG Human Rights Watch dénonce la torture dans les prisons syriennes. Selon des témoins, des "
           "détenus ont été torturés à Damas en mars. L'ONG dénonce aussi les agressions sexuelles commises "
           "par les services de renseignement à Alep.", "Human Rights Watch"),
    # the common noun with a name in apposition earlier in the text, no source there
    ("fr", "L'ONG Human Rights Watch a publié mardi un rapport sur la Syrie. L'ONG dénonce les agressions "
           "sexuelles commises dans les prisons syriennes par les services de renseignement.", "Human Rights Watch"),
])
def test_a_source_named_by_its_common_noun_is_the_one_named_before(lang, text, source):
    last = [r for r in extract_records(text, published="2012-07-04", lang=lang) if r.get("event_type")][-1]
    assert last["trigger"]["text"] == "agressions" and source in last["attribution"]["source"], last
    assert any("named before" in w for w in last["why"])


@pytest.mark.parametrize("text,source", [
    ("Les jihadistes menacent d'attaquer la ville de Mopti dans les prochains jours, a averti le maire.", "maire"),
    ("Le ministre de la Défense a averti que l'armée « frappera sans pitié » les villages complices.",
     "ministre de la Défense"),
])
def test_who_warns_of_a_threat_speaks_it(text, source):
    rec = _only(text)
    assert (rec["plover"], rec["certainty"]) == ("THREATEN", "speculative")
    assert source in rec["attribution"]["source"]


@pytest.mark.parametrize("text,speaker", [
    ("Le syndicat proteste contre la fermeture de l'usine.", "syndicat"),
    # a headline the parse cuts before its verb
    ("Wikipédia en russe proteste contre un projet de loi.", "Wikipédia"),
])
def test_one_party_protesting_objects_and_does_not_demonstrate(text, speaker):
    rec = _only(text)
    assert rec["event_type"] is None and rec["plover"] == "ACCUSE", rec
    assert speaker in rec["attribution"]["source"]
    assert any("objection by one party" in w for w in rec["why"])


@pytest.mark.parametrize("text", [
    "Des milliers d'étudiants protestent contre la hausse des frais à Montréal mardi.",
    "La foule proteste devant le parlement à Dakar lundi.",
    "Les habitants de Kidal ont protesté lundi contre la présence de l'armée.",
])
def test_a_crowd_protesting_demonstrates(text):
    records = extract_records(text, published="2012-07-04", lang="fr")
    assert [r["event_type"] for r in records] == ["Protests"], records


def test_a_death_by_hanging_at_home_is_no_attack():
    # hanging is a cause of death the text gives without an author: no political violence (accident_cues)
    records = extract_records("Un postier a été retrouvé mort par pendaison à son domicile.", published="2012-07-04",
                              lang="fr")
    assert not [r for r in records if r.get("event_type")], records
