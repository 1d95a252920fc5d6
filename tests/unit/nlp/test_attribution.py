from __future__ import annotations

import pytest

from eventatlas.nlp.attribution import WRITER, find_frame


@pytest.mark.parametrize("lang,text,word,source", [
    ("fr", "Selon la police, des hommes armés ont attaqué un convoi.", "attaqué", "police"),
    ("en", "According to the police, gunmen attacked a convoy.", "attacked", "police"),
])
def test_a_reporting_preposition_names_the_source(parsed, lang, text, word, source):
    p = parsed(lang, text)
    frame = find_frame(p.sent, p.token(word), p.lex)
    assert (frame.kind, frame.source, frame.source_kind) == ("report", source, "official")
    assert frame.cue.startswith("reporting preposition")


@pytest.mark.parametrize("lang,text,word", [
    ("fr", "Des hommes armés ont attaqué un convoi, a déclaré le gouverneur.", "attaqué"),
    ("en", "Gunmen attacked a convoy, the governor said.", "attacked"),
])
def test_a_reporting_verb_names_the_speaker(parsed, lang, text, word):
    p = parsed(lang, text)
    frame = find_frame(p.sent, p.token(word), p.lex)
    assert (frame.kind, frame.source, frame.source_kind) == ("report", "gouverneur" if lang == "fr" else "governor",
                                                             "official")


@pytest.mark.parametrize("lang,text,word", [
    ("fr", "L'État islamique a revendiqué l'attaque.", "attaque"),
    ("en", "Islamic State claimed responsibility for the attack.", "attack"),
])
def test_a_claim(parsed, lang, text, word):
    p = parsed(lang, text)
    frame = find_frame(p.sent, p.token(word), p.lex)
    assert (frame.kind, frame.source_kind) == ("claim", "claimant")


@pytest.mark.parametrize("lang,text,word", [
    ("fr", "Aucun groupe n'a revendiqué l'attaque.", "attaque"),
    ("en", "No group claimed the attack.", "attack"),
])
def test_nobody_claiming_is_no_claim(parsed, lang, text, word):
    p = parsed(lang, text)
    assert find_frame(p.sent, p.token(word), p.lex).kind != "claim"


@pytest.mark.parametrize("lang,text,word,kind", [
    ("fr", "Selon une source sécuritaire ayant requis l'anonymat, l'armée a bombardé le village.", "bombardé",
     "anonymous"),
    ("en", "According to a security source who requested anonymity, the army shelled the village.", "shelled",
     "anonymous"),
])
def test_an_anonymous_source(parsed, lang, text, word, kind):
    p = parsed(lang, text)
    assert find_frame(p.sent, p.token(word), p.lex).source_kind == kind


@pytest.mark.parametrize("lang,text,word", [
    ("fr", "Des hommes armés ont attaqué le village.", "attaqué"),
    ("en", "Gunmen attacked the village.", "attacked"),
])
def test_no_attribution_is_the_writer(parsed, lang, text, word):
    p = parsed(lang, text)
    assert find_frame(p.sent, p.token(word), p.lex) == WRITER
