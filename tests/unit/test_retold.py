"""A happening told again later in an article by a definite noun ("the bombing", "Saturday's attack") is
one record with the first telling (assemble.fold_retold), and its why says so; another happening of the
same kind ("another bombing", "the bombing in <another province>") stays its own record."""
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
