"""Precision on real news (issue 16). A happening told again later in an article by a definite noun ("the bombing", "Saturday's attack") is
one record with the first telling (assemble.fold_retold), and its why says so; another happening of the
same kind ("another bombing", "the bombing in <another province>") stays its own record. A near miss
("was nearly downed") is no event; deaths whose named author is an accident ("a train derailment kills")
are no hostile act."""
from eventatlas.eval.common import extract_records

LEDE = ("A suicide bomber blew himself up at a police checkpoint in Kandahar on Monday, killing six officers, "
        "provincial officials said.\n\nThe Taliban claimed responsibility in a statement.\n\n"
        "Security has been tightened across the south. Traffic was slow in the city on Tuesday as shops reopened.\n\n")


def _events(text: str) -> list[dict]:
    return [r for r in extract_records(text, published="2024-03-05", lang="en") if r.get("event_type")]


def test_a_retelling_is_evidence_of_the_first_telling():
    text = LEDE + "The governor of Helmand said in Lashkar Gah that the bombing showed the need for more checkpoints."
    events = _events(text)
    assert len(events) == 1
    (e,) = events
    assert e["trigger"]["text"] == "suicide bomber"
    assert (e.get("location") or {}).get("name", "").startswith("Kandah")
    assert any(w.startswith("told again: 'bombing'") for w in e["why"]), e["why"]
    assert text.index("the bombing") + 4 in {s["start_char"] for s in e["evidence"]}


def test_another_happening_of_the_same_kind_stays_apart():
    assert len(_events(LEDE + "Another bombing in Lashkar Gah wounded two soldiers, the governor of Helmand said.")) == 2
    assert len(_events(LEDE + "The governor said that the bombing in Lashkar Gah had wounded two soldiers.")) == 2


def test_a_near_miss_is_no_event_but_a_toll_near_a_figure_is():
    assert _events("An army helicopter was nearly downed by militants near Kandahar on Monday, officials said.") == []
    assert len(_events("Nearly 20 people were killed when militants attacked a checkpoint in Kandahar on Monday.")) == 1


def test_an_accident_named_as_the_author_is_no_hostile_act():
    text = "An Indian Railways train derailment near Gulbarga in Karnataka state kills at least two people with several others injured."
    assert _events(text) == []


def test_a_retelling_told_on_another_day_is_still_the_first_telling():
    # the date dates the statement, not the bombing: "on Wednesday" is no date of the retelling's own
    text = LEDE + "On Wednesday the governor of Kandahar said that the bombing showed the need for more checkpoints."
    events = _events(text)
    assert len(events) == 1, [(e["trigger"]["text"], e["date"]["start"]) for e in events]
    assert events[0]["date"]["start"] == "2024-03-04"
    # a date in the retelling's own phrase is its own: "Wednesday's bombing" is another day's
    assert len(_events(LEDE + "The governor of Kandahar said that Wednesday's bombing showed the need for more checkpoints.")) == 2


def test_a_retelling_placed_in_another_town_is_another_happening():
    text = LEDE + "The Lashkar Gah bombing had also targeted police, the governor said in Kandahar."
    assert len(_events(text)) == 2


def test_a_claim_made_after_a_retelling_is_no_claim_of_the_act():
    text = LEDE.replace("The Taliban claimed responsibility in a statement.", "The city was calm on Tuesday.") + \
        "A local group condemned the bombing, claiming that the checkpoint had been built on its land."
    (e,) = _events(text)
    assert e["certainty"] == "reported", (e["certainty"], e["attribution"])


def test_a_happening_named_before_it_is_told_is_the_later_telling():
    text = ("A court in Boston convicted a man on Monday of hiding evidence about the marathon bombing.\n\n"
            "Prosecutors said he threw away a backpack. His lawyer said he would appeal.\n\n"
            "Twin bombs exploded near the finish line of the race on 15 April 2013, killing three people.")
    events = _events(text)
    assert len(events) == 1, [e["trigger"]["text"] for e in events]
    (e,) = events
    assert e["trigger"]["text"] in ("bombs", "exploded") and e["background"] is True
    assert any(w.startswith("told before: 'bombing'") for w in e["why"]), e["why"]


def test_a_campaign_name_is_no_happening():
    assert _events("Battle of Kunduz The coalition sends more advisers to help Afghan forces.") == []
    assert len(_events("Battle raged in Kunduz on Monday between troops and Taliban fighters, killing 12.")) == 1


def test_stun_grenades_are_crowd_control_not_explosions():
    events = _events("Police dispersed protesters with tear gas and stun grenades in Jerusalem on Monday.")
    assert events and all(e["event_type"] != "Explosions/Remote violence" for e in events)


def test_a_kind_of_protest_under_a_hedge_is_no_dispatch_happening():
    assert _events("An opposition leader is sentenced to ten years in prison for allegedly inciting violence at "
                   "anti-government rallies.") == []
    assert len(_events("Protests over the new constitution.")) == 1


def test_time_words_beside_a_noun_trigger_make_it_recalled():
    text = ("A court sentences five militants to death for bombing attacks nine years ago on commuter trains "
            "in Mumbai that killed 188 people.")
    events = [r for r in extract_records(text, published="2015-09-30", lang="en") if r.get("event_type")]
    assert events and all(e["background"] for e in events), [(e["trigger"]["text"], e["background"]) for e in events]
