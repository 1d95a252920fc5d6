"""Issue 16, which events an article reports: recalled happenings are background records with their
own (possibly coarse) dates; accidents and other senses of trigger words give no event; headline verbs
("seize two towns") and tolls with a subset ("dont", "including"), a reflexive ("himself and 11
others") or a second verb ("freed 300 hostages") read as the reader reads them. Invented sentences,
run through the whole extractor as a user runs it."""
from __future__ import annotations

import json

import pytest

from eventatlas import cli
from eventatlas.nlp.deaths import find_deaths
from eventatlas.nlp.lexicon import load_lexicon
from eventatlas.nlp.pipeline import load_model


def _events(capsys, write, text: str, published: str = "2024-05-03") -> list[dict]:
    cli.main(["extract", str(write("a.txt", text)), "--published", published])
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if json.loads(line)["event_type"]]


def _deaths(text: str, lang: str):
    doc = load_model(lang)(text)
    return find_deaths(next(iter(doc.sents)), load_lexicon(lang))[0]


# --- background: recalled by time words, never today's news -----------------------------------------

@pytest.mark.parametrize("text, year", [
    ("Gunmen killed four soldiers at a checkpoint near Douentza on Tuesday. The town had already seen an attack "
     "in 2019 that killed 30 villagers.\n", "2019"),
    ("Gunmen killed four soldiers at a checkpoint near Douentza on Tuesday. Last year's massacre in the same "
     "village killed 30 herders.\n", "2023"),
    ("Des hommes armés ont tué quatre soldats mardi à un poste de Douentza. L'an dernier, une attaque contre le "
     "même village avait fait 30 morts.\n", "2023"),
])
def test_a_recalled_event_is_background_with_its_coarse_date(capsys, write, text, year):
    events = _events(capsys, write, text)
    news = [e for e in events if not e["background"]]
    recalled = [e for e in events if e["background"]]
    assert len(news) == 1 and news[0]["date"]["start"].startswith("2024"), events
    assert recalled and all(e["date"]["start"].startswith(year) for e in recalled), events
    assert any("background" in w for e in recalled for w in e["why"])


def test_an_antecedent_noun_phrase_is_background_but_a_toll_before_it_is_the_news(capsys, write):
    recalled = _events(capsys, write, "Iraqi forces raid an office in Baghdad after a deadly bombing of a market "
                                      "that killed 16 people.\n")
    assert recalled and all(e["background"] for e in recalled if e["trigger"]["text"] == "bombing"), recalled
    news = _events(capsys, write, "Three soldiers were killed in Baghdad after an attack on their checkpoint.\n")
    assert news and not any(e["background"] for e in news), news


def test_the_first_attack_since_a_year_is_news(capsys, write):
    events = _events(capsys, write, "Gunmen attacked a market in Kabul on Tuesday, killing five people, the first "
                                    "attack in the district since 2019.\n")
    assert events and not any(e["background"] for e in events), events


# --- no conflict event -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Five people are killed as a small plane crashes in western Colorado.\n",
    "Heavy rain triggers flash floods killing 10 people in Tehran.\n",
    "A cholera outbreak kills at least 16 people in a camp in Maiduguri.\n",
    "During the academy's annual pillow fight, 30 cadets were injured in West Point.\n",
    "The army published its new rules of engagement in Jerusalem on Monday.\n",
])
def test_accidents_and_other_senses_give_no_event(capsys, write, text):
    assert _events(capsys, write, text) == []


def test_a_crash_after_a_hostile_act_is_part_of_it(capsys, write):
    events = _events(capsys, write, "Militants shot down an army helicopter near Gao on Monday. The helicopter "
                                    "crashed near the river and five crew members were killed.\n")
    assert len(events) == 1 and events[0]["fatalities"]["best"] == 5, events


# --- recall ------------------------------------------------------------------------------------------

def test_a_headline_verb_seizing_towns_is_a_takeover(capsys, write):
    events = _events(capsys, write, "Al Shabaab militants seize two towns in southern Somalia.\n")
    assert [e["sub_event_type"] for e in events] == ["Non-state actor overtakes territory"], events


def test_a_bare_plural_with_a_toll_is_a_particular_happening(capsys, write):
    events = _events(capsys, write, "At least 30 people have been killed in Cizre following clashes between "
                                    "security forces and militants.\n")
    assert len(events) == 1 and events[0]["fatalities"]["best"] == 30, events


# --- numbers -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, lang, best", [
    ("L'embuscade a fait 9 morts, dont 3 assaillants.", "fr", 9),
    ("At least 20 people, including 5 children, were killed.", "en", 20),
    ("The army killed 40 fighters and freed 300 hostages.", "en", 40),
    ("The bomber killed himself and 11 others at the market.", "en", 12),
    ("Three UN peacekeepers were killed in an ambush.", "en", 3),
    ("Trois casques bleus de l'ONU ont été tués.", "fr", 3),
    ("Gunmen kill 13 minority Hazara men but spare the life of one woman.", "en", 13),
    ("Five soldiers and three civilians were killed.", "en", 8),
    # an indefinite article is no count: not of the toll noun, not of the source
    ("Le ministère a avancé un bilan de onze personnes tuées, dont quatre policiers.", "fr", 11),
    ("Selon un officier de sécurité, cinq des assaillants ont été tués par les forces de l'ordre.", "fr", 5),
    # a victim in the singular beside counted ones; a people noun the tagger calls an adjective
    ("Un soldat et deux civils ont été tués lundi à Gao.", "fr", 3),
    ("A soldier and two civilians were killed in Gao.", "en", 3),
    ("Un manifestant a été tué par balle, selon un responsable de l'hôpital.", "fr", 1),
    ("L'attaque a fait un mort et trois blessés.", "fr", 1),
])
def test_tolls_as_a_reader_counts_them(text, lang, best):
    assert _deaths(text, lang).best == best


def test_up_to_is_an_upper_bound():
    d = _deaths("The militia kills up to 30 herders near Djugu.", "en")
    assert (d.low, d.best, d.high) == (None, 30, 30)


# --- ACLED sub-types from the notes' own words -------------------------------------------------------

@pytest.mark.parametrize("text, sub", [
    ("On 9 May 2020, observers recorded 12 explosions involving unknown weapons near Donetsk.",
     "Shelling/artillery/missile attack"),
    ("On 9 May 2020, observers recorded 12 explosions in both directions of the frontline near Donetsk.",
     "Armed clash"),
    ("On 9 May 2020, soldiers fired with unspecified weapons at the positions of the rebels near Donetsk.",
     "Armed clash"),
    ("On 9 May 2020, a shoot-out between police and traffickers broke out in Rio de Janeiro.", "Armed clash"),
])
def test_notes_read_for_their_sub_type(capsys, write, text, sub):
    events = _events(capsys, write, text + "\n", published="2020-05-09")
    assert events and events[0]["sub_event_type"] == sub, events


# --- a bare plural with a toll: one engagement, one happening, or a nationwide round-up ---------------

@pytest.mark.parametrize("text, n", [
    ("Bombings kill 23 across Iraq as the monthly toll rises.", 0),  # a round-up: several attacks, one sum
    ("Attacks kill 11 people in Syria.", 0),
    ("Twin explosions kill at least 40 people in the Nigerian city of Kano.", 1),
    ("Clashes kill 17 militants in Iraq.", 1),  # a reciprocal plural is one engagement
])
def test_a_nationwide_round_up_is_not_one_event(capsys, write, text, n):
    assert len(_events(capsys, write, text)) == n
