"""Modality: how the text presents the happening a trigger names (a fact, negated, future,
threatened, possible, conditional or generic), with the cue that decided it.

Certainty (asserted, reported, claimed, alleged, speculative) is decided from the modality and
the attribution frame when the event is assembled (assemble._certainty)."""
from __future__ import annotations

from dataclasses import dataclass

from eventatlas.nlp.lexicon import Lexicon, find_phrase, fold

SUBJECT_DEPS = ("nsubj", "nsubj:pass", "nsubjpass")
#: the predicate's dependents that can carry its modality ("n'a pas", "likely", "no")
SCOPE_DEPS = ("advmod", "neg", "det", "amod", "nmod", "obl:mod", "mark", "acl")
#: clauses beside the happening, not about it
SIDE_CLAUSES = ("acl:relcl", "relcl", "acl", "advcl", "ccomp")


class Modality:
    """The record's modality classes."""
    FACT = "fact"
    NEGATED = "negated"
    FUTURE = "future"
    THREAT = "threat"
    POSSIBLE = "possible"
    CONDITIONAL = "conditional"
    GENERIC = "generic"
    STATEMENT = "statement"


@dataclass(frozen=True, slots=True)
class ModalityCue:
    modality: str
    cue: str  # the word or phrase that decided it, as written ("" for a fact)
    reason: str  # ModalityReason code


class ModalityReason:
    NEGATIVE_SUBJECT = "NEGATIVE_SUBJECT"  # "aucun groupe n'a attaqué"
    NEGATED_HAPPENING = "NEGATED_HAPPENING"  # "la manifestation n'a pas eu lieu"
    NEGATION = "NEGATION"  # a negation in the predicate's scope
    NEAR_MISS = "NEAR_MISS"  # "the helicopter was nearly downed": it did not happen
    THREAT_VERB = "THREAT_VERB"
    POSSIBILITY_MODAL = "POSSIBILITY_MODAL"
    FUTURE_CUE = "FUTURE_CUE"
    FUTURE_TENSE = "FUTURE_TENSE"
    SPECULATIVE_CUE = "SPECULATIVE_CUE"
    CONDITIONAL_MOOD = "CONDITIONAL_MOOD"
    ALLEGATION_CUE = "ALLEGATION_CUE"
    HEDGE_CUE = "HEDGE_CUE"
    GENERIC_CUE = "GENERIC_CUE"
    NONE = "NONE"


FACT = ModalityCue(Modality.FACT, "", ModalityReason.NONE)


def _aux_and_self(tok):
    return [tok] + [c for c in tok.children if c.dep_.startswith("aux")]


def predicate_chain(trigger) -> list:
    """The trigger, then the verbs that govern it: "A drone strike likely killed" reaches "killed",
    "pourraient commencer à attaquer" reaches "pourraient"."""
    chain = [trigger]
    cur = trigger
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("nsubj", "nsubj:pass", "nsubjpass", "obj", "dobj") \
            and trigger.head.pos_ in ("VERB", "AUX"):
        cur = trigger.head  # the predicate carries the modality
        chain.append(cur)
    for _ in range(3):
        if cur.dep_ in ("xcomp", "ccomp", "obj", "dobj") and cur.head.i != cur.i and cur.head.pos_ in ("VERB", "AUX"):
            cur = cur.head
            chain.append(cur)
        else:
            break
    return chain


def predicate_scope(chain) -> list:
    scope = []
    for t in chain:
        scope.extend(_aux_and_self(t))
        scope.extend(c for c in t.children if c.dep_ in SCOPE_DEPS)
    return scope


def _negation(trigger, scope, lex: Lexicon) -> ModalityCue | None:
    """Negation on the trigger or its verb chain; nouns: "aucune attaque", "no attack"; subjects:
    "no unit had opened fire", "aucun groupe n'a attaqué"."""
    determiners, adverbs = lex.of("negative_determiners"), lex.of("negation_adverbs")
    for subj in (c for c in trigger.children if c.dep_ in SUBJECT_DEPS):
        for d in subj.children:
            if d.dep_ == "det" and fold(d.text) in determiners:
                return ModalityCue(Modality.NEGATED, d.text, ModalityReason.NEGATIVE_SUBJECT)
    if trigger.dep_ in SUBJECT_DEPS and not _speech_predicate(trigger.head, lex) \
            and any(fold(c.text) in adverbs for c in trigger.head.children):
        return ModalityCue(Modality.NEGATED, "the happening did not take place", ModalityReason.NEGATED_HAPPENING)
    # a negative determiner that is a word of its own elsewhere ("no" in "no, ...") says nothing here;
    # a language whose negative determiners are pronouns too ("aucun") lists them with the adverbs
    in_scope = adverbs | (determiners if lex.data.get("negative_determiners_as_pronouns") else frozenset())
    for t in scope:
        f = fold(t.text)
        if t.dep_ == "neg" or f in in_scope or (f in determiners and t.dep_ == "det"):
            return ModalityCue(Modality.NEGATED, t.text, ModalityReason.NEGATION)
    # "nearly downed", "almost killed": an adverb on the verb itself (not on a number: "nearly 20 killed")
    near = lex.of("near_miss_adverbs")
    cue = next((t for t in scope if t.dep_ == "advmod" and t.head.i == trigger.i and fold(t.text) in near), None)
    if cue is not None and trigger.pos_ in ("VERB", "AUX"):
        return ModalityCue(Modality.NEGATED, cue.text, ModalityReason.NEAR_MISS)
    return None


def _perfect(chain, scope, trigger, sent, lex: Lexicon) -> bool:
    """"may have attacked", "pourraient avoir attaqué": a possibility about the past, not the future."""
    perfect = lex.of("perfect_auxiliaries")
    if any(fold(t.lemma_) in perfect and t.i < trigger.i and t.head.i == trigger.i and t.dep_.startswith("aux")
           for t in sent):
        return True  # a perfect infinitive
    head_lemmas = {fold(t.lemma_) for t in chain[1:]} | {fold(t.lemma_) for t in scope if t.dep_.startswith("aux")}
    has_perfect = any(fold(c.lemma_) in perfect and c.i > min(x.i for x in chain) - 4
                      for t in chain for c in t.children if c.dep_.startswith("aux"))
    return has_perfect and bool(head_lemmas & lex.of("modal_perfect_auxiliaries"))


def _cue_in(cues, tokens, folded_sent: str, lemmas: bool = False):
    """The first cue of the table that a phrase of the sentence or a single token says."""
    for cue in cues:
        c = fold(cue)
        if " " in c:
            if find_phrase(folded_sent, c):
                return cue
        elif any(fold(t.text) == c or (lemmas and fold(t.lemma_) == c) for t in tokens):
            return cue
    return None


def _future_or_possible(trigger, chain, scope, sent, lex: Lexicon, folded_sent: str) -> ModalityCue | None:
    for t in chain[1:]:
        if fold(t.lemma_) in lex.of("threat_verbs"):
            return ModalityCue(Modality.THREAT, t.text, ModalityReason.THREAT_VERB)  # "threatened to attack"
    for t in chain[1:] + [c for c in scope if c.dep_.startswith("aux")]:
        if fold(t.lemma_) in lex.of("possibility_modals"):
            kind = Modality.POSSIBLE if _perfect(chain, scope, trigger, sent, lex) else Modality.FUTURE
            return ModalityCue(kind, t.text, ModalityReason.POSSIBILITY_MODAL)
    cue = _cue_in(lex.data.get("future_cues", ()), scope, folded_sent)
    if cue is not None:
        return ModalityCue(Modality.FUTURE, cue, ModalityReason.FUTURE_CUE)
    if any("Fut" in t.morph.get("Tense") for t in scope if t.pos_ in ("VERB", "AUX")) or \
            any(fold(t.text) in lex.of("future_auxiliaries") for t in scope):
        return ModalityCue(Modality.FUTURE, "future tense", ModalityReason.FUTURE_TENSE)
    cue = _cue_in(lex.data.get("speculative_cues", ()), scope + list(trigger.ancestors), folded_sent, lemmas=True)
    if cue is not None:
        return ModalityCue(Modality.POSSIBLE, cue, ModalityReason.SPECULATIVE_CUE)
    return None


def governing_verb(trigger):
    """The first verb above a noun trigger ("aurait été visé ... par un engin explosif", "auraient été tués
    dans une embuscade"): the predicate that tells whether the happening the noun names took place.
    None for a verb trigger, or a noun no verb governs."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return None
    return next((a for a in trigger.ancestors if a.pos_ in ("VERB", "AUX")), None)


def _alleged_or_hedged(trigger, scope, sent, lex: Lexicon, folded_sent: str) -> ModalityCue | None:
    if lex.data.get("conditional_mood_alleges"):
        # "l'armée aurait frappé": the conditional reports an allegation, not a fact; a noun trigger
        # takes the mood of the verb it hangs off, however loosely the parse attaches it
        exempt = lex.of("conditional_exempt")
        verb = governing_verb(trigger)
        moods = scope + (_aux_and_self(verb) if verb is not None and verb.i not in {t.i for t in scope} else [])
        # the tagger sometimes reads "seraient" as an indicative: the profile's conditional forms say it too
        forms = lex.of("conditional_forms")
        if verb is None and trigger.pos_ in ("NOUN", "PROPN"):
            # a noun the parse hangs off no verb ("seraient mortes lundi dans l'explosion", "lundi" read as
            # the root): the conditional auxiliary told before it in its sentence
            moods = moods + [t for t in sent if t.i < trigger.i and fold(t.text) in forms]
        cnd = [t for t in moods if ("Cnd" in t.morph.get("Mood") or fold(t.text) in forms)
               and fold(t.lemma_) not in exempt]
        if cnd:
            return ModalityCue(Modality.CONDITIONAL, cnd[0].text, ModalityReason.CONDITIONAL_MOOD)
    for cue in lex.data.get("allegation_cues", ()):
        if find_phrase(folded_sent, cue):
            return ModalityCue(Modality.CONDITIONAL, cue, ModalityReason.ALLEGATION_CUE)
    scope_ids = {x.i for x in scope}
    for t in sent:
        # "l'attentat présumé", "the alleged massacre": the happening itself is alleged; "de présumés
        # jihadistes", "suspected militants" hedge the perpetrator only (TAXONOMY.md)
        # (by position too: the French parse often makes a prenominal "présumé" the head of its noun)
        if lex.token_in("allegation_modifiers", t) and (abs(t.i - trigger.i) == 1 or (
                t.head.i == trigger.i and t.dep_ in ("amod", "acl"))):
            return ModalityCue(Modality.CONDITIONAL, t.text, ModalityReason.ALLEGATION_CUE)
    ancestors = {a.i for a in trigger.ancestors}
    verb = governing_verb(trigger)
    for t in sent:
        # a noun trigger's happening is hedged by an adverb on the verb that tells it, set before that
        # verb ("ont probablement été tués par un tir de mortier"); one after it ("..., probablement par
        # des jihadistes") hedges a detail
        on_verb = verb is not None and t.head.i == verb.i and t.i < verb.i
        if lex.token_in("hedge_cues", t) and (t.head.i == trigger.i or t.i in scope_ids or t.i in ancestors or on_verb):
            # "apparently attacked", "semble avoir": the text is unsure it happened
            return ModalityCue(Modality.POSSIBLE, t.text, ModalityReason.HEDGE_CUE)
    return None


def _own_words(trigger, chain) -> str:
    """The folded words of the trigger's own phrase, without the clauses beside it."""
    def beside(t):
        return any(a.dep_ in SIDE_CLAUSES and a.i != trigger.i and trigger.i in {x.i for x in a.ancestors}
                   for a in [t] + [x for x in t.ancestors if x.i != trigger.i])
    own = [t for t in trigger.subtree if not beside(t)]
    return fold(" ".join(t.text for t in own + chain[1:]))


#: trigger classes whose verb, in the present in a relative clause, says what someone is (a fighter), not what
#: happened ("des personnes qui manifestaient" is the protest itself, whatever tense the tagger reads)
DESCRIBING_CLASSES = frozenset({"clash"})


def _describes_someone(trigger, lex: Lexicon) -> bool:
    """"un milicien qui combat Boko Haram", "militiamen who fight the insurgents": a verb of fighting in the
    present tense in a relative clause says what someone does, not a happening."""
    if trigger.dep_ not in ("acl:relcl", "relcl") \
            or not {h.label for h in lex.triggers.find([(trigger.text, trigger.lemma_)])} & DESCRIBING_CLASSES:
        return False
    if trigger.pos_ == "NOUN":  # "qui combat" tagged as a noun (no article): a verb in the present by its form
        return not any(c.dep_ == "det" for c in trigger.children) \
            and any(c.dep_ == "nsubj" and "Rel" in c.morph.get("PronType") for c in trigger.children)
    return trigger.pos_ == "VERB" and "Pres" in trigger.morph.get("Tense") and "Fin" in trigger.morph.get("VerbForm")


def _generic(trigger, chain, scope, lex: Lexicon) -> ModalityCue | None:
    if _describes_someone(trigger, lex):
        return ModalityCue(Modality.GENERIC, trigger.text, ModalityReason.GENERIC_CUE)
    for t in list(trigger.subtree) + scope + list(trigger.head.children):
        # "in usually tranquil Balkh": a cue on an adjective qualifies a place or thing, not the happening
        if lex.token_in("generic_cues", t) and not (t.head.pos_ == "ADJ" and t.head.i != trigger.i):
            return ModalityCue(Modality.GENERIC, t.text, ModalityReason.GENERIC_CUE)
    own = None
    for cue in lex.data.get("generic_cues", ()):
        # "depuis plusieurs mois" must qualify the happening itself, not a clause beside it
        if " " in cue:
            own = own if own is not None else _own_words(trigger, chain)
            if find_phrase(own, cue):
                return ModalityCue(Modality.GENERIC, cue, ModalityReason.GENERIC_CUE)
    return None


#: the attribution tables whose verbs say something about a happening rather than tell it
SPEECH_TABLES = ("claim_verbs", "responsibility_verbs", "report_verbs", "deny_verbs")


def _speech_predicate(verb, lex: Lexicon) -> bool:
    return any(fold(verb.lemma_) in lex.of(table) for table in SPEECH_TABLES)


def find_modality(trigger, sent, lex: Lexicon) -> ModalityCue:
    """How the text presents the happening the trigger names, first rule that fires."""
    chain = predicate_chain(trigger)
    if len(chain) > 1 and _speech_predicate(chain[1], lex):
        # "l'attentat n'a pas été revendiqué", "no group claimed the attack": the negation, mood or
        # tense of a claim or a report bears on the saying, not on the happening it names
        chain = chain[:1]
    scope = predicate_scope(chain)
    folded_sent = fold(sent.text)
    return (_negation(trigger, scope, lex)
            or _future_or_possible(trigger, chain, scope, sent, lex, folded_sent)
            or _alleged_or_hedged(trigger, scope, sent, lex, folded_sent)
            or _generic(trigger, chain, scope, lex)
            or FACT)


def modality(trigger, sent, lex: Lexicon) -> tuple[str, str]:
    """(modality, cue) of the happening the trigger names."""
    found = find_modality(trigger, sent, lex)
    return found.modality, found.cue
