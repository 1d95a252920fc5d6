"""Attribution frames: who says an event happened, through whom, and with which words.

A frame is found from the parse around a trigger: a reporting preposition ("selon X",
"according to X"), a reporting verb whose complement holds the trigger ("X a annoncé que ...",
"..., police said"), a claim ("X a revendiqué l'attaque"), a denial or an accusation. Chains
("Dijlah.tv, qui a cité une source sécuritaire", "Reuters, citing a local official",
"a déclaré à RT") keep every relay, outermost first.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from eventatlas.model import Span
from eventatlas.nlp.actors import is_time_noun, phrase_tokens
from eventatlas.nlp.lexicon import Lexicon, find_phrase, fold
from eventatlas.nlp.pipeline import text_of
from eventatlas.nlp.quotes import QUOTES, pronoun_subject, quote_around, quote_spans, sentences_before, token_at

QUOTE_CLOSERS = tuple(QUOTES.values())


@dataclass(frozen=True, slots=True)
class Frame:
    kind: str  # report | claim | deny | accuse | generic | none
    source: str  # readable source, "writer" when none
    source_kind: str  # writer | outlet | official | anonymous | claimant | witness | party | other
    chain: tuple[str, ...]
    span: Span | None
    cue: str
    speaker_head: str = ""
    speaker_span: Span | None = None
    denied_by: str | None = None  # "X a revendiqué ..., mais l'état-major a démenti"
    speech_chars: frozenset = frozenset()  # tokens hanging off the reporting verb ("a revendiqué lundi")
    #: "paragraph" when the frame goes on governing the next sentences of its paragraph ("Selon X, ...")
    scope: str = "sentence"
    reason: str = ""  # an AttributionReason code for the frames found beyond the trigger's own clause


class AttributionReason:
    """Why a frame found outside the trigger's own sentence or clause applies to it."""
    PASSIVE_CLAIM = "PASSIVE_CLAIM"  # "l'attentat a été revendiqué par X", "attacks claimed by X"
    QUOTE_INCISE = "QUOTE_INCISE"  # the quote holding the trigger closes on "», a déclaré X" / "a-t-il déclaré"
    QUOTE_OPENER = "QUOTE_OPENER"  # the quote holding the trigger is opened by "X a déclaré : «"
    PRONOUN_SPEAKER = "PRONOUN_SPEAKER"  # "a-t-il indiqué": the speaker named in a sentence before
    SCOPE_CARRIED = "SCOPE_CARRIED"  # "Selon X, ... . ...": X goes on governing its paragraph
    RELAY_IN_PHRASE = "RELAY_IN_PHRASE"  # "a indiqué le maire à l'AFP": the outlet is a relay
    SPEAKER_WORD = "SPEAKER_WORD"  # "», ajoute Hassan, un manifestant": the trigger word only describes who speaks


WRITER = Frame("none", "writer", "writer", (), None, "no attribution: the writer's own statement")


def _clean(toks, lex: Lexicon) -> str:
    """The phrase as written, without its leading determiner."""
    toks = list(toks)
    while len(toks) > 1 and fold(toks[0].text) in lex.of("determiners"):
        toks = toks[1:]
    return "".join(t.text_with_ws for t in toks).strip()


def _span_of(toks) -> Span:
    doc = toks[0].doc
    return Span.of(text_of(doc), toks[0].idx, toks[-1].idx + len(toks[-1].text))


def source_kind(toks, lex: Lexicon, sentence_text: str) -> str:
    forms = {fold(t.text) for t in toks} | {fold(t.lemma_) for t in toks}
    text = fold(" ".join(t.text for t in toks))
    head_is_source = bool(forms & lex.of("source_nouns"))
    if head_is_source or any(find_phrase(text, m) for m in lex.data.get("anonymous_cues", ())):
        if not any(t.pos_ == "PROPN" and fold(t.text) in lex.words["outlet_cues"] for t in toks):
            return "anonymous"
    if any(t.pos_ == "PROPN" and any(s in t.text.lower() for s in (".tv", ".com", ".net", ".org", ".fr", ".iq"))
           for t in toks) or forms & lex.words["outlet_cues"]:
        return "outlet"
    if forms & lex.words["witness_cues"]:
        return "witness"
    if forms & lex.words["official_cues"]:
        return "official"
    return "other"


def _relay_objects(verb, lex: Lexicon):
    """"a déclaré à RT", "told Reuters": the outlet the speaker talked to is a relay."""
    for child in verb.children:
        if child.dep_ in ("obl", "obl:arg", "iobj", "dative", "dobj", "obj") and child.pos_ in ("PROPN", "NOUN"):
            case = {fold(c.text) for c in child.children if c.dep_ == "case"}
            if child.dep_ in ("dobj", "obj") and fold(verb.lemma_) not in lex.of("relay_verbs"):
                continue
            if child.dep_ in ("obl", "obl:arg") and not case & lex.of("relay_case"):
                continue
            toks = phrase_tokens(child, lex)
            if source_kind(toks, lex, "") == "outlet":
                return toks
    return None


def _cited(head, lex: Lexicon):
    """Objects of a citing verb in the relative clause or participle attached to a source phrase."""
    for tok in head.subtree:
        if tok is head:
            continue
        if fold(tok.lemma_) in lex.words["cite_cues"] or fold(tok.text) in lex.words["cite_cues"]:
            for child in tok.children:
                if child.dep_ in ("obj", "dobj") and child.pos_ in ("NOUN", "PROPN"):
                    return phrase_tokens(child, lex)
    return None


def _citing_after(sent, source_toks, lex: Lexicon):
    """"Reuters, citing a local official": the participle follows the source phrase."""
    end = source_toks[-1].i
    for tok in sent:
        if end < tok.i <= end + 3 and fold(tok.text) in lex.words["cite_cues"]:
            for child in tok.children:
                if child.dep_ in ("obj", "dobj") and child.pos_ in ("NOUN", "PROPN"):
                    return phrase_tokens(child, lex)
            nxt = [t for t in sent if t.i > tok.i and t.pos_ in ("NOUN", "PROPN")]
            if nxt:
                return phrase_tokens(nxt[0], lex)
    return None


def _frame_from_source(kind: str, cue_tokens, source_toks, lex, sent, cue: str, relay=None, cited=None) -> Frame:
    sk = "claimant" if kind == "claim" else source_kind(source_toks, lex, sent.text)
    if sk not in ("claimant", "anonymous", "outlet"):
        # "a security official who asked not to be named": anonymity is said in the relative clause
        head = max(source_toks, key=lambda t: t.pos_ in ("NOUN", "PROPN"))
        if source_kind(list(head.subtree), lex, "") == "anonymous" and not any(t.pos_ == "PROPN" for t in source_toks):
            sk = "anonymous"
    if kind == "accuse" and sk in ("other", "official"):
        sk = "party"
    chain = []
    if relay:
        chain.append(_clean(relay, lex))
    chain.append(_clean(source_toks, lex))
    if cited:
        chain.append(_clean(cited, lex))
        inner_kind = source_kind(cited, lex, sent.text)
        if kind != "claim" and inner_kind in ("anonymous", "official", "witness"):
            sk = inner_kind
    source = ", citing ".join(chain)
    toks = sorted(set(cue_tokens) | set(source_toks), key=lambda t: t.i)
    span = Span.of(text_of(sent.doc), toks[0].idx, toks[-1].idx + len(toks[-1].text))
    head = fold(max(source_toks, key=lambda t: t.pos_ in ("NOUN", "PROPN")).lemma_)
    verbs = [t for t in cue_tokens if t.pos_ in ("VERB", "AUX")]
    speech = frozenset(c.idx for v in verbs for c in v.children if c.dep_ in ("obl:mod", "npadvmod", "obl", "nmod:tmod"))
    return Frame(kind, source, sk, tuple(chain), span, cue, head, _span_of(source_toks), None, speech)


def _in_subtree(token, root) -> bool:
    return token.i == root.i or any(a.i == root.i for a in token.ancestors)


def _contesting_denier(sent, trigger, lex: Lexicon) -> str | None:
    """A denial in the sentence that does not govern the trigger ("..., an accusation the army denied")."""
    for tok in sent:
        if fold(tok.lemma_) in lex.words["deny_verbs"] and tok.pos_ in ("VERB", "NOUN") and not _in_subtree(trigger, tok):
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
            if subj is not None and subj.pos_ != "PRON":
                return _clean(phrase_tokens(subj, lex), lex)
    return None


def _denier(sent, claim_verb, lex: Lexicon) -> str | None:
    for tok in sent:
        if tok.i != claim_verb.i and fold(tok.lemma_) in lex.words["deny_verbs"] and tok.pos_ == "VERB":
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
            return _clean(phrase_tokens(subj, lex), lex) if subj is not None else tok.text
    return None


def _quote_spans(sent) -> list[tuple[int, int]]:
    return quote_spans(sent.text, sent.start_char)


def _in_quote(sent, token) -> bool:
    return any(a <= token.idx < b for a, b in _quote_spans(sent))


def _quoted_by(sent, trigger, verb) -> bool:
    """The trigger is inside quotation marks and the reporting verb outside them, next to them."""
    for a, b in _quote_spans(sent):
        if a <= trigger.idx < b and not (a <= verb.idx < b) and (0 <= verb.idx - b <= 12 or 0 <= a - verb.idx <= 30):
            return True
    return False


def _speaker(verb, trigger, sent, lex: Lexicon):
    """Who speaks through a reporting verb: its subject; in a trailing clause ("..., a annoncé le
    gouverneur", "..., a security source said") the inverted subject or the phrase just before."""
    found = _speaker_candidate(verb, trigger, sent, lex)
    if found is not None and (is_time_noun(found, lex) or found.ent_type_ in ("DATE", "TIME")):
        return None  # "a indiqué mardi la police": a day is no speaker
    return found


def _speaker_candidate(verb, trigger, sent, lex: Lexicon):
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    if subj is not None and subj.i != trigger.i:
        return subj
    if verb.i > trigger.i:
        after = [t for t in sent if t.i > verb.i and t.pos_ in ("NOUN", "PROPN") and not is_time_noun(t, lex)
                 and t.ent_type_ not in ("DATE", "TIME")
                 and not any(fold(c.text) in lex.of("non_speaker_case") for c in t.children if c.dep_ == "case")
                 and t.dep_ not in ("pobj", "nmod", "compound", "flat:name")]
        if after:
            return after[0]
        before = [t for t in sent if trigger.i < t.i < verb.i and verb.i - t.i <= 4 and t.pos_ in ("NOUN", "PROPN")
                  and t.dep_ in ("appos", "nsubj", "npadvmod", "conj", "dep", "ROOT", "obl:mod")]
        if before:
            return before[-1]
    if subj is None and verb.dep_ == "conj":  # "X warned ... and said ...": the first verb's subject
        subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if subj is not None and subj.i != trigger.i and not any(a.i == subj.i for a in trigger.subtree):
            return subj
    return None


def _claims_own_action(verb, trigger, lex: Lexicon) -> bool:
    """"X a affirmé avoir attaqué", "X said it carried out the attack": the speaker claims the act."""
    if fold(verb.lemma_) not in lex.of("assertion_verbs"):
        return False
    # "affirme avoir pris", "claims to have killed": the perfect infinitive the reporting verb governs
    # (not "may have hit ..., officials said")
    perfect, pronouns = lex.of("own_action_auxiliaries"), lex.of("self_pronouns")
    for t in [trigger] + list(trigger.ancestors):
        if t.i == verb.i:
            break
        auxes = [c for c in t.children if c.dep_.startswith("aux")]
        if t.head.i == verb.i and not any("Fin" in c.morph.get("VerbForm") for c in auxes) \
                and any(fold(c.lemma_) in perfect and "Inf" in c.morph.get("VerbForm") for c in auxes):
            return True  # "affirme avoir pris"
        if any(c.dep_ == "nsubj" and fold(c.text) in pronouns for c in t.children) \
                and fold(t.lemma_) in lex.of("conduct_verbs"):
            return True  # "said it carried out"
    first_person = lex.of("own_possessives")
    subj = next((c for c in trigger.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    if subj is not None and (fold(subj.text) in first_person or
                             any(c.dep_ in ("det", "poss", "det:poss") and fold(c.text) in first_person for c in subj.children)):
        return True  # "Al-Shabaab said its fighters attacked", "« Nos moudjahidines ont détruit »"
    return any(fold(w.text) in lex.of("origin_words") for w in verb.subtree)


#: how a parse hangs an inverted speaker or its apposition on the verb of an incise (never its object:
#: "..., describing Monday's raid")
SPEAKER_DEPS = ("nsubj", "nsubj:pass", "xcomp", "appos", "dep", "acl", "amod")
#: the links inside an inverted speaker's phrase, up to its verb (an inverted subject may parse as an object)
SPEAKER_PHRASE_DEPS = ("nsubj", "obj", "xcomp", "appos", "dep")


def _speaker_word_frame(sent, trigger, lex: Lexicon) -> Frame | None:
    """"« ... », ajoute Hassan, un autre manifestant", "», affirme un jeune manifestant, X": a noun the
    incise after a quote or a comma hangs on its reporting verb describes the speaker; the frame of that
    speech, flagged SPEAKER_WORD (the word names no happening)."""
    if trigger.pos_ in ("VERB", "AUX") or trigger.dep_ not in SPEAKER_DEPS:
        return None
    verb = trigger.head  # up through the speaker's phrase ("Karim, un autre manifestant") to the verb
    while verb.i != verb.head.i and not _is_report_verb(verb, lex) and verb.dep_ in SPEAKER_PHRASE_DEPS:
        verb = verb.head
    if verb.i >= trigger.i or not _is_report_verb(verb, lex):
        return None
    before = verb.doc[min(t.i for t in verb.subtree if t.i <= verb.i) - 1] if verb.i > verb.sent.start else None
    if before is None or before.text not in (",", *QUOTE_CLOSERS):
        return None
    frame = _frame_from_source("report", [verb], phrase_tokens(trigger, lex), lex, sent, f"speaker of {verb.text!r}")
    return replace(frame, reason=AttributionReason.SPEAKER_WORD)


def find_frame(sent, trigger, lex: Lexicon, previous: Frame | None = None) -> Frame:
    frame = _speaker_word_frame(sent, trigger, lex) or _find_frame(sent, trigger, lex, previous)
    contested_by = _contesting_denier(sent, trigger, lex)
    if contested_by and not frame.denied_by:
        frame = replace(frame, denied_by=contested_by)
    return frame


def _negated_speech(verb, subj, lex: Lexicon) -> bool:
    """"No group claimed the attack", "X did not say": nobody says anything."""
    if subj is not None and any(fold(c.text) in lex.of("negative_determiners") for c in subj.children):
        return True
    return any(fold(c.text) in lex.of("negation_adverbs") for c in verb.children)


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
        if _negated_speech(tok, subj, lex) or subj is None:
            continue
        denier = _denier(sent, tok, lex)
        if subj.pos_ == "PRON" and previous is not None and previous.speaker_span is not None:
            return Frame("claim", previous.source, "claimant", previous.chain, previous.span,
                         f"claim by {previous.source!r} ({tok.text!r})", previous.speaker_head,
                         previous.speaker_span, denier)
        f = _frame_from_source("claim", [tok], phrase_tokens(subj, lex), lex, sent, f"claim verb {tok.text!r}")
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


def _is_report_verb(tok, lex: Lexicon) -> bool:
    if fold(tok.lemma_) not in lex.of("report_verbs") and fold(tok.text) not in lex.of("report_verb_forms"):
        return False
    # a present-tense verb the tagger reads as a noun ("Al-Shabaab claims to have killed ..."): it has a subject
    return tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and any(c.dep_ == "nsubj" for c in tok.children))


def _own_action_frame(sent, trigger, lex: Lexicon) -> Frame | None:
    """A speaker claiming its own act outranks any relay ("ont affirmé avoir tiré ..., selon un communiqué")."""
    for tok in sent:
        if _is_report_verb(tok, lex) and tok.i != trigger.i \
                and (_in_subtree(trigger, tok) or _quoted_by(sent, trigger, tok)) and _claims_own_action(tok, trigger, lex):
            subj = _speaker(tok, trigger, sent, lex)
            if subj is not None and subj.pos_ != "PRON":
                return _frame_from_source("claim", [tok], phrase_tokens(subj, lex), lex, sent,
                                          f"claims its own action ({tok.text!r})")
    return None


def _quote_frame(sent, trigger, lex: Lexicon) -> Frame | None:
    """Quoted words: "« ... », a raconté un habitant", "\"...\", said a spokesman"."""
    for tok in sent:
        if _is_report_verb(tok, lex) and _quoted_by(sent, trigger, tok):
            subj = _speaker(tok, trigger, sent, lex)
            if subj is not None and subj.pos_ != "PRON" and not _in_quote(sent, subj):
                return _frame_from_source("report", [tok], phrase_tokens(subj, lex), lex, sent, f"quoted by {tok.text!r}")
    return None


def _stance_frame(sent, trigger, lex: Lexicon) -> Frame | None:
    """Denials and accusations that govern the trigger ("l'armée a démenti toute frappe", "X accused Y
    of shelling"); a denial elsewhere in the sentence only contests the account."""
    for kind, key in (("deny", "deny_verbs"), ("accuse", "accuse_verbs")):
        for tok in sent:
            if fold(tok.lemma_) in lex.of(key) and tok.pos_ in ("VERB", "NOUN"):
                subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
                if subj is None or subj.pos_ == "PRON":
                    continue
                if _in_subtree(trigger, tok) or any(c.i == trigger.i for c in tok.children):
                    return _frame_from_source(kind, [tok], phrase_tokens(subj, lex), lex, sent, f"{kind} verb {tok.text!r}")
    return None


def _phrase_words(entry: str) -> list[str]:
    return fold(entry).replace("'", "' ").split()


def _preposition_at(tok, lex: Lexicon):
    """The reporting preposition ("selon", "d'après", "according to") whose word ``tok`` is:
    (the phrase's tokens up to tok, the phrase's last token), or None."""
    doc, f = tok.doc, fold(tok.text)
    for entry in lex.data.get("report_prepositions", ()):
        words = _phrase_words(entry)
        for k, w in enumerate(words):
            first = tok.i - k
            if w != f or first < 0 or first + len(words) > len(doc):
                continue
            toks = [doc[first + j] for j in range(len(words))]
            if all(fold(t.text) == word for t, word in zip(toks, words)):
                return toks[:k + 1], toks[-1]
    return None


def _preposition_source(tok, last):
    """The noun a reporting preposition introduces: "according to X" (X the object of "to"), "selon X"."""
    obj = next((c for c in last.children if c.dep_ == "pobj"), None)
    if obj is not None:
        return obj
    return tok.head if tok.dep_ == "case" else None


def _preposition_frame(sent, lex: Lexicon, previous: Frame | None) -> Frame | None:
    """"selon X", "d'après X", "according to X"."""
    for tok in sent:
        found = _preposition_at(tok, lex)
        if found is None:
            continue
        cue_toks, last = found
        head = _preposition_source(tok, last) if len(cue_toks) == 1 or tok.dep_ == "case" else None
        if head is None or head.pos_ not in ("NOUN", "PROPN"):
            continue
        src = phrase_tokens(head, lex)
        if any(fold(c.text) in lex.of("same_words") for c in head.children) and previous is not None \
                and previous.kind != "none":
            return previous  # "selon la même source": the source already named
        if fold(src[0].text) in lex.of("vague_determiners") and fold(head.lemma_) in lex.of("generic_report_nouns"):
            return Frame("generic", "reports", "writer", (), _span_of([tok] + src), "generic report")
        cited = _cited(head, lex) or _citing_after(sent, src, lex)
        frame = _frame_from_source("report", cue_toks, src, lex, sent, f"reporting preposition {tok.text!r}", cited=cited)
        return replace(frame, scope="paragraph")
    return None


def _governs_report(tok, trigger) -> bool:
    """The reporting verb's complement holds the trigger; a trailing "..., a annoncé X" hangs off the
    main verb the trigger depends on."""
    governing = {trigger.i} | {a.i for a in trigger.ancestors}
    return _in_subtree(trigger, tok) or any(a.i == trigger.i for a in tok.ancestors) \
        or (tok.i > trigger.i and (tok.head.i in governing or _closing_incise(tok)))


def _closing_incise(verb) -> bool:
    """"..., rapporte l'agence SANA.", "..., a-t-il indiqué.": a reporting verb after a comma whose own
    words run to the sentence's end speaks the whole sentence, wherever the parse hangs it."""
    sent = verb.sent
    first = min(t.i for t in verb.subtree)
    before = verb.doc[first - 1] if first - 1 >= sent.start else None
    rest = [t for t in sent if t.i > verb.i and not t.is_punct and not t.is_space]
    return before is not None and before.text == "," and all(_in_subtree(t, verb) for t in rest)


def _report_verb_frame(sent, trigger, lex: Lexicon, previous: Frame | None) -> Frame | None:
    """A reporting verb whose complement holds the trigger, or whose subject is the speaker."""
    for tok in sent:
        if not _is_report_verb(tok, lex) or tok.i == trigger.i or not _governs_report(tok, trigger):
            continue
        if any(fold(c.text) in lex.of("negation_adverbs") for c in tok.children):
            continue  # "did not say": nobody says anything
        subj = _speaker(tok, trigger, sent, lex)
        if subj is None and pronoun_subject(tok):
            subj = next(c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass", "expl:subj"))  # "a-t-il indiqué"
        if subj is None or any(fold(c.text) in lex.of("negative_determiners") for c in subj.children):
            continue  # "No group had claimed the attack"
        same = any(fold(c.text) in lex.of("same_words") for c in subj.children) or fold(subj.text) in lex.of("same_words")
        told_by = _source_complement(tok, lex) if subj.pos_ == "PRON" else None
        if told_by is not None:  # "a-t-on appris de source sécuritaire", "we learned from security sources"
            return _frame_from_source("report", [tok], told_by, lex, sent, f"reporting verb {tok.text!r} and its source")
        if subj.pos_ == "PRON" or same:
            if previous is not None and previous.kind != "none":
                return previous  # "il a ajouté", "selon la même source": the speaker already named
            found = _antecedent_frame(tok, sent, lex)
            if found is not None:
                return found
            continue
        src, relay = split_relay(phrase_tokens(subj, lex), lex)
        relay = relay or _relay_objects(tok, lex) or _relay_between(tok, subj, lex)
        if relay is not None and any(t.i in {r.i for r in relay} for t in src):
            relay = None
        frame = _frame_from_source("report", [tok], src, lex, sent, f"reporting verb {tok.text!r}",
                                   relay=relay, cited=_citing_after(sent, src, lex))
        if _claims_own_action(tok, trigger, lex):
            return Frame("claim", frame.source, "claimant", frame.chain, frame.span,
                         f"claims its own action ({tok.text!r})", frame.speaker_head, frame.speaker_span)
        if fold(tok.lemma_) in lex.of("contentious_report_verbs"):
            return _contentious(frame, tok, trigger, src, lex)
        return frame
    return None


def _hedged_report_frame(sent, lex: Lexicon) -> Frame | None:
    """Generic hedged reporting: "reportedly"."""
    for tok in sent:
        if fold(tok.text) in lex.of("hedged_report_adverbs"):
            return Frame("generic", "reports", "writer", (), Span.of(text_of(sent.doc), tok.idx, tok.idx + len(tok.text)),
                         f"generic report {tok.text!r}")
    return None


def split_relay(toks, lex: Lexicon):
    """"a indiqué le maire à l'AFP": the parse may hang the outlet the speaker talked to on the
    speaker's phrase; it is a relay, not part of the speaker's name. (speaker tokens, relay tokens or None)."""
    for k, t in enumerate(toks):
        if k > 0 and t.dep_ == "case" and fold(t.text) in lex.of("relay_case"):
            rest = [x for x in toks[k + 1:] if fold(x.text) not in lex.of("determiners")]
            if rest and source_kind(rest, lex, "") == "outlet":
                return toks[:k], rest
    return toks, None


def _source_complement(verb, lex: Lexicon):
    """The source a reporting verb with an impersonal speaker names in a complement ("a-t-on appris de
    source sécuritaire"): its phrase, or None."""
    for c in verb.subtree:
        if c.i != verb.i and c.pos_ == "NOUN" and fold(c.lemma_) in lex.of("source_nouns") and c.sent.start == verb.sent.start \
                and any(a.i == verb.i for a in c.ancestors) and c.i > verb.i:
            return phrase_tokens(c, lex)
    return None


def _relay_between(verb, speaker, lex: Lexicon):
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
    frame = _frame_from_source(kind, [verb] if same else [], source_toks, lex, source_toks[0].sent, cue, relay=relay)
    return replace(frame, reason=reason)


def _antecedent_frame(verb, sent, lex: Lexicon, before: int | None = None) -> Frame | None:
    """"« ... », a-t-il déclaré", "il a ajouté" with no speaker named in the sentence: the speaker named in
    the sentences just before (the subject of a reporting verb there, else a person or a body that is
    the subject of its sentence)."""
    cue = f"reporting verb {verb.text!r}, its pronoun speaker named before"
    candidates = sentences_before(sent.doc, sent.start_char if before is None else before)
    for s in candidates:
        for tok in s:
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass")), None) \
                if _is_report_verb(tok, lex) else None
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
    subj = _speaker(verb, close, sent, lex)
    if subj is not None and subj.pos_ != "PRON" and quote_around(sent.doc, subj.idx) is None:
        frame = _cross_frame("report", verb, phrase_tokens(subj, lex), lex, sent, f"quote closed by {verb.text!r}",
                             AttributionReason.QUOTE_INCISE)
    elif previous is not None and previous.kind != "none" and previous.span is not None \
            and previous.span.end_char <= verb.idx:
        frame = replace(previous, cue=f"quote closed by {verb.text!r}, its pronoun speaker named before",
                        reason=AttributionReason.PRONOUN_SPEAKER)
    else:
        a = quote_around(sent.doc, trigger.idx)
        frame = _antecedent_frame(verb, sent, lex, before=a[0] if a else None)
    if frame is not None and _claims_own_action(verb, trigger, lex):
        frame = replace(frame, kind="claim", source_kind="claimant", cue=f"claims its own action ({verb.text!r})")
    return frame


def _opener_frame(opener, lex: Lexicon) -> Frame | None:
    """"Le porte-parole de l'armée a déclaré lundi à la télévision : « ...": the reporting verb before the
    opening mark, in its sentence or ending the sentence before."""
    doc = opener.doc
    sent = opener.sent
    verbs = [t for t in sent if t.i < opener.i and _is_report_verb(t, lex)]
    if not verbs:
        before = sentences_before(doc, opener.idx, 1)
        if before and before[0].text.rstrip().endswith(":"):
            verbs = [t for t in before[0] if _is_report_verb(t, lex)]
    if not verbs:
        return None
    verb = verbs[-1]
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
        return None
    return _cross_frame("report", verb, phrase_tokens(subj, lex), lex, verb.sent, f"quote opened by {verb.text!r}",
                        AttributionReason.QUOTE_OPENER)


def _open_quote_frame(sent, trigger, lex: Lexicon, previous: Frame | None) -> Frame | None:
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
            if tok.i > close.i and 0 <= tok.idx - b <= 20 and _is_report_verb(tok, lex):
                found = _incise_frame(tok, close, trigger, lex, previous)
                if found is not None:
                    return found
    opener = token_at(doc, a)
    return _opener_frame(opener, lex) if opener is not None else None


#: how many sentences a "selon X" at the head of an account may lie before the sentence it governs
CARRY_GAP = 1
#: a "selon X" among the first tokens of its sentence heads it ("Mais selon X, ...")
HEAD_TOKENS = 3


def _carried_frame(sent, lex: Lexicon) -> Frame | None:
    """"Selon le gouverneur, la situation est tendue. Des hommes armés ont attaqué le village.": a source
    named with "selon" at the head of a sentence goes on governing the next sentences of its paragraph
    (a trailing "..., selon X." bears on its own sentence only)."""
    text = text_of(sent.doc)
    for s in sentences_before(sent.doc, sent.start_char, CARRY_GAP + 1):
        if "\n" in text[s.end_char:sent.start_char]:
            return None
        found = _preposition_frame(s, lex, None)
        heads = [t.idx for t in s if not (t.is_punct or t.is_space)][:HEAD_TOKENS]
        if found is not None and found.scope == "paragraph" and found.span.start_char in heads:
            return replace(found, cue=f"{found.cue}, governing its paragraph", speech_chars=frozenset(),
                           reason=AttributionReason.SCOPE_CARRIED)
    return None


def _find_frame(sent, trigger, lex: Lexicon, previous: Frame | None = None) -> Frame:
    """The attribution frame that governs `trigger` in its sentence (WRITER when none), first that applies."""
    return (_claim_frame(sent, trigger, lex, previous)
            or _own_action_frame(sent, trigger, lex)
            or _quote_frame(sent, trigger, lex)
            or _open_quote_frame(sent, trigger, lex, previous)
            or _stance_frame(sent, trigger, lex)
            or _preposition_frame(sent, lex, previous)
            or _report_verb_frame(sent, trigger, lex, previous)
            or _hedged_report_frame(sent, lex)
            or _carried_frame(sent, lex)
            or WRITER)
