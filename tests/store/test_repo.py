"""The store on SQLite and PostgreSQL: schema versions, idempotent upserts, merging across
documents, each document's own records, filters, cursors and the change feed."""
from __future__ import annotations

import sqlalchemy as sa
import pytest

from eventatlas.store import (EventFilter, changes_since, get_document, get_event, get_record, open_db, query_events,
                              stats, upsert_document_with_events)
from eventatlas.store.errors import BadDatabaseUrl, SchemaTooNew
from eventatlas.store.migrations import LATEST, migrate
from eventatlas.store.repo import now_ts, snapshot

from .factory import make_document, make_event


def store(engine, text, outlet="AFP", published="2021-08-03", **kw):
    doc = make_document(text, outlet, published)
    return doc, upsert_document_with_events(engine, doc, [make_event(doc, **kw)])


def test_fresh_database_is_at_latest_schema_and_migrating_again_does_nothing(engine):
    assert stats(engine)["schema_version"] == LATEST
    assert migrate(engine) == []


def test_a_database_from_a_newer_eventatlas_is_refused(engine, db_url):
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO schema_version (id, version, applied_at) VALUES (999, 999, 'x')"))
    with pytest.raises(SchemaTooNew) as err:
        open_db(db_url)
    assert err.value.code == "EA013"


def test_sqlite_runs_in_wal_mode(sqlite_url):
    engine = open_db(sqlite_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_bad_url_is_a_coded_error():
    with pytest.raises(BadDatabaseUrl):
        open_db("mysql://nobody@localhost/x")


def test_storing_a_document_twice_changes_nothing(engine):
    doc, first = store(engine, "Gunmen attacked soldiers near Kirkuk.", fatalities=5)
    before = snapshot(engine)
    times = get_event(engine, first["new"][0])["updated_at"]
    again = upsert_document_with_events(engine, doc, [make_event(doc, fatalities=5)])
    assert first["status"] == "stored" and again["status"] == "unchanged"
    assert snapshot(engine) == before
    assert get_event(engine, first["new"][0])["updated_at"] == times


def test_two_outlets_reporting_one_attack_make_one_event_with_both_documents(engine):
    a, _ = store(engine, "Report A", outlet="AFP", published="2021-08-02", fatalities=5, kind="anonymous")
    b, result = store(engine, "Report B", outlet="Reuters", published="2021-08-03", fatalities=7,
                      fatalities_kind="official", lat=35.50, lon=44.41)
    assert result["merged"] and not result["new"]
    events, _ = query_events(engine)
    assert len(events) == 1
    ev = events[0]
    assert ev["sources"] == 2 and ev["documents"] == [a.id, b.id] and ev["document"]["id"] == a.id
    assert (ev["fatalities"]["low"], ev["fatalities"]["best"], ev["fatalities"]["high"]) == (5, 7, 7)
    # Each document's own record stays queryable, pointing at the merged event.
    own = get_document(engine, b.id)["records"]
    assert len(own) == 1 and own[0]["fatalities"]["best"] == 7 and own[0]["event"] == ev["id"]
    assert get_record(engine, own[0]["id"])["event"] == ev["id"]
    assert get_document(engine, a.id)["text"] == "Report A"


def test_an_earlier_report_renames_the_event_and_the_change_feed_says_so(engine):
    _, late = store(engine, "Late report", outlet="AFP", published="2021-08-04")
    mark = now_ts()
    early_doc, early = store(engine, "Early report", outlet="BBC", published="2021-08-02")
    old_id, new_id = late["new"][0], early["merged"][0]
    assert early["merged_away"] == [old_id]
    assert get_event(engine, old_id)["id"] == new_id  # old ids lead to the event that absorbed them
    assert get_event(engine, old_id, follow_merged=False) == {"id": old_id, "status": "merged",
                                                              "merged_into": new_id}
    feed = changes_since(engine, mark)
    assert feed["new"] == [new_id] and feed["merged"] == [{"id": old_id, "into": new_id}]
    assert stats(engine)["merged_away"] == 1


def test_change_feed_reports_changed_events(engine):
    _, first = store(engine, "First", outlet="AFP", published="2021-08-02", fatalities=3)
    mark = now_ts()
    store(engine, "Second", outlet="BBC", published="2021-08-03", fatalities=4)
    feed = changes_since(engine, mark)
    assert feed == {"since": feed["since"], "until": feed["until"], "new": [], "changed": first["new"],
                    "merged": [], "deleted": []}
    assert changes_since(engine, feed["until"])["changed"] == []


def test_change_feed_reports_deleted_events(engine):
    from eventatlas.api.writes import delete_event
    _, first = store(engine, "First", outlet="AFP", published="2021-08-02", fatalities=3)
    mark = now_ts()
    assert delete_event(engine, first["new"][0])
    feed = changes_since(engine, mark)
    assert feed["deleted"] == first["new"] and feed["new"] == feed["changed"] == []


def test_unknown_outlets_count_as_their_own_source(engine):
    store(engine, "One", outlet=None)
    store(engine, "Two", outlet=None)
    store(engine, "Three", outlet="AFP")
    store(engine, "Four", outlet="AFP")
    (ev,), _ = query_events(engine)
    assert ev["sources"] == 3 and len(ev["documents"]) == 4


def test_different_events_stay_apart_and_statements_never_merge(engine):
    store(engine, "Kirkuk clash")
    store(engine, "Mosul clash", place="Mosul", lat=36.34, lon=43.13, admin1="Ninawa", admin1_code="IQ-NI")
    store(engine, "Later clash", date="2021-08-06")
    store(engine, "Protest", event_type="Protests", sub_event_type="Peaceful protest")
    store(engine, "Threat one", event_type=None, sub_event_type=None, plover="THREATEN")
    store(engine, "Threat two", event_type=None, sub_event_type=None, plover="THREATEN")
    events, _ = query_events(engine)
    assert len(events) == 6
    assert len(query_events(engine, EventFilter(include_statements=False))[0]) == 4
    assert stats(engine)["statements"] == 2


def test_filters_and_cursor_pages(engine):
    for day in range(2, 20, 2):  # two days apart: separate events
        store(engine, f"Clash {day}", date=f"2021-08-{day:02d}", outlet=f"O{day}")
    store(engine, "Mosul", place="Mosul", lat=36.34, lon=43.13, admin1="Ninawa", admin1_code="IQ-NI",
          perpetrator="Islamic State (Iraq)", certainty="claimed")
    assert len(query_events(engine, EventFilter(since_date="2021-08-03", until_date="2021-08-09"))[0]) == 3
    assert len(query_events(engine, EventFilter(admin1="IQ-NI"))[0]) == 1
    assert len(query_events(engine, EventFilter(admin1="ninawa"))[0]) == 1
    assert len(query_events(engine, EventFilter(country="IRQ"))[0]) == 10
    assert len(query_events(engine, EventFilter(country="iraq"))[0]) == 10
    assert len(query_events(engine, EventFilter(type="Armed clash"))[0]) == 10
    assert len(query_events(engine, EventFilter(actor="islamic state"))[0]) == 1
    assert len(query_events(engine, EventFilter(certainty=("claimed",)))[0]) == 1
    assert query_events(engine, EventFilter(min_sources=2))[0] == []
    seen, cursor = [], None
    while True:
        page, cursor = query_events(engine, cursor=cursor, limit=3)
        seen.extend(e["id"] for e in page)
        if cursor is None:
            break
    everything = [e["id"] for e in query_events(engine, limit=None)[0]]
    assert seen == everything and len(seen) == 10
