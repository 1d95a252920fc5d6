"""eventatlas.review: the shape of a review's changes, how reviewed values lay over the machine's record,
and the doubts that order the review queue."""
from __future__ import annotations

import pytest

from eventatlas.errors import BadReview
from eventatlas.review import doubts, overlay, validate_changes

TEXT = "Gunmen killed five soldiers near Kirkuk on Monday, police said."
RECORD = {
    "id": "e1", "event_type": "Battles", "sub_event_type": "Armed clash", "certainty": "reported",
    "date": {"start": "2021-08-02", "end": "2021-08-02", "precision": 1, "flags": [], "rule": "weekday",
             "text": "Monday", "start_char": 42, "end_char": 48},
    "location": {"name": "Kirkuk", "country": "Iraq", "iso3": "IRQ", "lat": 35.47, "lon": 44.39, "precision": 1,
                 "feature": "city", "text": "Kirkuk", "start_char": 32, "end_char": 38},
    "actors": [{"role": "perpetrator", "name": "Unidentified Armed Group (Iraq)", "rule": "nsubj",
                "text": "Gunmen", "start_char": 0, "end_char": 6},
               {"role": "target", "name": "Military Forces of Iraq", "document": "d2",
                "text": "soldiers", "start_char": 5, "end_char": 13}],
    "weapon": None,
    "fatalities": {"low": 5, "best": 5, "high": 5, "rule": "number", "text": "killed five soldiers",
                   "start_char": 7, "end_char": 27},
    "attribution": {"source": "police", "kind": "official", "chain": ["police"], "text": "police said",
                    "start_char": 52, "end_char": 63},
    "field_documents": {"fatalities": "d2"}, "documents": ["d1", "d2"],
}


def test_the_record_s_own_values_sent_back_keep_their_spans():
    same = {f: RECORD[f] for f in ("date", "location", "actors", "fatalities", "attribution")}
    out = validate_changes(same, RECORD, "ana")
    assert out["fatalities"]["text"] == "killed five soldiers" and out["date"]["start_char"] == 42
    assert out["actors"][1]["document"] == "d2" and out["actors"][1]["text"] == "soldiers"
    assert out["location"]["start_char"] == 32


def test_a_changed_value_loses_the_span_and_says_who_set_it():
    out = validate_changes({"fatalities": {"best": 6}, "actors": [{"role": "victim", "name": "Civilians (Iraq)"}]},
                           RECORD, "ana")
    assert out["fatalities"] == {"low": 6, "best": 6, "high": 6, "rule": "reviewed by ana", "text": None,
                                 "start_char": None, "end_char": None}
    assert out["actors"][0]["text"] is None
    record = overlay(RECORD, out, {"state": "edited", "by": "ana", "at": "t", "new_evidence": False})
    assert "fatalities" not in record["field_documents"]  # no span left in document d2
    assert record["reviewed_fields"] == ["actors", "fatalities"] and record["review"]["by"] == "ana"
    assert overlay(RECORD, {}, None)["review"] is None


def test_a_sub_type_alone_brings_its_type_and_a_location_comes_from_the_gazetteer():
    out = validate_changes({"sub_event_type": "Attack"}, RECORD, "bo")
    assert out == {"event_type": "Violence against civilians", "sub_event_type": "Attack"}
    place = {"name": "Hawija", "country": "Iraq", "lat": 35.3, "lon": 43.8, "geonames_id": 7}
    out = validate_changes({"location": {"geonames_id": 7}}, RECORD, "bo", lookup={7: place}.get)
    assert out["location"]["name"] == "Hawija" and out["location"]["why"] == ["reviewed by bo"]
    with pytest.raises(BadReview, match="^EA019 location: no place"):
        validate_changes({"location": {"geonames_id": 8}}, RECORD, "bo", lookup={7: place}.get)


@pytest.mark.parametrize("changes", [
    {"event_type": {"a": 1}}, {"sub_event_type": ["x"]}, {"fatalities": {"best": True}}, {"fatalities": {"best": 1.5}},
    {"date": {"start": 20210101}}, {"location": {"name": "X", "country": "Y", "lat": float("nan"), "lon": 0}},
    {"actors": {"role": "victim"}}, {"attribution": {"source": ""}}, {"weapon": {"type": "x" * 65}},
    {"date": {"start": "2021-08-02", "colour": "red"}},
])
def test_malformed_values_are_ea019(changes):
    with pytest.raises(BadReview):
        validate_changes(changes, RECORD, "ana")


def test_doubts_name_what_may_be_wrong_heaviest_first():
    assert doubts(RECORD) == []
    shaky = dict(RECORD, certainty="alleged", weapon=None, actors=[],
                 location=dict(RECORD["location"], feature="country", precision=3),
                 date=dict(RECORD["date"], flags=["publication_date"]),
                 fatalities={"low": 5, "best": 5, "high": 9})
    found = doubts(shaky, types_disagree=True)
    assert [d["code"] for d in found][:2] == ["thin_type", "place_country"]
    assert {d["code"] for d in found} == {"thin_type", "place_country", "no_date", "sources_disagree",
                                         "types_disagree", "weak_certainty", "no_actor"}
    weights = [d["weight"] for d in found]
    assert weights == sorted(weights, reverse=True)
