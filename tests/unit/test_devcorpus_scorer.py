"""The development-corpus scorer on a tiny hand-made gold and hand-made records (no models run)."""
from eventatlas.eval import devcorpus

TEXT = "Gunmen killed five villagers in Boni on Monday. In 2019, a bomb had killed 12 people there."


def span(quote):
    i = TEXT.index(quote)
    return {"start": i, "end": i + len(quote), "text": quote}


GOLD = {"id": "t:1", "lang": "en", "published": "2023-03-15", "events": [
    {"event_type": "Violence against civilians", "sub_event_type": "Attack", "certainty": "asserted", "source": None,
     "fatalities": {"low": 5, "best": 5, "high": 5}, "actors": [{"role": "perpetrator", "any": ["Gunmen"]}],
     "date": {"value": "2023-03-13", "tolerance_days": 0}, "place": {"name_any": ["Boni"], "country": "Mali"},
     "background": False, "trigger": span("killed"), "evidence": [span("Gunmen killed five villagers")], "tags": []},
    {"event_type": "Explosions/Remote violence", "sub_event_type": "Remote explosive/landmine/IED", "certainty": "asserted",
     "source": None, "fatalities": {"low": 12, "best": 12, "high": 12}, "actors": [], "date": None, "place": None,
     "background": True, "trigger": span("bomb"), "evidence": [], "tags": ["background"]},
]}


def record(trigger, etype, sub, best=None, **kw):
    i = TEXT.index(trigger)
    rec = {"event_type": etype, "sub_event_type": sub, "trigger": {"text": trigger, "start_char": i, "end_char": i + len(trigger)},
           "certainty": "asserted", "attribution": {"source": "writer", "kind": "writer", "chain": []},
           "fatalities": {"best": best} if best is not None else None, "actors": [], "date": None, "location": None}
    rec.update(kw)
    return rec


def test_a_perfect_record_scores_everything_right():
    rec = record("killed", "Violence against civilians", "Attack", 5,
                 actors=[{"role": "perpetrator", "name": "Unidentified Armed Group (Mali)", "text": "Gunmen"}],
                 date={"start": "2023-03-13"}, location={"name": "Boni", "country": "Mali"})
    out = devcorpus.score_document(GOLD, TEXT, [rec])
    t = out["tallies"]
    assert t["recall"] == [True] and out["tp"] == 1 and out["fp"] == 0
    assert t["cert"] == t["src"] == t["fat"] == t["actor"] == t["date"] == t["place"] == [True]
    assert t["bg"] == [False]
    assert [e["kind"] for e in out["errors"]] == []


def test_errors_are_counted_by_kind():
    current = record("Gunmen", "Battles", "Armed clash", 17, certainty="reported",
                     attribution={"source": "police", "kind": "official", "chain": ["police"]},
                     location={"name": "Bamako", "country": "Mali"})
    recalled = record("bomb", "Explosions/Remote violence", "Remote explosive/landmine/IED", 12)
    stray = record("Monday", "Protests", "Peaceful protest")
    out = devcorpus.score_document(GOLD, TEXT, [current, recalled, stray])
    kinds = sorted(e["kind"] for e in out["errors"])
    assert kinds == ["background_as_current", "certainty_other", "false_positive", "geo", "numbers", "roles", "type"]
    assert out["tp"] == 1 and out["fp"] == 1  # the recalled bomb is not counted against precision
    assert out["tallies"]["bg"] == [True]


def test_a_record_of_another_type_family_does_not_match():
    out = devcorpus.score_document(GOLD, TEXT, [record("killed", "Protests", "Peaceful protest")])
    assert out["tallies"]["recall"] == [False] and out["fp"] == 1
    assert {e["kind"] for e in out["errors"]} == {"recall_miss", "false_positive"}


def test_no_stated_toll_counts_as_zero():
    gold = dict(GOLD["events"][0], fatalities=None)
    assert devcorpus.fatalities_ok(gold, {"fatalities": None})
    assert devcorpus.fatalities_ok(gold, {"fatalities": {"best": 0}})
    assert not devcorpus.fatalities_ok(gold, {"fatalities": {"best": 3}})


def test_spans_are_re_anchored_when_offsets_shift():
    shifted = "Headline\n" + TEXT
    assert devcorpus.anchor(shifted, span("killed")) == (TEXT.index("killed") + 9, TEXT.index("killed") + 15)
    assert devcorpus.anchor("nothing here", span("killed")) is None


def test_background_records_are_not_counted_against_precision():
    flagged = record("Monday", "Battles", "Armed clash", background=True)
    out = devcorpus.score_document(GOLD, TEXT, [flagged])
    assert out["fp"] == 0


def test_an_event_extracted_twice_is_a_duplicate():
    first = record("killed", "Violence against civilians", "Attack", 5)
    again = record("Monday", "Violence against civilians", "Attack")
    out = devcorpus.score_document(GOLD, TEXT, [first, again])
    assert out["tp"] == 1 and out["fp"] == 1
    assert [e["kind"] for e in out["errors"] if e["kind"] in ("duplicate", "false_positive")] == ["duplicate"]


def test_a_sub_type_the_annotator_also_accepts_widens_the_type_family():
    communal = dict(GOLD["events"][0], event_type="Riots", sub_event_type="Mob violence", sub_event_type_any=["Armed clash"])
    doc = dict(GOLD, events=[communal])
    out = devcorpus.score_document(doc, TEXT, [record("killed", "Battles", "Armed clash", 5)])
    assert out["tp"] == 1 and out["tallies"]["type"] == [True] and out["tallies"]["sub"] == [True]
    out = devcorpus.score_document(doc, TEXT, [record("killed", "Explosions/Remote violence", "Grenade", 5)])
    assert out["tp"] == 1 and out["tallies"]["type"] == [False]


def test_eval_lang_reaches_the_devcorpus_scorer_and_only_it(monkeypatch):
    import pytest

    from eventatlas.errors import BadOption
    from eventatlas.eval import run_eval
    seen = {}
    monkeypatch.setattr(devcorpus, "score", lambda **kw: seen.update(kw) or {"dataset": "devcorpus", "n": 0, "metrics": {}})
    run_eval("devcorpus", lang="fr", split="dev")
    assert seen["lang"] == "fr"
    with pytest.raises(BadOption):
        run_eval("golden", lang="fr")
