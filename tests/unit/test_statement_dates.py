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


def test_a_night_over_two_days_is_one_date():
    import datetime as dt

    from eventatlas.nlp.dates import find_date_expressions, resolve
    for text, lang in (("L'attaque a eu lieu dans la nuit de lundi à mardi.", "fr"),
                       ("Au moins 13 personnes ont été tuées dans la nuit du lundi au mardi.", "fr"),
                       ("The raid took place overnight Monday into Tuesday.", "en")):
        whens = [resolve(e, dt.date(2022, 1, 26), None) for e in find_date_expressions(text, lang)
                 if e.kind == "weekday"]
        assert [(w.start, w.end, w.precision) for w in whens] == [(dt.date(2022, 1, 24), dt.date(2022, 1, 25), 1)]
    # two days that are no night stay two dates
    exprs = find_date_expressions("He travelled from Monday to Friday.", "en")
    assert [e.width for e in exprs] == [0, 0]


def test_a_night_and_one_of_its_days_tell_one_happening():
    text = ("Une attaque attribuée aux rebelles a visé mardi une position de l'armée dans l'est du pays, faisant une "
            "vingtaine de morts parmi les militaires, selon des sources locales. L'attaque a eu lieu dans la nuit de "
            "lundi à mardi contre une position de l'armée située à Nyesisi, dans le territoire de Rutshuru.")
    events = _events(text, "fr", "2022-01-26")
    assert len(events) == 1, [(e["trigger"]["text"], e["date"]) for e in events]
    assert (events[0].get("location") or {}).get("name") == "Nyesisi"


def test_the_writers_pluperfect_days_before_is_a_recalled_happening():
    fr = ("Une attaque a tué neuf militaires mercredi près de Bandiagara, a indiqué l'armée. Le 28 septembre, cinq "
          "gendarmes qui escortaient un convoi avaient péri dans une attaque entre Sébabougou et Kwala.")
    en = ("Gunmen killed nine soldiers near Bandiagara on Wednesday, the army said. On September 28, five gendarmes "
          "escorting a convoy had been killed in an ambush between Sebabougou and Kwala.")
    for text, lang in ((fr, "fr"), (en, "en")):
        events = sorted(_events(text, lang, "2021-10-07"), key=lambda e: e["date"]["start"])
        assert [e["background"] for e in events] == [True, False], [(e["trigger"]["text"], e["why"]) for e in events]
        assert events[0]["date"]["start"] == "2021-09-28"


def test_a_backshifted_pluperfect_of_the_news_stays_news():
    # reported speech puts the day's news in the pluperfect ("said ... had been killed"): not a recall
    text = ("The army said on Thursday that five soldiers had been killed in an ambush near Kwala on "
            "Wednesday.")
    events = _events(text, "en", "2021-10-07")
    assert events and not any(e["background"] for e in events)


def test_a_lede_without_a_date_dated_by_the_next_sentence_is_one_happening():
    text = ("A suicide bombing killed at least nine soldiers in Diyala province. On Monday morning, a bomber "
            "detonated a truck bomb at a checkpoint, police said.")
    events = _events(text, "en", "2011-03-15")
    assert len(events) == 1, [(e["trigger"]["text"], e["date"]) for e in events]
    assert events[0]["date"]["start"] == "2011-03-14"
    # a dated cluster is another story: the next day's bombing stays apart
    text = ("A suicide bombing killed at least nine soldiers in Diyala province on Sunday. On Monday morning, a "
            "bomber detonated a truck bomb at a checkpoint, police said.")
    assert len(_events(text, "en", "2011-03-15")) == 2


def test_the_claims_day_and_the_same_day_retold_keep_one_happening():
    text = ("Ce vendredi 15 octobre, dans le centre de la ville de Kandahar, un attentat-suicide dans une mosquée chiite "
            "a tué des dizaines de personnes. L'attentat a été revendiqué aujourd'hui par l'EIK.\n\n"
            "Au moment de l'attentat, vendredi, la prière était en cours dans le bâtiment. Selon les témoignages, deux "
            "kamikazes auraient pénétré dans la mosquée après avoir tiré sur les gardes.")
    events = _events(text, "fr", "2021-10-16")
    assert len(events) == 1, [(e["trigger"]["text"], e["date"]) for e in events]
    assert events[0]["date"]["start"] == "2021-10-15" and events[0]["certainty"] == "claimed"


def test_only_the_ledes_undated_happening_takes_the_date_of_the_next_sentence():
    text = ("Une attaque a visé mercredi un convoi de l'armée près de Koro, dans le centre du Mali, faisant 16 morts. "
            "L'état-major a affirmé que les militaires avaient poursuivi les assaillants. Les soldats ont riposté. "
            "Les militaires ont ensuite tué 15 membres de groupes armés. Il s'agit de l'attaque la plus meurtrière "
            "contre l'armée depuis celle contre un convoi le 19 août près de Douentza.")
    records = [r for r in extract_records(text, published="2021-10-07", lang="fr") if r.get("event_type")]
    tolls = {(r["date"]["start"], (r.get("fatalities") or {}).get("best")) for r in records}
    assert ("2021-08-19", 15) not in tolls, tolls
