"""Merging in the store: the same documents in any order give the same events and ids; analysts'
splits and joins hold across later ingests (store functions and the CLI)."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventatlas.store import get_document, get_event, open_db, upsert_document_with_events
from eventatlas.store import merging

from .factory import make_document, make_event

# (text, outlet, published, event kwargs): two events reported three times each, a province-level
# report, a report a day late, and near misses (another town the same day; the same town days later).
REPORTS = [
    ("Bomb near Kirkuk, outlet A", "A", "2021-08-03", {}),
    ("Bomb near Kirkuk, outlet B", "B", "2021-08-02", {"lat": 35.47, "lon": 44.40}),
    ("Bomb in Kirkuk province, outlet C", "C", "2021-08-04",
     {"geo_precision": 3, "place": "Kirkuk", "lat": 35.3, "lon": 44.1, "fatalities": (12, 12, 12)}),
    ("Bomb near Kirkuk, a day late", None, "2021-08-04", {"date": "2021-08-03", "fatalities": (14, 14, None)}),
    ("Clash in Tikrit", "A", "2021-08-03", {"place": "Tikrit", "lat": 34.6, "lon": 43.68, "admin1": "Salah ad Din",
                                            "admin1_code": "IQ-SD", "perpetrator": "Islamic State (Iraq)"}),
    ("Combats à Tikrit", "D", "2021-08-03", {"place": "Tikrit", "lat": 34.61, "lon": 43.68, "admin1": "Salah ad Din",
                                             "admin1_code": "IQ-SD", "perpetrator": "Daech"}),
    ("Clash in Dibis, same day", "B", "2021-08-03", {"place": "Dibis", "lat": 35.65, "lon": 44.07}),
    ("Clash in Kirkuk days later", "A", "2021-08-08", {"date": "2021-08-07"}),
]


def _store(order, url):
    engine = open_db(url)
    for i in order:
        text, outlet, published, kw = REPORTS[i]
        doc = make_document(text, outlet, published)
        upsert_document_with_events(engine, doc, [make_event(doc, **kw)])
    return engine


def _events(engine) -> dict[str, tuple[str, ...]]:
    """Active event id -> its documents' texts, sorted."""
    out = {}
    for text, outlet, published, _kw in REPORTS:
        doc = make_document(text, outlet, published)
        for rec in get_document(engine, doc.id, with_text=False)["records"]:
            event = get_event(engine, rec["event"])
            out[event["id"]] = tuple(sorted(event["documents"]))
    return out


def _grouping(order) -> dict[str, tuple[str, ...]]:
    with tempfile.TemporaryDirectory() as folder:
        engine = _store(order, f"sqlite:///{Path(folder) / 's.sqlite'}")
        try:
            return _events(engine)
        finally:
            engine.dispose()


CANONICAL = None


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.permutations(range(len(REPORTS))))
def test_the_same_documents_in_any_order_give_the_same_events_and_ids(order):
    global CANONICAL
    if CANONICAL is None:
        CANONICAL = _grouping(range(len(REPORTS)))
        sizes = sorted(len(docs) for docs in set(CANONICAL.values()))
        assert sizes == [1, 1, 2, 4], CANONICAL  # Kirkuk x4, Tikrit x2, the two near misses alone
    assert _grouping(order) == CANONICAL


def test_split_holds_across_later_ingests(db_url):
    engine = _store(range(4), db_url)
    try:
        docs = [make_document(t, o, p).id for t, o, p, _ in REPORTS[:4]]
        event = get_event(engine, get_document(engine, docs[0], with_text=False)["records"][0]["event"])
        assert sorted(event["documents"]) == sorted(docs)
        result = merging.split_document(engine, event["id"], docs[2], by="analyst", note="another bomb")
        assert len(result["events"]) == 2
        alone = result["records"][get_document(engine, docs[2], with_text=False)["records"][0]["id"]]
        assert get_event(engine, alone)["documents"] == [docs[2]]
        # A later report of the same event does not bring the split document back.
        later = make_document("Bomb near Kirkuk, outlet E", "E", "2021-08-05")
        upsert_document_with_events(engine, later, [make_event(later)])
        holding = get_event(engine, get_document(engine, docs[2], with_text=False)["records"][0]["event"])
        assert not {docs[0], docs[1]} & set(holding["documents"])
        main = get_event(engine, get_document(engine, docs[0], with_text=False)["records"][0]["event"])
        assert {docs[0], docs[1], later.id} <= set(main["documents"])
        assert merging.list_decisions(engine)[0]["kind"] == "split"
        assert merging.list_decisions(engine)[0]["decided_by"] == "analyst"
    finally:
        engine.dispose()


def test_join_holds_and_is_explained(db_url):
    engine = _store([0, 6], db_url)  # Kirkuk and Dibis: kept apart by the rules
    try:
        a = get_document(engine, make_document(*REPORTS[0][:3]).id, with_text=False)["records"][0]["event"]
        b = get_document(engine, make_document(*REPORTS[6][:3]).id, with_text=False)["records"][0]["event"]
        assert a != b
        result = merging.join_events(engine, a, b, by="analyst")
        assert len(result["events"]) == 1
        joined = get_event(engine, a)
        assert joined["sources"] == 2 and len(joined["documents"]) == 2
        assert joined["merge_why"][0]["rule"] == "joined by an analyst"
        # an id that stopped naming an event leads to the joined one
        assert get_event(engine, b)["id"] == joined["id"]
        upsert_document_with_events(engine, *(lambda d: (d, [make_event(d)]))(make_document("Kirkuk again", "F")))
        assert len(get_event(engine, a)["documents"]) == 3
    finally:
        engine.dispose()


def test_bad_decisions_are_coded_errors(sqlite_url):
    from eventatlas.errors import BadMergeDecision
    engine = _store([0], sqlite_url)
    try:
        event = get_document(engine, make_document(*REPORTS[0][:3]).id, with_text=False)["records"][0]["event"]
        with pytest.raises(BadMergeDecision):
            merging.split_document(engine, "no-such-event", "x")
        with pytest.raises(BadMergeDecision):
            merging.split_document(engine, event, make_document(*REPORTS[0][:3]).id)  # nothing to split from
        with pytest.raises(BadMergeDecision):
            merging.join_events(engine, event, event)
    finally:
        engine.dispose()


def test_merge_cli_split_join_why_and_list(sqlite_url, capsys):
    from eventatlas import cli
    engine = _store(range(2), sqlite_url)
    doc_b = make_document(*REPORTS[1][:3]).id
    event = get_document(engine, doc_b, with_text=False)["records"][0]["event"]
    engine.dispose()
    assert cli.main(["merge", "why", event, "--db", sqlite_url]) == 0
    why = json.loads(capsys.readouterr().out)
    assert why["sources"] == 2 and why["merge_why"][0]["rule"] == "linked"
    assert set(why["provenance"]) >= {"date", "location", "event_type", "certainty"}
    assert cli.main(["merge", "split", event, doc_b, "--db", sqlite_url, "--by", "ana"]) == 0
    assert len(json.loads(capsys.readouterr().out)["events"]) == 2
    assert cli.main(["merge", "list", "--db", sqlite_url]) == 0
    assert json.loads(capsys.readouterr().out)["decisions"][0]["decided_by"] == "ana"
    assert cli.main(["merge", "split", "nope", doc_b, "--db", sqlite_url]) == 2
    assert "EA022" in capsys.readouterr().err
