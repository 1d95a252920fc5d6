"""Actors: the noun phrases that fill perpetrator / target / victim / claimant / source roles,
their kind (state military, police, civilians, named group, ...) and an ACLED-style name.

The name needs the event's country for state forces and civilians ("Military Forces of Iraq"),
so this module returns an ``ActorRef`` with the kind and the country the phrase itself names;
``acled_name`` completes it once the event's place is known.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from eventatlas.nlp.events.classes import is_reciprocal
from eventatlas.nlp.geo.cues import cues_for
from eventatlas.nlp.lexicon import Lexicon, all_profiles_words, find_phrase, fold, fold_case
from eventatlas.nlp.pipeline import text_of

CUT_DEPS = {"acl", "acl:relcl", "relcl", "appos", "ccomp", "advcl", "punct", "parataxis", "dep", "cc", "conj",
            "mark", "obl:mod"}


class ActorReason:
    """Codes of the decisions about an actor, in the order its readable rule tells them."""
    # the role
    SUBJECT = "SUBJECT"
    OBJECT = "OBJECT"
    AGENT_CASE = "AGENT_CASE"  # "par X", "by X"
    TARGET_CASE = "TARGET_CASE"  # "sur X", "on X"
    OPPOSING_CASE = "OPPOSING_CASE"  # "contre X", "against X": the other side of a fight
    MISATTACHED_OBJECT = "MISATTACHED_OBJECT"
    MODIFIED_NOUN = "MODIFIED_NOUN"  # "the attacked convoy"
    SIGNATORY = "SIGNATORY"  # the subject of the verb an agreement is the object of
    SECOND_PARTY = "SECOND_PARTY"  # "X and Y clashed"
    SIDE_CASE = "SIDE_CASE"  # "clashes between X and Y", "clashes with X": a side of a fight
    MAIN_VERB_SUBJECT = "MAIN_VERB_SUBJECT"  # "..., killing five soldiers"
    CLAIMANT = "CLAIMANT"
    INTERVENING_FORCE = "INTERVENING_FORCE"
    NAMED_IN_TOLL = "NAMED_IN_TOLL"
    SPEAKER = "SPEAKER"
    OTHER_SIDE = "OTHER_SIDE"  # role from the other side of a battle
    COREFERENT = "COREFERENT"  # "le groupe" refers back to a named group
    CIVILIAN_PROPERTY = "CIVILIAN_PROPERTY"  # looted shops: their owners are the victims
    HUMAN_PATIENT = "HUMAN_PATIENT"  # who is killed or abducted is a victim
    ANIMATE_CASE = "ANIMATE_CASE"  # "fired at the crowd": "at" marks a target only when it is people
    GENITIVE_AGENT = "GENITIVE_AGENT"  # "l'attaque des jihadistes", "Islamic State's attack", "an army airstrike"
    GENITIVE_PATIENT = "GENITIVE_PATIENT"  # "the murder of the mayor", "the bombing of the embassy"
    RELATIVE_CLAUSE = "RELATIVE_CLAUSE"  # "the rebels who attacked the town"
    ACCUSED = "ACCUSED"  # "holds X responsible for the attack", "X are behind the attack"
    CONJUNCT = "CONJUNCT"  # "a truck and a station wagon": each in the role of the first
    SELF_NAMED = "SELF_NAMED"  # "a group calling itself X" is X
    APPOSITIVE_NAME = "APPOSITIVE_NAME"  # "the mayor, Pedro Ruiz": the phrase runs on to the name set beside it
    NAMED_PERSON = "NAMED_PERSON"  # a proper noun after "the murder of": a person, counted with civilians
    LIGHT_VERB_SUBJECT = "LIGHT_VERB_SUBJECT"  # "the FMLN carried out an attack"
    ARMED_MODIFIER = "ARMED_MODIFIER"  # "a terrorist attack", "une attaque jihadiste"
    STATE_MODIFIER = "STATE_MODIFIER"  # "a British drone attack": the state's forces are the author
    # the kind
    CATALOGUED_GROUP = "CATALOGUED_GROUP"
    UNIDENTIFIED_NOUN = "UNIDENTIFIED_NOUN"
    RIOTER_NOUN = "RIOTER_NOUN"
    PROTESTER_NOUN = "PROTESTER_NOUN"
    POLICE_NOUN = "POLICE_NOUN"
    MILITARY_NOUN = "MILITARY_NOUN"
    CIVILIAN_NOUN = "CIVILIAN_NOUN"
    PROPER_NOUN = "PROPER_NOUN"
    NOUN_PHRASE = "NOUN_PHRASE"


#: actor kind -> (the profile's table of its nouns, the reason code), in the order they are tried
KIND_NOUNS = (("unidentified", "unidentified_nouns", ActorReason.UNIDENTIFIED_NOUN),
              ("rioter", "rioter_nouns", ActorReason.RIOTER_NOUN),
              ("protester", "protester_nouns", ActorReason.PROTESTER_NOUN),
              ("police", "police_nouns", ActorReason.POLICE_NOUN),
              ("military", "military_nouns", ActorReason.MILITARY_NOUN),
              ("civilian", "civilian_nouns", ActorReason.CIVILIAN_NOUN))
#: trigger classes whose human patients are victims (state forces among them go back to targets in battle_roles)
HUMAN_PATIENT_CLASSES = frozenset({"kill", "abduction", "sexual"})
#: trigger classes with no target: what a protest is against, a seized cache, a deployment's destination
NO_TARGET_CLASSES = frozenset({"protest", "defuse", "deploy"})
#: trigger classes whose verb has no author: "a truck exploded", "the plane crashed"
INTRANSITIVE_CLASSES = frozenset({"explosion", "crash"})
#: named-entity labels of places (spaCy English and French): a place is where, never who
PLACE_ENTITIES = frozenset({"GPE", "LOC"})
#: named-entity labels of who, not where
NAME_ENTITIES = frozenset({"PERSON", "PER", "ORG"})
ARMED_KINDS = frozenset({"military", "police", "group", "unidentified"})
STATE_KINDS = frozenset({"military", "police"})
PEOPLE_KINDS = frozenset({"civilian", "protester", "rioter"})
#: the kind decided from a noun of the state's forces
FORCE_NOUN_REASONS = frozenset({ActorReason.POLICE_NOUN, ActorReason.MILITARY_NOUN})


@dataclass(frozen=True, slots=True)
class ActorRef:
    role: str
    kind: str  # military | police | civilian | unidentified | protester | rioter | group | outlet | other
    text: str
    start_char: int
    end_char: int
    head: str  # folded lemma of the head noun (for coreference)
    country: str | None  # ACLED country name named in the phrase itself ("armée irakienne" -> Iraq)
    group: str | None  # canonical name of a named group, when one is named
    rule: str
    anaphoric: bool = False
    codes: tuple[str, ...] = ()  # ActorReason codes, one per decision the rule tells

    def with_role(self, role: str, code: str, why: str) -> "ActorRef":
        """The same phrase in another role, the decision added to its reasons."""
        return replace(self, role=role, rule=f"{self.rule}; {why}", codes=self.codes + (code,))


@lru_cache(maxsize=1)
def _actor_data() -> dict:
    return json.loads(resources.files("eventatlas.nlp").joinpath("data", "actors.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _group_patterns() -> list[tuple[re.Pattern, dict]]:
    out = []
    for g in _actor_data()["groups"]:
        alts = sorted((re.escape(fold(a)).replace(r"\-", r"[-\s]?").replace(r"\ ", r"[-\s]+") for a in g["aliases"]),
                      key=len, reverse=True)
        out.append((re.compile(r"(?<![\w])(?:" + "|".join(alts) + r")(?![\w])"), g))
    return out


def known_group(text: str) -> tuple[dict, tuple[int, int]] | None:
    """The catalogued group a phrase names, with the match offsets in the phrase."""
    folded = fold(text)
    for rx, g in _group_patterns():
        for m in rx.finditer(folded):
            raw = text[m.start():m.end()]
            # short all-caps aliases ("EI", "IS", "AP") count only when written in capitals
            if len(raw) <= 3 and not raw.isupper():
                continue
            return g, (m.start(), m.end())
    return None


def names_a_group(ref: ActorRef) -> bool:
    """The phrase names a group a later "the group", "the rebels" can refer back to: a catalogued
    group, a phrase headed by a name ("the FMLN", "the Mayi-Mayi Yakutumba") or by a group noun
    ("the Zarate Willka group"); not a thing or a place a name only qualifies ("the 'Santo Tomas'
    farm", "the outskirts of San Salvador"), which the proper-noun rule also calls a group."""
    if ref.kind != "group" or ref.anaphoric:
        return False
    if ref.group is not None or ref.head in all_profiles_words("group_anaphora"):
        return True
    words = [w for w in re.findall(r"\w+", ref.text) if fold(w) == ref.head or fold(w).startswith(ref.head)]
    return any(w[:1].isupper() for w in words)


def acled_name(ref: ActorRef, event_country: str | None) -> str:
    """ACLED-style actor name: state forces and civilians by country, catalogued groups by their
    ACLED name, anything else as the text says it (determiners dropped)."""
    country = ref.country or event_country
    data = _actor_data()
    if ref.group:
        g = next((g for g in data["groups"] if g["name"] == ref.group), None)
        if g and g.get("country_in_name") and country:
            return f"{g['name']} ({country})"
        return ref.group
    template = data["state_kinds"].get(ref.kind)
    if ref.country is None and fold(ref.head) in all_profiles_words("unowned_object_nouns"):
        template = None  # "un convoi" in Iraq may be anyone's convoy: keep the words, do not guess the owner
    if template and country:
        return template.format(country=country)
    # the name is written the same way whatever the article's language: every profile's articles go
    words = ref.text.split()
    determiners = all_profiles_words("determiners")
    while len(words) > 1 and fold(words[0]) in determiners:
        words = words[1:]
    text = " ".join(words)
    for article in all_profiles_words("elided_articles"):
        if fold_case(text).startswith(article):
            text = text[len(article):]
    return text or ref.text


def phrase_tokens(token, lex: Lexicon, cut_places: bool = True) -> list:
    """The noun phrase headed by `token`, without relative clauses, appositions or coordinated
    clauses, so "un convoi transportant des ... dirigée par les États-Unis" stays "un convoi"."""
    keep = [token]
    stack = [c for c in token.children]
    while stack:
        child = stack.pop()
        glued = child.text in ("-", "'", "’", "«", "»", "\"", "“", "”") and child.dep_ in ("punct", "dep", "nmod", "flat", "flat:name")
        if (child.dep_ in CUT_DEPS or child.dep_.startswith("acl")) and not glued or cut_places and _is_locative(child, lex):
            continue
        keep.append(child)
        stack.extend(child.children)
    keep.sort(key=lambda t: t.i)
    # contiguous run around the head only (a non-projective parse can scatter tokens)
    idx = {t.i for t in keep}
    lo = hi = token.i
    while lo - 1 in idx:
        lo -= 1
    while hi + 1 in idx:
        hi += 1
    doc = token.doc
    # names the parser splits ("Qasem al-Jabbarin"): run on over proper nouns and glued hyphens
    while hi + 1 < len(doc) and hi + 1 < token.sent.end:
        nxt, cur = doc[hi + 1], doc[hi]
        glued = not cur.whitespace_ and nxt.text[:1].isalnum() or nxt.text in ("-",) and not cur.whitespace_
        if (nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and fold(token.lemma_) not in lex.of("source_case")) \
                or glued or (nxt.lower_ in lex.of("name_particles") and cur.pos_ == "PROPN"):
            if nxt.is_space or nxt.text in (",", ".", ";", ":"):
                break
            hi += 1
            if hi not in idx:
                idx.add(hi)
                keep.append(nxt)
        else:
            break
    toks = [t for t in sorted(keep, key=lambda t: t.i) if lo <= t.i <= hi]
    while toks and ((toks[-1].is_punct and toks[-1].text not in ("»", "”")) or toks[-1].pos_ in ("ADP", "CCONJ", "DET")
                    or toks[-1].tag_ == "POS"):  # "Islamic State's": the possessive marker is no part of the name
        toks.pop()
    while toks and (toks[0].is_punct or toks[0].pos_ in ("ADP", "CCONJ")):
        toks.pop(0)
    return toks or [token]


def _is_locative(child, lex: Lexicon) -> bool:
    """"the embassy in Lima", "un poste de l'armée à Boni": where the actor is, no part of its name."""
    places = [child] if child.dep_ != "prep" else [g for g in child.children if g.dep_ == "pobj"]
    case = {fold(child.text)} if child.dep_ == "prep" else case_words(child)
    # a named place: the tagger's place labels, or a proper noun it takes for no person or organisation
    # ("in Samarra" comes out NORP)
    return bool(case & lex.of("locative_case")) and any(
        p.ent_type_ in PLACE_ENTITIES or p.pos_ == "PROPN" and p.ent_type_ not in NAME_ENTITIES for p in places)


def _in_locative_modifier(token, head, idx: set, lex: Lexicon) -> bool:
    """A token of the phrase under a locative preposition ("a man in Colonia Centro"): where the
    person is, not what kind of actor it is."""
    t = token
    while t.i != head.i and t.head.i in idx and t.head.i != t.i:
        t = t.head
        if t.pos_ == "ADP" and t.dep_ == "prep" and _locative_modifier(t, lex):
            return True  # "in Colonia Centro", "in Kotwali police area", not "a colonel in the air force"
    return False


def _locative_modifier(prep, lex: Lexicon) -> bool:
    """A locative preposition whose object is a place: a place noun ("in the Kotwali police area"), a
    name the tagger takes for a place, or a proper noun with no word of an armed force under it
    ("in Colonia los Presidentes", not "in the Kabul police")."""
    if fold(prep.text) not in lex.of("locative_case"):
        return False
    objects = [g for g in prep.children if g.dep_ == "pobj"]
    if any(fold(g.lemma_) in cues_for(lex.lang).place_nouns for g in objects) or _is_locative(prep, lex):
        return True
    words = {fold(x.lemma_) for g in objects for x in g.subtree} | {fold(x.text) for g in objects for x in g.subtree}
    armed = lex.of("military_nouns") | lex.of("police_nouns") | lex.of("unidentified_nouns")
    return any(g.pos_ == "PROPN" for g in objects) and not words & armed


def classify_phrase(toks, lex: Lexicon, country_of) -> tuple[str, str | None, str | None, str, str]:
    """(kind, country, group, rule, reason code) of a noun phrase."""
    text = " ".join(t.text for t in toks)
    hit = known_group(text)
    country = None
    for t in toks:
        if t.pos_ in ("ADJ", "PROPN", "NOUN") and t.text[:1].isalpha():
            found = country_of(t.text)
            if found:
                country = found[1]
                break
    if hit:
        return "group", country, hit[0]["name"], f"catalogued group {hit[0]['name']!r}", ActorReason.CATALOGUED_GROUP
    idx = {t.i for t in toks}
    head = next((t for t in toks if t.head.i == t.i or t.head.i not in idx), toks[0])
    # the kind comes from the phrase less where it is: "a family in Kotwali police area" is no police
    own = [t for t in toks if not _in_locative_modifier(t, head, idx, lex)] or list(toks)
    folded = fold(" ".join(t.text for t in own))
    lemmas = {fold(t.lemma_) for t in own} | {fold(t.text) for t in own}
    for kind, key, code in KIND_NOUNS:
        for entry in lex.data.get(key, ()):
            e = fold(entry)
            if (" " in e and find_phrase(folded, e)) or e in lemmas:
                if kind == "civilian" and country is None and head.pos_ == "PROPN":
                    continue  # a name ("Bosra"), not the civilians a noun of the phrase speaks of
                if kind == "civilian" and " " not in e and all(
                        t.pos_ == "PROPN" for t in toks if e in (fold(t.lemma_), fold(t.text))):
                    continue  # a word of a name ("the Donbass People's Militia"), not civilians
                return kind, country, None, f"{key[:-6]} noun {entry!r}", code
    if any(t.pos_ == "PROPN" for t in own):
        return "group", country, None, "proper noun", ActorReason.PROPER_NOUN
    return "other", country, None, "noun phrase", ActorReason.NOUN_PHRASE


def is_time_noun(token, lex: Lexicon) -> bool:
    """A day, a week, "la veille": no actor and no speaker."""
    lemma = fold(token.lemma_)
    return lemma in lex.of("time_nouns") or lemma in lex.of("weekdays")


def self_name(token, lex: Lexicon):
    """The name a phrase says its referent gives itself: "a group calling itself X" -> X."""
    for verb in token.children:
        if verb.dep_.startswith("acl") and lex.token_in("self_naming_verbs", verb) \
                and any(lex.token_in("self_naming_pronouns", c) for c in verb.children):
            name = next((c for c in verb.children if c.dep_ in ("oprd", "xcomp", "obj", "dobj", "attr")
                         and c.pos_ in ("NOUN", "PROPN")), None)
            if name is not None:
                return name
    return None


def make_actor(role: str, head_token, lex: Lexicon, country_of, rule: str, code: str) -> ActorRef | None:
    """The actor a noun phrase names in ``role``; ``rule`` and ``code`` say why it has that role."""
    if head_token.pos_ == "PRON" or head_token.is_stop and head_token.pos_ != "PROPN":
        return None
    if is_time_noun(head_token, lex) or head_token.ent_type_ in ("DATE", "TIME"):
        return None
    if lex.token_in("non_actor_nouns", head_token) and head_token.pos_ != "PROPN":
        return None  # "the fight against corruption", "the impact of three bullets": an idea or a thing, no party
    named = self_name(head_token, lex)
    codes = (code,)
    if named is not None:
        # "a little-known group calling itself the Martyrs Brigade" is the Martyrs Brigade
        rule, codes = f"{rule}; the name it calls itself", (code, ActorReason.SELF_NAMED)
        head_token = named
    toks = phrase_tokens(head_token, lex)
    whole = phrase_tokens(head_token, lex, cut_places=False)
    if len(whole) > len(toks):
        text = text_of(head_token.doc)
        named, named_whole = (known_group(text[ts[0].idx:ts[-1].idx + len(ts[-1].text)]) for ts in (toks, whole))
        if named_whole and (not named or named_whole[1][1] - named_whole[1][0] > named[1][1] - named[1][0]):
            toks = whole  # "État islamique en Afrique de l'Ouest": the place is part of the group's name
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    doc_text = text_of(head_token.doc)
    kind, country, group, why, kind_code = classify_phrase(toks, lex, country_of)
    if group is None:
        # the name may run past the cut phrase ("Groupe de soutien à l'islam et aux musulmans (JNIM)")
        sent_end = head_token.sent.end_char
        tail = doc_text[start:min(sent_end, end + 60)]
        close = tail.find(")")
        window = tail[:close + 1] if 0 <= close < len(tail) else doc_text[start:min(sent_end, end + 40)]
        hit = known_group(window)
        if hit and hit[1][0] <= (end - start) + 3:
            kind, group, why = "group", hit[0]["name"], f"catalogued group {hit[0]['name']!r} named with the phrase"
            kind_code = ActorReason.CATALOGUED_GROUP
    if group is None:
        # the parse may cut a name in two ("Les terroristes de Boko | Haram ont tué"): the catalogued name
        # that ends in the phrase, begun just before it, is the actor
        back = max(0, start - 40)  # not the parse's sentence: it may end inside the name too
        back += 1 + max((i for i, ch in enumerate(doc_text[back:start]) if ch in ".!?\n"), default=-1)
        hit = known_group(doc_text[back:end])
        if hit and back + hit[1][0] < start < back + hit[1][1]:
            start = back + hit[1][0]
            kind, group, why = "group", hit[0]["name"], f"catalogued group {hit[0]['name']!r} begun before the phrase"
            kind_code = ActorReason.CATALOGUED_GROUP
    named_by = _appositive_name(head_token, country_of) if role in ("victim", "target") else None
    if named_by is not None and named_by.right_edge.idx >= end:
        # "the murdered diplomat, Jorge Vargas, ...", "two engineers, Roberto Roascio and Mario Accurso":
        # the phrase runs on to the names of the people it describes
        end = named_by.right_edge.idx + len(named_by.right_edge.text)
        why, codes = f"{why}; named in apposition", codes + (ActorReason.APPOSITIVE_NAME,)
        if named_by.ent_type_ in NAME_ENTITIES - {"ORG"} and group is None \
                and not any(lex.token_in(table, head_token) for _, table, _ in KIND_NOUNS):
            # "the police commander's wife, Stela Torrado": a named person whose own noun tells no force
            kind, why = "civilian", f"{why}; a named person"
    head = fold(head_token.lemma_)
    anaphoric = lex.token_in("group_anaphora", head_token) and group is None and not any(t.pos_ == "PROPN" for t in toks)
    return ActorRef(role, kind, doc_text[start:end], start, end, head, country, group, f"{rule}; {why}", anaphoric,
                    codes + (kind_code,))


def _appositive_name(head_token, country_of):
    """The proper name set in apposition to a common noun ("the mayor, Pedro Ruiz,"), or None."""
    if head_token.pos_ != "NOUN":
        return None
    for c in head_token.children:
        if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > head_token.i and c.ent_type_ not in PLACE_ENTITIES \
                and not is_place_token(c, country_of) and c.right_edge.i - head_token.i <= 12 \
                and c.right_edge.sent == head_token.sent:
            return c
    return None


# --- roles: who did what to whom around a trigger -------------------------------------------

#: dependency label -> (role, reason code)
ROLE_DEPS = {
    "nsubj": ("perpetrator", ActorReason.SUBJECT), "agent": ("perpetrator", ActorReason.AGENT_CASE),
    "obl:agent": ("perpetrator", ActorReason.AGENT_CASE),
    "obj": ("target", ActorReason.OBJECT), "dobj": ("target", ActorReason.OBJECT),
    "nsubj:pass": ("target", ActorReason.OBJECT), "nsubjpass": ("target", ActorReason.OBJECT),
}
OBLIQUE_DEPS = ("obl", "obl:arg", "obl:mod", "nmod", "prep")
#: dependents that name what a verb hits: with one of them, "on X" / "at X" tells where, not whom
PATIENT_DEPS = ("obj", "dobj", "nsubj:pass", "nsubjpass")


def is_weapon_phrase(token, lex: Lexicon) -> bool:
    """"Un engin explosif lourd", "A drone strike on a car": the phrase names a weapon or strike."""
    left = [t for t in token.subtree if t.i <= token.i and t.dep_ != "det"][-4:]
    right = [t for t in token.subtree if t.i >= token.i][:4]
    for toks, anchor in ((left, len(left) - 1), (right, 0)):
        hits = lex.weapons.find([(t.text, t.lemma_) for t in toks])
        if any(h.start <= anchor < h.end for h in hits):
            return True
    if fold(token.lemma_) in lex.of("quantity_nouns") | lex.of("unit_nouns"):
        # "500 kg of dynamite", "dozens of rockets": the quantity of a weapon is the weapon
        return any(lex.weapons.find([(t.text, t.lemma_) for t in c.subtree]) for c in genitive_complements(token, lex))
    return bool(lex.triggers.find([(t.text, t.lemma_) for t in left[-3:]])) and \
        fold(token.lemma_) in lex.of("strike_nouns")


def is_event_word(token, lex: Lexicon) -> bool:
    """A trigger or a weapon: "the bombings which destroyed ...", "une frappe française a tué ...";
    not a noun of people that also names a happening ("un manifestant a été tué")."""
    if any(lex.token_in(table, token) for _, table, _ in KIND_NOUNS):
        return False
    return bool(lex.triggers.find([(token.text, token.lemma_)])) or lex.token_in("strike_nouns", token) \
        or is_weapon_phrase(token, lex)


def case_words(token) -> set[str]:
    """The folded case markers of a UD nominal ("de", "par")."""
    return {fold(c.text) for c in token.children if c.dep_ == "case"}


def genitive_complements(noun, lex: Lexicon) -> list:
    """The "of X" (English prep/pobj) and "de X" (UD nmod) complements of a noun."""
    genitive = lex.of("genitive_case")
    out = []
    for child in noun.children:
        if child.dep_ == "prep" and fold(child.text) in genitive:
            out += [g for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ in ("nmod", "nmod:poss") and case_words(child) & genitive:
            out.append(child)
    return out


def is_participle(token) -> bool:
    """A past participle or an adjective: "the murdered diplomat", "le convoi attaqué"; not a present
    participle, whose noun is the doer or the place ("the hotel killing two people", "un tireur visant")."""
    if token.tag_ == "VBG" or "Pres" in token.morph.get("Tense"):
        return False
    return token.pos_ == "ADJ" or token.tag_ == "VBN" or "Part" in token.morph.get("VerbForm")


def is_place_token(token, country_of) -> bool:
    """A named place ("Kabul", "l'Irak"): where the event is, never who takes part in it."""
    if token.ent_type_ in PLACE_ENTITIES and token.pos_ == "PROPN":
        return True
    return token.pos_ == "PROPN" and bool(country_of(token.text))


def _is_civilian_property(noun, lex: Lexicon) -> bool:
    """"shops", "des commerces", and through a quantity ("une trentaine de maisons", "dozens of homes")."""
    words = lex.of("civilian_property")
    if fold(noun.lemma_) in words:
        return True
    if fold(noun.lemma_) in lex.approx or fold(noun.lemma_) in lex.of("quantity_nouns"):
        inner = [c for c in noun.children if c.dep_ in ("nmod", "pobj")]
        inner += [g for c in noun.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        return any(fold(c.lemma_) in words for c in inner)
    return False


def _case_and_noun(child):
    """(case words, noun) of a dependent that a preposition marks: English "on X" is a prep whose object is X,
    French "sur X" is X with its case word; the noun is None when an English preposition has no object."""
    if child.dep_ == "prep":
        return {fold(child.text)}, next((c for c in child.children if c.dep_ == "pobj"), None)
    return case_words(child), child


def _oblique_role(child, trigger, lex: Lexicon):
    """(role, code, noun, case words) of an oblique dependent: "par X" perpetrator, "contre X" target."""
    case, child = _case_and_noun(child)
    if child is None:
        return None
    if case & lex.of("agent_case"):
        return "perpetrator", ActorReason.AGENT_CASE, child, case
    if case & lex.of("opposing_case"):
        return "target", ActorReason.OPPOSING_CASE, child, case
    if case & (lex.of("target_case") | lex.of("animate_target_case")) and trigger.pos_ == "VERB" \
            and any(c.dep_ in PATIENT_DEPS and not is_event_word(c, lex) for c in trigger.children):
        # what was hit is named already: "on X" / "at X" is where ("attacked the patrol on a highway", "the
        # bus was attacked on the coastal road") unless X is people ("threw stones at the police"), as "at" is;
        # "opened fire on the crowd": the object is the strike itself, "on X" whom
        return "target", ActorReason.ANIMATE_CASE, child, case
    if case & lex.of("target_case"):
        return "target", ActorReason.TARGET_CASE, child, case
    if case & lex.of("animate_target_case"):
        return "target", ActorReason.ANIMATE_CASE, child, case
    if not case and child.dep_ == "obl:mod" and child.pos_ == "NOUN" and trigger.pos_ == "VERB":
        return "target", ActorReason.MISATTACHED_OBJECT, child, case  # "attaqué quatre convois"
    return None


def _active_misparse(verb) -> bool:
    """"Les terroristes ont ensuite attaqué notre convoi" parsed with a passive subject: no passive auxiliary
    and an object of its own, the verb is active and its subject the doer."""
    return not any(c.dep_ in ("aux:pass", "auxpass") for c in verb.children) \
        and any(c.dep_ in ("obj", "dobj") for c in verb.children)


def _dependent_role(child, trigger, lex: Lexicon):
    """(role, code, noun, case words) a dependent of the trigger fills, or None."""
    role, code = ROLE_DEPS.get(child.dep_, (None, None))
    if child.dep_ in ("nsubj:pass", "nsubjpass") and _active_misparse(trigger):
        role, code = ROLE_DEPS["nsubj"]
    if child.dep_ == "agent":  # English "by X"
        child = next((c for c in child.children if c.dep_ == "pobj"), None)
        if child is None:
            return None
    case = case_words(child)
    if case & lex.of("source_case"):
        return None  # "selon une source": the source, not a participant
    if child.dep_ in OBLIQUE_DEPS:
        return _oblique_role(child, trigger, lex)
    return (role, code, child, case) if role is not None else None


def _trigger_dependents(trigger, cls: str, lex: Lexicon, country_of) -> list[ActorRef]:
    out = []
    for dependent in trigger.children:
        found = _dependent_role(dependent, trigger, lex)
        if found is None:
            continue
        role, code, child, case = found
        if child.pos_ not in ("NOUN", "PROPN", "ADJ"):
            continue  # ("civils" is often tagged ADJ when it heads the phrase)
        if is_event_word(child, lex):
            # "un engin explosif a touché ...", "une frappe a tué ...": the weapon or the event, not an actor;
            # "des frappes contre un rassemblement de combattants": the gathered are the target
            inner = genitive_complements(child, lex) if role == "target" and not is_weapon_phrase(child, lex) else []
            if not inner or inner[0].pos_ not in ("NOUN", "PROPN") or is_event_word(inner[0], lex):
                continue
            child = inner[0]
        if cls == "crash" and role == "perpetrator" and child.dep_ == "nsubj":
            role = "target"  # what crashed was hit
        if role == "target" and cls in NO_TARGET_CLASSES:
            continue  # what a protest is against, a seized cache: no party to the event
        if role == "target" and code != ActorReason.MISATTACHED_OBJECT and child.dep_ not in ROLE_DEPS \
                and is_place_token(child, country_of):
            continue  # "an attack on Kabul": where, not who
        if cls in HUMAN_PATIENT_CLASSES and role == "target":
            role = "victim"
        via = f" {'/'.join(sorted(case))}" if case else ""
        a = make_actor(role, child, lex, country_of, f"{child.dep_}{via} of {trigger.text!r}", code)
        if a is not None and code == ActorReason.ANIMATE_CASE and a.kind not in ARMED_KINDS | PEOPLE_KINDS:
            continue  # "at the corner of 60th", "at that moment": a place or a time
        if a is not None and role == "perpetrator" and cls in INTRANSITIVE_CLASSES and a.kind == "other" \
                and not any(c.dep_ in ("obj", "dobj") for c in trigger.children):
            continue  # "the package exploded": what blew up, not who set it off
        if a is not None and role == "perpetrator" and cls in INTRANSITIVE_CLASSES and lex.token_in("object_nouns", child) \
                and not any(c.dep_ in ("obj", "dobj") for c in trigger.children):
            # "Un véhicule de l'armée malienne a sauté sur une mine": the vehicle, and whose it is, were hit
            a = a.with_role("target", ActorReason.OBJECT, "what blew up on a device was hit")
        if a is not None and cls == "looting" and a.role == "target" and a.group is None \
                and a.kind in ("other", "group") and _is_civilian_property(child, lex):
            # "looted shops", "pillé des commerces": ACLED codes the owners, civilians, as the victims
            a = replace(a.with_role("victim", ActorReason.CIVILIAN_PROPERTY,
                                    "civilian property: its owners are the victims"), kind="civilian")
        if a is not None:
            out.append(a)
    return out


def _intransitive_verb(verb, lex: Lexicon) -> bool:
    """A verb of a trigger class with no author ("exploded", "crashed") and no object of its own."""
    hits = lex.triggers.find([(verb.text, verb.lemma_)])
    return any(h.label in INTRANSITIVE_CLASSES for h in hits) \
        and not any(c.dep_ in ("obj", "dobj") for c in verb.children)


def _first_subject(verb):
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _parties(trigger, cls: str, out: list[ActorRef], lex: Lexicon, country_of) -> list[ActorRef]:
    """Agreements and reciprocal events: "X et Y ont signé un accord", "X and Y clashed"."""
    if cls == "agreement":
        out = [a for a in out if a.role != "target"]  # what was agreed on or exchanged is no party to it
    verb = trigger.head if cls == "agreement" and trigger.pos_ == "NOUN" and trigger.dep_ in ("obj", "dobj") \
        and trigger.head.pos_ == "VERB" else trigger
    if verb is not trigger and not any(a.role == "perpetrator" for a in out):
        subj = _first_subject(verb)
        a = make_actor("perpetrator", subj, lex, country_of, f"subject of {verb.text!r} {trigger.text!r}",
                       ActorReason.SIGNATORY) if subj is not None and subj.pos_ in ("NOUN", "PROPN") else None
        if a is not None:
            out.append(a)
    if is_reciprocal(cls):
        out = out + _sides(trigger, out, lex, country_of)
    if is_reciprocal(cls) and not any(a.role == "target" for a in out):
        subj = _first_subject(verb)
        partner = next((c for c in subj.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")), None) \
            if subj is not None else None
        a = make_actor("target", partner, lex, country_of, f"second party, with {subj.text!r}, of {verb.text!r}",
                       ActorReason.SECOND_PARTY) if partner is not None else None
        if a is not None:
            out.append(a)
    return out


def _sides(trigger, out: list[ActorRef], lex: Lexicon, country_of) -> list[ActorRef]:
    """The sides a fight names by a preposition: "clashes between X and Y", "affrontements entre X et Y" (X the
    first side, Y the second: ACLED's actor 1 and 2), "clashes with X", "combats avec X" (the side the text
    sets against the one it tells of)."""
    found = []
    for child in trigger.children:
        case, noun = _case_and_noun(child)
        if noun is None or noun.pos_ not in ("NOUN", "PROPN"):
            continue
        if case & lex.of("between_case"):
            sides = [noun] + [c for c in noun.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")]
            roles = ["perpetrator"] + ["target"] * (len(sides) - 1)
        elif case & lex.of("companion_case"):
            sides, roles = [noun], ["perpetrator" if not any(a.role == "perpetrator" for a in out) else "target"]
        else:
            continue
        for tok, role in zip(sides, roles):
            if any(a.start_char <= tok.idx < a.end_char for a in out + found):
                continue
            a = make_actor(role, tok, lex, country_of, f"side of {trigger.text!r} ({'/'.join(sorted(case))})",
                           ActorReason.SIDE_CASE)
            if a is not None:
                found.append(a)
    return found


def find_actors(trigger, cls: str, lex: Lexicon, country_of) -> list[ActorRef]:
    """The actors around a trigger of class ``cls``, each in its role."""
    out = _trigger_dependents(trigger, cls, lex, country_of)
    # participial/adjectival use: "l'hélicoptère abattu" / "the attacked convoy" (not "an attempt to kill")
    if trigger.dep_ in ("acl", "amod") and trigger.head.pos_ in ("NOUN", "PROPN") and is_participle(trigger) \
            and cls not in NO_TARGET_CLASSES and not is_event_word(trigger.head, lex):
        role = "victim" if cls in HUMAN_PATIENT_CLASSES else "target"
        a = make_actor(role, trigger.head, lex, country_of, f"noun modified by {trigger.text!r}",
                       ActorReason.MODIFIED_NOUN)
        if a:
            out.append(a)
    out = _parties(trigger, cls, out, lex, country_of)
    # "..., killing five soldiers" (advcl of the main verb): the main verb's subject is the perpetrator
    if trigger.dep_ in ("advcl", "conj", "xcomp") and not any(a.role == "perpetrator" for a in out):
        subj = _first_subject(trigger.head)
        if subj is not None and not is_weapon_phrase(subj, lex):
            a = make_actor("perpetrator", subj, lex, country_of, f"subject of {trigger.head.text!r}",
                           ActorReason.MAIN_VERB_SUBJECT)
            if a is not None and a.kind == "other" and _intransitive_verb(trigger.head, lex):
                a = None  # "a truck rigged with dynamite exploded ..., killing 23": what blew up, not who
            if a:
                out.append(a)
    return out


def intervening_force(sent, lex: Lexicon, country_of) -> list[ActorRef]:
    """"Police fired tear gas to break up a protest", "police charged the crowd": the police or army
    acting in the sentence of a protest is the force that intervened (ACLED's actor 2)."""
    forces = lex.of("police_nouns") | lex.of("military_nouns")
    for t in sent:
        if t.dep_ == "nsubj" and t.head.pos_ == "VERB" and fold(t.lemma_) in forces:
            a = make_actor("perpetrator", t, lex, country_of, f"subject of {t.head.text!r} in the protest's sentence",
                           ActorReason.INTERVENING_FORCE)
            if a is not None and a.kind in ("police", "military"):
                return [a]
    return []


def victims_in_toll(sent, deaths, lex: Lexicon, country_of) -> list[ActorRef]:
    """"quatre morts parmi les civils", "killing 12 villagers": who the dead were."""
    if deaths is None or deaths.best == 0:
        return []
    for t in sent:
        if deaths.span.start_char <= t.idx <= deaths.span.end_char + 40 and t.pos_ == "NOUN" \
                and lex.token_in("civilian_nouns", t):
            a = make_actor("victim", t, lex, country_of, "named in the death toll", ActorReason.NAMED_IN_TOLL)
            if a is not None and a.kind == "civilian":
                return [a]
    return []




def battle_roles(actors: list[ActorRef]) -> list[ActorRef]:
    """Soldiers killed "lors de combats contre des jihadistes": the jihadists are the attackers
    (actor1) and the soldiers the attacked (actor2); only unarmed people are victims."""
    out = []
    has_perp = any(a.role == "perpetrator" for a in actors)
    state_hit = any(b.kind in STATE_KINDS and b.role in ("target", "victim") for b in actors)
    for a in actors:
        role = a.role
        if role == "victim" and (a.kind in STATE_KINDS | {"unidentified"} or a.group is not None):
            role = "target"  # soldiers, "three members of the SDF", "ten militants": armed, so not victims
        elif role == "target" and not has_perp and a.kind in ("unidentified", "group") and state_hit \
                and ActorReason.OPPOSING_CASE in a.codes:
            role = "perpetrator"
        out.append(a if role == a.role else a.with_role(role, ActorReason.OTHER_SIDE, "role from the other side"))
    return out
