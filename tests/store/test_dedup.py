"""dedup: when two reports are one event, and what the merged event says."""
from __future__ import annotations

import random

from eventatlas import dedup
from eventatlas.model import event_to_dict

from .factory import make_document, make_event


def record(text="Gunmen attacked soldiers.", outlet="AFP", published="2021-08-03", **kw):
    return event_to_dict(make_event(make_document(text, outlet, published), **kw), with_text=False)


def m(**kw):
    return dedup.mention_of(record(**kw))


def test_two_outlets_same_day_same_town_are_one_event():
    ok, why = dedup.link_reason(m(text="a"), m(text="b", lat=35.50, lon=44.40))
    assert ok, why
    assert "precision 1: <= 5 km" in why


def test_records_of_one_document_never_link():
    ok, why = dedup.link_reason(m(text="same"), m(text="same"))
    assert not ok and why.startswith("same_document")


def test_types_dates_and_statements_keep_events_apart():
    assert not dedup.same_event(m(text="a"), m(text="b", event_type="Protests", sub_event_type="Peaceful protest"))
    assert dedup.same_event(m(text="a"), m(text="b", date="2021-08-03"))  # one day apart: reporting lag
    assert not dedup.same_event(m(text="a"), m(text="b", date="2021-08-04"))
    assert not dedup.same_event(m(text="a", event_type=None), m(text="b", event_type=None))


def test_distance_limit_grows_with_coarser_precision():
    # Kirkuk to a point ~12 km away: too far for two town-level places, fine when one is "near".
    far = dict(lat=35.468 + 0.11, lon=44.392)
    assert not dedup.same_event(m(text="a"), m(text="b", **far))
    assert dedup.same_event(m(text="a"), m(text="b", geo_precision=2, **far))
    # Province level: same admin-1 wherever the centre point is; another admin-1 never.
    assert dedup.same_event(m(text="a", geo_precision=3, lat=35.0, lon=44.0), m(text="b", geo_precision=3))
    assert not dedup.same_event(m(text="a", geo_precision=3),
                                m(text="b", geo_precision=3, admin1="Ninawa", admin1_code="IQ-NI"))
    assert not dedup.same_event(m(text="a", place=None), m(text="b"))


def test_actors_must_be_compatible():
    assert dedup.same_event(m(text="a", perpetrator="Islamic State (Iraq)"),
                            m(text="b", perpetrator="Unidentified Armed Group (Iraq)"))
    assert dedup.same_event(m(text="a", perpetrator="Islamic State (Iraq)"), m(text="b", perpetrator=None))
    assert dedup.same_event(m(text="a", target="Military Forces of Iraq (2020-)"),
                            m(text="b", target="Military Forces of Iraq"))
    assert not dedup.same_event(m(text="a", perpetrator="Islamic State (Iraq)"),
                                m(text="b", perpetrator="Kataib Hezbollah"))


def test_merge_keeps_the_range_and_believes_the_official_toll():
    recs = [record(text="a", outlet="AFP", published="2021-08-02", fatalities=5, kind="anonymous"),
            record(text="b", outlet="Reuters", published="2021-08-03", fatalities=7, fatalities_kind="official"),
            record(text="c", outlet=None, published="2021-08-04", fatalities=(4, 4, 6), kind="witness")]
    merged = dedup.merge_records(recs)
    assert (merged["fatalities"]["low"], merged["fatalities"]["best"], merged["fatalities"]["high"]) == (4, 7, 7)
    assert merged["field_documents"]["fatalities"] == recs[1]["document"]["id"]
    assert merged["id"] == recs[0]["id"] and merged["document"]["id"] == recs[0]["document"]["id"]
    assert merged["documents"] == [r["document"]["id"] for r in recs]
    assert merged["sources"] == 3  # two outlets and one document of unknown outlet
    assert [v["value"]["best"] for v in merged["disagreements"]["fatalities"]] == [5, 7, 4]


def test_authority_order():
    kinds = ["writer", "anonymous", "witness", "outlet", "official"]
    recs = [record(text=k, outlet=k, fatalities=i + 1, kind=k) for i, k in enumerate(kinds)]
    assert dedup.merge_records(recs)["fatalities"]["best"] == 5  # the official's


def test_same_outlet_twice_is_one_source():
    recs = [record(text="a", outlet="AFP"), record(text="b", outlet="afp "), record(text="c", outlet=None)]
    assert dedup.count_sources(recs) == 2


def test_most_precise_place_wins_and_names_its_document():
    coarse = record(text="a", published="2021-08-01", geo_precision=3, place="Kirkuk province")
    fine = record(text="b", published="2021-08-03")
    merged = dedup.merge_records([coarse, fine])
    assert merged["location"]["precision"] == 1
    assert merged["field_documents"] == {"location": fine["document"]["id"]}


def test_cluster_does_not_depend_on_order():
    recs = [record(text=f"t{i}", lat=35.468 + 0.05 * i, geo_precision=1 + (i % 2)) for i in range(8)]
    recs += [record(text="other", event_type="Riots", sub_event_type="Mob violence")]
    mentions = [dedup.mention_of(r) for r in recs]
    groups = {frozenset(mentions[i].record_id for i in g) for g in dedup.cluster(mentions)}
    shuffled = mentions[:]
    random.Random(1).shuffle(shuffled)
    again = {frozenset(shuffled[i].record_id for i in g) for g in dedup.cluster(shuffled)}
    assert groups == again
    assert len(groups) >= 2
