"""Stage tests parse short French and English sentences with the real spaCy pipelines."""
from __future__ import annotations

import pytest

from eventatlas.nlp.lexicon import load_lexicon
from eventatlas.nlp.pipeline import parse


class Parsed:
    def __init__(self, lang: str, text: str):
        self.lang = lang
        self.doc = parse(lang, text)
        self.sent = next(iter(self.doc.sents))
        self.lex = load_lexicon(lang)

    def token(self, word: str):
        return next(t for t in self.doc if t.text == word)


@pytest.fixture
def parsed():
    return Parsed


def no_country(word):
    return None
