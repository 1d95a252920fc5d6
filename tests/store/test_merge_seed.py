"""The seed article (French) and an English wire written for this test about two of its events (the
helicopter near Amerli, the convoy bombing in Babil) merge into one event each, with sources 2; the
seed's other events stay as they are."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "iraq-2021-07-fr.txt"
WIRE = [
    ("wire-heli", "2021-07-30", "An Iraqi army helicopter was shot down on Thursday near Amerli in Salahuddin "
     "province, killing five people on board, the Joint Operations Command said. It was not clear who fired "
     "the missile."),
    ("wire-convoy", "2021-07-31", "A roadside bomb struck a logistics convoy in Babil province on Friday. A "
     "little-known group calling itself the Qasem al-Jabbarin Brigade claimed responsibility in a statement."),
]

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is absent (only CI and developers have it)")


def test_the_seed_and_an_english_wire_merge_event_by_event(sqlite_url):
    from eventatlas.extract import extract
    from eventatlas.ingest import document_from_text, read_path
    from eventatlas.store import get_document, get_event, open_db, upsert_document_with_events
    engine = open_db(sqlite_url)
    seed = next(d for d in read_path(SEED) if not isinstance(d, Exception))
    seed = dataclasses.replace(seed, published=dt.date(2021, 7, 31))
    docs = [seed] + [document_from_text(text, id=i, outlet="Test Wire", published=p, lang="en") for i, p, text in WIRE]
    for doc in reversed(docs):
        upsert_document_with_events(engine, doc, extract(doc))
    for wire_id, _p, _t in WIRE:
        record = next(r for r in get_document(engine, wire_id, with_text=False)["records"] if r["event_type"])
        event = get_event(engine, record["event"])
        assert event["sources"] == 2 and set(event["documents"]) == {seed.id, wire_id}, event["merge_why"]
        earliest = min((d for d in docs if d.id in (seed.id, wire_id)), key=lambda d: (d.published, d.id))
        assert event["document"]["id"] == event["provenance"]["event_type"] == earliest.id
    seed_events = {r["event"] for r in get_document(engine, seed.id, with_text=False)["records"] if r["event_type"]}
    assert len(seed_events) == 5
    engine.dispose()
