"""The nlp stage's one entry point: a Document in, plain data out (mentions, places, dates).
The spaCy Doc is built and dropped here."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from eventatlas.limits import checkpoint
from eventatlas.model import Document, When
from eventatlas.nlp import dates as dates_mod
from eventatlas.nlp.lexicon import load_lexicon
from eventatlas.nlp.mentions import REPORT_BACK, Mention, sentence_mentions
from eventatlas.nlp.pipeline import parse


@dataclass(frozen=True, slots=True)
class Analysis:
    lang: str
    published: dt.date
    published_inferred: bool
    published_why: str
    mentions: tuple[Mention, ...]
    places: tuple  # geo.PlaceMention, in text order
    dates: tuple[tuple[dates_mod.DateExpr, When | None], ...]
    unverified: tuple  # Spans of "could not be independently verified" and the like


def prepare(lang: str) -> None:
    """Load what reading ``lang`` needs (its spaCy pipeline, its lexicon, the gazetteer), once per process.
    The extractor calls it before a document's time limit starts: loading is the process's cost, not the
    document's, and a slow first load must not make the first document fail with EA007."""
    from eventatlas.nlp.geo.gazetteer import load_gazetteer
    from eventatlas.nlp.pipeline import load_model
    load_model(lang)
    load_lexicon(lang)
    load_gazetteer()


def resolve_publication(document: Document, exprs, today: dt.date | None = None) -> tuple[dt.date, bool, str]:
    if document.published:
        return document.published, False, "given"
    inferred, why = dates_mod.infer_published(exprs, today)
    if inferred:
        return inferred, True, why
    today = today or dt.date.today()
    return today, True, "no date in the text: today's date"


def resolve_dates(exprs, published: dt.date) -> list[tuple[dates_mod.DateExpr, When | None]]:
    """In text order, so "la veille" resolves against the date the narrative has reached."""
    out, story = [], None
    for e in exprs:
        w = dates_mod.resolve(e, published, story)
        out.append((e, w))
        if w is not None and w.precision == 1:
            story = w.start
    return out


def country_lookup(lang: str):
    from eventatlas.nlp.geo import country_of
    return lambda word: country_of(word)


def analyse(document: Document, lang: str) -> Analysis:
    from eventatlas.nlp.geo import find_places
    from eventatlas.nlp.geo.scan import ORGANISATION_NAME
    text = document.text
    lex = load_lexicon(lang)
    doc = parse(lang, text)
    checkpoint()
    exprs = dates_mod.find_date_expressions(text, lang)
    published, inferred, why = resolve_publication(document, exprs)
    resolved = resolve_dates(exprs, published)
    # entity hints that start lower-case ("district de") are parser noise, not toponyms
    hints = [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.text[:1].isupper()]
    # an organisation's name after its article ("the Luhansk People's Militia"): only to tell that a
    # place opening it names no place of the event
    hints += [(e[1:].start_char, e.end_char, ORGANISATION_NAME) for e in doc.ents
              if e.label_ == "ORG" and len(e) > 1 and e[0].pos_ == "DET" and e[1].text[:1].isupper()]
    places = find_places(text, lang, hints=hints, outlet_country=None)
    country_of = country_lookup(lang)
    date_chars = frozenset(t.idx for t in doc if any(d.span.start_char <= t.idx < d.span.end_char for d, _ in resolved))
    mentions: list[Mention] = []
    previous_frame = None
    for index, sent in enumerate(doc.sents):
        checkpoint()
        if not sent.text.strip():
            continue
        paragraph = text.count("\n", 0, sent.start_char)
        found = sentence_mentions(index, paragraph, sent, lex, country_of, previous_frame, date_chars)
        if not found:
            continue
        m = found[0]
        s, e = sent.start_char, sent.end_char
        if m.cls == REPORT_BACK:
            e = s  # "Le ministère l'a annoncé dimanche à Paris": the speaker's day and place, not the happening's
        in_sentence = tuple(i for i, p in enumerate(places) if s <= p.span.start_char < e)
        m = replace(m, place_indices=in_sentence,
                    clause_place_indices=tuple(i for i in in_sentence if places[i].span.start_char in m.clause),
                    date_indices=tuple(i for i, (d, w) in enumerate(resolved) if s <= d.span.start_char < e and w is not None))
        if m.frame.kind != "none":
            previous_frame = m.frame
        mentions.append(m)
        for before in found[1:]:
            # the sentence's date is the main happening's ("On 9 May, locals protested ... after a gas leak killed
            # 11"): the antecedent has none of its own here
            mentions.append(replace(before, place_indices=m.place_indices, clause_place_indices=tuple(
                i for i in in_sentence if places[i].span.start_char in before.clause)))
    return Analysis(lang, published, inferred, why, tuple(mentions), tuple(places), tuple(resolved),
                    tuple(_find_phrases(text, lex.data.get("unverified_cues", []))))


def _find_phrases(text: str, phrases) -> list:
    """Every whole-word occurrence of the phrases ("could not be independently verified")."""
    from eventatlas.model import Span
    from eventatlas.nlp.lexicon import fold, phrase_regex
    folded = fold(text)  # same length as text for Latin scripts; offsets are checked below
    out = []
    for p in phrases:
        f = fold(p)
        for m in phrase_regex(p).finditer(folded):
            span = Span.of(text, m.start(), m.start() + len(p))
            if fold(span.text) == f:
                out.append(span)
    return sorted(out, key=lambda s: s.start_char)
