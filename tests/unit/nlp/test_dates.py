"""The date tables of the profiles: names with or without accents, abbreviations, weekdays."""
from __future__ import annotations

import pytest

from eventatlas.nlp.dates import find_date_expressions


@pytest.mark.parametrize("lang,text,month,day", [
    ("fr", "le 3 février", 2, 3),
    ("fr", "le 3 fevrier", 2, 3),
    ("fr", "le 1er août 2021", 8, 1),
    ("en", "on Sept. 5", 9, 5),
    ("en", "the 3rd of February 2021", 2, 3),
])
def test_calendar_dates(lang, text, month, day):
    (expr,) = find_date_expressions(text, lang)
    assert (expr.kind, expr.month, expr.day) == ("day", month, day)


@pytest.mark.parametrize("lang,text,mode", [
    ("fr", "lundi dernier", "last"),
    ("en", "last Monday", "last"),
    ("fr", "lundi prochain", "next"),
    ("en", "next Monday", "next"),
])
def test_weekdays(lang, text, mode):
    (expr,) = find_date_expressions(text, lang)
    assert (expr.kind, expr.weekday, expr.weekday_mode) == ("weekday", 0, mode)


@pytest.mark.parametrize("lang,text,offset", [
    ("fr", "il y a trois semaines", -21),
    ("en", "three weeks ago", -21),
    ("fr", "il y a deux jours", -2),
    ("en", "two days ago", -2),
])
def test_ago(lang, text, offset):
    (expr,) = find_date_expressions(text, lang)
    assert (expr.kind, expr.offset) == ("ago", offset)


def test_a_language_reads_only_its_own_names():
    assert find_date_expressions("le 3 février", "en") == []
    assert find_date_expressions("on February 3", "fr") == []
