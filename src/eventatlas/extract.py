"""extract(document) -> list[Event]: the one pure per-document function everything else wraps."""
from __future__ import annotations

import contextlib
from collections.abc import Sequence
from functools import lru_cache

from eventatlas.assemble import build_events
from eventatlas.limits import time_limit
from eventatlas.model import Document, Event, replace
from eventatlas.nlp.analyse import analyse, prepare
from eventatlas.nlp.langid import detect_language
from eventatlas.nlp.pipeline import parsed_together
from eventatlas.settings import Settings, accepted_languages, load_settings


def extract(document: Document, lang: str = "auto", settings: Settings | None = None) -> list[Event]:
    """Events reported in one document, in the order of their first mention.

    Raises a coded EventAtlasError (EA004 unsupported language, EA007 past ``document_timeout_s``, ...)
    for a document it cannot read."""
    return extract_compared(document, lang, settings)[1]


def extract_many(documents: Sequence[Document], lang: str = "auto",
                 settings: Settings | None = None) -> list[list[Event] | Exception]:
    """``extract`` over several documents, parsed together by spaCy (``nlp.pipe``); gives exactly what
    ``extract`` gives each document, and for a document that fails, its exception instead of raising."""
    settings = settings or load_settings()
    langs: list[str | Exception] = []
    for doc in documents:
        try:
            langs.append(_language(doc, lang, settings))
        except Exception as exc:  # noqa: BLE001 - reported for this document only
            langs.append(exc)
    out: list[list[Event] | Exception] = list(langs)  # failures stay; languages are replaced below
    for code in dict.fromkeys(lg for lg in langs if isinstance(lg, str)):
        todo = [i for i, lg in enumerate(langs) if lg == code]
        ahead = contextlib.ExitStack()
        try:
            ahead.enter_context(parsed_together(code, [documents[i].text for i in todo]))
        except Exception:  # noqa: BLE001 - one text broke the batch: each is parsed on its own instead
            ahead = contextlib.ExitStack()
        with ahead:
            for i in todo:
                try:
                    out[i] = extract(documents[i], lang=code, settings=settings)
                except Exception as exc:  # noqa: BLE001 - reported for this document only
                    out[i] = exc
    return out


def _language(document: Document, lang: str | None, settings: Settings) -> str:
    if lang not in (None, "auto"):
        return lang
    accepted = accepted_languages(settings)
    if document.lang in accepted:
        return document.lang
    return detect_language(document.text, accepted, settings.min_lang_confidence,
                           source=document.source_path)[0]


def extract_compared(document: Document, lang: str = "auto",
                     settings: Settings | None = None) -> tuple[list[Event], list[Event]]:
    """(the rules' events, the events with the trained model of ``settings.event_model``) from one
    analysis of ``document``: what ``eval --model`` compares. Without a model both are the rules'."""
    settings = settings or load_settings()
    code = _language(document, lang, settings)
    prepare(code)  # outside the time limit: models and the gazetteer load once per process
    with time_limit(settings.document_timeout_s, document.source_path):
        return _extract_both(document, code, settings)


def _extract_both(document: Document, lang: str, settings: Settings) -> tuple[list[Event], list[Event]]:
    analysis = analyse(document, lang)
    document = replace(document, lang=lang, published=analysis.published, published_inferred=analysis.published_inferred)
    events = build_events(document, analysis)
    if not settings.event_model:
        return events, events
    from eventatlas.learn.apply import apply_model
    return events, apply_model(document, analysis, events, trained_model(settings.event_model),
                               settings.event_model_threshold, lang)


@lru_cache(maxsize=2)
def trained_model(path: str):
    """The model the user built with `eventatlas train` (never shipped: see docs/MODEL_CARD.md)."""
    from eventatlas.learn import load
    return load(path)
