"""The development corpus of real text (tests/eval/devcorpus/, scorer eventatlas.eval.devcorpus).

Floors are today's figures (rounded down) for the extractor of this commit; they only go up.
Every text here is development material (WCEP 2015-09, Wikinews fr 2012): rules may be tuned on it,
which is why it is not where published scores come from (see docs/devcorpus.md)."""
import json

import pytest

from eventatlas.eval import devcorpus
from eventatlas.eval.common import default_data_dir
from eventatlas.taxonomy import sub_to_type

pytestmark = pytest.mark.skipif(not (default_data_dir() / "wcep-2015-09").is_dir()
                                or not (default_data_dir() / "wikinews-fr-2012").is_dir(),
                                reason="../shared/data (WCEP, Wikinews fr) is not beside the repository")

# measured 2026-12-04 (see docs/devcorpus.md); raised 2026-12-05 by issue 16's attribution, events and roles work
# (fr speech, alone and in its document: attr16b; en place and false events: the lead's ACLED-confusion rules;
# en precision, duplicates: prec16's retellings folded into the first telling,
# near misses and accidents named as the author; prec17: one record per place only for places listed together, one kind in one town on one day is one record,
# retellings dated or placed only by their sentence folded, happenings named before they are told, campaign names,
# stun grenades; muc17: appositive names and roles; fr17: objections, claims and reports told back, toll nouns;
# merged 2026-12-05 with the lead's statement dates: en precision 0.8165, recall 0.7946; then hyphenated and
# aircraft-told air strikes, parties at the phrase's root, antecedents with their own toll: 0.8273, 0.8125;
# then real wire articles: a lede placed by what follows, happenings named again as known, charges, months without
# a year, words of a person's name and hamlets abroad as no places: en precision 0.8426, place 0.8111; the country
# a text is about as the place of an event with no town: fr place 1.0; the sides a fight names by a preposition,
# deaths of the kind of their means, state forces taking strongholds: en recall 0.8214, type 0.8818, actors 0.7661)
FLOORS = {
    "en.actor_accuracy": 0.76, "en.background_recall": 0.64, "en.certainty_accuracy": 0.93, "en.date_accuracy": 0.98,
    "en.event_precision": 0.84, "en.event_recall": 0.82, "en.fatalities_exact": 0.89, "en.place_accuracy": 0.81,
    "en.source_found": 0.95, "en.type_accuracy": 0.88, "fr.actor_accuracy": 0.5, "fr.certainty_accuracy": 0.99,
    "fr.event_precision": 0.8, "fr.event_recall": 0.8, "fr.fatalities_exact": 0.75, "fr.place_accuracy": 0.99, "fr.speech.certainty_accuracy": 0.76,
    "fr.speech.event_found": 0.66, "fr.speech.source_found": 0.76, "fr.speech.in_document.certainty_accuracy": 0.66,
    "fr.speech.in_document.event_found": 0.58, "fr.speech.in_document.source_found": 0.57, "fr.source_found": 0.99,
}
# lower is better: ceilings
CEILINGS = {"en.no_event_false_events": 3, "fr.no_event_false_events": 4, "fr.speech.false_events": 0, "fr.speech.in_document.false_events": 0, "errors.background_as_current": 13, "errors.false_positive": 18, "errors.recall_miss": 21, "errors.numbers": 11, "errors.roles": 31, "errors.duplicate": 7,
            "errors.source_elsewhere": 1, "errors.geo": 17, "errors.type": 13}


@pytest.fixture(scope="module")
def result():
    return devcorpus.score()


def test_gold_is_well_formed_and_anchored():
    texts = devcorpus.Texts(default_data_dir())
    docs = devcorpus.read_jsonl(devcorpus.gold_dir() / "documents.jsonl")
    assert len({d["id"] for d in docs}) == len(docs)
    n_events = 0
    for d in docs:
        text = texts.text(d["id"])
        for g in d["events"]:
            n_events += not g.get("optional")
            assert sub_to_type()[g["sub_event_type"]] == g["event_type"], (d["id"], g["sub_event_type"])
            assert g["certainty"] in {"asserted", "reported", "claimed", "alleged", "speculative"}
            for span in [g["trigger"], *g["evidence"]]:
                assert text[span["start"]:span["end"]] == span["text"], (d["id"], span)
    assert n_events >= 150 and sum(len(d["events"]) for d in docs) >= 150
    assert sum(not d["events"] for d in docs) >= 60
    speech = devcorpus.read_jsonl(devcorpus.gold_dir() / "speech_fr.jsonl")
    assert len(speech) >= 100 and {r["lang"] for r in speech} == {"fr"}
    for row in speech:
        assert row["claim_certainty"] in {"asserted", "reported", "claimed", "alleged", "speculative"}
        assert (row["certainty"] is None) == (not row["event"] and not row["statement"])
        span = row["span"]
        assert texts.text(row["document"])[span["start"]:span["end"]] == span["text"], row["id"]


def test_floors(result):
    m = result["metrics"]
    low = {k: (m[k], v) for k, v in FLOORS.items() if m[k] is None or m[k] < v}
    assert not low, f"below floor (measured, floor): {low}"
    high = {k: (m[k], v) for k, v in CEILINGS.items() if m[k] > v}
    assert not high, f"above ceiling (measured, ceiling): {high}"


def test_error_counts_add_up(result):
    m = result["metrics"]
    assert sum(m[f"errors.{k}"] for k in devcorpus.ERROR_KINDS) == len(result["errors"])
    assert m["errors.recall_miss"] == round(m["all.gold_events"] * (1 - m["all.event_recall"]))
    json.dumps(result)
