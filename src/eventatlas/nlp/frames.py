"""Attribution frames and the words they rest on: the Frame record, who a phrase is (outlet, official,
anonymous, witness...), the speaker of a reporting verb, relays and citations, quotations in a sentence,
reporting prepositions ("selon X", "according to X") and a speaker claiming its own act. The finders that
use them are in attribution.py (inside the trigger's sentence) and across_sentences.py (beyond it).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from eventatlas.model import Span
from eventatlas.nlp.actors import is_time_noun, phrase_tokens
from eventatlas.nlp.lexicon import Lexicon, find_phrase, fold, phrase_words
from eventatlas.nlp.pipeline import text_of
from eventatlas.nlp.quotes import QUOTES, quote_spans


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
    NAMED_BEFORE = "NAMED_BEFORE"  # "L'ONG dénonce" after "L'ONG Human Rights Watch a publié": named in full before
    #: "ils démentent toute responsabilité pour l'attentat": the denier disowns the act, which stays as told
    DENIED_RESPONSIBILITY = "DENIED_RESPONSIBILITY"


WRITER = Frame("none", "writer", "writer", (), None, "no attribution: the writer's own statement")


def clean_phrase(toks, lex: Lexicon) -> str:
    """The phrase as written, without its leading determiner."""
    toks = list(toks)
    while len(toks) > 1 and fold(toks[0].text) in lex.of("determiners"):
        toks = toks[1:]
    return "".join(t.text_with_ws for t in toks).strip()


def span_of(toks) -> Span:
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


def relay_objects(verb, lex: Lexicon):
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


def cited_in(head, lex: Lexicon):
    """Objects of a citing verb in the relative clause or participle attached to a source phrase."""
    for tok in head.subtree:
        if tok is head:
            continue
        if fold(tok.lemma_) in lex.words["cite_cues"] or fold(tok.text) in lex.words["cite_cues"]:
            for child in tok.children:
                if child.dep_ in ("obj", "dobj") and child.pos_ in ("NOUN", "PROPN"):
                    return phrase_tokens(child, lex)
    return None


def citing_after(sent, source_toks, lex: Lexicon):
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


#: dependencies of a reporting verb's adjuncts (Universal Dependencies for French, spaCy's for English)
SPEECH_ADJUNCT_DEPS = frozenset({"obl:mod", "npadvmod", "obl", "nmod:tmod", "prep", "advmod"})


def frame_from_source(kind: str, cue_tokens, source_toks, lex, sent, cue: str, relay=None, cited=None) -> Frame:
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
        chain.append(clean_phrase(relay, lex))
    chain.append(clean_phrase(source_toks, lex))
    if cited:
        chain.append(clean_phrase(cited, lex))
        inner_kind = source_kind(cited, lex, sent.text)
        if kind != "claim" and inner_kind in ("anonymous", "official", "witness"):
            sk = inner_kind
    source = ", citing ".join(chain)
    toks = sorted(set(cue_tokens) | set(source_toks), key=lambda t: t.i)
    span = Span.of(text_of(sent.doc), toks[0].idx, toks[-1].idx + len(toks[-1].text))
    head = fold(max(source_toks, key=lambda t: t.pos_ in ("NOUN", "PROPN")).lemma_)
    verbs = [t for t in cue_tokens if t.pos_ in ("VERB", "AUX")]
    # every token of the verb's adjuncts ("a affirmé ce vendredi", "said on Friday"): a date there is the statement's
    speech = frozenset(t.idx for v in verbs for c in v.children if c.dep_ in SPEECH_ADJUNCT_DEPS for t in c.subtree)
    return Frame(kind, source, sk, tuple(chain), span, cue, head, span_of(source_toks), None, speech)


def in_subtree(token, root) -> bool:
    return token.i == root.i or any(a.i == root.i for a in token.ancestors)


def sentence_quotes(sent) -> list[tuple[int, int]]:
    return quote_spans(sent.text, sent.start_char)


def in_quote(sent, token) -> bool:
    return any(a <= token.idx < b for a, b in sentence_quotes(sent))


def quoted_by(sent, trigger, verb) -> bool:
    """The trigger is inside quotation marks and the reporting verb outside them, next to them."""
    for a, b in sentence_quotes(sent):
        if a <= trigger.idx < b and not (a <= verb.idx < b) and (0 <= verb.idx - b <= 12 or 0 <= a - verb.idx <= 30):
            return True
    return False


def speaker_of(verb, trigger, sent, lex: Lexicon):
    """Who speaks through a reporting verb: its subject; in a trailing clause ("..., a annoncé le
    gouverneur", "..., a security source said") the inverted subject or the phrase just before."""
    found = speaker_candidate(verb, trigger, sent, lex)
    if found is not None and (is_time_noun(found, lex) or found.ent_type_ in ("DATE", "TIME")):
        return None  # "a indiqué mardi la police": a day is no speaker
    return found


def speaker_candidate(verb, trigger, sent, lex: Lexicon):
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    inverted = _inverted_speaker(verb, subj, sent, lex)
    if inverted is not None:
        return inverted
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
    if subj is None and verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX"):
        # "L'ONG vient de publier un rapport ...", "X a tenu à préciser que ...": the governing verb's subject
        subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if subj is not None and subj.i != trigger.i and not any(a.i == subj.i for a in trigger.subtree):
            return subj
    if subj is None and verb.dep_ == "conj":  # "X warned ... and said ...": the first verb's subject
        subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if subj is not None and subj.i != trigger.i and not any(a.i == subj.i for a in trigger.subtree):
            return subj
    return None


def _inverted_speaker(verb, subj, sent, lex: Lexicon):
    """"Une frappe ... a tué 14 djihadistes, a indiqué l'Observatoire syrien (OSDH)": a reporting verb after a
    comma, closing the sentence, whose noun after it the parser took for its object while it made the
    reported happening its subject: the noun after it is who speaks."""
    if subj is None or subj.i > verb.i:
        return None
    first = min([verb.i] + [c.i for c in verb.children if c.dep_.startswith("aux") and c.i < verb.i])
    if first == sent.start or verb.doc[first - 1].text != "," or subj.i >= first:
        return None
    rest = [t for t in sent if t.i > verb.i and not t.is_punct and not t.is_space]
    if not rest or not all(in_subtree(t, verb) for t in rest):
        return None
    return next((c for c in verb.children if c.i > verb.i and c.dep_ in ("obj", "dobj", "nsubj", "nsubj:pass")
                 and c.pos_ in ("NOUN", "PROPN") and not is_time_noun(c, lex)
                 and c.ent_type_ not in ("DATE", "TIME")), None)


def claims_own_action(verb, trigger, lex: Lexicon) -> bool:
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
    # the active subject only: a passive one is what the act hit ("« Nos positions ont été attaquées »")
    passive = any(c.dep_ in ("aux:pass", "auxpass") for c in trigger.children)
    subj = None if passive else next((c for c in trigger.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    if subj is not None and (fold(subj.text) in first_person or
                             any(c.dep_ in ("det", "poss", "det:poss") and fold(c.text) in first_person for c in subj.children)):
        return True  # "Al-Shabaab said its fighters attacked", "« Nos moudjahidines ont détruit »"
    return any(fold(w.text) in lex.of("origin_words") for w in verb.subtree)


def phrase_verb(verb, key: str, lex: Lexicon) -> bool:
    """A verb phrase of table ``key`` ("mettre en cause", "faire état de"): the verb's lemma, then the
    phrase's other words, adverbs between them aside ("met également en cause", "ont aussi fait état")."""
    lemma = fold(verb.lemma_)
    for entry in lex.of(key):
        words = phrase_words(entry)
        if len(words) < 2 or words[0] != lemma:
            continue
        after = [t for t in verb.doc[verb.i + 1:min(len(verb.doc), verb.i + len(words) + 3)] if t.pos_ != "ADV"]
        if [fold(t.text) for t in after[:len(words) - 1]] == words[1:]:
            return True
    return False


def is_report_verb(tok, lex: Lexicon) -> bool:
    if fold(tok.lemma_) not in lex.of("report_verbs") and fold(tok.text) not in lex.of("report_verb_forms") \
            and not (tok.pos_ == "VERB" and phrase_verb(tok, "report_verbs", lex)):
        return False
    # a present-tense verb the tagger reads as a noun or an adjective ("Al-Shabaab claims to have killed ...",
    # "Un habitant, Moussa Traoré, raconte : « ..."): it has a subject
    return tok.pos_ in ("VERB", "AUX") or (tok.pos_ in ("NOUN", "ADJ") and any(c.dep_ == "nsubj" for c in tok.children))


def preposition_at(tok, lex: Lexicon):
    """The reporting preposition ("selon", "d'après", "according to") whose word ``tok`` is:
    (the phrase's tokens up to tok, the phrase's last token), or None."""
    doc, f = tok.doc, fold(tok.text)
    for entry in lex.data.get("report_prepositions", ()):
        words = phrase_words(entry)
        for k, w in enumerate(words):
            first = tok.i - k
            if w != f or first < 0 or first + len(words) > len(doc):
                continue
            toks = [doc[first + j] for j in range(len(words))]
            if all(fold(t.text) == word for t, word in zip(toks, words)):
                return toks[:k + 1], toks[-1]
    return None


def preposition_source(tok, last):
    """The noun a reporting preposition introduces: "according to X" (X the object of "to"), "selon X"."""
    obj = next((c for c in last.children if c.dep_ == "pobj"), None)
    if obj is not None:
        return obj
    return tok.head if tok.dep_ == "case" else None


def preposition_sources(sent, lex: Lexicon):
    """(preposition token, its cue tokens, the word it introduces) for each reporting preposition of the
    sentence ("selon X", "d'après lui", "according to X")."""
    for tok in sent:
        found = preposition_at(tok, lex)
        if found is None:
            continue
        cue_toks, last = found
        head = preposition_source(tok, last) if len(cue_toks) == 1 or tok.dep_ == "case" else None
        if head is not None:
            yield tok, cue_toks, head


def preposition_frame(sent, lex: Lexicon, previous: Frame | None) -> Frame | None:
    """"selon X", "d'après X", "according to X"."""
    for tok, cue_toks, head in preposition_sources(sent, lex):
        if head.pos_ not in ("NOUN", "PROPN"):
            continue
        src = phrase_tokens(head, lex)
        if any(fold(c.text) in lex.of("same_words") for c in head.children) and previous is not None \
                and previous.kind != "none":
            return previous  # "selon la même source": the source already named
        # "selon des informations", "selon les premières informations": no one in particular
        if any(fold(t.text) in lex.of("vague_determiners") for t in src[:2]) \
                and fold(head.lemma_) in lex.of("generic_report_nouns"):
            return Frame("generic", "reports", "writer", (), span_of([tok] + src), "generic report")
        if lex.token_in("toll_nouns", head):
            # "selon le dernier bilan": a toll is no source; "selon un bilan de l'OSDH": who gave it is
            who = next((c for c in head.children if c.dep_ in ("nmod", "prep") and c.pos_ in ("NOUN", "PROPN", "ADP")), None)
            who = next((g for g in who.children if g.dep_ == "pobj"), None) if who is not None and who.dep_ == "prep" else who
            if who is None or who.pos_ not in ("NOUN", "PROPN") or lex.token_in("toll_nouns", who):
                return Frame("generic", "reports", "writer", (), span_of([tok] + src), "a toll, with no source")
            head, src = who, phrase_tokens(who, lex)
        cited = cited_in(head, lex) or citing_after(sent, src, lex)
        frame = frame_from_source("report", cue_toks, src, lex, sent, f"reporting preposition {tok.text!r}", cited=cited)
        return replace(frame, scope="paragraph")
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
