"""Agreements told by a verb and its object ("exchanged 48 prisoners", "ont échangé 48 prisonniers"),
and the second party of reciprocal events ("X and Y clashed") as actor 2."""
from __future__ import annotations

import datetime as dt

import pytest

from eventatlas.extract import extract
from eventatlas.model import Document


def _events(text: str, lang: str):
    return [e for e in extract(Document(id="t", text=text, lang=lang, published=dt.date(2024, 3, 22))) if e.event_type]


@pytest.mark.parametrize("text,lang", [
    ("ADEN, March 22 – Houthi rebels and government forces exchanged 48 prisoners near Marib on Thursday, officials said.", "en"),
    ("ADEN, March 22 – Forty-eight detainees were swapped near Marib on Thursday between the Houthis and the government, officials said.", "en"),
    ("ADEN, 22 mars – Les Houthis et les forces gouvernementales ont échangé 48 prisonniers jeudi près de Marib, selon des responsables.", "fr"),
])
def test_an_exchange_of_prisoners_is_an_agreement(text, lang):
    events = _events(text, lang)
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Strategic developments", "Agreement")]
    assert not any("48" in a.span.text or "prisonniers" in a.span.text for a in events[0].actors if a.span)


def test_prisoners_exchanging_fire_are_not_an_agreement():
    events = _events("KABUL, May 2 – Guards exchanged fire with escaping prisoners at the jail on Tuesday, police said.", "en")
    assert all(e.sub_event_type != "Agreement" for e in events)


def test_the_second_party_of_an_exchange_is_actor_2():
    event = _events("ADEN, March 22 – Houthi rebels and government forces exchanged 48 prisoners near Marib on "
                    "Thursday, officials said.", "en")[0]
    roles = {a.role: a.name for a in event.actors}
    assert "Houthi" in roles.get("perpetrator", "") and "target" in roles, event.actors


@pytest.mark.parametrize("text,lang", [
    ("BUNIA, Democratic Republic of Congo, June 3 – Gunmen looted shops in Bunia, Ituri province, on Saturday, residents said.", "en"),
    ("BUNIA, Democratic Republic of Congo, June 3 – Gunmen burned down dozens of homes in Bunia, Ituri province, on Saturday, residents said.", "en"),
    ("MAPUTO, 3 juin – Des hommes armés ont pillé samedi des commerces et incendié une vingtaine de maisons à "
     "Mocímboa da Praia, selon des habitants.", "fr"),
])
def test_looted_civilian_property_makes_civilians_the_victims(text, lang):
    events = [e for e in _events(text, lang) if e.sub_event_type == "Looting/property destruction"]
    assert events
    victims = [a for a in events[0].actors if a.role == "victim"]
    assert victims and victims[0].name.startswith("Civilians ("), events[0].actors
    assert "civilian property" in victims[0].rule


def test_a_looted_military_base_is_not_civilian_property():
    events = [e for e in _events("BUNIA, Democratic Republic of Congo, June 3 – Rebels looted an army depot near Bunia on Saturday, the army said.", "en")
              if e.sub_event_type == "Looting/property destruction"]
    assert all(not a.name.startswith("Civilians") for e in events for a in e.actors)


@pytest.mark.parametrize("text,lang,force", [
    ("QUETTA, Pakistan, June 8 – Police fired tear gas to break up a protest by traders in Quetta on Friday, "
     "witnesses said.", "en", "Police Forces of Pakistan"),
    ("DAKAR, 8 juin – La police a dispersé vendredi à coups de gaz lacrymogènes une manifestation de commerçants "
     "à Dakar, au Sénégal, selon des témoins.", "fr", "Police Forces of Senegal"),
])
def test_the_police_breaking_up_a_protest_is_its_actor_2(text, lang, force):
    events = [e for e in _events(text, lang) if e.event_type == "Protests"]
    assert events, _events(text, lang)
    roles = [(a.role, a.name) for a in events[0].actors]
    assert ("target", force) in roles and any(r == "perpetrator" and n.startswith("Protesters") for r, n in roles), roles


def test_the_signatories_of_an_agreement_are_its_parties():
    text = ("JUBA, 4 mars – Le gouvernement sud-soudanais et le groupe armé SSOA ont signé un accord de cessez-le-feu "
            "hier à Juba, a annoncé la présidence.")
    events = [e for e in _events(text, "fr") if e.sub_event_type == "Agreement"]
    assert events
    roles = {a.role for a in events[0].actors}
    assert {"perpetrator", "target"} <= roles, events[0].actors
    spans = {a.role: a.span.text for a in events[0].actors}
    assert "gouvernement sud-soudanais" in spans["perpetrator"] and "groupe armé" in spans["target"], spans


def test_an_agreement_noun_object_of_signing_gets_the_signatories():
    text = ("BANGUI, 13 septembre – Le gouvernement centrafricain et le groupe armé Retour, réclamation et "
            "réhabilitation (3R) ont signé hier à Bangui un accord de cessez-le-feu, a annoncé la présidence.")
    events = [e for e in _events(text, "fr") if e.sub_event_type == "Agreement"]
    names = {a.role: a.name for a in events[0].actors}
    assert names.get("target") == "3R: Return, Reclamation, Rehabilitation", names
