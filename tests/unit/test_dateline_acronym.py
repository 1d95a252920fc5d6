"""A short capitalised dateline ("GOMA, June 3 –") is a place and sets the country context, while
short capitals elsewhere ("UN", "AU") stay acronyms."""
from __future__ import annotations

import datetime as dt

from eventatlas.extract import extract
from eventatlas.model import Document
from eventatlas.nlp.geo import find_places


def test_a_four_letter_dateline_gives_the_country_context():
    text = "GOMA, June 3 – Gunmen looted shops in the town of Beni on Saturday, residents said."
    events = [e for e in extract(Document(id="t", text=text, lang="en", published=dt.date(2024, 6, 3))) if e.event_type]
    assert events and events[0].location.name == "Beni"
    assert events[0].location.country == "Democratic Republic of Congo"


def test_short_capitals_inside_a_sentence_stay_acronyms():
    places = find_places("Officials of the UN and the AU met on Monday in GOMA, the envoy said.", "en")
    assert [p.span.text for p in places if p.span.text in ("UN", "AU")] == []
