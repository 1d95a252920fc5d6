"""Event mentions, one per sentence that holds a trigger: the trigger, its modality (negated,
future, possible, conditional, hedged, generic), arguments linked by the parse (actors, weapon,
deaths), and the sentence's attribution frame. The Doc is read here and never returned.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from eventatlas.model import Deaths, Span, Weapon
from eventatlas.nlp.actors import ActorRef, make_actor
from eventatlas.nlp.frames import WRITER, Frame, find_frame
from eventatlas.nlp.lexicon import Lexicon, fold
from eventatlas.nlp.numbers import find_quantities
from eventatlas.nlp.pipeline import text_of

# How specific a trigger class is: the event's type comes from the most specific one.
CLASS_RANK = {"chemical": 9, "suicide": 9, "airstrike": 8, "grenade": 8, "explosion": 7, "shelling": 7,
              "shootdown": 6, "abduction": 6, "sexual": 6, "riot": 6, "protest": 5, "takeover": 5, "retake": 5,
              "clash": 4, "attack": 4, "kill": 3, "arrest": 3, "agreement": 3, "defuse": 3, "looting": 3, "deploy": 2,
              "threat": 2, "hit": 1, "crash": 1}
SUPPORT_CLASSES = {"hit", "crash", "casualty"}  # never an event on their own: they join one


@dataclass(slots=True)
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
    actors: list[ActorRef]
    weapon: Weapon | None
    deaths: Deaths | None
    injuries: Deaths | None
    heads: set[str]  # nouns naming what was hit, for coreference ("hélicoptère", "convoi")
    clause: frozenset = frozenset()  # start chars of the tokens of the trigger's own clause
    sentence_classes: tuple[str, ...] = ()  # every trigger class in the sentence
    coref: dict = field(default_factory=dict)  # actor start char -> the named group it refers back to
    bare_plural: bool = False  # "attacks have become rarer": a kind of happening, unless dated or placed
    place_indices: list[int] = field(default_factory=list)
    clause_place_indices: list[int] = field(default_factory=list)
    date_indices: list[int] = field(default_factory=list)
    why: list[str] = field(default_factory=list)


def _forms(tokens):
    return [(t.text, t.lemma_) for t in tokens]


def _span(tokens) -> Span:
    doc = tokens[0].doc
    return Span.of(text_of(doc), tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))


def find_triggers(sent, lex: Lexicon, date_chars: frozenset = frozenset()):
    toks = list(sent)
    out = []
    for hit in lex.triggers.find(_forms(toks)):
        span_toks = toks[hit.start:hit.end]
        if any(t.idx in date_chars for t in span_toks):
            continue  # "March 14" is a date, not a march
        head = next((t for t in span_toks if t.pos_ in ("VERB", "NOUN")), span_toks[0])
        entry = fold(hit.entry)
        if hit.label in SUPPORT_CLASSES:
            strength = "support"
        elif entry in lex.weak or (len(span_toks) == 1 and fold(head.lemma_) in lex.weak):
            strength = "weak"  # a multi-word entry ("frappe aérienne") is as strong as the entry says
        else:
            strength = "strong"
        out.append((hit.label, strength, span_toks, head))
    covered = {t.i for _, _, span_toks, _ in out for t in span_toks}
    for tok in toks:
        if tok.i in covered or tok.pos_ != "VERB":
            continue
        lemma = fold(tok.lemma_)
        for label, (verbs, objects) in lex.object_triggers.items():
            if lemma in verbs and any(c.dep_ in OBJECT_DEPS and fold(c.lemma_) in objects for c in tok.children):
                out.append((label, "strong", [tok], tok))  # "exchanged 48 prisoners", "48 détenus ont été échangés"
                break
    out.sort(key=lambda hit: hit[2][0].i)
    return out


OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass", "nsubj:pass"})
RECIPROCAL_CLASSES = frozenset({"clash", "agreement"})  # both parties act: the second is actor 2


def _aux_and_self(tok):
    return [tok] + [c for c in tok.children if c.dep_.startswith("aux")]


def modality(trigger, sent, lex: Lexicon) -> tuple[str, str]:
    """How the text presents the happening the trigger names."""
    words = lex.words
    chain = [trigger]
    cur = trigger
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("nsubj", "nsubj:pass", "nsubjpass", "obj", "dobj") \
            and trigger.head.pos_ in ("VERB", "AUX"):
        cur = trigger.head  # "A drone strike likely killed ...": the predicate carries the modality
        chain.append(cur)
    for _ in range(3):  # climb xcomp/ccomp so "pourraient commencer à attaquer" reaches "pourraient"
        if cur.dep_ in ("xcomp", "ccomp", "obj", "dobj") and cur.head.i != cur.i and cur.head.pos_ in ("VERB", "AUX"):
            cur = cur.head
            chain.append(cur)
        else:
            break
    scope = []
    for t in chain:
        scope.extend(_aux_and_self(t))
        scope.extend(c for c in t.children if c.dep_ in ("advmod", "neg", "det", "amod", "nmod", "obl:mod", "mark", "acl"))
    # negation on the trigger or its verb chain; nouns: "aucune attaque", "no attack";
    # subjects: "no unit had opened fire", "aucun groupe n'a attaqué"
    subjects = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass", "nsubj:pass")]
    for subj in subjects:
        for d in subj.children:
            if d.dep_ == "det" and fold(d.text) in ("no", "aucun", "aucune", "nul", "nulle"):
                return "negated", d.text
    if trigger.dep_ in ("nsubj", "nsubj:pass", "nsubjpass") and any(
            fold(c.text) in ("pas", "not", "n't", "jamais", "never") for c in trigger.head.children):
        return "negated", "the happening did not take place"  # "la manifestation n'a pas eu lieu"
    for t in scope:
        f = fold(t.text)
        if t.dep_ in ("neg",) or f in ("pas", "jamais", "aucun", "aucune", "never", "no", "not", "n't", "nul", "nulle"):
            if f == "no" and t.dep_ != "det" and t.dep_ != "neg":
                continue
            return "negated", t.text
    head_lemmas = [fold(t.lemma_) for t in chain[1:]] + [fold(t.lemma_) for t in scope if t.dep_.startswith("aux")]
    sent_folded = fold(sent.text)
    has_perfect = any(fold(c.lemma_) in ("avoir", "have") and c.i > min(x.i for x in chain) - 4
                      for t in chain for c in t.children if c.dep_.startswith("aux"))
    perfect_infinitive = any(fold(t.lemma_) in ("avoir", "have") and t.i < trigger.i
                             and t.head.i == trigger.i and t.dep_.startswith("aux") for t in sent)
    for t in chain[1:]:
        if fold(t.lemma_) in words["threat_verbs"]:
            return "threat", t.text  # "threatened to attack", "a menacé d'attaquer"
    for t in chain[1:] + [c for c in scope if c.dep_.startswith("aux")]:
        if fold(t.lemma_) in words["possibility_modals"]:
            if perfect_infinitive or has_perfect and "have" in head_lemmas:
                return "possible", t.text
            return "future", t.text
    for cue in lex.data["future_cues"]:
        c = fold(cue)
        if (" " in c and c in sent_folded) or any(fold(t.text) == c for t in scope):
            return "future", cue
    if any("Fut" in t.morph.get("Tense") for t in scope if t.pos_ in ("VERB", "AUX")) or \
            any(fold(t.text) in ("will", "shall", "'ll") for t in scope):
        return "future", "future tense"
    governing = scope + list(trigger.ancestors)
    for cue in lex.data["speculative_cues"]:
        c = fold(cue)
        if (" " in c and c in sent_folded) or any(fold(t.text) == c or fold(t.lemma_) == c for t in governing):
            return "possible", cue
    if lex.lang == "fr":
        cnd = [t for t in scope if "Cnd" in t.morph.get("Mood") and fold(t.lemma_) not in words["conditional_exempt"]]
        if cnd:
            perfect = any(fold(t.lemma_) in ("avoir", "etre") for t in cnd) or trigger.dep_ == "ROOT" or True
            return ("conditional", cnd[0].text) if perfect else ("future", cnd[0].text)
    for cue in lex.data.get("allegation_cues", []):
        if fold(cue) in sent_folded:
            return "conditional", cue
    for t in sent:
        if fold(t.text) in words["hedge_cues"] or fold(t.lemma_) in words["hedge_cues"]:
            if t.head.i == trigger.i or t.i in {x.i for x in scope} or any(a.i == t.i for a in trigger.ancestors):
                return "possible", t.text  # "apparently attacked", "semble avoir": the text is unsure it happened
    near = list(trigger.subtree) + scope + list(trigger.head.children)
    for t in near:
        if fold(t.text) in words["generic_cues"] or fold(t.lemma_) in words["generic_cues"]:
            return "generic", t.text
    own = [t for t in trigger.subtree if not any(a.dep_ in ("acl:relcl", "relcl", "acl", "advcl", "ccomp")
                                                   and a.i != trigger.i and trigger.i in {x.i for x in a.ancestors}
                                                   for a in [t] + [x for x in t.ancestors if x.i != trigger.i])]
    own_text = fold(" ".join(t.text for t in own + chain[1:]))
    for cue in lex.data["generic_cues"]:
        # "depuis plusieurs mois" must qualify the happening itself, not a clause beside it
        if " " in cue and fold(cue) in own_text:
            return "generic", cue
    return "fact", ""


def find_weapon(sent, trigger, lex: Lexicon, clause: frozenset = frozenset()) -> Weapon | None:
    toks = list(sent)
    hits = lex.weapons.find(_forms(toks))
    if not hits:
        return None
    best = min(hits, key=lambda h: (toks[h.start].idx not in clause, abs(toks[h.start].i - trigger.i)))
    start, end = best.start, best.end
    # coordinated weapons: "une roquette ou un missile"
    for h in hits:
        if h.start > end and h.start - end <= 3 and all(fold(t.text) in ("ou", "et", "or", "and", "un", "une", "a", "an")
                                                         for t in toks[end:h.start]):
            end = h.end
    while start > 0 and toks[start - 1].pos_ == "DET":
        start -= 1
    return Weapon(best.label, _span(toks[start:end]))


def _kill_context(token, lex: Lexicon, max_up: int = 3):
    """The kill or injury word governing a number's noun, if any: (kind, token)."""
    kill, hurt = lex.words["kill_words"], lex.words["injury_words"]
    seen = [token] + list(token.children)
    cur = token
    for _ in range(max_up):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        seen.append(cur)
        seen.extend(c for c in cur.children if c.dep_ in ("nsubj", "obj", "dobj", "attr", "acomp", "amod", "conj", "xcomp", "oprd", "advmod"))
    for t in seen:
        lf, tf = fold(t.lemma_), fold(t.text)
        if lf in hurt or tf in hurt:
            return "injured", t
        if lf in kill or tf in kill:
            return "killed", t
    return None


def find_deaths(sent, lex: Lexicon) -> tuple[Deaths | None, Deaths | None]:
    toks = list(sent)
    killed, injured = [], []
    people = lex.words["people_nouns"] | lex.words["kill_words"] | lex.words["injury_words"]
    for q in find_quantities(toks, lex):
        num = toks[q.head]
        noun = num.head if num.dep_ in ("nummod", "det", "quantmod", "nmod") and num.head.pos_ in ("NOUN", "PROPN", "ADJ", "VERB") else num
        if noun.i == num.i and q.head + 1 < len(toks):
            nxt = toks[q.head + 1:q.head + 4]
            noun = next((t for t in nxt if t.pos_ in ("NOUN", "ADJ", "VERB")), num)
        if fold(noun.lemma_) not in people and fold(noun.text) not in people and noun.i != num.i:
            # "une dizaine de personnes": the people noun hangs off the approximate noun
            sub = next((c for c in num.children if fold(c.lemma_) in people), None)
            if sub is None:
                continue
            noun = sub
        ctx = _kill_context(noun, lex) or _kill_context(num, lex)
        if ctx is None:
            continue
        kind, word = ctx
        first = toks[q.start]
        ends = [word, noun, toks[q.end - 1]]
        last = max(ends, key=lambda t: t.i)
        span = Span.of(text_of(sent.doc), min(first.idx, word.idx), last.idx + len(last.text))
        d = Deaths(q.low, q.best, q.high, span, kind, q.rule)
        (killed if kind == "killed" else injured).append(d)
    if not killed:
        killed = _singular_victim(sent, lex)
    if not killed:
        killed = _no_casualties(sent, lex)
    return _combine(killed), _combine(injured)


def _no_casualties(sent, lex: Lexicon):
    """"No one was hurt", "sans faire de victimes": a stated toll of zero."""
    text = sent.text
    folded = fold(text)
    rx = lex.data.get("zero_casualty_regex")
    if rx:
        import re
        m = re.search(rx, text, re.IGNORECASE)
        if m:
            start = sent.start_char + m.start()
            return [Deaths(0, 0, 0, Span.of(text_of(sent.doc), start, sent.start_char + m.end()), "killed",
                           f"no casualties: {m.group(0)!r}")]
    for phrase in lex.data.get("zero_casualty", []):
        i = folded.find(fold(phrase))
        if i >= 0:
            start = sent.start_char + i
            return [Deaths(0, 0, 0, Span.of(text_of(sent.doc), start, start + len(phrase)), "killed", f"no casualties: {phrase!r}")]
    return []


def _singular_victim(sent, lex: Lexicon):
    """"un soldat a été tué", "a civilian was killed": one death without a numeral."""
    out = []
    for t in sent:
        if fold(t.lemma_) in ("tuer", "kill") and t.pos_ == "VERB":
            for c in t.children:
                if c.dep_ in ("nsubj:pass", "nsubjpass", "obj", "dobj") and c.pos_ == "NOUN" \
                        and "Sing" in c.morph.get("Number") and fold(c.lemma_) in lex.words["people_nouns"]:
                    det = next((d for d in c.children if d.dep_ == "det"), None)
                    if det is not None and fold(det.text) in ("un", "une", "a", "an"):
                        lo, hi = min(det.i, t.i), max(c.i, t.i)
                        doc = t.doc
                        out.append(Deaths(1, 1, 1, Span.of(text_of(doc), doc[lo].idx, doc[hi].idx + len(doc[hi].text)),
                                          "killed", "one victim named in the singular"))
    return out


def _combine(items: list[Deaths]) -> Deaths | None:
    if not items:
        return None
    if len(items) == 1:
        return items[0]
    # several groups of victims in one sentence ("five soldiers and three civilians"): add them up
    def add(a, b):
        return None if a is None or b is None else a + b
    low, best, high = items[0].low, items[0].best, items[0].high
    for d in items[1:]:
        if d.span.start_char < items[0].span.end_char + 80:
            low, best, high = add(low, d.low), add(best, d.best), add(high, d.high)
    first, last = items[0].span, max(items, key=lambda d: d.span.end_char).span
    return Deaths(low, best, high, Span(first.text, first.start_char, first.end_char), "killed", "sum of victim groups")


ROLE_DEPS = {
    "nsubj": "perpetrator", "agent": "perpetrator", "obl:agent": "perpetrator",
    "obj": "target", "dobj": "target", "nsubj:pass": "target", "nsubjpass": "target",
}


def _is_weapon_phrase(token, lex: Lexicon) -> bool:
    """"Un engin explosif lourd", "A drone strike on a car": the phrase names a weapon or strike."""
    left = [t for t in token.subtree if t.i <= token.i and t.dep_ != "det"][-4:]
    right = [t for t in token.subtree if t.i >= token.i][:4]
    for toks, anchor in ((left, len(left) - 1), (right, 0)):
        hits = lex.weapons.find([(t.text, t.lemma_) for t in toks])
        if any(h.start <= anchor < h.end for h in hits):
            return True
    return bool(lex.triggers.find([(t.text, t.lemma_) for t in left[-3:]])) and fold(token.lemma_) in (
        "strike", "frappe", "attack", "attaque", "explosion", "blast", "bombardement", "shelling", "raid")


def _is_civilian_property(noun, lex: Lexicon) -> bool:
    """"shops", "des commerces", and through a quantity ("une trentaine de maisons", "dozens of homes")."""
    words = lex.words.get("civilian_property", frozenset())
    if fold(noun.lemma_) in words:
        return True
    if fold(noun.lemma_) in lex.approx or fold(noun.lemma_) in lex.words.get("quantity_nouns", frozenset()):
        inner = [c for c in noun.children if c.dep_ in ("nmod", "pobj")]
        inner += [g for c in noun.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        return any(fold(c.lemma_) in words for c in inner)
    return False


def find_actors(trigger, cls: str, lex: Lexicon, country_of) -> list[ActorRef]:
    out = []
    for child in trigger.children:
        role = ROLE_DEPS.get(child.dep_)
        if child.dep_ == "agent":  # English "by X"
            child = next((c for c in child.children if c.dep_ == "pobj"), None)
            if child is None:
                continue
        case = {fold(c.text) for c in child.children if c.dep_ == "case"}
        if case & {"selon", "according", "apres"}:
            continue  # "selon une source": the source, not a participant
        if child.dep_ in ("obl", "obl:arg", "obl:mod", "nmod", "prep"):
            if child.dep_ == "prep":
                case = {fold(child.text)}
                child = next((c for c in child.children if c.dep_ == "pobj"), None)
                if child is None:
                    continue
            if case & {"par", "by"}:
                role = "perpetrator"
            elif case & {"contre", "against", "on", "sur", "at"}:
                role = "target"
            elif not case and child.dep_ == "obl:mod" and child.pos_ == "NOUN" and trigger.pos_ == "VERB":
                role = "target"  # a mis-attached direct object ("attaqué quatre convois")
            else:
                continue
        if role is None or child.pos_ not in ("NOUN", "PROPN", "ADJ"):
            continue  # ("civils" is often tagged ADJ when it heads the phrase)
        if _is_weapon_phrase(child, lex):
            continue  # "un engin explosif a touché ...": the weapon, not an actor
        if cls in ("crash", "hit") and role == "perpetrator" and child.dep_ == "nsubj" and cls == "crash":
            role = "target"  # what crashed was hit
        if cls == "kill" and role == "target":
            role = "victim"
        via = f" {'/'.join(sorted(case))}" if case else ""
        a = make_actor(role, child, lex, country_of, f"{child.dep_}{via} of {trigger.text!r}")
        if a is not None and cls == "looting" and a.role == "target" and a.group is None \
                and a.kind in ("other", "group") and _is_civilian_property(child, lex):
            # "looted shops", "pillé des commerces": ACLED codes the owners, civilians, as the victims
            a = replace(a, role="victim", kind="civilian", rule=f"{a.rule}; civilian property: its owners are the victims")
        if a is not None:
            out.append(a)
    # participial/adjectival use: "un hélicoptère ... qui s'est écrasé" / "the attacked convoy"
    if trigger.dep_ in ("acl", "amod") and trigger.head.pos_ in ("NOUN", "PROPN"):
        a = make_actor("target", trigger.head, lex, country_of, f"noun modified by {trigger.text!r}")
        if a:
            out.append(a)
    # "X and Y clashed / exchanged prisoners": in a reciprocal event the second party is actor 2
    if cls == "agreement":
        out = [a for a in out if a.role != "target"]  # what was agreed on or exchanged is no party to it
    # "X et Y ont signé un accord": the parties are the subjects of the verb the agreement is the object of
    verb = trigger.head if cls == "agreement" and trigger.pos_ == "NOUN" and trigger.dep_ in ("obj", "dobj") \
        and trigger.head.pos_ == "VERB" else trigger
    if verb is not trigger and not any(a.role == "perpetrator" for a in out):
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        a = make_actor("perpetrator", subj, lex, country_of, f"subject of {verb.text!r} {trigger.text!r}") \
            if subj is not None and subj.pos_ in ("NOUN", "PROPN") else None
        if a is not None:
            out.append(a)
    if cls in RECIPROCAL_CLASSES and not any(a.role == "target" for a in out):
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        partner = next((c for c in subj.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")), None) \
            if subj is not None else None
        a = make_actor("target", partner, lex, country_of, f"second party, with {subj.text!r}, of {verb.text!r}") \
            if partner is not None else None
        if a is not None:
            out.append(a)
    # "..., killing five soldiers" (advcl of the main verb): the main verb's subject is the perpetrator
    if trigger.dep_ in ("advcl", "conj", "xcomp") and not any(a.role == "perpetrator" for a in out):
        subj = next((c for c in trigger.head.children if c.dep_ in ("nsubj",)), None)
        if subj is not None and not _is_weapon_phrase(subj, lex):
            a = make_actor("perpetrator", subj, lex, country_of, f"subject of {trigger.head.text!r}")
            if a:
                out.append(a)
    return out


def _intervening_force(sent, lex: Lexicon, country_of) -> list[ActorRef]:
    """"Police fired tear gas to break up a protest", "police charged the crowd": the police or army
    acting in the sentence of a protest is the force that intervened (ACLED's actor 2)."""
    forces = lex.words["police_nouns"] | lex.words["military_nouns"]
    for t in sent:
        if t.dep_ == "nsubj" and t.head.pos_ == "VERB" and fold(t.lemma_) in forces:
            a = make_actor("perpetrator", t, lex, country_of, f"subject of {t.head.text!r} in the protest's sentence")
            if a is not None and a.kind in ("police", "military"):
                return [a]
    return []


def _victims_in_toll(sent, deaths, lex: Lexicon, country_of) -> list[ActorRef]:
    """"quatre morts parmi les civils", "killing 12 villagers": who the dead were."""
    if deaths is None or deaths.best == 0:
        return []
    out = []
    for t in sent:
        if deaths.span.start_char <= t.idx <= deaths.span.end_char + 40 and t.pos_ == "NOUN":
            if fold(t.lemma_) in lex.words["civilian_nouns"] or fold(t.text) in lex.words["civilian_nouns"]:
                a = make_actor("victim", t, lex, country_of, "named in the death toll")
                if a is not None and a.kind == "civilian":
                    out.append(a)
                    break
    return out


def _battle_roles(actors: list[ActorRef]) -> list[ActorRef]:
    """Soldiers killed "lors de combats contre des jihadistes": the jihadists are the attackers
    (actor1) and the soldiers the attacked (actor2); only unarmed people are victims."""
    armed = {"military", "police", "group", "unidentified"}
    out = []
    has_perp = any(a.role == "perpetrator" for a in actors)
    for a in actors:
        role = a.role
        if role == "victim" and a.kind in ("military", "police"):
            role = "target"
        elif role == "target" and not has_perp and a.kind in ("unidentified", "group") and \
                any(b.kind in ("military", "police") and b.role in ("target", "victim") for b in actors) and (" contre " in a.rule or " against " in a.rule):
            role = "perpetrator"
        out.append(a if role == a.role else ActorRef(role, a.kind, a.text, a.start_char, a.end_char, a.head, a.country,
                                                     a.group, a.rule + "; role from the other side", a.anaphoric))
    return out


def heads_of(sent, lex: Lexicon) -> set[str]:
    """Nouns naming the physical thing the event hit (aircraft, convoy, market...), for coreference:
    "un hélicoptère ... l'appareil ... l'hélicoptère" are one happening."""
    keys = lex.words["object_nouns"]
    return {fold(t.lemma_) for t in sent if t.pos_ == "NOUN" and fold(t.lemma_) in keys}


def sentence_mention(sent_index, paragraph, sent, lex: Lexicon, country_of, previous_frame: Frame | None,
                     date_chars: frozenset = frozenset()) -> Mention | None:
    triggers = find_triggers(sent, lex, date_chars)
    if not triggers:
        deaths, injuries = find_deaths(sent, lex)
        if deaths is None and injuries is None:
            return _denial(sent_index, paragraph, sent, lex, previous_frame) or \
                _speech_act(sent_index, paragraph, sent, lex, country_of)
        # "No one was hurt." / "Five people died." after an event: a toll that joins it
        d = deaths or injuries
        span = d.span
        toks = [t for t in sent if span.start_char <= t.idx < span.end_char] or list(sent)
        head = toks[0]
        return Mention(sent_index, paragraph, _span([t for t in sent if not t.is_space] or list(sent)), span,
                       "casualty", ("casualty",), "support", False, "fact", "", find_frame(sent, head, lex, previous_frame),
                       [], None, deaths, injuries, heads_of(sent, lex), _clause(head), sentence_classes=("casualty",))
    order = {"strong": 2, "weak": 1, "support": 0}
    cls, strength, span_toks, head = max(triggers, key=lambda t: (order[t[1]], CLASS_RANK.get(t[0], 0), -t[3].i))
    mod, cue = modality(head, sent, lex)
    frame = find_frame(sent, head, lex, previous_frame)
    if frame.kind in ("claim", "accuse") and strength != "strong":
        strength = "strong"  # "X said it struck ...", "X a revendiqué une frappe": a claimed act is an event
    actors = []
    for c, _, _, h in triggers:
        actors.extend(find_actors(h, c, lex, country_of))
    if frame.kind == "claim" and frame.speaker_span is not None:
        sp = frame.speaker_span
        claimant = next((a for a in actors if a.start_char == sp.start_char), None)
        doc = sent.doc
        inside = [t for t in sent if sp.start_char <= t.idx < sp.end_char]
        tok = next((t for t in inside if not (sp.start_char <= t.head.idx < sp.end_char) or t.head.i == t.i), None)
        base = make_actor("claimant", tok, lex, country_of, "subject of the claim") if tok is not None else None
        if base is not None:
            actors.append(base)
            if not any(a.role == "perpetrator" for a in actors):
                actors.append(ActorRef("perpetrator", base.kind, base.text, base.start_char, base.end_char, base.head,
                                       base.country, base.group, "claimant of the attack", base.anaphoric))
    weapon = find_weapon(sent, head, lex, _clause(head))
    deaths, injuries = find_deaths(sent, lex)
    actors.extend(_victims_in_toll(sent, deaths, lex, country_of))
    if cls in ("protest", "riot") and not any(a.kind in ("police", "military") for a in actors):
        actors.extend(_intervening_force(sent, lex, country_of))
    actors = _battle_roles(actors)
    det = next((c for c in head.children if c.dep_ == "det"), None)
    anaphoric = (head.pos_ == "NOUN" and det is not None and fold(det.text) in ("l'", "le", "la", "les", "the", "this", "cette", "ce", "cet", "ces")
                 and (fold(head.lemma_) in lex.anaphora or fold(head.text) in lex.anaphora))
    anaphoric = anaphoric or any(fold(t.lemma_) in lex.anaphora and any(fold(c.text) in ("l'", "le", "la", "the") for c in t.children)
                                 and fold(t.lemma_) in ("incident", "crash", "appareil", "aircraft", "drame")
                                 for t in sent)
    clause = _clause(head)
    # the classes that describe this happening: triggers in the head's own clause, not in a
    # subordinate account of another one ("accused them of planting bombs")
    classes = tuple(sorted({c for c, _, toks, h in triggers if h.idx in clause or h.i == head.i}))
    bare_plural = head.pos_ == "NOUN" and "Plur" in head.morph.get("Number") and \
        not any(c.dep_ == "det" and fold(c.text) not in ("des", "d'", "de") for c in head.children) and \
        not any(c.dep_ == "nummod" for c in head.children)
    return Mention(sent_index, paragraph, _span([t for t in sent if not t.is_space] or list(sent)),
                   _span(span_toks), cls, classes, strength, anaphoric, mod, cue,
                   frame, actors, weapon, deaths, injuries, heads_of(sent, lex), clause, bare_plural=bare_plural,
                   sentence_classes=tuple(sorted({t[0] for t in triggers})))


def _denial(sent_index, paragraph, sent, lex: Lexicon, previous_frame) -> Mention | None:
    """"L'armée a démenti toute frappe dans la zone.": no event, but it contests the one before."""
    verb = next((t for t in sent if fold(t.lemma_) in lex.words["deny_verbs"] and t.pos_ == "VERB"), None)
    if verb is None:
        return None
    frame = find_frame(sent, verb, lex, previous_frame)
    if frame.kind != "deny":
        return None
    span = Span.of(text_of(sent.doc), verb.idx, verb.idx + len(verb.text))
    return Mention(sent_index, paragraph, _span([t for t in sent if not t.is_space] or list(sent)), span, "denial",
                   ("denial",), "support", False, "fact", "", frame, [], None, None, None, set(), _clause(verb),
                   sentence_classes=("denial",))


def _speech_act(sent_index, paragraph, sent, lex: Lexicon, country_of) -> Mention | None:
    """Appeals and accusations with no concrete happening in them ("X urged all parties to ...",
    "X a accusé Y de complaisance"): PLOVER statements (REQUEST, ACCUSE), never ACLED events."""
    for verb in sent:
        if verb.pos_ != "VERB":
            continue
        lemma = fold(verb.lemma_)
        if lemma in lex.words["request_verbs"]:
            cls = "request"
        elif lemma in lex.words["accuse_verbs"]:
            cls = "accusation"
        else:
            continue
        if lemma == "call" and not any(fold(c.text) in ("on", "for") for c in verb.children):
            continue
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if subj is None or subj.pos_ == "PRON":
            continue
        speaker = make_actor("source", subj, lex, country_of, f"speaker of {verb.text!r}")
        if speaker is None:
            continue
        actors = [speaker]
        obj = next((c for c in verb.children if c.dep_ in ("obj", "dobj") and c.pos_ in ("NOUN", "PROPN")), None)
        if obj is not None:
            addressee = make_actor("target", obj, lex, country_of, f"object of {verb.text!r}")
            if addressee is not None:
                actors.append(addressee)
        span = Span.of(text_of(sent.doc), verb.idx, verb.idx + len(verb.text))
        kind = "accuse" if cls == "accusation" else "report"
        frame = Frame(kind, speaker.text, "party" if cls == "accusation" else "official", (speaker.text,),
                      Span(speaker.text, speaker.start_char, speaker.end_char), f"{cls} verb {verb.text!r}",
                      speaker.head, Span(speaker.text, speaker.start_char, speaker.end_char))
        return Mention(sent_index, paragraph, _span([t for t in sent if not t.is_space] or list(sent)), span, cls,
                       (cls,), "support", False, "statement", verb.text, frame, actors, None, None, None, set(),
                       _clause(verb), sentence_classes=(cls,))
    return None


def _clause(head) -> frozenset:
    toks = [head]
    stack = [c for c in head.children if c.dep_ not in ("conj", "advcl", "parataxis", "cc", "punct", "ccomp")]
    while stack:
        t = stack.pop()
        toks.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("advcl", "parataxis", "ccomp") and
                     not (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")))
    return frozenset(t.idx for t in toks)
