"""Reviews in the store (``eventatlas.store.review``), on SQLite and PostgreSQL: reviewed values win in
every read and export, survive later ingests, a rejected or deleted event stays hidden, new evidence
is attached and flagged, and every action is in the log."""
from __future__ import annotations

import csv
import io
import json

import pytest

from eventatlas.errors import BadReview
from eventatlas.export import export
from eventatlas.store.repo import (EventFilter, get_document, get_event, iter_events, stats,
                                   upsert_document_with_events)
from eventatlas.store.review import review_event, review_log, review_queue
from tests.store.factory import make_document, make_event

TEXT_A = "Gunmen attacked an army post near Kirkuk on Monday, killing five soldiers, police said."
TEXT_B = "Five soldiers were killed when gunmen stormed an army checkpoint near Kirkuk on Monday."


def _ingest(engine, text, outlet, **kw):
    doc = make_document(text, outlet=outlet)
    upsert_document_with_events(engine, doc, [make_event(doc, **kw)])
    return doc


def _only_event(engine, **filters):
    events = [e for e in iter_events(engine, EventFilter(**filters)) if e["event_type"]]
    assert len(events) == 1, events
    return events[0]


def test_an_edit_wins_over_the_machine_in_reads_and_exports_and_is_logged(engine):
    _ingest(engine, TEXT_A, "Wire A", fatalities=5)
    event = _only_event(engine)
    assert event["review"] is None
    record = review_event(engine, event["id"], "edit", "ana", note="the wire says six later",
                          changes={"fatalities": {"low": 6, "best": 6, "high": 6},
                                   "sub_event_type": "Attack"})
    assert record["fatalities"]["best"] == 6
    assert (record["event_type"], record["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert record["review"]["state"] == "edited" and record["review"]["by"] == "ana"
    stored = get_event(engine, event["id"])
    assert stored["fatalities"]["best"] == 6 and stored["review"]["by"] == "ana"
    # the store's filters see the reviewed type
    assert _only_event(engine, type="Attack")["id"] == event["id"]
    assert not [e for e in iter_events(engine, EventFilter(type="Armed clash"))]
    out = io.StringIO()
    export(engine, "acled-csv", out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["fatalities"], row["sub_event_type"], row["reviewed_by"]) == ("6", "Attack", "ana")
    assert row["reviewed_at"] == record["review"]["at"]
    log = review_log(engine, event["id"])
    assert [(x["action"], x["field"]) for x in log] == [("edit", "event_type"), ("edit", "sub_event_type"),
                                                       ("edit", "fatalities")]
    assert log[2]["old"]["best"] == 5 and log[2]["new"]["best"] == 6 and log[2]["by"] == "ana"
    assert log[0]["note"] == "the wire says six later"


def test_a_later_document_keeps_the_reviewed_values_and_is_flagged_as_new_evidence(engine):
    _ingest(engine, TEXT_A, "Wire A", fatalities=5)
    event_id = _only_event(engine)["id"]
    review_event(engine, event_id, "edit", "ana", changes={"fatalities": {"best": 6, "low": 6, "high": 6}})
    _ingest(engine, TEXT_B, "Daily B", fatalities=7)  # the same event from another outlet, later
    event = _only_event(engine)
    assert event["sources"] == 2 and len(event["documents"]) == 2  # the new document is attached
    assert event["fatalities"]["best"] == 6  # the reviewed value stands
    assert event["review"]["new_evidence"] is True
    queue = review_queue(engine)
    assert event["id"] in [x["id"] for x in queue["events"]]
    assert "new_evidence" in [d["code"] for d in queue["events"][0]["doubts"]]


def test_a_reviewed_event_keeps_its_id_when_an_earlier_document_joins_it(engine):
    doc_b = make_document(TEXT_B, outlet="Daily B", published="2021-08-04")
    upsert_document_with_events(engine, doc_b, [make_event(doc_b, fatalities=7)])
    first_id = _only_event(engine)["id"]
    review_event(engine, first_id, "edit", "bo", changes={"certainty": "asserted"})
    doc_a = make_document(TEXT_A, outlet="Wire A", published="2021-08-02")
    upsert_document_with_events(engine, doc_a, [make_event(doc_a, fatalities=5)])
    event = _only_event(engine)
    assert event["id"] == first_id and event["document"]["id"] == doc_a.id  # named as reviewed, dated as earliest
    assert event["certainty"] == "asserted" and event["review"]["by"] == "bo" and event["sources"] == 2
    assert [x["field"] for x in review_log(engine, event["id"])] == ["certainty"]
    # an event that was not reviewed is named after its earliest document, as before
    doc_c = make_document("Clashes near Mosul.", outlet="Wire C", published="2021-09-02")
    upsert_document_with_events(engine, doc_c, [make_event(doc_c, place="Mosul", lat=36.3, lon=43.1,
                                                            date="2021-09-01")])
    doc_d = make_document("Fighting near Mosul on Wednesday.", outlet="Wire D", published="2021-09-01")
    upsert_document_with_events(engine, doc_d, [make_event(doc_d, place="Mosul", lat=36.3, lon=43.1,
                                                            date="2021-09-01")])
    mosul = next(e for e in iter_events(engine) if e["location"]["name"] == "Mosul")
    assert mosul["sources"] == 2 and mosul["id"] == get_document(engine, doc_d.id)["records"][0]["id"]


def test_a_rejected_event_is_hidden_kept_and_never_revived(engine):
    _ingest(engine, TEXT_A, "Wire A", fatalities=5)
    event_id = _only_event(engine)["id"]
    record = review_event(engine, event_id, "reject", "ana", note="not an attack")
    assert record["review"]["state"] == "rejected"
    assert (stats(engine)["events_reviewed"], stats(engine)["events_rejected"], stats(engine)["events"]) == (1, 1, 0)
    assert not [e for e in iter_events(engine) if e["event_type"]]
    assert _only_event(engine, include_rejected=True)["id"] == event_id
    assert get_event(engine, event_id)["review"]["state"] == "rejected"  # kept, readable by id
    _ingest(engine, TEXT_B, "Daily B", fatalities=7)
    assert not [e for e in iter_events(engine) if e["event_type"]]
    revived = _only_event(engine, include_rejected=True)
    assert revived["sources"] == 2 and revived["review"]["new_evidence"] is True
    out = io.StringIO()
    assert export(engine, "jsonl", out) == 0
    # a reviewer may take a rejection back
    assert review_event(engine, event_id, "accept", "bo")["review"]["state"] == "accepted"
    assert _only_event(engine)["id"] == event_id


def test_a_deleted_event_is_not_revived_by_a_later_document(engine):
    from eventatlas.api.writes import delete_event
    _ingest(engine, TEXT_A, "Wire A", fatalities=5)
    event_id = _only_event(engine)["id"]
    assert delete_event(engine, event_id, "ana")
    _ingest(engine, TEXT_B, "Daily B", fatalities=7)
    assert not [e for e in iter_events(engine, EventFilter(include_rejected=True)) if e["event_type"]]
    assert review_event(engine, event_id, "accept", "ana") is None
    assert [x["action"] for x in review_log(engine, event_id)] == ["delete"]


def test_training_export_gives_reviewed_events_and_rejections_as_negatives(engine):
    _ingest(engine, TEXT_A, "Wire A", fatalities=5)
    _ingest(engine, "Police dispersed a protest in Lagos on Friday.", "Wire A", place="Lagos", lat=6.45,
            lon=3.39, admin1="Lagos", admin1_code="NG-LA", country="Nigeria", iso3="NGA",
            event_type="Protests", sub_event_type="Protest with intervention", date="2021-07-01")
    _ingest(engine, "Nothing much happened in Mosul.", "Wire C", place="Mosul", lat=36.3, lon=43.1,
            date="2021-06-01")
    kirkuk, lagos = (next(e for e in iter_events(engine) if e["location"]["name"] == name)
                     for name in ("Kirkuk", "Lagos"))
    review_event(engine, kirkuk["id"], "edit", "ana", changes={"fatalities": {"low": 6, "best": 6, "high": 6}})
    review_event(engine, lagos["id"], "reject", "bo")
    out = io.StringIO()
    assert export(engine, "training", out) == 2
    lines = {x["id"]: x for x in map(json.loads, out.getvalue().splitlines())}
    positive, negative = lines[kirkuk["id"]], lines[lagos["id"]]
    assert positive["text"] == TEXT_A and positive["lang"] == "en"
    assert positive["event_type"] == "Battles" and positive["fields"]["fatalities"]["best"] == 6
    assert positive["review"]["state"] == "edited" and "rejected" not in positive
    trig = positive["trigger"]
    assert TEXT_A[trig["start_char"]:trig["end_char"]] == trig["text"]
    assert negative["rejected"] is True and negative["event_type"] is None
    assert set(positive) >= {"id", "lang", "text", "title", "event_type", "sub_event_type", "plover", "trigger",
                             "fields", "review"}


@pytest.mark.parametrize("action, changes, field", [
    ("edit", {"sub_event_type": "Peaceful protest", "event_type": "Battles"}, "sub_event_type"),
    ("edit", {"event_type": "Wars"}, "event_type"),
    ("edit", {"fatalities": {"low": 9, "best": 3, "high": 4}}, "fatalities"),
    ("edit", {"date": {"start": "2021-13-01"}}, "date.start"),
    ("edit", {"date": {"start": "2021-08-05", "end": "2021-08-01"}}, "date"),
    ("edit", {"actors": [{"role": "hero", "name": "X"}]}, "actors.0.role"),
    ("edit", {"location": {"name": "Nowhere", "country": "Iraq", "lat": 123, "lon": 0}}, "location.lat"),
    ("edit", {"certainty": "sure"}, "certainty"),
    ("edit", {"plover": "PROTEST"}, "plover"),
    ("edit", {}, "changes"),
    ("accept", {"certainty": "asserted"}, "changes"),
    ("approve", None, "action"),
])
def test_bad_reviews_are_ea019_naming_the_field_and_change_nothing(engine, action, changes, field):
    _ingest(engine, TEXT_A, "Wire A", fatalities=5)
    event = _only_event(engine)
    with pytest.raises(BadReview) as err:
        review_event(engine, event["id"], action, "ana", changes=changes)
    assert err.value.code == "EA019" and err.value.message.startswith(field), err.value.message
    assert _only_event(engine) == event
    assert review_log(engine, event["id"]) == []


def test_the_queue_puts_the_likeliest_errors_first(engine):
    _ingest(engine, TEXT_A, "Wire A", fatalities=5)  # a named town, a day, a perpetrator, reported
    _ingest(engine, "Somewhere in Iraq, something was allegedly hit.", "Wire C", place="Iraq", geo_precision=3,
            date="2021-05-01", certainty="alleged", perpetrator=None)
    queue = review_queue(engine)
    assert queue["total"] == 2
    first, second = queue["events"]
    assert first["doubt"] > second["doubt"]
    assert {"weak_certainty", "place_region", "thin_type"} <= {d["code"] for d in first["doubts"]}
    review_event(engine, first["id"], "accept", "ana")
    assert [x["id"] for x in review_queue(engine)["events"]] == [second["id"]]
