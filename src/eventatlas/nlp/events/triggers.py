"""Triggers: the words and phrases of a sentence that name a happening, with their class and
strength, and what the trigger's noun says about the happening (anaphoric, a bare plural, the
physical thing hit)."""
from __future__ import annotations

from dataclasses import dataclass, replace

from eventatlas.model import Span
from eventatlas.nlp.events.classes import is_support, rank
from eventatlas.nlp.lexicon import Lexicon, fold, phrase_regex, phrase_words
from eventatlas.nlp.pipeline import text_of

#: dependency labels of a verb's object (the passive subject is the object of the action)
OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass", "nsubj:pass"})
STRENGTH_ORDER = {"strong": 2, "weak": 1, "support": 0}


class Strength:
    """How much a trigger alone says that something happened (the record's own words)."""
    STRONG = "strong"
    WEAK = "weak"  # needs a toll, a date and a place to stand on its own
    SUPPORT = "support"  # never an event on its own: it joins one


@dataclass(frozen=True, slots=True)
class Trigger:
    cls: str
    strength: str
    tokens: tuple  # the trigger's tokens (spaCy); never leaves nlp/
    head: object  # the token that carries the parse: the verb or noun of the trigger
    reason: str  # TriggerReason code

    def as_span(self) -> Span:
        return token_span(self.tokens)

    @property
    def root(self):
        """The token the phrase's other tokens hang on ("strikes" in "air-strikes", "bomb" in "car bomb"),
        where its parties attach; the head when the phrase has a verb or no noun root."""
        if self.head.pos_ == "VERB" or len(self.tokens) == 1:
            return self.head
        inside = {t.i for t in self.tokens}
        root = next((t for t in self.tokens if t.head.i not in inside or t.head.i == t.i), None)
        return root if root is not None and root.pos_ == "NOUN" else self.head


class TriggerReason:
    PHRASE = "PHRASE"  # a word or phrase of the profile's triggers table
    VERB_OBJECT = "VERB_OBJECT"  # a verb of object_triggers with one of its object nouns


def forms(tokens) -> list[tuple[str, str]]:
    return [(t.text, t.lemma_) for t in tokens]


def token_span(tokens) -> Span:
    doc = tokens[0].doc
    return Span.of(text_of(doc), tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))


def _strength(cls: str, entry: str, span_toks, head, lex: Lexicon) -> str:
    if is_support(cls):
        return Strength.SUPPORT
    if fold(entry) in lex.weak or (len(span_toks) == 1 and fold(head.lemma_) in lex.weak):
        return Strength.WEAK  # a multi-word entry ("frappe aérienne") is as strong as the entry says
    return Strength.STRONG


def _phrase_triggers(toks, lex: Lexicon, date_chars: frozenset) -> list[Trigger]:
    out = []
    for hit in lex.triggers.find(forms(toks)):
        span_toks = toks[hit.start:hit.end]
        if any(t.idx in date_chars for t in span_toks):
            continue  # "March 14" is a date, not a march
        # the verb of an agent-and-verb entry ("jets strike") heads it; a noun that names a happening by itself
        # ("affrontements ont opposé", "car bomb") heads its entry, as does the first noun of an entry with no verb
        noun = next((t for t in span_toks if t.pos_ == "NOUN"), None)
        verb = next((t for t in span_toks if t.pos_ == "VERB"), None)
        head = verb if verb is not None and (noun is None or not lex.triggers.find([(noun.text, noun.lemma_)])) \
            else next((t for t in span_toks if t.pos_ in ("VERB", "NOUN")), span_toks[0])
        if len(span_toks) == 1 and head.pos_ not in ("NOUN", "PROPN") \
                and fold(hit.entry) in lex.of("noun_only_triggers"):
            continue  # "le système marche bien": a word naming a happening only as a noun, used otherwise
        out.append(Trigger(hit.label, _strength(hit.label, hit.entry, span_toks, head, lex), tuple(span_toks), head,
                           TriggerReason.PHRASE))
    return out


def _objects(verb, prepositional: bool) -> list:
    """The verb's objects: direct ("seized two towns"), and, when the class allows it, through a
    preposition ("fired at the positions", "a tiré sur les positions")."""
    out = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    if prepositional:
        out += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        out += [c for c in verb.children if c.dep_.startswith("obl")]
    return out + [g for o in out for g in o.conjuncts]  # "fired heavy machine guns and grenade launchers"


def _verb_object_triggers(toks, lex: Lexicon, covered: set[int]) -> list[Trigger]:
    """"exchanged 48 prisoners", "48 détenus ont été échangés": the class comes from verb and object."""
    out = []
    # classes that also take the object through a preposition ("fired at the positions")
    prepositional = {label for label, spec in lex.data.get("object_triggers", {}).items() if spec.get("through_preposition")}
    for tok in toks:
        # a noun with an object is a verb the tagger misread ("Government forces ... capture Marib Dam")
        misread = tok.pos_ == "NOUN" and any(c.dep_ in ("dobj", "obj") for c in tok.children)
        if tok.i in covered or (tok.pos_ != "VERB" and not misread):
            continue
        lemma = fold(tok.lemma_)
        for label, (verbs, objects) in lex.object_triggers.items():
            if lemma in verbs and any(fold(o.lemma_) in objects for o in _objects(tok, label in prepositional)):
                out.append(Trigger(label, Strength.STRONG, (tok,), tok, TriggerReason.VERB_OBJECT))
                break
    return out


def other_sense_chars(sent, lex: Lexicon) -> frozenset:
    """Characters of the phrases in which a trigger word has a non-conflict sense ("pillow fight",
    "rules of engagement", "car rally"): the profile's non_event_phrases."""
    folded = fold(sent.text)
    out: set[int] = set()
    for phrase in lex.data.get("non_event_phrases", ()):
        for hit in phrase_regex(phrase).finditer(folded):
            out.update(range(sent.start_char + hit.start(), sent.start_char + hit.end()))
    return frozenset(out)


def _names_a_campaign(trig: Trigger, toks, lex: Lexicon) -> bool:
    """"Battle of Kunduz", "Siege of the Capital": a capitalised trigger noun of a campaign class (the
    profile's ``campaign_classes``) followed by a linker (``campaign_linkers``) and a capitalised name is
    the name of a war or campaign, the topic a summary is filed under, not a happening it tells: a
    supporting mention at most."""
    if trig.cls not in lex.of("campaign_classes") or len(trig.tokens) != 1 or not trig.head.text.istitle():
        return False
    rest = [t for t in toks if t.i > trig.head.i][:3]
    if not rest or fold(rest[0].text) not in lex.of("campaign_linkers"):
        return False
    name = [t for t in rest[1:] if fold(t.text) not in lex.of("definite_articles")][:1]
    return bool(name) and name[0].text[:1].isupper()


def _names_a_charge(trig: Trigger, toks, lex: Lexicon) -> bool:
    """"charged with murder", "an investigation for an attempted murder", "mis en examen pour tentative de
    meurtre": a trigger after a phrase of the profile's ``charge_phrases`` (with its ``charge_modifiers``
    between) names what a court or an inquiry calls an act, not a happening the sentence tells."""
    first = trig.tokens[0].i - toks[0].i
    before = [fold(t.text) for t in toks[max(0, first - 10):first] if not t.is_quote]  # "for an “attempted murder"
    modifiers = [w for w in map(phrase_words, lex.data.get("charge_modifiers", ())) if w]
    stripped = True
    while stripped and before:
        stripped = False
        for m in modifiers:
            if before[-len(m):] == m:
                before, stripped = before[:-len(m)], True
                break
    return any(p and before[-len(p):] == p for p in map(phrase_words, lex.data.get("charge_phrases", ())))


def _inside_other_weapon(trig: Trigger, toks, weapon_hits, lex: Lexicon) -> bool:
    """A trigger word that only names part of another weapon: "grenade launchers" and
    "rocket-propelled grenade" are not grenades thrown. True when the trigger's tokens lie inside a
    longer phrase of the profile's weapons table (``weapon_hits``, the sentence's) whose weapon type
    is not the trigger word's own."""
    own = {h.label for h in lex.weapons.find(forms(trig.tokens))}
    if not own:
        return False
    first, last = trig.tokens[0].i - toks[0].i, trig.tokens[-1].i - toks[0].i
    return any(hit.start <= first and last < hit.end and hit.end - hit.start > len(trig.tokens)
               and hit.label not in own for hit in weapon_hits)


def find_triggers(sent, lex: Lexicon, date_chars: frozenset = frozenset()) -> list[Trigger]:
    """Every trigger of the sentence, in text order; none inside a phrase that gives its word another sense."""
    toks = list(sent)
    out = _verb_object_triggers(toks, lex, set())
    covered = {t.i for trig in out for t in trig.tokens}
    out += [t for t in _phrase_triggers(toks, lex, date_chars) if not any(x.i in covered for x in t.tokens)]
    other = other_sense_chars(sent, lex)
    if other:
        out = [t for t in out if not any(x.idx in other for x in t.tokens)]
    out = [t for t in out if not _names_a_charge(t, toks, lex)]
    if out:
        weapon_hits = lex.weapons.find(forms(toks))
        out = [t for t in out if not _inside_other_weapon(t, toks, weapon_hits, lex)]
    # a campaign's name never stands alone as a happening; it may still join one the sentence tells
    out = [replace(t, strength=Strength.SUPPORT) if _names_a_campaign(t, toks, lex) else t for t in out]
    out.sort(key=lambda trig: trig.tokens[0].i)
    return out


def main_trigger(triggers: list[Trigger]) -> Trigger:
    """The strongest, most specific, first trigger: the one the sentence's event is about."""
    return max(triggers, key=lambda t: (STRENGTH_ORDER[t.strength], rank(t.cls), -t.head.i))


def is_anaphoric(head, sent, lex: Lexicon) -> bool:
    """"l'attaque", "the incident": the trigger refers back to a happening already told."""
    det = next((c for c in head.children if c.dep_ == "det"), None)
    pointing = lex.of("referring_determiners")
    if head.pos_ == "NOUN" and det is not None and fold(det.text) in pointing and lex.token_in("anaphora", head):
        return True
    articles = lex.of("definite_articles")
    return any(fold(t.lemma_) in lex.anaphora and fold(t.lemma_) in lex.of("incident_nouns")
               and any(fold(c.text) in articles for c in t.children) for t in sent)


def is_bare_plural(head, lex: Lexicon) -> bool:
    """"attacks have become rarer": a kind of happening, not one in particular (no article, possessive
    ("its first airstrikes") or number)."""
    partitive = lex.of("partitive_articles")
    return head.pos_ == "NOUN" and "Plur" in head.morph.get("Number") and \
        not any(c.dep_ in ("det", "poss") and fold(c.text) not in partitive for c in head.children) and \
        not any(c.dep_ == "nummod" for c in head.children)


def heads_of(sent, lex: Lexicon) -> frozenset[str]:
    """Nouns naming the physical thing the event hit (aircraft, convoy, market...), for coreference:
    "un hélicoptère ... l'appareil ... l'hélicoptère" are one happening."""
    keys = lex.of("object_nouns")
    return frozenset(fold(t.lemma_) for t in sent if t.pos_ == "NOUN" and fold(t.lemma_) in keys)
