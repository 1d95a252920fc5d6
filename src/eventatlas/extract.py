"""extract(document) -> list[Event]: the one pure per-document function everything else wraps."""
from __future__ import annotations

from functools import lru_cache

from eventatlas.assemble import build_events
from eventatlas.limits import time_limit
from eventatlas.model import Document, Event, replace
from eventatlas.nlp.analyse import analyse
from eventatlas.nlp.langid import detect_language
from eventatlas.settings import Settings, load_settings


def extract(document: Document, lang: str = "auto", settings: Settings | None = None) -> list[Event]:
    """Events reported in one document, in the order of their first mention.

    Raises a coded EventAtlasError (EA004 unsupported language, EA007 past ``document_timeout_s``, ...)
    for a document it cannot read."""
    settings = settings or load_settings()
    with time_limit(settings.document_timeout_s, document.source_path):
        return _extract(document, lang, settings)


def _extract(document: Document, lang: str, settings: Settings) -> list[Event]:
    if lang in (None, "auto"):
        lang = document.lang if document.lang in settings.languages else None
        if lang is None:
            lang, _ = detect_language(document.text, settings.languages, settings.min_lang_confidence,
                                      source=document.source_path)
    analysis = analyse(document, lang)
    document = replace(document, lang=lang, published=analysis.published, published_inferred=analysis.published_inferred)
    model = _trained_model(settings.event_model) if settings.event_model and lang == "en" else None
    return build_events(document, analysis, model, settings.event_model_threshold)


@lru_cache(maxsize=2)
def _trained_model(path: str):
    """A classifier the user built with `eventatlas train` (never shipped: see docs/MODEL_CARD.md)."""
    from eventatlas.learn import load
    return load(path)
