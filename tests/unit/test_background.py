"""Events an article only recalls from before its news are records of their own, flagged
``background``, with their own dates; they never merge with the news of the day (DESIGN.md)."""
from __future__ import annotations

import json

from eventatlas import cli
from eventatlas.dedup import link, mention_of

ENGLISH = ("KABUL, May 3 - A suicide bomber killed at least twelve people at a market in Kabul on Tuesday, police "
           "said. The attack recalled the bombing of 12 March 2009 in the same district, which killed 30 people.\n")
FRENCH = ("Au moins douze personnes ont été tuées mardi dans un attentat-suicide sur un marché de Kaboul, selon la "
          "police. En mars 2009, un attentat dans le même quartier avait fait 30 morts.\n")


def _events(capsys, write, text: str) -> list[dict]:
    cli.main(["extract", str(write("a.txt", text)), "--published", "2024-05-03"])
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if json.loads(line)["event_type"]]


def test_a_recalled_attack_is_background_and_the_news_is_not(capsys, write):
    for text in (ENGLISH, FRENCH):
        events = _events(capsys, write, text)
        news = [e for e in events if not e["background"]]
        recalled = [e for e in events if e["background"]]
        assert [e["date"]["start"][:4] for e in news] == ["2024"], text
        assert recalled and all(e["date"]["start"].startswith("2009") for e in recalled), text


def test_an_event_dated_by_the_publication_date_alone_is_news(capsys, write):
    events = _events(capsys, write, "Gunmen attacked an army post near Douentza, killing four soldiers.\n")
    assert events and not any(e["background"] for e in events)


def test_background_never_merges_with_the_news(capsys, write):
    events = _events(capsys, write, ENGLISH)
    news = next(e for e in events if not e["background"])
    twin = dict(news, id="other", background=True, document=dict(news["document"], id="other-doc"))
    decided = link(mention_of(news), mention_of(twin))
    assert not decided.ok and decided.code == "background"
