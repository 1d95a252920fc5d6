"""Ideas and things are no party to an event: "a raid against drug trafficking" has no target
"drug trafficking", "the impact of three bullets killed a guard" no perpetrator "the impact"
(roles.json ``non_actor_nouns``, read in actors.make_actor)."""
from __future__ import annotations

import datetime as dt

import pytest

from eventatlas.extract import extract
from eventatlas.model import Document


def _actors(text: str, lang: str):
    events = [e for e in extract(Document(id="t", text=text, lang=lang, published=dt.date(2024, 5, 3))) if e.event_type]
    assert events, text
    return [(a.role, a.span.text) for e in events for a in e.actors if a.span]


@pytest.mark.parametrize("text,lang,word", [
    ("BOGOTA, May 2 – Police arrested 12 men on Tuesday in a raid against drug trafficking in Medellin, "
     "officials said.", "en", "trafficking"),
    ("LIMA, May 2 – Gunmen attacked a police post on Tuesday in Ayacucho; the impact of three bullets killed "
     "a guard, police said.", "en", "impact"),
    ("BOGOTA, May 2 – Troops launched an offensive against terrorism in Antioquia on Tuesday, the army said.",
     "en", "terrorism"),
    ("BAMAKO, 2 mai – L'armée a lancé mardi une offensive contre le terrorisme près de Mopti, selon un "
     "communiqué.", "fr", "terrorisme"),
])
def test_an_idea_or_a_thing_fills_no_role(text, lang, word):
    assert not any(word in span for _, span in _actors(text, lang))


def test_the_people_beside_it_keep_their_roles():
    actors = _actors("LIMA, May 2 – Gunmen attacked a police post on Tuesday in Ayacucho; the impact of three "
                     "bullets killed a guard, police said.", "en")
    assert ("perpetrator", "Gunmen") in actors and ("target", "a guard") in actors


def _ref(text: str, head: str, group: str | None = None):
    from eventatlas.nlp.actors import ActorRef
    return ActorRef("target", "group", text, 0, len(text), head, None, group, "proper noun")


@pytest.mark.parametrize("text,head,group,names", [
    ("the FMLN", "fmln", None, True),
    ("the Zarate Willka group", "group", None, True),
    ("Boko Haram fighters", "fighter", "Boko Haram", True),
    ('the "Santo Tomas" presidential farm', "farm", None, False),
    ("the outskirts of San Salvador", "outskirt", None, False),
])
def test_a_later_the_group_refers_back_only_to_a_group(text, head, group, names):
    """A place or a thing that a name qualifies is no antecedent of "the guerrillas"."""
    from eventatlas.nlp.actors import names_a_group
    assert names_a_group(_ref(text, head, group)) is names
