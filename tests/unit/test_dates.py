"""eventatlas.nlp.dates: date expressions found in plain text and resolved to calendar dates.

Absolute dates stand alone; relative ones ("hier", "two days ago", "mardi dernier") resolve
against the publication date; narrative ones ("la veille", "the day before", "le lendemain")
against the date the story has reached (nlp.analyse.resolve_dates walks the text in order).
Each result keeps its span and the rule that produced it.
"""
from __future__ import annotations

import datetime as dt

import pytest

from eventatlas.nlp.analyse import resolve_dates
from eventatlas.nlp.dates import find_date_expressions, infer_published, resolve

D = dt.date
THURSDAY = D(2024, 3, 14)  # publication date used below: Thursday 14 March 2024


def dates_in(text: str, lang: str, published: dt.date = THURSDAY) -> dict[str, object]:
    """{span text: When or None} for every expression, resolved as the extractor does."""
    out = {}
    for expr, when in resolve_dates(find_date_expressions(text, lang), published):
        assert text[expr.span.start_char:expr.span.end_char] == expr.span.text
        out[expr.span.text] = when
    return out


def day_of(text: str, lang: str, published: dt.date = THURSDAY) -> dt.date:
    (when,) = dates_in(text, lang, published).values()
    assert when is not None and when.start == when.end, when
    return when.start


# --- absolute dates ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("L'attaque a eu lieu le 3 mars 2024 à l'aube.", D(2024, 3, 3)),
    ("Les combats ont repris le 1er août 2023.", D(2023, 8, 1)),
    ("Le convoi a été visé le 12 février 2024.", D(2024, 2, 12)),
])
def test_french_absolute_dates(text, expected):
    (when,) = dates_in(text, "fr").values()
    assert (when.start, when.end, when.precision) == (expected, expected, 1)
    assert when.rule == "explicit date"


@pytest.mark.parametrize("text, expected", [
    ("The attack took place on March 3, 2024.", D(2024, 3, 3)),
    ("Fighting resumed on 1st August 2023.", D(2023, 8, 1)),
    ("The convoy was hit on Feb. 12, 2024, officials said.", D(2024, 2, 12)),
])
def test_english_absolute_dates(text, expected):
    (when,) = dates_in(text, "en").values()
    assert (when.start, when.end, when.precision) == (expected, expected, 1)


def test_day_and_month_take_the_year_of_the_publication_date():
    assert day_of("Le 12 mars, des hommes armés ont attaqué le village.", "fr") == D(2024, 3, 12)
    # A December date in a January article is last year's.
    assert day_of("On December 28, gunmen raided the market.", "en", D(2024, 1, 5)) == D(2023, 12, 28)


def test_a_month_and_year_is_a_month_long_range_with_precision_3():
    (when,) = dates_in("Les violences de janvier 2024 ont fait des dizaines de morts.", "fr").values()
    assert (when.start, when.end, when.precision) == (D(2024, 1, 1), D(2024, 1, 31), 3)


def test_the_thirty_first_of_february_is_no_date():
    text = "Selon le communiqué, l'attaque a eu lieu le 31 février 2024."
    (expr,) = find_date_expressions(text, "fr")
    assert expr.span.text == "le 31 février 2024"
    assert resolve(expr, THURSDAY, None) is None  # dropped, not guessed


def test_the_thirty_first_of_february_without_year_is_no_date():
    (when,) = dates_in("L'attaque du 31 février a été démentie.", "fr").values()
    assert when is None


# --- the weekday pins the year ----------------------------------------------------------------

def test_jeudi_29_juillet_without_publication_date_pins_2021():
    # 29 July fell on a Thursday in 2021 (and not again until 2027).
    exprs = find_date_expressions("Jeudi 29 juillet, un hélicoptère militaire a été abattu.", "fr")
    published, why = infer_published(exprs, today=D(2025, 6, 1))
    assert published == D(2021, 7, 29)
    assert "weekday" in why


def test_jeudi_29_juillet_pins_2021_against_the_real_today():
    exprs = find_date_expressions("Jeudi 29 juillet, un hélicoptère militaire a été abattu.", "fr")
    assert infer_published(exprs)[0] == D(2021, 7, 29)


def test_an_explicit_year_wins_over_the_weekday():
    exprs = find_date_expressions("Le 2 août 2022, puis jeudi 29 juillet...", "fr")
    published, why = infer_published(exprs, today=D(2025, 6, 1))
    assert published == D(2022, 8, 2) and "explicit year" in why


def test_no_explicit_date_means_no_inferred_publication_date():
    assert infer_published(find_date_expressions("Hier, des tirs ont été entendus.", "fr"))[0] is None


def test_a_weekday_that_contradicts_the_date_is_flagged_and_lowers_precision_to_the_week():
    # 29 July 2021 was a Thursday, not a Tuesday.
    (when,) = dates_in("Mardi 29 juillet 2021, des tirs ont visé la base.", "fr").values()
    assert when.start == D(2021, 7, 29)
    assert when.flags == ("weekday_mismatch",) and when.precision == 2
    assert "weekday contradicts" in when.rule


def test_a_weekday_that_agrees_with_the_date_is_not_flagged():
    (when,) = dates_in("On Thursday, July 29, 2021, rockets hit the base.", "en").values()
    assert when.flags == () and when.precision == 1


# --- relative to the publication date (Thursday 14 March 2024) --------------------------------

@pytest.mark.parametrize("text, lang, expected", [
    ("Hier, des tirs ont visé un poste de police.", "fr", D(2024, 3, 13)),
    ("Hier soir, des tirs ont visé un poste de police.", "fr", D(2024, 3, 13)),
    ("Avant-hier, des tirs ont visé un poste de police.", "fr", D(2024, 3, 12)),
    ("Il y a trois jours, des tirs ont visé un poste de police.", "fr", D(2024, 3, 11)),
    ("Des tirs ont visé un poste de police il y a 5 jours.", "fr", D(2024, 3, 9)),
    ("Gunmen attacked a police post yesterday.", "en", D(2024, 3, 13)),
    ("Gunmen attacked a police post the day before yesterday.", "en", D(2024, 3, 12)),
    ("Gunmen attacked a police post two days ago.", "en", D(2024, 3, 12)),
    ("Aujourd'hui, la ville est calme.", "fr", D(2024, 3, 14)),
])
def test_relative_days(text, lang, expected):
    assert day_of(text, lang) == expected


def test_last_week_is_the_seven_days_before_with_week_precision():
    for text, lang in (("Gunmen attacked the village last week.", "en"),
                       ("Des hommes armés ont attaqué le village la semaine dernière.", "fr")):
        (when,) = dates_in(text, lang).values()
        assert (when.start, when.end, when.precision) == (D(2024, 3, 7), D(2024, 3, 13), 2)


@pytest.mark.parametrize("text, lang, expected", [
    ("Des hommes armés ont attaqué le village mardi dernier.", "fr", D(2024, 3, 12)),
    ("Des hommes armés ont attaqué le village mardi.", "fr", D(2024, 3, 12)),
    ("Gunmen attacked the village on Tuesday.", "en", D(2024, 3, 12)),
    ("Gunmen attacked the village last Tuesday.", "en", D(2024, 3, 12)),
    ("Gunmen attacked the village on Friday.", "en", D(2024, 3, 8)),
])
def test_weekday_names_are_the_latest_such_day_before_publication(text, lang, expected):
    assert day_of(text, lang) == expected


def test_a_weekday_on_the_publication_day_is_that_day_but_last_thursday_is_a_week_earlier():
    assert day_of("Gunmen attacked the village on Thursday.", "en") == THURSDAY
    assert day_of("Gunmen attacked the village last Thursday.", "en") == D(2024, 3, 7)
    assert day_of("Des hommes armés ont attaqué le village jeudi dernier.", "fr") == D(2024, 3, 7)


def test_relative_dates_say_what_they_were_resolved_against():
    (when,) = dates_in("Hier, des tirs ont visé un poste.", "fr").values()
    assert when.rule == "relative to the publication date (2024-03-14)"


# --- relative to the story date -------------------------------------------------------------------

def test_la_veille_is_the_day_before_the_date_the_story_is_at():
    found = dates_in("Le 10 mars, l'armée a repris la ville. La veille, des combats avaient éclaté.", "fr")
    assert found["La veille"].start == D(2024, 3, 9)
    assert "narrative" in found["La veille"].rule


def test_the_day_before_in_english():
    found = dates_in("On March 10, the army retook the town. The day before, clashes had broken out.", "en")
    assert found["The day before"].start == D(2024, 3, 9)


def test_le_lendemain_is_the_day_after_the_story_date():
    found = dates_in("Le 10 mars, l'armée a repris la ville. Le lendemain, des renforts sont arrivés.", "fr")
    assert found["Le lendemain"].start == D(2024, 3, 11)


def test_the_story_date_follows_the_text():
    text = ("Le 2 mars, un convoi a été attaqué ; le lendemain, un autre. "
            "Le 10 mars, l'armée a riposté ; le lendemain, elle s'est retirée.")
    resolved = resolve_dates(find_date_expressions(text, "fr"), THURSDAY)
    assert [w.start for _, w in resolved] == [D(2024, 3, 2), D(2024, 3, 3), D(2024, 3, 10), D(2024, 3, 11)]


def test_without_a_story_date_la_veille_falls_back_to_the_publication_date():
    (when,) = dates_in("La veille, des combats avaient éclaté.", "fr").values()
    assert when.start == D(2024, 3, 13)
    assert "publication date" in when.rule


# --- number words and coming weekdays ---------------------------------------------------------------

@pytest.mark.parametrize("text, lang, expected", [
    ("Il y a douze jours, des tirs ont visé un poste de police.", "fr", D(2024, 3, 2)),
    ("Gunmen attacked a police post twelve days ago.", "en", D(2024, 3, 2)),
])
def test_number_words_above_ten_in_ago_expressions(text, lang, expected):
    assert day_of(text, lang) == expected


@pytest.mark.parametrize("text, lang", [
    ("Une marche est prévue vendredi prochain à Bamako.", "fr"),
    ("A march is planned for next Tuesday in Bamako.", "en"),
])
def test_a_coming_weekday_is_never_resolved_to_a_past_date(text, lang):
    for when in dates_in(text, lang).values():
        assert when is None or when.start > THURSDAY
