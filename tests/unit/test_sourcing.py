"""Claims, reports and denials told in another sentence than the event they are about (issue 16,
TAXONOMY.md: "A claim of responsibility anywhere in the article makes the event claimed")."""
from __future__ import annotations

import json

import pytest

from eventatlas import cli


def _events(capsys, write, text: str) -> list[dict]:
    cli.main(["extract", str(write("a.txt", text)), "--published", "2024-03-10"])
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if json.loads(line)["event_type"]]


@pytest.mark.parametrize("text,claimant", [
    ("A car bomb killed four people at a bus station in Mogadishu on Saturday. Police cordoned off the area. "
     "The Shabaab claimed the attack on Sunday in a statement.\n", "Shabaab"),
    ("Une voiture piégée a tué quatre personnes samedi dans une gare routière de Mogadiscio. Le groupe État "
     "islamique a revendiqué l'attentat dimanche dans un communiqué.\n", "groupe État islamique"),
])
def test_a_later_claim_of_the_attack_makes_one_claimed_event(capsys, write, text, claimant):
    events = _events(capsys, write, text)
    assert len(events) == 1, [e["trigger"] for e in events]
    event = events[0]
    assert event["certainty"] == "claimed" and event["attribution"]["source"] == claimant
    assert event["fatalities"]["best"] == 4
    span = event["attribution"]
    assert text[span["start_char"]:span["end_char"]] == span["text"] and claimant in span["text"]
    assert any(a["role"] == "claimant" for a in event["actors"])


def test_a_claim_of_other_attacks_told_beside_leaves_the_event_as_told(capsys, write):
    text = ("Samedi, un attentat-suicide a fait quinze morts devant une église de Kano. "
            "Plusieurs attaques contre des fidèles, revendiquées par le groupe Ansaru, ont eu lieu ces derniers mois "
            "dans la région.\n")
    events = _events(capsys, write, text)
    suicide = next(e for e in events if e["trigger"]["text"] == "attentat-suicide")
    assert suicide["certainty"] == "asserted"


def test_a_conditional_lede_is_alleged_and_a_source_close_to_the_inquiry_too(capsys, write):
    for text in ("Un convoi militaire aurait été visé par un engin explosif samedi près de Gao.\n",
                 "Selon une source proche de l'enquête, des hommes armés ont tué quatre civils samedi près de Gao.\n"):
        events = _events(capsys, write, text)
        assert [e["certainty"] for e in events] == ["alleged"], text


def test_a_denial_naming_the_deniers_city_still_contests_the_event(capsys, write):
    text = ("De violents combats ont opposé vendredi l'armée et des déserteurs dans la ville de Homs. Selon "
            "l'Observatoire syrien des droits de l'homme, au moins 25 personnes ont été tuées.\n"
            "Le régime de Damas a démenti ces informations.\n")
    events = _events(capsys, write, text)
    assert len(events) == 1
    event = events[0]
    assert event["certainty"] == "alleged"
    assert event["attribution"]["source"] == "Observatoire syrien des droits de l'homme"
    assert event["field_attribution"]["denial"]["source"] == "régime de Damas"


def test_a_source_for_a_detail_told_later_goes_to_that_fields_attribution(capsys, write):
    text = ("A car bomb killed four people at a bus station in Mogadishu on Saturday, police said. Police cordoned off "
            "the area. Ten people were wounded, the ministry said.\n")
    event = _events(capsys, write, text)[0]
    assert (event["certainty"], event["attribution"]["source"]) == ("reported", "police")
    assert event["field_attribution"]["injuries"]["source"] == "ministry"
