"""The date resolver and the number parser on random input: spans inside the text, never an exception."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventatlas.nlp.dates import find_date_expressions, resolve
from eventatlas.nlp.numbers import find_quantities

from .support import crashed, examples, tried

DATE_WORDS = {
    "fr": ["le", "31", "30", "29", "1er", "premier", "0", "99", "février", "fevrier", "janvier", "décembre", "mai",
           "2023", "1999", "2099", "lundi", "dimanche", "dernier", "prochain", "hier", "avant-hier", "la", "veille",
           "lendemain", "il", "y", "a", "jours", "semaines", "trois", "quinze", "vingt-cinq", "mille", "mois",
           "dernier", "soir", "matin", "Goma", ",", ".", "\n", "é", "l'avant-veille", "cette", "nuit"],
    "en": ["on", "the", "31st", "30", "29", "0", "99", "February", "Feb.", "May", "march", "2023", "1999", "2099",
           "Monday", "last", "next", "this", "coming", "yesterday", "day", "before", "after", "ago", "days", "weeks",
           "three", "twelve", "twenty-one", "hundred", "of", "month", "morning", "Kirkuk", ",", ".", "\n",
           "overnight", "following", "same", "later", "that", "week"],
}


def _resolve_all(text: str, lang: str, published: dt.date):
    exprs = find_date_expressions(text, lang)
    story = None
    for e in exprs:
        assert 0 <= e.span.start_char < e.span.end_char <= len(text)
        assert text[e.span.start_char:e.span.end_char] == e.span.text
        w = resolve(e, published, story)
        if w is not None:
            assert w.start <= w.end and w.span == e.span
            if w.precision == 1:
                story = w.start
    return exprs


PUBLISHED = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31))


@examples(300)
@given(data=st.data(), lang=st.sampled_from(["fr", "en"]), published=PUBLISHED)
def test_dates_in_random_word_salad(data, lang, published):
    words = data.draw(st.lists(st.sampled_from(DATE_WORDS[lang]), max_size=25))
    tried()
    _resolve_all(" ".join(words), lang, published)


@examples(200)
@given(text=st.text(max_size=200), lang=st.sampled_from(["fr", "en"]), published=PUBLISHED)
def test_dates_in_random_text(text, lang, published):
    tried()
    _resolve_all(text, lang, published)


def test_impossible_dates_are_dropped_not_guessed():
    pub = dt.date(2023, 3, 5)
    for text, lang in (("le 31 février", "fr"), ("le 30 fevrier 2024", "fr"), ("February 30, 2023", "en"),
                       ("le 31 avril", "fr"), ("on 0 May", "en")):
        tried()
        assert all(resolve(e, pub, None) is None for e in find_date_expressions(text, lang) if e.kind == "day"), text


@pytest.mark.parametrize("text,lang", [("il y a 99999999999 jours", "fr"), ("99999999999 days ago", "en")])
def test_a_huge_ago_count_is_dropped(text, lang):
    tried()
    try:
        _resolve_all(text, lang, dt.date(2023, 1, 1))
    except OverflowError:
        crashed()
        raise


# --- numbers ---------------------------------------------------------------------------------------

NUMBER_WORDS = {
    "fr": ["des", "milliers", "centaines", "dizaine", "une", "un", "plusieurs", "au", "moins", "près", "de", "entre",
           "et", "à", "-", "trois", "vingt", "cinq", "vingt-cinq", "mille", "cent", "12", "1 000", "2,5", "10", "15",
           "2023", "mai", "morts", "blessés", "personnes", "²", "٣", "1e9", "99999999999999999999", "quelques"],
    "en": ["dozens", "hundreds", "thousands", "a", "dozen", "several", "at", "least", "nearly", "up", "to",
           "between", "and", "-", "three", "twenty", "five", "twenty-five", "thousand", "hundred", "12", "1,000",
           "2.5", "10", "15", "2023", "May", "killed", "wounded", "people", "²", "٣", "1e9", "99999999999999999999",
           "some", "almost"],
}


@lru_cache(maxsize=2)
def _nlp(lang):
    from eventatlas.nlp.lexicon import load_lexicon
    from eventatlas.nlp.pipeline import load_model
    return load_model(lang), load_lexicon(lang)


@examples(200)
@given(data=st.data(), lang=st.sampled_from(["fr", "en"]))
def test_quantities_in_random_token_sequences(data, lang):
    words = data.draw(st.lists(st.sampled_from(NUMBER_WORDS[lang]), max_size=20))
    nlp, lex = _nlp(lang)
    doc = nlp(" ".join(words))
    tried()
    for q in find_quantities(doc, lex):
        assert 0 <= q.start <= q.head < q.end <= len(doc), q
        values = [v for v in (q.low, q.best, q.high) if v is not None]
        assert values == sorted(values) and all(v >= 0 for v in values), q


@pytest.mark.parametrize("text,lang,low", [("des milliers de manifestants", "fr", 2000),
                                           ("thousands of protesters", "en", 2000),
                                           ("une dizaine de morts", "fr", 8)])
def test_approximate_quantities(text, lang, low):
    nlp, lex = _nlp(lang)
    tried()
    qs = find_quantities(nlp(text), lex)
    assert qs and qs[0].low == low
