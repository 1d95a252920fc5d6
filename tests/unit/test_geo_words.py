"""Geography words are language data: nlp/geo/ holds no word list in Python, and each language's
geo words live in its profile (``nlp/languages/<code>/geo.json``), with no fallback to another."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

GEO = Path(__file__).resolve().parents[2] / "src" / "eventatlas" / "nlp" / "geo"
_WORD = re.compile(r"[^\W\d_]{2,}")
_ALTERNATION = re.compile(r"(?:[^\W\d_]{2,}[ ]?)+(?:\|(?:[^\W\d_]{2,}[ ]?)+){2,}")


def _word_lists(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            words = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
                     and _WORD.fullmatch(e.value) and not e.value.isupper()]  # NER labels are not words
            if len(words) >= 3:
                yield node.lineno, words
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _ALTERNATION.search(node.value):
            yield node.lineno, [_ALTERNATION.search(node.value).group()]


def test_the_checker_sees_word_lists():
    found = list(_word_lists(ast.parse('X = ("near", "outside", "around")\nY = r"(north|south|east) of"')))
    assert [line for line, _ in found] == [1, 2]


@pytest.mark.parametrize("path", sorted(GEO.glob("*.py")), ids=lambda p: p.name)
def test_no_word_list_in_python(path):
    found = list(_word_lists(ast.parse(path.read_text(encoding="utf-8"))))
    assert not found, f"{path.name}: word lists belong in the language profile or nlp/geo/data: {found}"


def test_no_language_files_in_geo_data():
    assert not [p.name for p in (GEO / "data").glob("*_en.json")] + [p.name for p in (GEO / "data").glob("*_fr.json")]


def test_geo_words_come_from_the_profile(tmp_path, monkeypatch):
    from eventatlas.nlp import languages
    from eventatlas.nlp.geo.cues import cues_for
    from eventatlas.nlp.geo.sources import geo_words

    assert "near" in geo_words("fr") and "près de" in geo_words("fr")["near"]
    # A profile without geo.json has no geo words: no silent English fallback.
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "profile.json").write_text('{"spacy_model": "xx_ent_wiki_sm", "version": 1}')
    monkeypatch.setenv("EVENTATLAS_LANGUAGE_PATH", str(tmp_path))
    languages._profiles.cache_clear()
    cues_for.cache_clear()
    try:
        cues = cues_for("xx")
        assert cues.near == () and not cues.admin1 and not cues.not_places and not cues.articles
    finally:
        cues_for.cache_clear()
        languages._profiles.cache_clear()


def test_demonym_endings_from_the_profile():
    from eventatlas.nlp.geo.countries import country_of

    assert country_of("irakiennes", "fr") == ("IQ", "Iraq")
    assert country_of("Iraqis", "en") == ("IQ", "Iraq")
