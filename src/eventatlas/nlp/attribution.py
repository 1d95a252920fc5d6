"""Attribution frames: who says an event happened, through whom, and with which words.

A frame is found from the parse around a trigger: a reporting preposition ("selon X",
"according to X"), a reporting verb whose complement holds the trigger ("X a annoncé que ...",
"..., police said"), a claim ("X a revendiqué l'attaque"), a denial or an accusation. Chains
("Dijlah.tv, qui a cité une source sécuritaire", "Reuters, citing a local official",
"a déclaré à RT") keep every relay, outermost first. The record and its building blocks are in
frames.py; frames found beyond the trigger's sentence (quotes over paragraphs, pronoun speakers,
"Selon X" heading a paragraph) in across_sentences.py.
"""
from __future__ import annotations

from dataclasses import replace

from eventatlas.model import Span
from eventatlas.nlp.across_sentences import (antecedent_frame, carried_frame, open_quote_frame, relay_between,
                                             source_complement, speaker_word_frame)
from eventatlas.nlp.actors import phrase_tokens
from eventatlas.nlp.frames import (WRITER, AttributionReason, Frame, citing_after, claims_own_action, clean_phrase,
                                   frame_from_source, in_quote, in_subtree, is_report_verb, preposition_frame,
                                   preposition_sources, quoted_by, relay_objects, source_kind, speaker_of,
                                   split_relay)
from eventatlas.nlp.lexicon import Lexicon, fold
from eventatlas.nlp.pipeline import text_of
from eventatlas.nlp.quotes import pronoun_subject

__all__ = ["WRITER", "AttributionReason", "Frame", "find_frame", "source_kind", "warning_frame"]


def _contesting_denier(sent, trigger, lex: Lexicon) -> str | None:
    """A denial in the sentence that does not govern the trigger ("..., an accusation the army denied")."""
    for tok in sent:
        if fold(tok.lemma_) in lex.words["deny_verbs"] and tok.pos_ in ("VERB", "NOUN") and not in_subtree(trigger, tok):
            # "..., une information démentie par les rebelles": the agent of a passive denial denies
            passive = tok.dep_ == "acl" or any(c.dep_ in ("aux:pass", "auxpass") for c in tok.children)
            agent = next((c for c in tok.children if c.dep_ == "obl:agent"), None) if passive else None
            subj = agent or next((c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
            if subj is not None and subj.pos_ != "PRON":
                return clean_phrase(phrase_tokens(subj, lex), lex)
    return None


def _denier(sent, claim_verb, lex: Lexicon) -> str | None:
    for tok in sent:
        if tok.i != claim_verb.i and fold(tok.lemma_) in lex.words["deny_verbs"] and tok.pos_ == "VERB":
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
            return clean_phrase(phrase_tokens(subj, lex), lex) if subj is not None else tok.text
    return None


def find_frame(sent, trigger, lex: Lexicon, previous: Frame | None = None) -> Frame:
    frame = speaker_word_frame(sent, trigger, lex) or _find_frame(sent, trigger, lex, previous)
    contested_by = _contesting_denier(sent, trigger, lex)
    if contested_by and not frame.denied_by:
        frame = replace(frame, denied_by=contested_by)
    return frame


def _negated_speech(verb, subj, lex: Lexicon) -> bool:
    """"No group claimed the attack", "X did not say", "the rebels neither claimed nor denied responsibility",
    "n'a ni revendiqué ni démenti": nobody says anything."""
    if subj is not None and any(fold(c.text) in lex.of("negative_determiners") for c in subj.children):
        return True
    if any(fold(c.text) in lex.of("negation_adverbs") for c in verb.children):
        return True
    pair = [verb, verb.head] if verb.dep_ == "conj" else [verb] + [c for c in verb.children if c.dep_ == "conj"]
    return any(c.dep_ in ("cc", "preconj", "advmod") and fold(c.text) in lex.of("negative_coordinators")
               for v in pair for c in v.children)


def _claimer(verb, lex: Lexicon):
    """Who claims: the agent of a passive ("revendiquée par Boko Haram", "claimed by the group"), else the
    active subject; the passive subject is the act claimed, never the claimant."""
    passive = any(c.dep_ in ("aux:pass", "auxpass") for c in verb.children) or verb.dep_.startswith("acl")
    for c in verb.children:
        if c.dep_ == "agent":  # "by" in English parses: its object is the agent
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
        if c.dep_ == "obl:agent" or (passive and c.dep_.startswith("obl") and c.pos_ in ("NOUN", "PROPN") and any(
                g.dep_ == "case" and fold(g.text) in lex.of("agent_case") for g in c.children)):
            return c
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _claim_frame(sent, trigger, lex: Lexicon, previous: Frame | None) -> Frame | None:
    """"X a revendiqué l'attaque", "X claimed responsibility for ..."."""
    for tok in sent:
        lemma = fold(tok.lemma_)
        claims_event = lemma in lex.of("responsibility_verbs") and any(
            c.dep_ in ("dobj", "nsubjpass") and (fold(c.text) in lex.of("responsibility_nouns") or c.i == trigger.i
                                  or lex.triggers.find([(c.text, c.lemma_)]))
            for c in tok.children)
        if lemma not in lex.of("claim_verbs") and not claims_event:
            continue
        subj = _claimer(tok, lex)
        negated = _negated_speech(tok, subj, lex)
        if negated and claims_event and any(t.i == trigger.i for t in tok.subtree):
            # "He said no group had yet claimed responsibility for the explosion": the sentence tells that
            # nobody claims the act, nothing of the act itself; its speaker is no source of it
            return replace(WRITER, cue=f"nobody claims it ({tok.text!r})")
        if negated or subj is None:
            continue
        denier = _denier(sent, tok, lex)
        if subj.pos_ == "PRON" and previous is not None and previous.speaker_span is not None:
            return Frame("claim", previous.source, "claimant", previous.chain, previous.span,
                         f"claim by {previous.source!r} ({tok.text!r})", previous.speaker_head,
                         previous.speaker_span, denier)
        f = frame_from_source("claim", [tok], phrase_tokens(subj, lex), lex, sent, f"claim verb {tok.text!r}")
        return replace(f, denied_by=denier, reason=AttributionReason.PASSIVE_CLAIM if subj.dep_ != "nsubj" else "")
    return None


def _named_doer(trigger, lex: Lexicon):
    """Who the clause says did the act: the subject of the trigger's verb, or the agent of a passive;
    None when it names none, or names the act itself ("an offensive ... has killed 164 insurgents")."""
    verb = trigger.head if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("nsubj", "dobj", "obj") else trigger
    doer = _claimer(verb, lex) if verb.pos_ in ("VERB", "AUX") else None
    if doer is None or doer.pos_ not in ("NOUN", "PROPN") or doer.i == trigger.i \
            or lex.triggers.find([(doer.text, doer.lemma_)]):
        return None
    return doer


def _contentious(frame: Frame, verb, trigger, speaker_toks, lex: Lexicon) -> Frame:
    """"X claims that ...": a party's word, not a neutral report. Of an act it names another doer for
    ("Armenia claims that Azerbaijani forces shelled ...") it is an accusation; of an act it names no
    other doer for ("the army claims that an offensive killed 164 insurgents") it claims its own."""
    if frame.source_kind in ("outlet", "witness", "anonymous"):
        return frame  # a monitor or a witness is no party to the act
    doer = _named_doer(trigger, lex)
    if doer is not None and doer.i not in {t.i for t in speaker_toks}:
        return replace(frame, kind="accuse", source_kind="party", cue=f"contentious reporting verb {verb.text!r}: "
                       f"an accusation of {doer.text!r}")
    return replace(frame, kind="claim", source_kind="claimant", cue=f"contentious reporting verb {verb.text!r}: "
                   "a party claiming the act")


def _own_action_frame(sent, trigger, lex: Lexicon) -> Frame | None:
    """A speaker claiming its own act outranks any relay ("ont affirmé avoir tiré ..., selon un communiqué")."""
    for tok in sent:
        if is_report_verb(tok, lex) and tok.i != trigger.i \
                and (in_subtree(trigger, tok) or quoted_by(sent, trigger, tok)) and claims_own_action(tok, trigger, lex):
            subj = speaker_of(tok, trigger, sent, lex)
            if subj is not None and subj.pos_ != "PRON":
                return frame_from_source("claim", [tok], phrase_tokens(subj, lex), lex, sent,
                                          f"claims its own action ({tok.text!r})")
    return None


def _quote_frame(sent, trigger, lex: Lexicon) -> Frame | None:
    """Quoted words: "« ... », a raconté un habitant", "\"...\", said a spokesman"."""
    for tok in sent:
        if is_report_verb(tok, lex) and quoted_by(sent, trigger, tok):
            subj = speaker_of(tok, trigger, sent, lex)
            if subj is not None and subj.pos_ != "PRON" and not in_quote(sent, subj):
                return frame_from_source("report", [tok], phrase_tokens(subj, lex), lex, sent, f"quoted by {tok.text!r}")
    return None


def _stance_frame(sent, trigger, lex: Lexicon) -> Frame | None:
    """Denials and accusations that govern the trigger ("l'armée a démenti toute frappe", "X accused Y
    of shelling"); a denial elsewhere in the sentence only contests the account."""
    for kind, key in (("deny", "deny_verbs"), ("accuse", "accuse_verbs")):
        for tok in sent:
            if fold(tok.lemma_) in lex.of(key) and tok.pos_ in ("VERB", "NOUN"):
                subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
                if (subj is None or subj.pos_ == "PRON") and tok.dep_ == "conj":
                    # "Les taliban ont tué ..., mais ils démentent toute responsabilité pour l'attentat": the
                    # pronoun is the first conjunct's subject
                    subj = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
                if subj is None or subj.pos_ == "PRON" or _negated_speech(tok, subj, lex):
                    continue
                if in_subtree(trigger, tok) or any(c.i == trigger.i for c in tok.children):
                    frame = frame_from_source(kind, [tok], phrase_tokens(subj, lex), lex, sent, f"{kind} verb {tok.text!r}")
                    if kind == "deny" and any(c.dep_ in ("obj", "dobj") and lex.token_in("responsibility_nouns", c)
                                              for c in tok.children):
                        return replace(frame, reason=AttributionReason.DENIED_RESPONSIBILITY,
                                       cue=f"{frame.cue}: responsibility, not the act")
                    if kind == "accuse" and frame.source_kind == "outlet":
                        # "L'ONG dénonce les agressions": a monitor or the press documenting abuses is
                        # no party accusing another; it reports them
                        return replace(frame, kind="report", cue=f"{frame.cue}, by a monitor or outlet: a report")
                    return frame
    return None


def _governs_report(tok, trigger) -> bool:
    """The reporting verb's complement holds the trigger; a trailing "..., a annoncé X" hangs off the
    main verb the trigger depends on."""
    governing = {trigger.i} | {a.i for a in trigger.ancestors}
    return in_subtree(trigger, tok) or any(a.i == trigger.i for a in tok.ancestors) \
        or (tok.i > trigger.i and (tok.head.i in governing or _closing_incise(tok)))


def _closing_incise(verb) -> bool:
    """"..., rapporte l'agence SANA.", "..., a-t-il indiqué.": a reporting verb after a comma whose own
    words run to the sentence's end speaks the whole sentence, wherever the parse hangs it."""
    sent = verb.sent
    first = min(t.i for t in verb.subtree)
    before = verb.doc[first - 1] if first - 1 >= sent.start else None
    rest = [t for t in sent if t.i > verb.i and not t.is_punct and not t.is_space]
    return before is not None and before.text == "," and all(in_subtree(t, verb) for t in rest)


def _report_verb_frame(sent, trigger, lex: Lexicon, previous: Frame | None) -> Frame | None:
    """A reporting verb whose complement holds the trigger, or whose subject is the speaker."""
    for tok in sent:
        if not is_report_verb(tok, lex) or tok.i == trigger.i or not _governs_report(tok, trigger):
            continue
        if _negated_speech(tok, None, lex):
            continue  # "did not say", "neither claimed nor denied": nobody says anything
        subj = speaker_of(tok, trigger, sent, lex)
        if subj is None and pronoun_subject(tok):
            subj = next(c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass", "expl:subj"))  # "a-t-il indiqué"
        if subj is None or any(fold(c.text) in lex.of("negative_determiners") for c in subj.children):
            continue  # "No group had claimed the attack"
        same = any(fold(c.text) in lex.of("same_words") for c in subj.children) or fold(subj.text) in lex.of("same_words")
        told_by = source_complement(tok, lex) if subj.pos_ == "PRON" else None
        if told_by is not None:  # "a-t-on appris de source sécuritaire", "we learned from security sources"
            return frame_from_source("report", [tok], told_by, lex, sent, f"reporting verb {tok.text!r} and its source")
        if subj.pos_ == "PRON" or same:
            if previous is not None and previous.kind != "none":
                return previous  # "il a ajouté", "selon la même source": the speaker already named
            found = antecedent_frame(tok, sent, lex)
            if found is not None:
                return found
            continue
        src, relay = split_relay(phrase_tokens(subj, lex), lex)
        relay = relay or relay_objects(tok, lex) or relay_between(tok, subj, lex)
        if relay is not None and any(t.i in {r.i for r in relay} for t in src):
            relay = None
        frame = frame_from_source("report", [tok], src, lex, sent, f"reporting verb {tok.text!r}",
                                   relay=relay, cited=citing_after(sent, src, lex))
        if claims_own_action(tok, trigger, lex):
            return Frame("claim", frame.source, "claimant", frame.chain, frame.span,
                         f"claims its own action ({tok.text!r})", frame.speaker_head, frame.speaker_span)
        if fold(tok.lemma_) in lex.of("contentious_report_verbs"):
            return _contentious(frame, tok, trigger, src, lex)
        return frame
    return None


def warning_frame(sent, trigger, lex: Lexicon) -> Frame | None:
    """Who warns of a threatened or future act speaks it: "Le ministre a averti que l'armée frappera ...",
    "Les jihadistes menacent d'attaquer Mopti, a averti le maire" (the outermost warning verb: the mayor).
    Warning verbs are not reporting verbs (their own mood is the threat's), so only a mention already read
    as future or threatened asks for this."""
    found = []
    for tok in sent:
        if fold(tok.lemma_) not in lex.of("threat_verbs") or tok.i == trigger.i or not _governs_report(tok, trigger):
            continue
        subj = speaker_of(tok, trigger, sent, lex)
        if subj is not None and subj.pos_ != "PRON" and not in_subtree(subj, trigger):
            found.append((not _closing_incise(tok), len(list(tok.ancestors)), tok.i, tok, subj))
    if not found:
        return None
    *_, verb, subj = min(found, key=lambda f: f[:3])
    return frame_from_source("report", [verb], phrase_tokens(subj, lex), lex, sent, f"warning verb {verb.text!r}")


def _pronoun_preposition_frame(sent, lex: Lexicon, previous: Frame | None) -> Frame | None:
    """"Selon lui, quatre soldats ont été tués", "D'après eux, ...": the speaker a personal pronoun points
    back to: the source of the sentences before, else the person or body named just before."""
    for tok, _, head in preposition_sources(sent, lex):
        if head.pos_ != "PRON" or head.morph.get("PronType") != ["Prs"]:
            continue
        if previous is not None and previous.kind != "none":
            return previous
        return antecedent_frame(tok, sent, lex)
    return None


def _hedged_report_frame(sent, lex: Lexicon) -> Frame | None:
    """Generic hedged reporting: "reportedly"."""
    for tok in sent:
        if fold(tok.text) in lex.of("hedged_report_adverbs"):
            return Frame("generic", "reports", "writer", (), Span.of(text_of(sent.doc), tok.idx, tok.idx + len(tok.text)),
                         f"generic report {tok.text!r}")
    return None


def _find_frame(sent, trigger, lex: Lexicon, previous: Frame | None = None) -> Frame:
    """The attribution frame that governs `trigger` in its sentence (WRITER when none), first that applies."""
    found = (_claim_frame(sent, trigger, lex, previous)
             or _own_action_frame(sent, trigger, lex)
             or _quote_frame(sent, trigger, lex)
             or open_quote_frame(sent, trigger, lex, previous)
             or _stance_frame(sent, trigger, lex))
    if found is not None:
        return found
    prep = preposition_frame(sent, lex, previous) or _pronoun_preposition_frame(sent, lex, previous)
    if prep is not None and prep.kind != "generic":
        return prep
    # "Selon un bilan provisoire, cinq soldats ont été tués, a annoncé l'armée": a toll or "des informations"
    # is nobody's word; the speaker the sentence names is the source
    return (_report_verb_frame(sent, trigger, lex, previous)
            or prep
            or _hedged_report_frame(sent, lex)
            or carried_frame(sent, lex)
            or WRITER)
