"""Attribution frames: who says an event happened, through whom, and with which words.

A frame is found from the parse around a trigger: a reporting preposition ("selon X",
"according to X"), a reporting verb whose complement holds the trigger ("X a annoncé que ...",
"..., police said"), a claim ("X a revendiqué l'attaque"), a denial or an accusation. Chains
("Dijlah.tv, qui a cité une source sécuritaire", "Reuters, citing a local official",
"a déclaré à RT") keep every relay, outermost first.
"""
from __future__ import annotations

from dataclasses import dataclass

from eventatlas.model import Span
from eventatlas.nlp.actors import DETERMINERS, phrase_tokens
from eventatlas.nlp.lexicon import Lexicon, fold
from eventatlas.nlp.pipeline import text_of


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


WRITER = Frame("none", "writer", "writer", (), None, "no attribution: the writer's own statement")


def _clean(toks) -> str:
    """The phrase as written, without its leading determiner."""
    toks = list(toks)
    while len(toks) > 1 and fold(toks[0].text) in DETERMINERS:
        toks = toks[1:]
    return "".join(t.text_with_ws for t in toks).strip()


def _span_of(toks) -> Span:
    doc = toks[0].doc
    return Span.of(text_of(doc), toks[0].idx, toks[-1].idx + len(toks[-1].text))


def source_kind(toks, lex: Lexicon, sentence_text: str) -> str:
    forms = {fold(t.text) for t in toks} | {fold(t.lemma_) for t in toks}
    text = fold(" ".join(t.text for t in toks))
    anon_markers = ("anonymat", "anonym", "not to be named", "not authorized", "not authorised", "unnamed",
                    "couvert", "requested anonymity", "condition")
    head_is_source = bool(forms & {"source", "sources", "insider"})
    if head_is_source or any(m in text for m in anon_markers):
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
            if child.dep_ in ("dobj", "obj") and fold(verb.lemma_) not in ("tell",):
                continue
            if child.dep_ in ("obl", "obl:arg") and not case & {"a", "to"}:
                continue
            toks = phrase_tokens(child)
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
                    return phrase_tokens(child)
    return None


def _citing_after(sent, source_toks, lex: Lexicon):
    """"Reuters, citing a local official": the participle follows the source phrase."""
    end = source_toks[-1].i
    for tok in sent:
        if end < tok.i <= end + 3 and fold(tok.text) in lex.words["cite_cues"]:
            for child in tok.children:
                if child.dep_ in ("obj", "dobj") and child.pos_ in ("NOUN", "PROPN"):
                    return phrase_tokens(child)
            nxt = [t for t in sent if t.i > tok.i and t.pos_ in ("NOUN", "PROPN")]
            if nxt:
                return phrase_tokens(nxt[0])
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
        chain.append(_clean(relay))
    chain.append(_clean(source_toks))
    if cited:
        chain.append(_clean(cited))
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
                return _clean(phrase_tokens(subj))
    return None


def _denier(sent, claim_verb, lex: Lexicon) -> str | None:
    for tok in sent:
        if tok.i != claim_verb.i and fold(tok.lemma_) in lex.words["deny_verbs"] and tok.pos_ == "VERB":
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
            return _clean(phrase_tokens(subj)) if subj is not None else tok.text
    return None


QUOTES = {"«": "»", "“": "”", '"': '"'}


def _quote_spans(sent) -> list[tuple[int, int]]:
    text, base, out, i = sent.text, sent.start_char, [], 0
    while i < len(text):
        close = QUOTES.get(text[i])
        if close:
            j = text.find(close, i + 1)
            if j > i:
                out.append((base + i, base + j + 1))
                i = j + 1
                continue
        i += 1
    return out


def _in_quote(sent, token) -> bool:
    return any(a <= token.idx < b for a, b in _quote_spans(sent))


def _quoted_by(sent, trigger, verb) -> bool:
    """The trigger is inside quotation marks and the reporting verb outside them, next to them."""
    for a, b in _quote_spans(sent):
        if a <= trigger.idx < b and not (a <= verb.idx < b) and (0 <= verb.idx - b <= 12 or 0 <= a - verb.idx <= 30):
            return True
    return False


def _speaker(verb, trigger, sent):
    """Who speaks through a reporting verb: its subject; in a trailing clause ("..., a annoncé le
    gouverneur", "..., a security source said") the inverted subject or the phrase just before."""
    from eventatlas.nlp.actors import TIME_NOUNS
    found = _speaker_candidate(verb, trigger, sent)
    if found is not None and (fold(found.lemma_) in TIME_NOUNS or found.ent_type_ in ("DATE", "TIME")):
        return None  # "a indiqué mardi la police": a day is no speaker
    return found


def _speaker_candidate(verb, trigger, sent):
    from eventatlas.nlp.actors import TIME_NOUNS
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    if subj is not None and subj.i != trigger.i:
        return subj
    if verb.i > trigger.i:
        after = [t for t in sent if t.i > verb.i and t.pos_ in ("NOUN", "PROPN") and fold(t.lemma_) not in TIME_NOUNS
                 and t.ent_type_ not in ("DATE", "TIME")
                 and not any(fold(c.text) in ("a", "à", "to", "dans", "in", "on", "sur", "par") for c in t.children
                             if c.dep_ == "case")
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
    if fold(verb.lemma_) not in ("affirmer", "dire", "declarer", "say", "announce", "annoncer", "assurer"):
        return False
    for t in [trigger] + list(trigger.ancestors):
        if t.i == verb.i:
            break
        if any(fold(c.lemma_) == "avoir" and c.dep_.startswith("aux") and "Inf" in c.morph.get("VerbForm")
               for c in t.children):
            return True  # "affirme avoir pris"
        if any(c.dep_ == "nsubj" and fold(c.text) in ("it", "they", "its", "we", "il", "ils") for c in t.children) \
                and fold(t.lemma_) in ("carry", "conduct", "launch", "attack", "strike", "kill", "mener", "lancer"):
            return True  # "said it carried out"
    first_person = {"nos", "notre", "nous", "our", "we", "its", "their", "ses", "leurs", "leur"}
    subj = next((c for c in trigger.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    if subj is not None and (fold(subj.text) in first_person or
                             any(c.dep_ in ("det", "poss", "det:poss") and fold(c.text) in first_person for c in subj.children)):
        return True  # "Al-Shabaab said its fighters attacked", "« Nos moudjahidines ont détruit »"
    return any(fold(w.text) in ("origine",) for w in verb.subtree)


def find_frame(sent, trigger, lex: Lexicon, previous: Frame | None = None) -> Frame:
    frame = _find_frame(sent, trigger, lex, previous)
    contested_by = _contesting_denier(sent, trigger, lex)
    if contested_by and not frame.denied_by:
        frame = Frame(frame.kind, frame.source, frame.source_kind, frame.chain, frame.span, frame.cue,
                      frame.speaker_head, frame.speaker_span, contested_by, frame.speech_chars)
    return frame


def _find_frame(sent, trigger, lex: Lexicon, previous: Frame | None = None):
    """The attribution frame that governs `trigger` in its sentence (WRITER when none)."""
    words = lex.words
    # 1. claims: "X a revendiqué l'attaque", "X claimed responsibility for ..."
    for tok in sent:
        lemma = fold(tok.lemma_)
        claims_event = lemma == "claim" and any(c.dep_ == "dobj" and (fold(c.text) == "responsibility" or
                                                                 c.i == trigger.i or lex.triggers.find([(c.text, c.lemma_)]))
                                                for c in tok.children)
        if lemma in words["claim_verbs"] or claims_event:
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
            negated = any(fold(c.text) in ("no", "aucun", "aucune", "nul", "nulle") for c in subj.children) if subj is not None else False
            negated = negated or any(fold(c.text) in ("not", "n't", "pas", "jamais", "never") for c in tok.children)
            if negated:
                continue  # "No group claimed the attack" is no claim
            if subj is not None:
                src = phrase_tokens(subj)
                denier = _denier(sent, tok, lex)
                if subj.pos_ == "PRON" and previous is not None and previous.speaker_span is not None:
                    return Frame("claim", previous.source, "claimant", previous.chain, previous.span,
                                 f"claim by {previous.source!r} ({tok.text!r})", previous.speaker_head,
                                 previous.speaker_span, denier)
                f = _frame_from_source("claim", [tok], src, lex, sent, f"claim verb {tok.text!r}")
                return Frame(f.kind, f.source, f.source_kind, f.chain, f.span, f.cue, f.speaker_head, f.speaker_span,
                             denier, f.speech_chars)
    # 2. denials and accusations that govern the trigger ("l'armée a démenti toute frappe",
    #    "X accused Y of shelling"); a denial elsewhere in the sentence only contests the account
    # a speaker claiming its own act outranks any relay ("ont affirmé avoir tiré ..., selon un communiqué")
    for tok in sent:
        if fold(tok.lemma_) in words["report_verbs"] and tok.pos_ in ("VERB", "AUX") and tok.i != trigger.i \
                and (_in_subtree(trigger, tok) or _quoted_by(sent, trigger, tok)) and _claims_own_action(tok, trigger, lex):
            subj = _speaker(tok, trigger, sent)
            if subj is not None and subj.pos_ != "PRON":
                f = _frame_from_source("claim", [tok], phrase_tokens(subj), lex, sent, f"claims its own action ({tok.text!r})")
                return f
    # quoted words: "« ... », a raconté un habitant", "\"...\", said a spokesman"
    for tok in sent:
        if fold(tok.lemma_) in words["report_verbs"] and tok.pos_ in ("VERB", "AUX") and _quoted_by(sent, trigger, tok):
            subj = _speaker(tok, trigger, sent)
            if subj is not None and subj.pos_ != "PRON" and not _in_quote(sent, subj):
                return _frame_from_source("report", [tok], phrase_tokens(subj), lex, sent, f"quoted by {tok.text!r}")
    for kind, key in (("deny", "deny_verbs"), ("accuse", "accuse_verbs")):
        for tok in sent:
            if fold(tok.lemma_) in words[key] and tok.pos_ in ("VERB", "NOUN"):
                subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
                if subj is None or subj.pos_ == "PRON":
                    continue
                if _in_subtree(trigger, tok) or any(c.i == trigger.i for c in tok.children):
                    return _frame_from_source(kind, [tok], phrase_tokens(subj), lex, sent, f"{kind} verb {tok.text!r}")
    # 3. "selon X", "d'après X", "according to X"
    for tok in sent:
        f = fold(tok.text)
        if f in ("selon", "according", "apres") or (f == "d'" and tok.nbor(1).lower_ == "après" if tok.i + 1 < len(tok.doc) else False):
            if f == "apres" and tok.i > 0 and fold(tok.nbor(-1).text) != "d'":
                continue
            head = tok.head if tok.dep_ == "case" else None
            if f == "according":
                to = next((c for c in tok.children if c.lower_ == "to"), None)
                head = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if head is None or head.pos_ not in ("NOUN", "PROPN"):
                continue
            src = phrase_tokens(head)
            if any(fold(c.text) in ("meme", "same") for c in head.children) and previous is not None \
                    and previous.kind != "none":
                return previous  # "selon la même source": the source already named
            if fold(src[0].text) in ("des", "certaines") and fold(head.lemma_) in ("information", "rapport", "source"):
                if fold(head.lemma_) == "information":
                    return Frame("generic", "reports", "writer", (), _span_of([tok] + src), "generic report")
            cited = _cited(head, lex) or _citing_after(sent, src, lex)
            cue_toks = [tok] if f != "apres" else [tok.nbor(-1), tok]
            return _frame_from_source("report", cue_toks, src, lex, sent, f"reporting preposition {tok.text!r}",
                                      cited=cited)
    # 4. a reporting verb whose complement holds the trigger, or whose subject is the speaker
    for tok in sent:
        if fold(tok.lemma_) in words["report_verbs"] and tok.pos_ in ("VERB", "AUX") and tok.i != trigger.i:
            governing = {trigger.i} | {a.i for a in trigger.ancestors}
            if not _in_subtree(trigger, tok) and not any(a.i == trigger.i for a in tok.ancestors) \
                    and not (tok.i > trigger.i and tok.head.i in governing):
                continue  # a trailing "..., a annoncé X" hangs off the main verb the trigger depends on
            if any(fold(c.text) in ("not", "n't", "pas") for c in tok.children):
                continue  # "did not say": nobody says anything
            subj = _speaker(tok, trigger, sent)
            if subj is None:
                continue
            if any(fold(c.text) in ("no", "aucun", "aucune") for c in subj.children):
                continue  # "No group had claimed the attack"
            same = any(fold(c.text) in ("meme", "same") for c in subj.children) or fold(subj.text) in ("meme",)
            if subj.pos_ == "PRON" or same:
                if previous is not None and previous.kind != "none":
                    return previous  # "il a ajouté", "selon la même source": the speaker already named
                continue
            src = phrase_tokens(subj)
            relay = _relay_objects(tok, lex)
            cited = _citing_after(sent, src, lex)
            if relay is not None and any(t.i in {r.i for r in relay} for t in src):
                relay = None
            frame = _frame_from_source("report", [tok], src, lex, sent, f"reporting verb {tok.text!r}",
                                       relay=relay, cited=cited)
            if _claims_own_action(tok, trigger, lex):
                return Frame("claim", frame.source, "claimant", frame.chain, frame.span,
                             f"claims its own action ({tok.text!r})", frame.speaker_head, frame.speaker_span)
            return frame
    # 5. generic hedged reporting: "reportedly", "selon des informations"
    for tok in sent:
        if fold(tok.text) in ("reportedly", "purportedly"):
            return Frame("generic", "reports", "writer", (), Span.of(text_of(sent.doc), tok.idx, tok.idx + len(tok.text)),
                         f"generic report {tok.text!r}")
    return WRITER
