"""build_events is a function of its inputs: building twice from one Analysis gives the same events
and leaves the Analysis as analyse made it (coreference works on copies)."""
from __future__ import annotations

import datetime as dt

from eventatlas.assemble import build_events
from eventatlas.model import Document, event_to_dict
from eventatlas.nlp.analyse import analyse

TEXT = ("BAGDAD, 12 mai – Les Brigades Saraya Awliya al-Dam ont revendiqué mardi une attaque à la bombe contre un "
        "convoi de la coalition près de Hilla. Le groupe affirme aussi que ses éléments ont visé la veille une "
        "base à Kirkouk.")


def test_building_twice_gives_the_same_events_and_leaves_the_analysis_alone():
    doc = Document(id="t", text=TEXT, lang="fr", published=dt.date(2023, 5, 12))
    analysis = analyse(doc, "fr")
    before = [(list(m.actors), list(m.why), dict(m.coref)) for m in analysis.mentions]
    first = [event_to_dict(e) for e in build_events(doc, analysis)]
    second = [event_to_dict(e) for e in build_events(doc, analysis)]
    assert first and first == second
    assert [(list(m.actors), list(m.why), dict(m.coref)) for m in analysis.mentions] == before
