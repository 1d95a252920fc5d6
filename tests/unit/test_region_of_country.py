"""A part of a country named as where the event is ("dans le nord du Mali", "dans l'est de la RDC", "in the far
north of Cameroon") places the event in that country when the article names several countries; a country
that only qualifies someone ("le président du Mali") does not (assemble._after_locative, grammar.json
region_words / region_links)."""
from eventatlas.assemble import _after_locative
from eventatlas.eval.common import extract_records


def test_a_part_of_a_country_is_a_locative():
    for text, name, lang, expected in (
            ("tués dans le nord du Mali", "Mali", "fr", True),
            ("combats dans l'est de la République démocratique du Congo", "République", "fr", True),
            ("attaque dans l'extrême-nord du Cameroun", "Cameroun", "fr", True),
            ("killed in the far north of Cameroon", "Cameroon", "en", True),
            ("killed in northern Mali", "Mali", "en", True),
            ("selon le président du Mali", "Mali", "fr", False),
            ("the army of Mali said", "Mali", "en", False)):
        assert _after_locative(text, text.index(name), lang) is expected, text


def test_an_article_naming_two_countries_places_its_event_in_the_one_it_is_in():
    text = ("Deux soldats maliens ont été tués dans la nuit dans le nord du Mali lors d'une attaque terroriste, a "
            "annoncé le ministère. Cette attaque survient après la visite du ministre burkinabè de la Défense, "
            "venu du Burkina Faso.")
    events = [r for r in extract_records(text, published="2017-10-25", lang="fr") if r.get("event_type")]
    assert events and (events[0].get("location") or {}).get("country") == "Mali", events[0].get("location")
