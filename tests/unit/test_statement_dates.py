"""A date hanging off the reporting verb ("a resident said on Friday", "ont affirmé ce vendredi un habitant")
dates the statement: the act was on or before that day. Another sentence giving the act's own day tells the
same happening, and its day is the event's (assemble._dates_agree)."""
from eventatlas.eval.common import extract_records


def _events(text: str, lang: str, published: str) -> list[dict]:
    return [r for r in extract_records(text, published=published, lang=lang) if r.get("event_type")]


def test_the_statement_day_gives_way_to_the_act_day_en():
    text = ("Fourteen people were killed in an attack on a village in Borno State, a resident said on Friday. "
            "Gunmen stormed the village of Kamuya late on Thursday, shooting residents and burning the whole village.")
    events = _events(text, "en", "2015-01-10")
    assert len(events) == 1, [(e["trigger"]["text"], e["date"]) for e in events]
    assert events[0]["date"]["start"] == "2015-01-08"


def test_the_statement_day_gives_way_to_the_act_day_fr():
    text = ("Quatorze personnes ont été tuées dans une attaque contre un village du nord-est du Nigeria, ont affirmé "
            "ce vendredi un habitant et un garde civil. Selon eux, des hommes armés ont investi tard jeudi soir le "
            "village de Kamuya, dans l'Etat de Borno, mitraillant les habitants, et ils ont incendié la localité.")
    events = _events(text, "fr", "2015-01-10")
    assert len(events) == 1, [(e["trigger"]["text"], e["date"]) for e in events]
    assert events[0]["date"]["start"] == "2015-01-08"


def test_a_statement_day_before_the_act_is_another_happening():
    # the telling cannot precede the act: an attack told on Monday is not the one of Wednesday
    text = ("Gunmen killed four farmers near Gwoza, police said on Monday. On Wednesday, gunmen killed "
            "six traders near Bama.")
    assert len(_events(text, "en", "2015-01-08")) == 2
