from __future__ import annotations

import pytest

from eventatlas.nlp.deaths import Harm, find_deaths


def _toll(d):
    return None if d is None else (d.low, d.best, d.high, d.kind)


@pytest.mark.parametrize("lang,text,killed,injured", [
    ("fr", "L'attaque a fait au moins douze morts et cinq blessés.", (12, 12, None, Harm.KILLED),
     (5, 5, 5, Harm.INJURED)),
    ("en", "The attack killed at least twelve people and wounded five.", (12, 12, None, Harm.KILLED),
     (5, 5, 5, Harm.INJURED)),
    ("fr", "Une dizaine de personnes ont été tuées.", (8, 10, 12, Harm.KILLED), None),
    ("en", "Dozens of people were killed.", (24, 24, None, Harm.KILLED), None),
    ("fr", "Un soldat a été tué.", (1, 1, 1, Harm.KILLED), None),
    ("en", "A soldier was killed.", (1, 1, 1, Harm.KILLED), None),
    ("en", "No one was hurt in the blast.", (0, 0, 0, Harm.KILLED), None),
    ("fr", "Aucun civil n'a été blessé.", (0, 0, 0, Harm.KILLED), None),
])
def test_tolls(parsed, lang, text, killed, injured):
    p = parsed(lang, text)
    deaths, hurt = find_deaths(p.sent, p.lex)
    assert (_toll(deaths), _toll(hurt)) == (killed, injured)
    for d in (deaths, hurt):
        if d is not None:
            assert d.span.text and d.span.text in text and d.rule


@pytest.mark.parametrize("lang,text", [
    ("fr", "Le 12 mai, des hommes armés ont attaqué le village."),
    ("en", "On May 12, gunmen attacked the village."),
])
def test_a_date_is_no_toll(parsed, lang, text):
    p = parsed(lang, text)
    assert find_deaths(p.sent, p.lex) == (None, None)


@pytest.mark.parametrize("text,best", [
    ("Selon un bilan de l'Observatoire syrien des droits de l'homme, au moins 40 personnes ont été tuées.", 40),
    ("Un premier bilan fait état de 12 morts.", 12),
    # more of the people French tolls count
    ("Un drone a frappé un véhicule, tuant quatre militants.", 4),
    ("Trois travailleurs humanitaires ont été tués lundi.", 3),
])
def test_french_tolls_count_people_not_toll_words(parsed, text, best):
    # "un bilan" is one toll, not one death: only the number of the dead counts
    p = parsed("fr", text)
    assert find_deaths(p.sent, p.lex)[0].best == best
