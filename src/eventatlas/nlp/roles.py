"""Roles the trigger's own dependents do not give (nlp/actors.py reads those): the complements of
an event noun ("l'attaque des jihadistes", "Islamic State's attack", "an army airstrike", "the
murder of the mayor"), the other members of a coordination ("burned a truck and a station wagon"),
the noun a relative clause hangs on ("the rebels who attacked the town"), and the side an
accusation names ("holds the FMLN responsible for the assassination", "blamed the rebels for the
bombing", "X are behind the attack"). Every word looked for is in the profile's roles.json.
"""
from __future__ import annotations

from dataclasses import replace

from eventatlas.nlp.actors import (ARMED_KINDS, HUMAN_PATIENT_CLASSES, INTRANSITIVE_CLASSES, NO_TARGET_CLASSES, ActorReason, ActorRef,
                                   case_words, genitive_complements, is_event_word, is_place_token, make_actor)
from eventatlas.nlp.lexicon import Lexicon, fold

#: dependency labels of an object and of a subject, in both schemes (spaCy English, UD French)
OBJECT_DEPS = ("dobj", "obj")
SUBJECT_DEPS = ("nsubj",)
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "nsubj:pass")
RELATIVE_DEPS = ("relcl", "acl:relcl")
#: the class a strike noun has when it is the subject of another trigger ("une frappe a tué")
STRIKE_CLASS = "attack"


def _genitive_complements(noun, lex: Lexicon):
    """(dependent, how) pairs: "of X" / "de X" complements, possessives and compound modifiers."""
    for obj in genitive_complements(noun, lex):
        yield obj, "genitive"
    for child in noun.children:
        if child.dep_ == "poss":  # "Islamic State's attack"
            yield child, "possessive"
        elif child.dep_ == "compound":  # "an army airstrike"
            yield child, "compound"


def is_armed(ref: ActorRef, token, lex: Lexicon) -> bool:
    """An armed party, not a thing an armed party owns ("la base", "the convoy"). A bare proper
    noun does not say it: "l'attaque de Kidal" names a place, "the battle of El Nisperal" too."""
    if lex.token_in("unowned_object_nouns", token):
        return False
    return ref.kind in ARMED_KINDS - {"group"} or ref.group is not None or lex.token_in("group_anaphora", token)


def noun_complement_roles(trigger, cls: str, lex: Lexicon, country_of) -> list[ActorRef]:
    """Who an event noun's complements name. After a killing or an abduction noun the complement
    is who suffered it ("l'assassinat du maire", "the murder of six Jesuits", "Galan's murder");
    after any other event noun an armed party is its author ("un tir d'artillerie de l'armée
    soudanaise", "l'attaque des jihadistes") and anything else is what was hit ("the bombing of
    the embassy"). A compound modifier counts only as an armed author ("an army airstrike")."""
    if trigger.pos_ != "NOUN" or cls in NO_TARGET_CLASSES:
        return []  # "un rassemblement de combattants": a gathering's complement is its crowd, read elsewhere
    while trigger.dep_ == "compound" and trigger.head.pos_ == "NOUN":
        trigger = trigger.head  # "car bomb", "drone attack": the phrase's head noun has the complements
    out = [] if cls in HUMAN_PATIENT_CLASSES else _state_modifiers(trigger, lex, country_of) + \
        _agent_weapon_states(trigger, lex, country_of)
    pending = [(c, how) for c, how in _genitive_complements(trigger, lex) if c.idx not in {a.start_char for a in out}]
    if trigger.head.pos_ == "NOUN" and any(c.i == trigger.i for c, how in _genitive_complements(trigger.head, lex)
                                           if how == "genitive"):
        # the trigger is itself a complement ("un tir d'artillerie de l'armée"): its noun's other complements
        pending += [(c, how) for c, how in _genitive_complements(trigger.head, lex) if c.i != trigger.i]
    seen_weapon = False
    while pending:
        child, how = pending.pop(0)
        if child.pos_ not in ("NOUN", "PROPN") or is_place_token(child, country_of):
            continue
        if is_event_word(child, lex):
            # "un tir d'artillerie de l'armée": the weapon's own complement may name the author
            if not seen_weapon:
                seen_weapon = True
                pending.extend((c, h) for c, h in _genitive_complements(child, lex) if h == "genitive")
            continue
        probe = make_actor("target", child, lex, country_of, f"{how} complement of {trigger.text!r}",
                           ActorReason.GENITIVE_PATIENT)
        if probe is None:
            continue
        if cls in HUMAN_PATIENT_CLASSES:
            if how == "compound":
                continue  # "a police killing": who killed whom is not told
            victim = probe.with_role("victim", ActorReason.GENITIVE_PATIENT, "who suffered it")
            if ActorReason.PROPER_NOUN in probe.codes:
                # "l'assassinat de l'ex-espion Alexandre Litvinenko": a person by name, not an armed group
                victim = replace(victim, kind="civilian", codes=victim.codes + (ActorReason.NAMED_PERSON,))
            out.append(victim)
        elif is_armed(probe, child, lex):
            out.append(probe.with_role("perpetrator", ActorReason.GENITIVE_AGENT, "an armed party: its author"))
        elif how == "possessive" and probe.kind == "group":
            # "the FMLN's terrorist attacks", "Renamo's attack": a named party's own attack is its doing
            out.append(probe.with_role("perpetrator", ActorReason.GENITIVE_AGENT, "a named party's own: its author"))
        elif how != "compound":
            out.append(probe)
    if any(ActorReason.GENITIVE_AGENT in a.codes for a in out):
        # "the FMLN's terrorist attacks": the unnamed armed author of the modifier is the named one
        out = [a for a in out if ActorReason.ARMED_MODIFIER not in a.codes]
    return out


def light_verb_roles(trigger, lex: Lexicon, country_of) -> list[ActorRef]:
    """"The FMLN carried out an attack", "urban commandos staged attacks", "l'armée a mené des
    frappes": the subject of the verb that does the event noun is its author; in the passive
    ("the attack was carried out by X") the agent is."""
    if trigger.pos_ != "NOUN" or not lex.token_in("light_verbs", trigger.head) or trigger.head.pos_ != "VERB":
        return []
    verb = trigger.head
    side = None
    if trigger.dep_ in OBJECT_DEPS:
        side = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    elif trigger.dep_ in PASSIVE_SUBJECT_DEPS:
        for c in verb.children:
            if c.dep_ == "agent":  # English "by X"
                side = next((g for g in c.children if g.dep_ == "pobj"), None)
            elif c.dep_ in ("obl:agent", "obl") and case_words(c) & lex.of("agent_case"):
                side = c
            if side is not None:
                break
    if side is None or side.pos_ not in ("NOUN", "PROPN") or is_event_word(side, lex):
        return []
    a = make_actor("perpetrator", side, lex, country_of, f"subject of {verb.text!r} {trigger.text!r}",
                   ActorReason.LIGHT_VERB_SUBJECT)
    return [a] if a is not None else []


def _agent_weapon_states(noun, lex: Lexicon, country_of) -> list[ActorRef]:
    """"Air strikes by Saudi helicopter gunships", "des frappes par des avions français": an agent that is
    no party but a machine, with a country as its modifier: the state's forces are the author."""
    out = []
    for child in noun.children:
        agent = None
        if child.dep_ == "prep" and fold(child.text) in lex.of("agent_case"):
            agent = next((c for c in child.children if c.dep_ == "pobj"), None)
        elif child.dep_ in ("nmod", "obl:agent") and case_words(child) & lex.of("agent_case"):
            agent = child
        if agent is None or agent.pos_ != "NOUN" or not is_event_word(agent, lex):
            continue  # "by Boko Haram militants": a party, read by the complements
        out.extend(_state_modifiers(agent, lex, country_of))
    return out


def _state_modifiers(noun, lex: Lexicon, country_of) -> list[ActorRef]:
    """"A British drone attack", "a United States airstrike", "une frappe française", "a Saudi-led
    air raid": a country named as the event noun's modifier is its author, the state's forces."""
    out = []
    for child in noun.children:
        if child.dep_ not in ("amod", "compound"):
            continue
        candidates = [child]
        if lex.token_in("leading_participles", child):  # "Saudi-led": the leader is the participle's modifier
            candidates = [c for c in child.children if c.dep_ in ("npadvmod", "compound", "advmod", "amod", "nmod")]
        if child.pos_ in ("ADJ", "NOUN") and lex.token_in("armed_modifiers", child):
            # "a terrorist attack", "une attaque jihadiste": an unnamed armed group is the author
            a = make_actor("perpetrator", child, lex, country_of, f"armed modifier of {noun.text!r}",
                           ActorReason.ARMED_MODIFIER)
            if a is not None:
                out.append(replace(a, kind="unidentified") if a.group is None else a)
            continue
        for c in candidates:
            name = " ".join(t.text for t in c.subtree if t.dep_ in ("compound", "amod", "npadvmod") or t.i == c.i) \
                if c.pos_ == "PROPN" else c.text
            found = (country_of(name) or country_of(c.text)) if c.text[:1].isupper() or c.pos_ == "ADJ" else None
            if not found:  # a name or an adjective ("française"): the noun "car" is no country code
                continue
            a = make_actor("perpetrator", c, lex, country_of, f"country modifying {noun.text!r}",
                           ActorReason.STATE_MODIFIER)
            if a is not None:
                out.append(replace(a, kind="military", country=found[1], group=None,
                                   rule=f"{a.rule}; the forces of {found[1]}"))
    return out


def relative_clause_roles(trigger, cls: str, lex: Lexicon, country_of) -> list[ActorRef]:
    """"The rebels who attacked the town": the noun the clause hangs on, in the relative pronoun's role."""
    if trigger.dep_ not in RELATIVE_DEPS or trigger.head.pos_ not in ("NOUN", "PROPN"):
        return []
    pron = next((c for c in trigger.children if c.pos_ == "PRON" and lex.token_in("relative_pronouns", c)
                 and c.dep_ in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS), None)
    if pron is None:
        return []
    role = "perpetrator" if pron.dep_ in SUBJECT_DEPS else ("victim" if cls in HUMAN_PATIENT_CLASSES else "target")
    if is_event_word(trigger.head, lex) or role == "perpetrator" and cls in INTRANSITIVE_CLASSES:
        return []  # "the bombings which destroyed ...", "the truck that exploded": no author
    a = make_actor(role, trigger.head, lex, country_of, f"noun of the relative clause {trigger.text!r}",
                   ActorReason.RELATIVE_CLAUSE)
    return [a] if a is not None else []


def accused_roles(trigger, lex: Lexicon, country_of) -> list[ActorRef]:
    """"President X holds the FMLN responsible for the assassination", "the army blamed the rebels
    for the bombing", "Escobar and Gacha are behind this attack", "accuse les rebelles de l'attaque":
    the side held responsible is the alleged author. The word of responsibility must govern the
    event within three steps up the parse."""
    words = lex.of("responsibility_words")
    anc = trigger
    for _ in range(3):
        if anc.head is anc:
            return []
        anc = anc.head
        if fold(anc.lemma_) not in words and fold(anc.text) not in words:
            continue
        holders = [anc] + ([anc.head] if anc.dep_ in ("prep", "acomp", "ccomp", "xcomp", "oprd") else [])
        side = None
        for holder in holders:
            obj = next((c for c in holder.children if c.dep_ in OBJECT_DEPS), None)
            if obj is not None:
                # "blamed the rebels for the bombing"; "blamed the bombing on the rebels" names them after "on"
                side = obj if obj.i != trigger.i else _blamed_on(holder, lex)
                break
            side = next((c for c in holder.children if c.dep_ in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS
                         and not any(t.i == trigger.i for t in c.subtree)), None)
            if side is not None:
                break  # "the FMLN is responsible for ...", "X are behind the attack", "X was accused of ..."
        if side is None or side.pos_ not in ("NOUN", "PROPN"):
            return []
        a = make_actor("perpetrator", side, lex, country_of, f"held responsible by {anc.text!r} for {trigger.text!r}",
                       ActorReason.ACCUSED)
        return [_cut_before(a, trigger)] if a is not None else []
    return []


def _cut_before(a: ActorRef, trigger) -> ActorRef:
    """"accuse les rebelles de l'attaque": the phrase ends before what they are accused of."""
    edge = min(t.idx for t in trigger.subtree)
    if not a.start_char < edge < a.end_char:
        return a
    kept = [t for t in trigger.doc if a.start_char <= t.idx < edge]
    while kept and (kept[-1].pos_ in ("ADP", "DET", "PUNCT", "CCONJ") or kept[-1].is_space):
        kept.pop()
    if not kept:
        return a
    end = kept[-1].idx + len(kept[-1].text)
    return replace(a, text=a.text[:end - a.start_char], end_char=end)


def _blamed_on(verb, lex: Lexicon):
    for c in verb.children:
        if c.dep_ == "prep" and fold(c.text) in lex.of("blamed_on_case"):
            return next((g for g in c.children if g.dep_ == "pobj"), None)
        if c.dep_ in ("obl", "obl:arg") and case_words(c) & lex.of("blamed_on_case"):
            return c
    return None


def conjuncts(actors: list[ActorRef], doc, lex: Lexicon, country_of) -> list[ActorRef]:
    """Each member of a coordination in the role of the first: "burned a fuel truck and a station
    wagon", "Escobar and Gacha are behind the attack"."""
    out = []
    taken = {a.start_char for a in actors}
    for a in actors:
        inside = [t for t in doc if a.start_char <= t.idx < a.end_char]
        head = next((t for t in inside if t.head.i == t.i or not (a.start_char <= t.head.idx < a.end_char)), None)
        if head is None:
            continue
        stack = [c for c in head.children if c.dep_ == "conj"]
        while stack:
            c = stack.pop(0)
            stack.extend(g for g in c.children if g.dep_ == "conj")
            if c.pos_ not in ("NOUN", "PROPN") or c.idx in taken or is_event_word(c, lex):
                continue
            b = make_actor(a.role, c, lex, country_of, f"coordinated with {a.text!r}", ActorReason.CONJUNCT)
            if b is not None and b.start_char not in taken:
                taken.add(b.start_char)
                out.append(b)
    return out


def more_roles(trigger, cls: str, found: list[ActorRef], lex: Lexicon, country_of) -> list[ActorRef]:
    """The roles of this module around one trigger, none on a phrase ``found`` already has."""
    taken = {a.start_char for a in found}
    extra = []
    nouns = noun_complement_roles(trigger, cls, lex, country_of)
    for subj in trigger.children:
        if trigger.pos_ == "VERB" and subj.dep_ in SUBJECT_DEPS and subj.pos_ == "NOUN" and is_event_word(subj, lex):
            # "une frappe française a tué ...", "an army airstrike killed ...": the subject names the strike
            nouns += noun_complement_roles(subj, STRIKE_CLASS, lex, country_of)
    for a in nouns + light_verb_roles(trigger, lex, country_of) + relative_clause_roles(trigger, cls, lex, country_of) \
            + accused_roles(trigger, lex, country_of):
        if a.start_char not in taken:
            taken.add(a.start_char)
            extra.append(a)
    return extra + conjuncts(found + extra, trigger.doc, lex, country_of)
