"""Event mentions, one per sentence that holds a trigger: the sentence's stages put together.
Each stage is its own module and returns frozen records: triggers (nlp/events/triggers.py),
modality (nlp/events/modality.py), attribution (nlp/attribution.py), actors and roles
(nlp/actors.py), weapons (nlp/weapons.py), deaths and injuries (nlp/deaths.py). The Doc is read
here and never returned.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from eventatlas.model import Deaths, Span, Weapon
from eventatlas.nlp.actors import (ActorReason, ActorRef, battle_roles, find_actors, intervening_force, make_actor, phrase_tokens,
                                   victims_in_toll)
from eventatlas.nlp.attribution import Frame, find_frame, warning_frame
from eventatlas.nlp.events.classes import family, is_support
from eventatlas.nlp.frames import frame_from_source, in_subtree, is_report_verb, phrase_verb
from eventatlas.nlp.deaths import find_deaths
from eventatlas.nlp.events.modality import find_modality
from eventatlas.nlp.events.newsness import antecedent_starts
from eventatlas.nlp.events.triggers import (Strength, find_triggers, heads_of, is_anaphoric, is_bare_plural,
                                            main_trigger, token_span)
from eventatlas.nlp.lexicon import Lexicon, fold
from eventatlas.nlp.pipeline import text_of
from eventatlas.nlp.roles import more_roles
from eventatlas.nlp.weapons import find_weapon


@dataclass(frozen=True, slots=True)
class Mention:
    sent_index: int
    paragraph: int
    sent_span: Span
    trigger: Span
    cls: str
    classes: tuple[str, ...]
    strength: str  # strong | weak | support
    anaphoric: bool
    modality: str  # fact | negated | future | threat | possible | conditional | hedged | generic
    modality_cue: str
    frame: Frame
    actors: tuple[ActorRef, ...]
    weapon: Weapon | None
    deaths: Deaths | None
    injuries: Deaths | None
    heads: frozenset[str]  # nouns naming what was hit, for coreference ("hélicoptère", "convoi")
    clause: frozenset = frozenset()  # start chars of the tokens of the trigger's own clause
    sentence_classes: tuple[str, ...] = ()  # every trigger class in the sentence
    coref: dict = field(default_factory=dict)  # actor start char -> the named group it refers back to
    bare_plural: bool = False  # "attacks have become rarer": a kind of happening, unless dated or placed
    place_indices: tuple[int, ...] = ()  # the sentence's places (analyse fills them in)
    clause_place_indices: tuple[int, ...] = ()
    date_indices: tuple[int, ...] = ()
    why: tuple[str, ...] = ()
    #: the auxiliary that puts the trigger's clause in the pluperfect ("avaient péri", "had been killed")
    pluperfect: Span | None = None
    #: the trigger is a noun with a definite article ("the explosion", "l'attaque"): it names a happening
    #: the reader is taken to know
    definite: bool = False


def _definite(head, lex: Lexicon) -> bool:
    return head.pos_ == "NOUN" and any(c.dep_ == "det" and fold(c.text) in lex.of("definite_articles")
                                       for c in head.children)


def _pluperfect(head, lex: Lexicon) -> Span | None:
    """The first auxiliary of the verb governing the trigger when it makes the pluperfect (the profile's
    dates.json ``pluperfect``: the auxiliaries, the tense they carry, their dependency): "cinq gendarmes
    avaient péri dans une attaque", "had been killed". The passive of the imperfect ("étaient attaqués")
    is no pluperfect: its auxiliary hangs as aux:pass."""
    spec = lex.data.get("pluperfect")
    if not spec:
        return None
    verb = head
    for _ in range(3):
        if verb.pos_ == "VERB" or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ != "VERB":
        return None
    auxes = sorted((c for c in verb.children if c.dep_ in spec["deps"] or c.dep_.startswith("aux")),
                   key=lambda t: t.i)
    first = auxes[0] if auxes else None
    if first is None or first.dep_ not in spec["deps"] or fold(first.lemma_) not in spec["auxiliaries"] \
            or spec["tense"] not in first.morph.get("Tense"):
        return None
    return token_span([first])


def _sentence_span(sent) -> Span:
    return token_span([t for t in sent if not t.is_space] or list(sent))


def _toll_mention(sent_index, paragraph, sent, lex: Lexicon, previous_frame, deaths, injuries) -> Mention:
    """"No one was hurt." / "Five people died." after an event: a toll that joins it."""
    span = (deaths or injuries).span
    toks = [t for t in sent if span.start_char <= t.idx < span.end_char] or list(sent)
    head = toks[0]
    return Mention(sent_index, paragraph, _sentence_span(sent), span, "casualty", ("casualty",), Strength.SUPPORT, False,
                   "fact", "", find_frame(sent, head, lex, previous_frame), (), None, deaths, injuries,
                   heads_of(sent, lex), _clause(head), sentence_classes=("casualty",))


def _claimant(frame: Frame, sent, lex: Lexicon, country_of, actors: list[ActorRef]) -> list[ActorRef]:
    """"X a revendiqué l'attaque": X is the claimant, and the perpetrator when none is named."""
    sp = frame.speaker_span
    inside = [t for t in sent if sp.start_char <= t.idx < sp.end_char]
    tok = next((t for t in inside if not (sp.start_char <= t.head.idx < sp.end_char) or t.head.i == t.i), None)
    base = make_actor("claimant", tok, lex, country_of, "subject of the claim", ActorReason.CLAIMANT) \
        if tok is not None else None
    if base is None:
        return []
    out = [base]
    if not any(a.role == "perpetrator" for a in actors):
        out.append(ActorRef("perpetrator", base.kind, base.text, base.start_char, base.end_char, base.head,
                            base.country, base.group, "claimant of the attack", base.anaphoric, (ActorReason.CLAIMANT,)))
    return out


def _sentence_actors(triggers, cls, frame, sent, deaths, lex: Lexicon, country_of) -> tuple[ActorRef, ...]:
    actors = []
    for trig in triggers:
        found = find_actors(trig.root, trig.cls, lex, country_of)
        actors.extend(found + more_roles(trig.root, trig.cls, found, lex, country_of))
    if frame.kind == "claim" and frame.speaker_span is not None:
        actors.extend(_claimant(frame, sent, lex, country_of, actors))
    actors.extend(victims_in_toll(sent, deaths, lex, country_of))
    if cls in ("protest", "riot") and not any(a.kind in ("police", "military") for a in actors):
        actors.extend(intervening_force(sent, lex, country_of))
    return tuple(battle_roles(actors))


def sentence_mentions(sent_index, paragraph, sent, lex: Lexicon, country_of, previous_frame: Frame | None,
                      date_chars: frozenset = frozenset()) -> list[Mention]:
    """The sentence's mention, if any, then the mention of the happening it names as the antecedent of its
    main one, when the text gives that one a toll of its own (``antecedent_mention``)."""
    triggers = find_triggers(sent, lex, date_chars)
    if not triggers:
        deaths, injuries = find_deaths(sent, lex)
        if deaths is None and injuries is None:
            m = _denial(sent_index, paragraph, sent, lex, previous_frame) or \
                _reported_back(sent_index, paragraph, sent, lex, previous_frame) or \
                _speech_act(sent_index, paragraph, sent, lex, country_of) or \
                _quoted_demand(sent_index, paragraph, sent, lex, country_of, previous_frame)
            return [m] if m is not None else []
        return [_toll_mention(sent_index, paragraph, sent, lex, previous_frame, deaths, injuries)]
    main = main_trigger(triggers)
    demand = _demand_not_protest(triggers, main, sent_index, paragraph, sent, lex, country_of) \
        or _objection_not_protest(triggers, main, sent_index, paragraph, sent, lex, country_of) \
        or _appeal_about(triggers, sent_index, paragraph, sent, lex, country_of)
    if demand is not None:
        return [demand]
    cls, strength, head = main.cls, main.strength, main.head
    mod = find_modality(head, sent, lex)
    frame = find_frame(sent, head, lex, previous_frame)
    if frame.kind == "none" and mod.modality in ("future", "threat"):
        frame = warning_frame(sent, head, lex) or frame  # "..., a averti le maire": who warns speaks
    if frame.kind in ("claim", "accuse") and strength != Strength.STRONG:
        strength = Strength.STRONG  # "X said it struck ...", "X a revendiqué une frappe": a claimed act is an event
    clause = _clause(head)
    all_deaths, all_injuries = find_deaths(sent, lex)
    found = _antecedent_cut(triggers, main, sent, lex, (all_deaths, all_injuries))
    cut = found[0] if found else None
    deaths, injuries = _before(cut, all_deaths), _before(cut, all_injuries)
    actors = _sentence_actors(triggers, cls, frame, sent, deaths, lex, country_of)
    if cut is not None:
        actors = tuple(a for a in actors if a.start_char < cut)  # the antecedent's own parties
    # the classes that describe this happening: triggers in the head's own clause, not in a
    # subordinate account of another one ("accused them of planting bombs")
    classes = tuple(sorted({t.cls for t in triggers if t.head.idx in clause or t.head.i == head.i}))
    m = Mention(sent_index, paragraph, _sentence_span(sent), main.as_span(), cls, classes, strength,
                is_anaphoric(head, sent, lex), mod.modality, mod.cue, frame, actors,
                _before(cut, find_weapon(sent, head, lex, clause)), deaths, injuries, heads_of(sent, lex), clause,
                bare_plural=is_bare_plural(head, lex), sentence_classes=tuple(sorted({t.cls for t in triggers})),
                pluperfect=_pluperfect(head, lex), definite=_definite(head, lex))
    if found is None:
        return [m]
    return [m, antecedent_mention(sent_index, paragraph, sent, lex, country_of, m, found, all_deaths, all_injuries)]


def _antecedent_cut(triggers, main, sent, lex: Lexicon, tolls):
    """The start of a phrase, after the main trigger, that names another happening as the antecedent of the
    main one and gives it a toll of its own ("Turkish jets strike PKK positions ... following a deadly PKK
    attack which left 16 soldiers dead"), with that happening's trigger; None when there is none. A happening
    the article already tells ("following the attack") or one with no toll after the phrase opens is left to
    the main mention, as before."""
    text = text_of(sent.doc)
    main_end = main.as_span().end_char
    found = [(start, t) for t in triggers if t is not main and not is_support(t.cls)
             and t.as_span().start_char > main_end and not is_anaphoric(t.head, sent, lex)
             for start in antecedent_starts(text, sent.start_char, t.as_span().start_char, lex) if start >= main_end]
    found = [(start, t) for start, t in found if any(_after(start, x) is not None for x in tolls)]
    return min(found, key=lambda f: f[0]) if found else None


def _before(cut: int | None, part):
    """A toll or a weapon of the sentence, unless it lies in the antecedent phrase that opens at ``cut``."""
    return part if part is None or cut is None or part.span.start_char < cut else None


def _after(cut: int, part):
    """A toll or a weapon of the sentence when it lies in the antecedent phrase that opens at ``cut``."""
    return part if part is not None and part.span.start_char >= cut else None


def antecedent_mention(sent_index, paragraph, sent, lex: Lexicon, country_of, main: Mention, found,
                       all_deaths: Deaths | None, all_injuries: Deaths | None) -> Mention:
    """The happening a sentence names as the antecedent of its main one, when the text gives it a toll of its
    own ("... following a deadly PKK attack which left at least 16 Turkish soldiers dead"; ``found``: the
    phrase's start and trigger from ``_antecedent_cut``): a mention of its own, whose toll and actors are those
    told after the phrase opens (the main mention keeps the rest); the background rules then read it as
    recalled (BackgroundReason.ANTECEDENT)."""
    cut, trig = found
    deaths, injuries = _after(cut, all_deaths), _after(cut, all_injuries)
    frame = find_frame(sent, trig.head, lex, None)
    actors = tuple(a for a in _sentence_actors([trig], trig.cls, frame, sent, deaths, lex, country_of)
                   if a.start_char >= cut)
    clause = _clause(trig.head)
    return Mention(sent_index, paragraph, _sentence_span(sent), trig.as_span(), trig.cls, (trig.cls,), trig.strength,
                   False, "fact", "", frame, actors, _after(cut, find_weapon(sent, trig.head, lex, clause)), deaths,
                   injuries, heads_of(sent, lex), clause, bare_plural=is_bare_plural(trig.head, lex),
                   sentence_classes=main.sentence_classes, why=(f"antecedent of {main.trigger.text!r}: its own toll",))


def _denial(sent_index, paragraph, sent, lex: Lexicon, previous_frame) -> Mention | None:
    """"L'armée a démenti toute frappe dans la zone.": no event, but it contests the one before."""
    verb = next((t for t in sent if fold(t.lemma_) in lex.of("deny_verbs") and t.pos_ == "VERB"), None)
    if verb is None:
        return None
    frame = find_frame(sent, verb, lex, previous_frame)
    if frame.kind != "deny":
        return None
    span = Span.of(text_of(sent.doc), verb.idx, verb.idx + len(verb.text))
    return Mention(sent_index, paragraph, _sentence_span(sent), span, "denial", ("denial",), Strength.SUPPORT, False,
                   "fact", "", frame, (), None, None, None, frozenset(), _clause(verb), sentence_classes=("denial",))


#: the class of a sentence that only reports the happening told before
REPORT_BACK = "report"


def _reported_back(sent_index, paragraph, sent, lex: Lexicon, previous_frame=None) -> Mention | None:
    """"Le ministère de la Défense l'a annoncé dimanche.", "L'information a été confirmée par le ministère.",
    "C'est ce qu'a annoncé l'armée.": a sentence that names no happening but reports the one told before
    (its object or passive subject refers back: the profile's report_back_pronouns and report_back_nouns)
    lends it its source; a support mention that joins the event before it."""
    for verb in sent:
        if not is_report_verb(verb, lex) or verb.pos_ != "VERB":
            continue
        told = [c for c in verb.children if c.dep_ in ("obj", "dobj", "nsubj:pass", "nsubjpass")]
        if not any(lex.token_in("report_back_nouns", c) if c.pos_ in ("NOUN", "PROPN")
                   else fold(c.text) in lex.of("report_back_pronouns") for c in told):
            continue
        passive = any(c.dep_ in ("nsubj:pass", "nsubjpass") for c in told)
        speaker = next((c for c in verb.children if (c.dep_ == "obl:agent" if passive else c.dep_ == "nsubj")
                        and c.pos_ in ("NOUN", "PROPN")), None)
        if speaker is None and not passive and any(c.i < verb.i and c.pos_ == "PRON" for c in told):
            # "C'est ce qu'a annoncé le ministère": the subject inverted after the verb, read as its object
            speaker = next((c for c in told if c.i > verb.i and c.pos_ in ("NOUN", "PROPN")), None)
        if speaker is None or any(fold(c.text) in lex.of("negation_adverbs") for c in verb.children):
            continue
        frame = frame_from_source("report", [verb], phrase_tokens(speaker, lex), lex, sent,
                                  f"reporting verb {verb.text!r} of the happening told before")
        span = Span.of(text_of(sent.doc), verb.idx, verb.idx + len(verb.text))
        return Mention(sent_index, paragraph, _sentence_span(sent), span, REPORT_BACK, (REPORT_BACK,), Strength.SUPPORT,
                       False, "fact", "", frame, (), None, None, None, frozenset(), _clause(verb),
                       sentence_classes=(REPORT_BACK,))
    return _claimed_back(sent_index, paragraph, sent, lex, previous_frame)


def _claimed_back(sent_index, paragraph, sent, lex: Lexicon, previous_frame) -> Mention | None:
    """"« Nous avons mené cette opération », a déclaré un porte-parole du Mujao": a speaker saying its side
    conducted the act told before (a conduct verb, a self pronoun for subject, an object that refers back:
    the profile's anaphora nouns) claims it; a support mention that refers back to the event."""
    anaphora = lex.of("anaphora")
    referring = lex.of("referring_determiners") | lex.of("definite_articles")

    def refers_back(noun) -> bool:  # "cette opération", "l'attaque"; not "une opération"
        return fold(noun.lemma_) in anaphora and any(c.dep_ == "det" and fold(c.text) in referring for c in noun.children)

    for verb in sent:
        if fold(verb.lemma_) not in lex.of("conduct_verbs") or verb.pos_ != "VERB" or not any(
                c.dep_ in ("obj", "dobj") and refers_back(c) for c in verb.children):
            continue
        frame = find_frame(sent, verb, lex, previous_frame)
        if frame.kind != "claim":
            continue
        span = Span.of(text_of(sent.doc), verb.idx, verb.idx + len(verb.text))
        return Mention(sent_index, paragraph, _sentence_span(sent), span, REPORT_BACK, (REPORT_BACK,), Strength.SUPPORT,
                       True, "fact", "", frame, (), None, None, None, frozenset(), _clause(verb),
                       sentence_classes=(REPORT_BACK,))
    return None


def _speech_verb(verb, lex: Lexicon) -> str | None:
    """"request" or "accusation" when the verb makes an appeal or an accusation."""
    if verb.pos_ != "VERB":
        return None
    lemma = fold(verb.lemma_)
    if phrase_verb(verb, "accuse_verbs", lex):
        return "accusation"  # "L'organisation met en cause les services"
    if phrase_verb(verb, "request_verbs", lex):
        return "request"  # "La coordination lance un appel à un moratoire"
    if lemma in lex.of("request_verbs"):
        particles = lex.request_particles.get(lemma)
        if particles is not None and not any(fold(c.text) in particles for c in verb.children):
            return None  # "call" is an appeal only as "call on", "call for"
        return "request"
    if lemma in lex.of("accuse_verbs"):
        return "accusation"
    return None


def _speech_act(sent_index, paragraph, sent, lex: Lexicon, country_of) -> Mention | None:
    """Appeals and accusations with no concrete happening in them ("X urged all parties to ...",
    "X a accusé Y de complaisance"): PLOVER statements (REQUEST, ACCUSE), never ACLED events."""
    for verb in sent:
        cls = _speech_verb(verb, lex)
        if cls is None:
            continue
        found = _statement(verb, cls, sent_index, paragraph, sent, lex, country_of)
        if found is not None:
            return found
    return None


def _subject(verb):
    """The verb's subject; a finite verb the parse hangs off the noun before it ("Le syndicat proteste contre
    ...", read as a clause of "syndicat") or splits from it ("Wikipédia en russe proteste ...", a headline
    parsed as two roots) has that noun for subject."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    if subj is not None or verb.morph.get("VerbForm") != ["Fin"]:
        return subj
    if verb.dep_ == "acl" and verb.head.i < verb.i and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    # the parse may even cut the headline in two sentences: look back to the end of the last full one
    for t in reversed(verb.doc[:verb.i]):
        if t.text in (".", "!", "?") or "\n" in t.text_with_ws:
            return None
        if t.dep_ == "ROOT" and t.pos_ in ("NOUN", "PROPN"):
            return t
    return None


def _statement(verb, cls: str, sent_index, paragraph, sent, lex: Lexicon, country_of) -> Mention | None:
    """The PLOVER statement (``cls``: request, accusation) that ``verb`` makes, said by its subject."""
    subj = _subject(verb) or _controller(verb)
    if subj is None or subj.pos_ == "PRON":
        return None
    speaker = make_actor("source", subj, lex, country_of, f"speaker of {verb.text!r}", ActorReason.SPEAKER)
    if speaker is None:
        return None
    actors = [speaker]
    obj = next((c for c in verb.children if c.dep_ in ("obj", "dobj") and c.pos_ in ("NOUN", "PROPN")), None)
    if obj is not None:
        addressee = make_actor("target", obj, lex, country_of, f"object of {verb.text!r}", ActorReason.OBJECT)
        if addressee is not None:
            actors.append(addressee)
    span = Span.of(text_of(sent.doc), verb.idx, verb.idx + len(verb.text))
    kind = "accuse" if cls == "accusation" else "report"
    speaker_span = Span(speaker.text, speaker.start_char, speaker.end_char)
    frame = Frame(kind, speaker.text, "party" if cls == "accusation" else "official", (speaker.text,),
                  speaker_span, f"{cls} verb {verb.text!r}", speaker.head, speaker_span)
    return Mention(sent_index, paragraph, _sentence_span(sent), span, cls, (cls,), Strength.SUPPORT, False,
                   "statement", verb.text, frame, tuple(actors), None, None, None, frozenset(), _clause(verb),
                   sentence_classes=(cls,))


def _controller(verb):
    """Who does what an infinitive with no subject of its own says: the noun it completes ("convaincre la
    veuve de demander l'exhumation": the widow asks), else the object, then the subject, of the verb that
    governs it ("a poussé l'ONG à exiger", "a décidé d'exiger")."""
    if verb.morph.get("VerbForm") != ["Inf"]:
        return None
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    if verb.dep_ == "xcomp" and verb.head.pos_ == "VERB":
        kids = list(verb.head.children)
        return next((c for c in kids if c.dep_ in ("obj", "dobj") and c.pos_ in ("NOUN", "PROPN")), None) \
            or next((c for c in kids if c.dep_ == "nsubj"), None)
    return None


def _demand_not_protest(triggers, main, sent_index, paragraph, sent, lex: Lexicon, country_of) -> Mention | None:
    """A sentence whose only trigger words are weak and make a demand, not a happening: "Ces associations
    réclament la gratuité scolaire" (a protest word that is also a request verb, said by speakers who are not
    protesters: "les manifestants réclament ..." stays a protest), or a quoted demand whose speaker is
    "un jeune manifestant"."""
    if any(t.strength != Strength.WEAK for t in triggers):
        return None
    quoted = _quoted_demand(sent_index, paragraph, sent, lex, country_of, None)
    sp = quoted.frame.span if quoted is not None else None
    if sp is not None and all(sp.start_char <= x.idx < sp.end_char for t in triggers for x in t.tokens):
        return quoted  # "..., affirme un jeune manifestant": the word names the speaker, not a happening
    if family(main.cls) != "protest" or fold(main.head.lemma_) not in lex.of("request_verbs"):
        return None
    act = _speech_act(sent_index, paragraph, sent, lex, country_of)
    if act is None or act.trigger.start_char != main.head.idx or any(a.kind == "protester" for a in act.actors):
        return None
    return replace(act, why=("a demand by speakers who are not protesters, not a demonstration",))


def _objection_not_protest(triggers, main, sent_index, paragraph, sent, lex: Lexicon, country_of) -> Mention | None:
    """"Wikipédia en russe proteste contre un projet de loi", "Le syndicat proteste contre la fermeture": a
    protest verb (the profile's objection_verbs) said of one party, not of a crowd, is an objection (PLOVER
    ACCUSE), no demonstration; "Des milliers d'étudiants protestent" and "la foule proteste" stay protests, and
    so does a sentence with another protest word ("une manifestation", "défiler")."""
    verb = main.head
    if family(main.cls) != "protest" or verb.pos_ != "VERB" or fold(verb.lemma_) not in lex.of("objection_verbs") \
            or any(t.head.i != verb.i for t in triggers):
        return None
    subj = _subject(verb)
    # the number of the finite word ("ont protesté": the auxiliary's; a participle agrees with nothing)
    finite = next((c for c in verb.children if c.dep_.startswith("aux") and c.morph.get("VerbForm") == ["Fin"]), verb)
    if subj is None or finite.morph.get("Number") != ["Sing"] or lex.token_in("protester_nouns", subj) \
            or any(c.dep_ == "conj" for c in subj.children):
        return None
    act = _statement(verb, "accusation", sent_index, paragraph, sent, lex, country_of)
    if act is None or any(a.kind in ("protester", "rioter") for a in act.actors):
        return None
    return replace(act, why=("an objection by one party, not a demonstration",))


def _appeal_about(triggers, sent_index, paragraph, sent, lex: Lexicon, country_of) -> Mention | None:
    """"Le négociateur a appelé à une enquête internationale sur l'assassinat", "X called for an end to the
    fighting": when every trigger is a noun inside what an appeal asks for, the sentence makes a demand
    (REQUEST) and tells no happening of its own; a toll in the sentence keeps it an event ("calls for a
    probe into the strike that killed 30")."""
    if find_deaths(sent, lex)[0] is not None:
        return None
    appeals = [v for v in sent if _speech_verb(v, lex) == "request"]
    if not appeals or not all(t.head.pos_ == "NOUN" and any(in_subtree(t.head, v) and t.head.i != v.i for v in appeals)
                              for t in triggers):
        return None
    act = _speech_act(sent_index, paragraph, sent, lex, country_of)
    if act is None or act.cls != "request":
        return None
    return replace(act, why=("an appeal about a happening, not an account of one",))


def _quoted_demand(sent_index, paragraph, sent, lex: Lexicon, country_of, previous_frame) -> Mention | None:
    """"« Les militaires doivent renouer avec leur fonction », affirme un manifestant": a speaker saying what
    others must do makes a demand (REQUEST, reported), in quotes or in reported speech; an obligation
    the writer states is no one's demand, and one the speakers put on themselves is a commitment."""
    for verb in sent:
        if fold(verb.lemma_) not in lex.of("obligation_verbs") or verb.pos_ not in ("VERB", "AUX"):
            continue
        if any(c.dep_.startswith("nsubj") and fold(c.text) in lex.of("first_person_pronouns") for c in verb.children):
            continue  # "une ardoise que nous devons honorer": the speaker's own commitment, no demand
        frame = find_frame(sent, verb, lex, previous_frame)
        if frame.kind != "report" or frame.speaker_span is None:
            continue
        sp = frame.speaker_span
        inside = [t for t in sent if sp.start_char <= t.idx < sp.end_char]
        head = next((t for t in inside if not (sp.start_char <= t.head.idx < sp.end_char) or t.head.i == t.i), None)
        speaker = make_actor("source", head, lex, country_of, f"speaker of the demand {verb.text!r}",
                             ActorReason.SPEAKER) if head is not None else None
        if speaker is None:
            continue
        span = Span.of(text_of(sent.doc), verb.idx, verb.idx + len(verb.text))
        return Mention(sent_index, paragraph, _sentence_span(sent), span, "request", ("request",), Strength.SUPPORT,
                       False, "statement", verb.text, replace(frame, cue=f"{frame.cue}; a demand ({verb.text!r})"),
                       (speaker,), None, None, None, frozenset(), _clause(verb), sentence_classes=("request",))
    return None


def _clause(head) -> frozenset:
    toks = [head]
    stack = [c for c in head.children if c.dep_ not in ("conj", "advcl", "parataxis", "cc", "punct", "ccomp")]
    while stack:
        t = stack.pop()
        toks.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("advcl", "parataxis", "ccomp") and
                     not (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")) and not _own_clause(c))
    return frozenset(t.idx for t in toks)


def _own_clause(t) -> bool:
    """"..., opening the path to a key highway leading to Sana'a", "a convoy carrying troops to Kabul": a
    participle with an object of its own is a clause of its own, whatever noun the parse hangs it on."""
    return t.dep_ == "acl" and t.pos_ == "VERB" and any(c.dep_ in ("dobj", "obj") for c in t.children)
