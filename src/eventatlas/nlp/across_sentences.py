"""Attribution beyond the trigger's own sentence or clause: a quotation that runs over sentences and
paragraphs (closed by an incise, "», a-t-il déclaré", or opened by a sentence that names the speaker),
a pronoun speaker named in a sentence before, a "Selon X" that heads a paragraph's account, an
impersonal speaker's source ("a-t-on appris de source sécuritaire"), a relay between a verb and its
inverted speaker, and a trigger word that only describes who speaks. Every frame found here carries
its AttributionReason code.
"""
from __future__ import annotations

from dataclasses import replace

from eventatlas.nlp.actors import phrase_tokens
from eventatlas.nlp.frames import (QUOTE_CLOSERS, AttributionReason, Frame, claims_own_action, frame_from_source,
                                   is_report_verb, preposition_frame, source_kind, speaker_of, split_relay)
from eventatlas.nlp.lexicon import Lexicon, fold
from eventatlas.nlp.pipeline import text_of
from eventatlas.nlp.quotes import quote_around, sentences_before, token_at


#: how a parse hangs an inverted speaker or its apposition on the verb of an incise (never its object:
#: "..., describing Monday's raid")
SPEAKER_DEPS = ("nsubj", "nsubj:pass", "xcomp", "appos", "dep", "acl", "amod")


#: the links inside an inverted speaker's phrase, up to its verb (an inverted subject may parse as an object)
SPEAKER_PHRASE_DEPS = ("nsubj", "obj", "xcomp", "appos", "dep")


def speaker_word_frame(sent, trigger, lex: Lexicon) -> Frame | None:
    """"« ... », ajoute Hassan, un autre manifestant", "», affirme un jeune manifestant, X": a noun the
    incise after a quote or a comma hangs on its reporting verb describes the speaker; the frame of that
    speech, flagged SPEAKER_WORD (the word names no happening)."""
    if trigger.pos_ in ("VERB", "AUX") or trigger.dep_ not in SPEAKER_DEPS:
        return None
    verb = trigger.head  # up through the speaker's phrase ("Karim, un autre manifestant") to the verb
    while verb.i != verb.head.i and not is_report_verb(verb, lex) and verb.dep_ in SPEAKER_PHRASE_DEPS:
        verb = verb.head
    if verb.i >= trigger.i or not is_report_verb(verb, lex):
        return None
    before = verb.doc[min(t.i for t in verb.subtree if t.i <= verb.i) - 1] if verb.i > verb.sent.start else None
    if before is None or before.text not in (",", *QUOTE_CLOSERS):
        return None
    frame = frame_from_source("report", [verb], phrase_tokens(trigger, lex), lex, sent, f"speaker of {verb.text!r}")
    return replace(frame, reason=AttributionReason.SPEAKER_WORD)


def source_complement(verb, lex: Lexicon):
    """The source a reporting verb with an impersonal speaker names in a complement ("a-t-on appris de
    source sécuritaire"): its phrase, or None."""
    for c in verb.subtree:
        if c.i != verb.i and c.pos_ == "NOUN" and fold(c.lemma_) in lex.of("source_nouns") and c.sent.start == verb.sent.start \
                and any(a.i == verb.i for a in c.ancestors) and c.i > verb.i:
            return phrase_tokens(c, lex)
    return None


def relay_between(verb, speaker, lex: Lexicon):
    """"a affirmé à l'AFP un responsable": the outlet between a reporting verb and its inverted speaker."""
    for t in verb.sent:
        if verb.i < t.i < speaker.i and t.dep_ == "case" and fold(t.text) in lex.of("relay_case") \
                and t.head.i != speaker.i:
            toks = [x for x in phrase_tokens(t.head, lex) if x.i < speaker.i]
            if toks and source_kind(toks, lex, "") == "outlet":
                return toks
    return None


def _cross_frame(kind, verb, source_toks, lex, sent, cue: str, reason: str) -> Frame:
    """A frame whose speaker and cue may lie in other sentences than the trigger's: its span is the
    cue and the speaker when they share a sentence, else the speaker's phrase (the words that name who says it)."""
    source_toks, relay = split_relay(source_toks, lex)
    same = verb is not None and verb.sent.start == source_toks[0].sent.start
    frame = frame_from_source(kind, [verb] if same else [], source_toks, lex, source_toks[0].sent, cue, relay=relay)
    return replace(frame, reason=reason)


def antecedent_frame(verb, sent, lex: Lexicon, before: int | None = None) -> Frame | None:
    """"« ... », a-t-il déclaré", "il a ajouté" with no speaker named in the sentence: the speaker named in
    the sentences just before (the subject of a reporting verb there, else a person or a body that is
    the subject of its sentence)."""
    cue = f"reporting verb {verb.text!r}, its pronoun speaker named before"
    candidates = sentences_before(sent.doc, sent.start_char if before is None else before)
    for s in candidates:
        for tok in s:
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass")), None) \
                if is_report_verb(tok, lex) else None
            if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
                return _cross_frame("report", verb, phrase_tokens(subj, lex), lex, sent, cue,
                                    AttributionReason.PRONOUN_SPEAKER)
        for tok in s:
            if tok.dep_ in ("nsubj", "nsubj:pass") and tok.pos_ in ("NOUN", "PROPN") and tok.head.dep_ == "ROOT":
                toks = phrase_tokens(tok, lex)
                if fold(tok.ent_type_) in lex.of("person_entity_labels") or \
                        source_kind(toks, lex, "") in ("official", "outlet", "witness", "anonymous"):
                    return _cross_frame("report", verb, toks, lex, sent, cue, AttributionReason.PRONOUN_SPEAKER)
    return None


def _incise_frame(verb, close, trigger, lex: Lexicon, previous: Frame | None) -> Frame | None:
    """The speaker of "», a déclaré X" / "», a-t-il déclaré" after the quote that holds the trigger."""
    sent = verb.sent
    subj = speaker_of(verb, close, sent, lex)
    if subj is not None and subj.pos_ != "PRON" and quote_around(sent.doc, subj.idx) is None:
        frame = _cross_frame("report", verb, phrase_tokens(subj, lex), lex, sent, f"quote closed by {verb.text!r}",
                             AttributionReason.QUOTE_INCISE)
    elif previous is not None and previous.kind != "none" and previous.span is not None \
            and previous.span.end_char <= verb.idx:
        frame = replace(previous, cue=f"quote closed by {verb.text!r}, its pronoun speaker named before",
                        reason=AttributionReason.PRONOUN_SPEAKER)
    else:
        a = quote_around(sent.doc, trigger.idx)
        frame = antecedent_frame(verb, sent, lex, before=a[0] if a else None)
    if frame is not None and claims_own_action(verb, trigger, lex):
        frame = replace(frame, kind="claim", source_kind="claimant", cue=f"claims its own action ({verb.text!r})")
    return frame


def _opener_frame(opener, lex: Lexicon) -> Frame | None:
    """"Le porte-parole de l'armée a déclaré lundi à la télévision : « ...": the reporting verb before the
    opening mark, in its sentence or ending the sentence before."""
    doc = opener.doc
    sent = opener.sent
    verbs = [t for t in sent if t.i < opener.i and is_report_verb(t, lex)]
    if not verbs:
        before = sentences_before(doc, opener.idx, 1)
        if before and before[0].text.rstrip().endswith(":"):
            verbs = [t for t in before[0] if is_report_verb(t, lex)]
    if not verbs:
        return None
    verb = verbs[-1]
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
        return None
    return _cross_frame("report", verb, phrase_tokens(subj, lex), lex, verb.sent, f"quote opened by {verb.text!r}",
                        AttributionReason.QUOTE_OPENER)


def open_quote_frame(sent, trigger, lex: Lexicon, previous: Frame | None) -> Frame | None:
    """Words inside a quotation whose speaker is not named beside it in the sentence: a quote that runs
    over sentences and paragraphs, closed by an incise ("», a-t-il déclaré") or opened by a sentence
    that names the speaker ("Le porte-parole a déclaré : «")."""
    doc = sent.doc
    around = quote_around(doc, trigger.idx)
    if around is None:
        return None
    a, b = around
    close = token_at(doc, b - 1)
    if close is not None:
        for tok in close.sent:
            if tok.i > close.i and 0 <= tok.idx - b <= 20 and is_report_verb(tok, lex):
                found = _incise_frame(tok, close, trigger, lex, previous)
                if found is not None:
                    return found
    opener = token_at(doc, a)
    return _opener_frame(opener, lex) if opener is not None else None


#: how many sentences a "selon X" at the head of an account may lie before the sentence it governs
CARRY_GAP = 1


#: a "selon X" among the first tokens of its sentence heads it ("Mais selon X, ...")
HEAD_TOKENS = 3


def carried_frame(sent, lex: Lexicon) -> Frame | None:
    """"Selon le gouverneur, la situation est tendue. Des hommes armés ont attaqué le village.": a source
    named with "selon" at the head of a sentence goes on governing the next sentences of its paragraph
    (a trailing "..., selon X." bears on its own sentence only)."""
    text = text_of(sent.doc)
    for s in sentences_before(sent.doc, sent.start_char, CARRY_GAP + 1):
        if "\n" in text[s.end_char:sent.start_char]:
            return None
        found = preposition_frame(s, lex, None)
        heads = [t.idx for t in s if not (t.is_punct or t.is_space)][:HEAD_TOKENS]
        if found is not None and found.scope == "paragraph" and found.span.start_char in heads:
            return replace(found, cue=f"{found.cue}, governing its paragraph", speech_chars=frozenset(),
                           reason=AttributionReason.SCOPE_CARRIED)
    return None
