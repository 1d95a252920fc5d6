"""From mentions to events inside one article: resolve group anaphora, cluster mentions that
describe the same happening, split clusters to ACLED's unit (one place, one day), and build
records whose every field keeps the span and the source it rests on."""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from eventatlas.classify import classify, text_cues
from eventatlas.limits import checkpoint
from eventatlas.model import Actor, Attribution, Document, Event, Place, Span, When
from eventatlas.nlp.actors import FORCE_NOUN_REASONS, ActorReason, ActorRef, acled_name, names_a_group
from eventatlas.nlp.analyse import Analysis
from eventatlas.nlp.attribution import WRITER, AttributionReason, Frame
from eventatlas.nlp.deaths import KNOWN
from eventatlas.sourcing import (blames_told_act, claim_beside, denied_cluster, fold_sourced, names_the_speaker,
                                 tells_core)
from eventatlas.nlp.events.classes import family, is_reciprocal, is_support, rank
from eventatlas.nlp.events.newsness import Recalled, accident, is_hostile, recalled_mention
from eventatlas.nlp.events.triggers import STRENGTH_ORDER as STRENGTH
from eventatlas.nlp.geo.cues import cues_for
from eventatlas.nlp.geo.text import name_words
from eventatlas.nlp.lexicon import fold, load_lexicon, phrase_regex
from eventatlas.nlp.mentions import Mention

FRAME_WEIGHT = {"claim": 4, "deny": 3, "accuse": 3, "report": 2, "generic": 1, "none": 0}
#: the family of the classes that join any happening (a toll, a denial)
ANY_FAMILY = "any"


def _joins_any(cls: str) -> bool:
    """A toll, a denial, a hit or a crash says nothing about the kind of happening it joins."""
    return is_support(cls) or family(cls) == ANY_FAMILY


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)
    date: When | None = None
    places: list = field(default_factory=list)  # resolved geo.PlaceMention
    context: str = ""
    unverified: Span | None = None
    denials: list = field(default_factory=list)
    #: mentions from the headline that repeat this event: evidence, never the core of the record
    headline: list = field(default_factory=list)
    #: how the text shows it only recalls this happening (newsness.py); None for the news
    recall: Recalled | None = None
    #: mentions later in the article that name this happening again ("the bombing", "Saturday's attack"):
    #: evidence, never the core, and their dates and places are not the event's
    retold: list = field(default_factory=list)
    #: the date only dates a telling ("..., a resident said on Friday"): the act was on or before it
    date_told: bool = False

    @property
    def heads(self) -> set[str]:
        return set().union(*(m.heads for m in self.mentions))

    @property
    def families(self) -> set[str]:
        fams = {family(m.cls) for m in self.mentions if not is_support(m.cls)}
        return fams or {"violent"}


def _mention_date(m: Mention, analysis: Analysis) -> When | None:
    """The date in the trigger's own clause first ("l'attentat qui a fait 12 morts samedi soir",
    not "a revendiqué lundi"), then the most precise and nearest in the sentence."""
    whens = [analysis.dates[i][1] for i in m.date_indices]
    whens = [w for w in whens if w is not None]
    return min(whens, key=lambda w: (w.span.start_char in m.frame.speech_chars, w.span.start_char not in m.clause,
                                     w.precision,
                                     abs(w.span.start_char - m.trigger.start_char))) if whens else None


def _dates_telling(m: Mention, d: When | None) -> bool:
    """Whether the mention's date hangs off its reporting verb ("ont affirmé ce vendredi un habitant",
    "a resident said on Friday"): it dates the statement, and the act was on or before that day."""
    return d is not None and d.span.start_char in m.frame.speech_chars


def _same_night(a: When, b: When) -> bool:
    """Day dates that overlap where one is a night over two days ("dans la nuit de lundi à mardi" and
    "mardi"): the same happening may be told with either day."""
    return a.precision == b.precision == 1 and (a.end > a.start or b.end > b.start) \
        and a.start <= b.end and b.start <= a.end


def _dates_agree(m: Mention, d: When | None, c: Cluster) -> bool:
    """A mention dated ``d`` and the cluster's date may tell one happening: the same day, or a
    statement's day on or after the act's."""
    if d is None or c.date is None or d.start == c.date.start or _same_night(d, c.date):
        return True
    if _dates_telling(m, d) and not c.date_told:
        return c.date.start <= d.start
    if c.date_told and not _dates_telling(m, d):
        return d.start <= c.date.start
    return False


def _resolved(indices, analysis: Analysis) -> list:
    return [analysis.places[i] for i in indices
            if analysis.places[i].place is not None and analysis.places[i].place.feature != "country"]


def _round_up(m: Mention, analysis: Analysis) -> bool:
    """A bare plural with a toll over a whole country ("Iraq attacks kill 28", "bombings kill 17 in Iraq"):
    a round-up of several happenings whose toll is their sum, not one event. A plural of a reciprocal
    class ("clashes kill 62 militants") is one engagement; a plural told in a town or province ("triple
    explosions kill 80 in Maiduguri") or with no place at all is read as one happening."""
    if is_reciprocal(m.cls):
        return False
    places = [analysis.places[i] for i in m.place_indices if analysis.places[i].place is not None]
    return bool(places) and all(p.place.feature == "country" for p in places)


def _most_precise(places: list):
    """The most precise of the places, the first named among equals."""
    return min(places, key=lambda p: (p.place.precision, p.span.start_char))


def _mention_places(m: Mention, analysis: Analysis) -> list:
    """Places the trigger's own clause names; else the sentence's most specific one (a place
    elsewhere in the sentence may be where the source spoke, so it never splits an event)."""
    clause = _resolved(m.clause_place_indices, analysis)
    if clause:
        return clause
    others = _resolved(m.place_indices, analysis)
    return [_most_precise(others)] if others else []


def families_meet(a: set[str], b: set[str]) -> bool:
    """Arrests of demonstrators belong to their protest; otherwise the kinds must be shared."""
    return bool(a & b) or ("arrest" in a and "protest" in b) or ("protest" in a and "arrest" in b)


def _compatible(m: Mention, c: Cluster, analysis: Analysis) -> bool:
    fams = {family(x) for x in m.sentence_classes if not _joins_any(x)}
    if "protest" in c.families and any(a.kind == "protester" for a in m.actors):
        fams = fams | {"protest"}  # "un manifestant a été tué": a death in the demonstration
    if fams and c.families and not families_meet(fams, c.families):
        return False
    if not _dates_agree(m, _mention_date(m, analysis), c):
        return False
    mp = _mention_places(m, analysis)
    if mp and c.places:
        a1 = {p.place.admin1_code or p.place.admin1 for p in c.places}
        if not any((p.place.admin1_code or p.place.admin1) in a1 for p in mp):
            return False
    return True


def _anchored(m: Mention, analysis: Analysis) -> bool:
    has_date = _mention_date(m, analysis) is not None
    has_place = bool(_mention_places(m, analysis))
    if m.strength == "strong":
        named = any(a.kind == "group" and not a.anaphoric for a in m.actors)
        return has_date or has_place or m.deaths is not None or named or bool(m.place_indices)
    if m.strength == "weak":
        return m.deaths is not None or (has_date and (has_place or bool(m.place_indices)))
    return False


def _add(c: Cluster, m: Mention, analysis: Analysis):
    c.mentions.append(m)
    d = _mention_date(m, analysis)
    told = _dates_telling(m, d)
    # the act's own date beats a statement's; then the more precise
    if d is not None and (c.date is None or (c.date_told and not told)
                          or (told == c.date_told and d.precision < c.date.precision)):
        c.date, c.date_told = d, told
    c.places.extend(_mention_places(m, analysis))


def _elaborates(m: Mention, c: Cluster, analysis: Analysis) -> bool:
    """The next sentence, no new date, same kind, compatible place: an elaboration of the last cluster.
    A lede that names no town is placed by what follows ("L'armée a annoncé la mort de quatre soldats dans une
    attaque dans le nord-ouest du pays. « Une mission ... en partance pour Léré a été attaquée », a indiqué
    l'armée"): a few sentences on, a town tells where the lede's happening was, not another one."""
    gap = m.sent_index - c.mentions[-1].sent_index
    same_kind = family(m.cls) in c.families or is_support(m.cls) \
        or ("protest" in c.families and any(a.kind == "protester" for a in m.actors)) \
        or (m.cls == "arrest" and "protest" in c.families)
    unplaced_lede = not c.places and c.mentions[0].sent_index < LEDE_SENTENCES
    return (gap <= 1 or unplaced_lede or not _mention_places(m, analysis)) and gap <= 3 and not m.bare_plural \
        and m.paragraph - c.mentions[-1].paragraph <= 4 and same_kind and not _own_toll(m, c)


def _own_toll(m: Mention, c: Cluster) -> bool:
    """"PKK attacks kill five police officers. The army claims to have killed nine militants.": a strong
    mention with a toll of its own, other than every toll the cluster has, tells another happening."""
    if m.strength != "strong" or m.deaths is None or not m.deaths.best or m.modality != "fact" \
            or any(is_support(x) for x in m.classes) or m.deaths.rule.startswith(KNOWN):
        return False  # "the strike may have killed a commander": the same strike, a detail of its toll;
        # "two of the 12 initially killed were policemen": victims already told
    tolls = {x.deaths.best for x in c.mentions if x.deaths is not None and x.deaths.best}
    claimant = _claimant_name(m) if m.frame.kind == "claim" else None
    if claimant is not None and claimant in {_claimant_name(x) for x in c.mentions if x.frame.kind == "claim"}:
        return False  # "L'embuscade a été revendiquée par le GSIM. Le groupe affirme avoir tué neuf soldats":
        # the toll the claimant gives of the act it claimed
    return bool(tolls) and m.deaths.best not in tolls


def _claimant_name(m: Mention) -> str | None:
    ref = _claimant_ref(m)
    return fold(acled_name(ref, None)) if ref is not None else None


def _shifts_topic(m: Mention, analysis: Analysis) -> bool:
    """The mention's sentence opens on a word of the profile's ``topic_shifts`` ("Par ailleurs", "Separately",
    "Elsewhere"): what it tells is another happening than the one told before."""
    opening = fold(m.sent_span.text.lstrip())
    return any(re.match(phrase_regex(w).pattern + r"(?!\w)", opening)
               for w in load_lexicon(analysis.lang).data.get("topic_shifts", ()))


def _joins(m: Mention, d: When | None, c: Cluster, last: bool, analysis: Analysis) -> bool:
    """Whether mention ``m`` (dated ``d``) tells more of the happening of cluster ``c``."""
    if not _compatible(m, c, analysis):
        return False
    if _dates_telling(m, d):
        d = None  # "L'attentat a été revendiqué aujourd'hui": the claim's day, compatible, is no day of the act
    if m.anaphoric and (d is None or (c.date is not None and d.precision == 1 and d.start == c.date.start)):
        return True  # "l'attaque", "the incident", "au moment de l'attentat, vendredi" (the same day)
    if _shifts_topic(m, analysis):
        return False  # "Par ailleurs, ...", "Separately, ...": another story, unless it names this one again
    if m.heads & c.heads and _dates_agree(m, d, c):
        return True  # the same aircraft, convoy, market
    if not last:
        return False
    if d is not None:
        if c.date is not None and d.precision == 1 and c.date.precision == 1 and d.start == c.date.start \
                and m.sent_index - c.mentions[-1].sent_index <= 1 and _elaborates(m, c, analysis):
            # "Cinq soldats ont été tués ce lundi lors d'une embuscade. Une mission est tombée dans une embuscade
            # à l'EEI ce matin": the next sentence, the same day, the same kind of happening: told on
            return True
        # the lede told it with no date, or dated only its telling ("..., a rapporté lundi la presse locale"), the
        # next sentence dates it ("Un attentat suicide a fait 9 morts. Ce matin vers 6h, un kamikaze a précipité
        # son camion ..."): an elaboration; a dated cluster is another story
        undated = c.date is None or (c.date_told and d.end <= c.date.end)
        return undated and c.mentions[0].sent_index < LEDE_SENTENCES \
            and m.sent_index - c.mentions[-1].sent_index <= 1 and _elaborates(m, c, analysis)
    if m.strength != "strong" and not _mention_places(m, analysis) and m.sent_index - c.mentions[-1].sent_index <= 2:
        return True  # a weak or supporting mention just after
    return _elaborates(m, c, analysis)


def _join_pending(m: Mention, clusters: list[Cluster], analysis: Analysis) -> None:
    """An unanchored mention joins a cluster about the same thing, or is its own event when it is a
    different kind of happening told in the same narrative ("an hour later, a team defused a second
    device"), at the narrative's date and place; else it is dropped."""
    for c in sorted(clusters, key=lambda c: abs(c.mentions[0].sent_index - m.sent_index)):
        if m.heads & c.heads and _compatible(m, c, analysis):
            _add(c, m, analysis)
            return
    prev = [c for c in clusters if c.mentions[0].sent_index < m.sent_index]
    if m.strength == "strong" and m.modality == "fact" and prev and \
            not families_meet({family(m.cls)}, prev[-1].families) and m.sent_index - prev[-1].mentions[-1].sent_index <= 3:
        c = Cluster()
        _add(c, m, analysis)
        c.date = c.date or prev[-1].date
        c.places = c.places or list(prev[-1].places)
        c.context = "date and place from the narrative around it"
        clusters.append(c)


def _carry_places(clusters: list[Cluster], analysis: Analysis) -> None:
    """A cluster that names no place, told just after one that does, is at that place (unless its sentence
    opens on another story: "Par ailleurs, ...")."""
    for i, c in enumerate(clusters):
        c.mentions.sort(key=lambda m: m.sent_index)
        if not c.places and i > 0 and c.mentions[0].sent_index - clusters[i - 1].mentions[-1].sent_index <= 3 \
                and clusters[i - 1].places and not _shifts_topic(c.mentions[0], analysis):
            c.places = [_most_precise(clusters[i - 1].places)]
            c.context = c.context or "place from the narrative around it"


def _named_again(m: Mention, d: When | None, clusters: list[Cluster], analysis: Analysis) -> Cluster | None:
    """"Au moins vingt personnes ont été tuées dans un attentat-suicide dans une mosquée de Kandahar. [...] un
    dignitaire opposé aux talibans, assassiné dimanche. L'attentat a également fait au moins 52 blessés.": a
    happening the text names as known ("l'attentat", "the bombing"), with no date of its own, is the latest
    told of its kind, not the aside told just before it."""
    if not (m.definite or m.anaphoric) or d is not None or m.strength != "strong" or len(clusters) < 2:
        return None
    if any(x.cls == m.cls for x in clusters[-1].mentions):
        return None  # the last one is of its kind: the usual rules decide
    return next((c for c in reversed(clusters[:-1]) if any(x.cls == m.cls for x in c.mentions)
                 and m.sent_index - c.mentions[-1].sent_index <= 6 and _compatible(m, c, analysis)), None)


def cluster_mentions(mentions: list[Mention], analysis: Analysis) -> list[Cluster]:
    clusters: list[Cluster] = []
    pending: list[Mention] = []
    for m in mentions:
        d = _mention_date(m, analysis)
        target = _named_again(m, d, clusters, analysis) \
            or next((c for c in reversed(clusters) if _joins(m, d, c, c is clusters[-1], analysis)), None)
        if target is not None and _dates_agree(m, d, target):
            _add(target, m, analysis)
        elif _anchored(m, analysis):
            c = Cluster()
            _add(c, m, analysis)
            clusters.append(c)
        else:
            pending.append(m)
    for m in pending:
        _join_pending(m, clusters, analysis)
    clusters.sort(key=lambda c: c.mentions[0].sent_index)
    _carry_places(clusters, analysis)
    return clusters


def _since(text: str, start: int, lang: str) -> bool:
    """"since April 2023", "depuis avril": the date opens a period, it is not an event's day."""
    before = text[max(0, start - 12):start].split()
    return bool(before) and fold(before[-1]) in load_lexicon(lang).of("period_openers")


#: the headline and the lede: where an article tells its news (a happening first named deeper in the
#: body, with no date, place or source, is an aside: a debate where candidates "clash", a speech that "attacks")
LEDE_SENTENCES = 3
#: frames of a mention deeper in the body that still tell a happening of the article ("HRW denounces ...")
ATTRIBUTED = frozenset({"claim", "accuse", "report"})


def _headline_cluster(usable: list[Mention], analysis: Analysis) -> list[Cluster]:
    """A dispatch that names no date or place we can resolve still reports its first happening
    ("Unidentified gunmen kill cleric", "Students riot after ..."): one event from its first
    strong, factual mention, joined by what follows about the same kind of happening."""
    first = next((m for m in usable if (m.sent_index < LEDE_SENTENCES or m.frame.kind in ATTRIBUTED)
                  and (m.strength == "strong" or family(m.cls) == "protest")
                  and m.modality in ("fact", "conditional", "possible")
                  # a kind of protest ("Protests over the amendments") stands for the dispatch's happening
                  # only when told as fact: "for allegedly inciting violence at rallies" tells of none
                  and (not m.bare_plural or (family(m.cls) == "protest" and m.modality == "fact"))
                  and not _joins_any(m.cls)), None)
    if first is None:
        return []
    c = Cluster(context="the text's first happening, with no date or place of its own")
    _add(c, first, analysis)
    for m in usable:
        if m.sent_index > first.sent_index and m.sent_index - first.sent_index <= 3 and _compatible(m, c, analysis) \
                and (family(m.cls) in c.families or is_support(m.cls)):
            _add(c, m, analysis)
    return [c]


def resolve_group_anaphora(mentions) -> tuple[list[Mention], set[str]]:
    """Point "le groupe", "ses éléments", "the militants" back to the last named group: the mentions
    with their actors resolved, and the folded texts of groups that claimed an attack in the article."""
    named: ActorRef | None = None
    claimants: set[str] = set()
    out = []
    for m in mentions:
        new = []
        for a in sorted(m.actors, key=lambda a: a.start_char):
            if a.anaphoric and named is not None:
                a = replace(a, kind=named.kind, country=named.country, group=named.group,
                            rule=f"{a.rule}; coreferent with {named.text!r}", anaphoric=False,
                            codes=a.codes + (ActorReason.COREFERENT,))
                new.append((a, named))
                continue
            if names_a_group(a):
                named = a
            new.append((a, None))
        m = replace(m, actors=tuple(a for a, _ in new),
                    why=m.why + tuple(f"{a.text!r} refers to {n.text!r}" for a, n in new if n is not None),
                    coref={**m.coref, **{a.start_char: n for a, n in new if n is not None}})
        out.append(m)
        if m.frame.kind == "claim":
            claimants.add(fold(acled_name(_claimant_ref(m), None)) if _claimant_ref(m) else fold(m.frame.source))
    return out, claimants


def _claimant_ref(m: Mention) -> ActorRef | None:
    return next((a for a in m.actors if a.role == "claimant"), None)


def _source_words(source: str, lex) -> list[str]:
    return [w for w in fold(source).replace("'", "' ").replace(",", " ").split() if w not in lex.of("determiners")]


#: a name in apposition after a common noun: "l'ONG Human Rights Watch", "le groupe Boko Haram"
_NAME_AFTER = r"\b{noun}[ \t]+((?:[A-ZÀ-ÖØ-Þ][\w&'-]*[ \t]?)+)"


def _named_in_text(noun: str, text: str, end: int) -> str | None:
    """The latest "<noun> <Name>" before ``end`` ("ONG Human Rights Watch"), the noun written as the bare
    source writes it; None when the text names none."""
    found = None
    for hit in re.finditer(_NAME_AFTER.format(noun=re.escape(noun)), text[:end]):
        found = f"{noun} {hit.group(1).strip()}"
    return found


def named_before(frame: Frame, article, lex, text: str = "") -> Frame:
    """"L'ONG dénonce ...", "the ministry said" after "L'ONG Human Rights Watch a publié ...", "the interior
    ministry said": a source named by its common noun alone is the one the article named in full before it
    (the latest source before it whose words hold that noun, else the noun with a name in apposition)."""
    if frame.kind == "none" or frame.span is None:
        return frame
    words = _source_words(frame.source, lex)
    if len(words) != 1:
        return frame
    before = [m.frame for m in article if m.frame.kind != "none" and m.frame.span is not None
              and m.frame.span.end_char <= frame.span.start_char]
    full = [f for f in before if words[0] in _source_words(f.source, lex) and len(_source_words(f.source, lex)) > 1]
    if not full:
        noun = frame.source.replace("'", "' ").split()[-1]
        name = _named_in_text(noun, text, frame.span.start_char) if text else None
        if name is None:
            return frame
        return replace(frame, source=name, chain=tuple(name if x == frame.source else x for x in frame.chain) or (name,),
                       cue=f"{frame.cue}; {frame.source!r} is {name!r}, named before",
                       reason=frame.reason or AttributionReason.NAMED_BEFORE)
    named = max(full, key=lambda f: f.span.start_char)
    chain = tuple(named.source if x == frame.source else x for x in frame.chain) or (named.source,)
    return replace(frame, source=named.source, chain=chain,
                   source_kind=named.source_kind if frame.source_kind == "other" else frame.source_kind,
                   cue=f"{frame.cue}; {frame.source!r} is {named.source!r}, named before",
                   reason=frame.reason or AttributionReason.NAMED_BEFORE)


def _attribution(frame: Frame) -> Attribution:
    if frame.kind == "none":
        return Attribution("writer", "writer", (), None, frame.cue)
    return Attribution(frame.source, frame.source_kind, frame.chain, frame.span, frame.cue)


def _certainty(m: Mention, frame: Frame, contested: bool) -> tuple[str, str]:
    if m.modality == "possible":
        return "speculative", f"possibility: {m.modality_cue!r}"
    if m.modality in ("conditional", "hedged"):
        return "alleged", f"{m.modality}: {m.modality_cue!r}"
    if frame.kind in ("deny", "accuse"):
        return "alleged", frame.cue
    if frame.kind == "claim":
        return "claimed", frame.cue
    if frame.source_kind == "anonymous" and contested:
        return "alleged", "anonymous source contradicting another account"
    if frame.kind in ("report", "generic"):
        return "reported", frame.cue
    return "asserted", "no attribution"


def _event_id(doc: Document, trigger: Span, event_type: str | None, place: Place | None) -> str:
    key = f"{doc.id}|{trigger.start_char}:{trigger.end_char}|{event_type}|{place.name if place else ''}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def _actors(mentions: list[Mention], country: str | None, places=()) -> list[tuple[Actor, tuple[str, ...]]]:
    """The event's actors, once per role and name, each with the reason codes of its ActorRef;
    a phrase that is a resolved place ("le massacre de Kidal") is where, never who."""
    out: list[tuple[Actor, tuple[str, ...]]] = []
    seen = set()
    place_spans = {(p.span.start_char, p.span.end_char) for p in places if p.place is not None}
    for m in mentions:
        for a in m.actors:
            if (a.start_char, a.end_char) in place_spans and ActorReason.STATE_MODIFIER not in a.codes:
                continue  # (a country modifying a strike, "a United States drone attack", names its forces)
            ref = m.coref.get(a.start_char)
            name = acled_name(ref if ref is not None else a, country)
            role = "victim" if a.kind == "civilian" and a.role == "target" else a.role
            key = (role, fold(name))
            if key in seen:
                continue
            seen.add(key)
            out.append((Actor(role, name, Span(a.text, a.start_char, a.end_char), a.rule), a.codes))
    perps = {fold(a.name) for a, _ in out if a.role == "perpetrator"}
    return [(a, codes) for a, codes in out if not (a.role == "target" and fold(a.name) in perps)]


def build_events(document: Document, analysis: Analysis, model=None, threshold: float = 0.5) -> list[Event]:
    # coreference gives new (frozen) mentions, so the Analysis stays as analyse made it and building
    # twice from it gives the same events
    mentions, claimants = resolve_group_anaphora(analysis.mentions)
    events: list[tuple[int, Event]] = []
    usable = []
    denials: list[Mention] = []
    headline_only: list[Mention] = []
    past: list[tuple[Mention, Recalled]] = []
    lex = load_lexicon(analysis.lang)
    last_accident = None
    hostile_told = False
    for m in mentions:
        if m.modality == "negated" or names_the_speaker(m):
            continue
        if m.modality == "statement":
            m = replace(m, frame=named_before(m.frame, analysis.mentions, lex, document.text))
            events.append((m.trigger.start_char, _speech_statement(document, analysis, m)))
            continue
        if m.modality in ("future", "threat"):
            st = _statement(document, analysis, m)
            if st is not None:
                events.append((m.trigger.start_char, st))
            continue
        if m.modality == "generic":
            continue
        if m.frame.kind == "deny":
            denials.append(m)  # a denial is no event: it contests the one told before it
            continue
        if not hostile_told and accident(m, lex, last_accident) is not None:
            last_accident = m.sent_index
            continue  # "five killed as a small plane crashes": deaths with no hostile author
        # once the article has told of hostile acts, a crash ("l'hélicoptère s'est écrasé") is part of them
        hostile_told = hostile_told or is_hostile(m, lex)
        if m.bare_plural and _mention_date(m, analysis) is None and not _resolved(m.clause_place_indices, analysis) \
                and not (m.deaths is not None and m.deaths.best and not _round_up(m, analysis)):
            headline_only.append(m)  # "attacks there have become rarer": no happening in particular
            continue
        d = _mention_date(m, analysis)
        if d is not None and _since(document.text, d.span.start_char, analysis.lang):
            continue  # "more than 2,000 killed since April 2023": a tally over a period, not an event
        back = recalled_mention(m, document.text, document.published or analysis.published, d, lex)
        if back is not None:
            past.append((m, back))  # "the 2015 attack", "last year's massacre": recalled, never today's news
            continue
        usable.append(m)
    clusters = fold_headline(cluster_mentions(usable, analysis), analysis, headline_end(document))
    clusters = fold_sourced(clusters, lambda c, k: families_meet(c.families, k.families),
                            lambda k, m: k.mentions.append(m))  # the source's day is not the event's
    clusters = fold_retold(clusters, analysis, document.text)
    clusters = fold_same_day(clusters, analysis)
    if not clusters:
        # a headline such as "Protests over the amendments" is the dispatch's happening
        clusters = _headline_cluster(sorted(usable + [m for m in headline_only if family(m.cls) == "protest"],
                                            key=lambda m: m.sent_index), analysis)
    clusters = sorted(clusters + background_clusters(past, analysis), key=lambda c: c.mentions[0].sent_index)
    clusters = fold_told_later(clusters, analysis, document.text)
    for d in denials:
        target = denied_cluster(d, clusters, lambda d, c: _compatible(d, c, analysis))
        if target is not None:
            target.denials.append(d)
    for i, c in enumerate(clusters):
        checkpoint()
        # "The account could not be independently verified": said of the event told just before
        end = clusters[i + 1].mentions[0].sent_span.start_char if i + 1 < len(clusters) else len(document.text)
        c.unverified = next((u for u in analysis.unverified if c.mentions[0].sent_span.start_char <= u.start_char < end), None)
        events.extend((c.mentions[0].trigger.start_char, e)
                      for e in _cluster_events(document, analysis, c, claimants, model, threshold))
    events.sort(key=lambda x: x[0])
    return [e for _, e in events]


def background_clusters(past: list[tuple[Mention, Recalled]], analysis: Analysis) -> list[Cluster]:
    """The happenings the article recalls, clustered among themselves only (never with the news), each
    flagged with the first cue that showed it recalled and dated by it when the text gives no date."""
    clusters = cluster_mentions([m for m, _ in past], analysis)
    cues = {id(m): r for m, r in past}
    for c in clusters:
        c.recall = next(cues[id(m)] for m in c.mentions if id(m) in cues)
        c.date = c.date or c.recall.date
    return clusters


def _core(c: Cluster) -> Mention:
    told = [m for m in c.mentions if m not in c.headline and m not in c.retold] or c.mentions
    return max(told, key=lambda m: (STRENGTH[m.strength], rank(m.cls), -m.sent_index))


#: a headline is one short line: longer first lines are the lede itself
HEADLINE_MAX_CHARS = 220
SENTENCE_END = ".!?…:;"


def headline_end(document: Document) -> int | None:
    """Where the headline ends, when the text opens with one: the document's title as its first line,
    or a short first line without closing punctuation followed by the body. None otherwise."""
    text = document.text
    first, sep, rest = text.partition("\n")
    line = first.strip()
    if not sep or not line or not rest.strip():
        return None
    is_title = document.title is not None and " ".join(document.title.split()) == " ".join(line.split())
    looks_like_one = len(line) <= HEADLINE_MAX_CHARS and line.rstrip("»”\"'").rstrip()[-1:] not in SENTENCE_END
    return len(first) if is_title or looks_like_one else None


def fold_headline(clusters: list[Cluster], analysis: Analysis, end: int | None) -> list[Cluster]:
    """A headline repeats the news the body tells ("Five soldiers killed in Djibo" over "Five soldiers
    were killed on Tuesday in an attack on a post in Djibo ..."): each cluster told only in the headline
    joins the first body cluster its mentions are compatible with (kind, date, place), so the event is
    one record with evidence from both. A headline event the body does not tell stays its own record."""
    if end is None:
        return clusters
    for c in clusters:
        c.headline = [m for m in c.mentions if m.trigger.start_char < end]
    in_headline = [c for c in clusters if len(c.headline) == len(c.mentions)]
    body = [c for c in clusters if c not in in_headline]
    kept = list(body)
    for h in in_headline:
        target = next((c for c in body if all(_compatible(m, c, analysis) for m in h.mentions)), None)
        if target is None:
            kept.append(h)
            continue
        for m in h.mentions:
            _add(target, m, analysis)
            target.headline.append(m)
        target.mentions.sort(key=lambda m: m.sent_index)
    kept.sort(key=lambda c: c.mentions[0].sent_index)
    return kept


def _retelling(m: Mention, text: str, lex) -> bool:
    """"the bombing", "Saturday's terror attack", "the Boston Marathon bombing": a noun that refers back
    to a happening (the profile's ``anaphora``) named by a definite article or a possessive within three
    words before it, with no word that makes it another happening ("another attack", "a second blast")."""
    words = fold(m.trigger.text).split()
    if not words or words[-1] not in lex.anaphora or m.bare_plural:
        return False
    before = text[m.sent_span.start_char:m.trigger.start_char]
    articles = lex.of("definite_articles") | lex.of("referring_determiners")
    if any(before.rstrip().lower().endswith(a) for a in articles if a.endswith(("'", "’"))):
        return True  # "l'attentat"
    for w in reversed(fold(before).split()[-3:]):
        w = w.strip(",;:()\"“”«»")
        if w in lex.of("retold_blockers") or w in lex.of("indefinite_articles") or w.isdigit():
            return False
        if w in articles or w.endswith(tuple(lex.of("retold_possessives"))):
            return True
    return False


def _same_place(k: Cluster, c: Cluster, analysis: Analysis, text: str) -> bool:
    """No place of the retelling lies outside the countries of the first telling, and none in the
    retelling's own noun phrase ("the bombing in Lashkar Gah", "the Manchester bombing") elsewhere than
    the first telling's places (a place elsewhere in the sentence may be where someone spoke of it)."""
    mine = {p.place.country for p in k.places if p.place is not None}
    theirs = {p.place.country for p in c.places if p.place is not None}
    if mine and theirs and not mine <= theirs:
        return False
    own = [p for m in k.mentions for p in _resolved(m.place_indices, analysis)
           if _in_phrase(m, p.span.start_char, p.span.end_char, text, load_lexicon(analysis.lang))]
    theirs_places = [p.place for p in c.places if p.place is not None]
    if not own or not theirs_places:
        return True
    admin1 = {q.admin1_code or q.admin1 for q in theirs_places}
    admin2 = {q.admin2 for q in theirs_places if q.admin2}
    names = {q.name for q in theirs_places}
    # a province may contain the first telling's town; a town must be one of its places or in its district
    # ("the Manchester bombing" is not the London attack, though both are in England)
    return all(p.place.name in names or (p.place.admin2 and p.place.admin2 in admin2)
               or (p.place.precision >= 3 and (p.place.admin1_code or p.place.admin1) in admin1) for p in own)


def _in_phrase(m: Mention, start: int, end: int, text: str, lex) -> bool:
    """The span (a date, a place) belongs to the noun phrase of the mention's trigger: at most three words
    from it, with no punctuation between but the commas around a date ("Saturday's attack", "the May 22
    concert bombing", "the April 15, 2013, attack", "the bombing in Lashkar Gah"); elsewhere in the
    sentence it dates or places something else (who spoke, when, where a trial is held)."""
    t = m.trigger
    if end <= t.start_char:
        gap = text[end:t.start_char]
        # a modifier before the noun: no determiner between ("in Lashkar Gah that the bombing" is not one)
        if any(w in lex.of("determiners") for w in fold(gap).split()):
            return False
    elif start >= t.end_char:
        gap = text[t.end_char:start]
    else:
        return True
    return len(gap.split()) <= 3 and not any(ch in gap.strip(" ,") for ch in ",;:.()!?\n")


def _dated_in_phrase(k: Cluster, text: str, lex) -> bool:
    """The retelling's date is its own ("Saturday's attack"), not that of the sentence it is told in."""
    return k.date is not None and k.date.span.end_char > 0 and any(
        _in_phrase(m, k.date.span.start_char, k.date.span.end_char, text, lex) for m in k.mentions)


def fold_retold(clusters: list[Cluster], analysis: Analysis, text: str) -> list[Cluster]:
    """A happening told again later in the article ("The bomb exploded ... Police arrested 12 people in
    connection with Saturday's attack"): a cluster every mention of which names a happening by a definite
    noun (``_retelling``), with no date, toll or country of its own that differs, joins the first earlier
    cluster of the same kind. Its mentions become evidence only: they never choose the core, the date or
    the place. The record's ``why`` names each retelling."""
    lex = load_lexicon(analysis.lang)

    def target_of(k: Cluster, kept: list[Cluster]) -> Cluster | None:
        told = [m for m in k.mentions if not _joins_any(m.cls)]
        if not told or not all(_retelling(m, text, lex) for m in told) or k.headline:
            return None
        return next((c for c in kept if families_meet(c.families, k.families)
                     and (c.date is None or not _dated_in_phrase(k, text, lex) or k.date.start == c.date.start
                          or _same_night(k.date, c.date))
                     and not any(_own_toll(m, c) for m in k.mentions) and _same_place(k, c, analysis, text)), None)

    def notes(k: Cluster, first: str) -> list[str]:
        return [f"told again: {m.trigger.text!r} (sentence {m.sent_index + 1}) names the happening of {first!r} "
                f"again, with no date, toll or country of its own that differs"
                for m in k.mentions if not _joins_any(m.cls)]
    return _fold_earlier(clusters, target_of, notes)


def _absorb(target: Cluster, k: Cluster, notes: list[str]) -> None:
    """Cluster ``k`` tells ``target``'s happening again: its mentions become evidence (never the core, the
    date or the place) and ``notes`` say why in the record's ``why``."""
    target.mentions.extend(k.mentions)
    target.retold.extend(k.mentions)
    target.context = "; ".join(x for x in (target.context, *notes) if x)


def _fold_earlier(clusters: list[Cluster], target_of, notes) -> list[Cluster]:
    """Each cluster, in text order, joins the earlier kept cluster ``target_of`` gives, if any."""
    kept: list[Cluster] = []
    for k in sorted(clusters, key=lambda c: c.mentions[0].sent_index):
        target = target_of(k, kept)
        if target is None:
            kept.append(k)
        else:
            _absorb(target, k, notes(k, _core(target).trigger.text))
    return kept


def _primary_place(c: Cluster):
    return _most_precise(c.places) if c.places else None


def fold_same_day(clusters: list[Cluster], analysis: Analysis) -> list[Cluster]:
    """ACLED's unit is one kind of happening, in one place, on one day: a later cluster of the same kind
    that the text dates to the same day (a day the text gives, never the publication's) and places in the
    same town ("The bomb ... exploded on a Friday afternoon" after "The Cafetería Rolando bombing was an
    attack on 13 September 1974 at the Rolando cafe in ... Madrid") joins the first one, as evidence, and
    the record's ``why`` says so, whatever toll each telling gives ("Two of the 12 initially killed" after
    "killed 13"). Clusters with no date or no place of their own stay apart."""
    def target_of(k: Cluster, kept: list[Cluster]) -> Cluster | None:
        pk = _primary_place(k)
        if k.date is None or k.date.precision != 1 or pk is None or k.headline:
            return None
        return next((c for c in kept if c.date is not None and c.date.precision == 1
                     and c.date.start == k.date.start and families_meet(c.families, k.families)
                     and _primary_place(c) is not None and _primary_place(c).place.name == pk.place.name
                     and _primary_place(c).place.country == pk.place.country), None)

    def notes(k: Cluster, first: str) -> list[str]:
        return [f"same happening: {m.trigger.text!r} (sentence {m.sent_index + 1}) is of the kind of {first!r}, on "
                f"the same day ({k.date.start.isoformat()}) in the same place ({_primary_place(k).place.name})"
                for m in k.mentions if not _joins_any(m.cls)]
    return _fold_earlier(clusters, target_of, notes)


def fold_told_later(clusters: list[Cluster], analysis: Analysis, text: str) -> list[Cluster]:
    """A happening named by a definite noun before the article tells it ("accused of carrying out the Boston
    Marathon bombing" ... "the April 15, 2013, attack, which killed three people"): a current cluster every
    mention of which is such a retelling (``_retelling``), that no earlier cluster took, joins the nearest
    later cluster of the same kind that tells its happening in words of its own (news or background), under
    the conditions of ``fold_retold``. Its mentions become evidence only; the record's ``why`` says so."""
    lex = load_lexicon(analysis.lang)

    def all_retold(k: Cluster) -> bool:
        told = [m for m in k.mentions if not _joins_any(m.cls)]
        return bool(told) and all(_retelling(m, text, lex) for m in told)

    out = list(clusters)
    for k in list(out):
        if k.headline or k.recall is not None or k.retold or not all_retold(k):
            continue
        last = k.mentions[-1].sent_index
        target = next((c for c in out if c is not k and c.mentions[0].sent_index > last and not all_retold(c)
                       and families_meet(c.families, k.families) and not _shifts_topic(c.mentions[0], analysis)
                       and (c.date is None or not _dated_in_phrase(k, text, lex) or k.date.start == c.date.start)
                       and not any(_own_toll(m, c) for m in k.mentions) and _same_place(k, c, analysis, text)), None)
        if target is None:
            continue
        out.remove(k)
        first = _core(target)
        _absorb(target, k, [f"told before: {m.trigger.text!r} (sentence {m.sent_index + 1}) names the happening that "
                            f"{first.trigger.text!r} (sentence {first.sent_index + 1}) tells" for m in k.mentions])
        target.mentions.sort(key=lambda m: m.sent_index)
    return out


def _event_frame(c: Cluster, core: Mention, claimants: set[str], article: tuple[Mention, ...] = ()) -> tuple[Frame, str]:
    """The most fully sourced version of the core claim, and the basis of that choice (``article``: every
    mention of the text, for what it told before the cluster's mentions)."""
    # a retelling's reporter ("a senior official told VOA about Saturday's attack") speaks of the aftermath,
    # not of the act: only a claim of the act told there counts
    speaking = [m for m in c.mentions if not blames_told_act(m, article or c.mentions)
                and (m not in c.retold or _claims_the_act(m))]
    own = core.frame if core in speaking else WRITER
    if own.kind == "none":
        # "A device exploded on Friday in Lyon. ... One minute later, the explosion shattered the glass of a
        # refrigerator, Heitz said.": a source the text gives later for what the happening it named as known
        # ("the explosion", "l'attaque") did speaks of a detail; the core claim stays the writer's (TAXONOMY.md)
        speaking = [m for m in speaking if not (m.sent_index > core.sent_index and m.frame.kind == "report"
                                                and (m.anaphoric or m.definite))]
    carriers = [m for m in speaking if (m.strength != "support" or m.weapon is not None) and tells_core(m, core)]
    frame = max(carriers, key=lambda m: (len(m.frame.chain), m is core, -m.sent_index)).frame if carriers else own
    if own.kind != "none" and len(frame.chain) <= len(own.chain):
        frame = own
    told = [m.frame for m in speaking if m.frame.kind != "none" and (m.strength == "support" or tells_core(m, core))]
    if frame.kind == "none" and told:
        frame = max(told, key=lambda f: FRAME_WEIGHT[f.kind])
    claim = claim_beside(frame, told)
    if claim is not None:
        return claim, "a claim of the act told in another mention"
    if frame.kind != "none":
        return frame, "own attribution of the core mention"
    # a group that claimed an attack in this article is the source of its other attacks told here
    # (the last mention that names one decides)
    claimed = None
    for m in c.mentions:
        ref = next((m.coref[a.start_char] for a in m.actors if a.role == "perpetrator" and a.start_char in m.coref
                    and fold(acled_name(m.coref[a.start_char], None)) in claimants), None)
        claimed = ref or claimed
    if claimed is None:
        return frame, "own attribution of the core mention"
    name = acled_name(claimed, None)
    return Frame("claim", name, "claimant", (name,), None,
                 f"told as the account of {claimed.text!r}, which claimed attacks in this article"), "claimant carried over"


def _claims_the_act(m: Mention) -> bool:
    """A retelling that is what a party claims: the claim verb comes before it ("X claimed the bombing",
    "claimed responsibility for the attack") or it is the subject of a passive claim ("the attack was claimed
    by X"); not a claim the sentence makes after it about something else ("defending the bombing, claiming
    that the cafe was full of police agents")."""
    f = m.frame
    return f.kind == "claim" and (f.reason == AttributionReason.PASSIVE_CLAIM or f.span is None
                                  or f.span.start_char < m.trigger.start_char)


def _event_certainty(c: Cluster, core: Mention, frame: Frame) -> tuple[str, str]:
    contested = frame.source_kind == "anonymous" and any(
        m.frame.source_kind not in ("anonymous", "writer") and m.strength == "support" for m in c.mentions
        if m not in c.retold)
    certainty, why = _certainty(core, frame, contested)
    if c.unverified is not None and certainty in ("asserted", "reported"):
        certainty, why = "alleged", f"the text says it is unverified: {c.unverified.text!r}"
    # a party disowning the act ("ils démentent toute responsabilité") leaves it as told
    denied = [d.frame for d in c.denials if d.frame.reason != AttributionReason.DENIED_RESPONSIBILITY] \
        + ([frame] if frame.denied_by else [])
    if denied and certainty in ("asserted", "reported", "claimed"):
        who = denied[0].denied_by or denied[0].source
        certainty, why = "alleged", f"denied by {who!r}"
    return certainty, why


#: trigger classes that name how people were killed ("tués dans des bombardements", "killed in an air strike")
MEANS_CLASSES = frozenset({"shelling", "airstrike", "explosion", "suicide", "grenade", "chemical"})


def _event_type(c: Cluster, core: Mention, weapon, fatalities, analysis: Analysis, model, threshold: float):
    """(event_type, sub_event_type, plover, rule): the rules, or the user's trained model when confident."""
    classes = {m.cls for m in c.mentions}
    # "17 civils ont été tués dans des bombardements": a death told with its means in the same clause is of
    # the kind of its means
    classes |= {x for m in c.mentions if m.cls in ("kill", "attack") for x in m.classes if x in MEANS_CLASSES}
    if any("clash" in m.sentence_classes and m.cls == "shelling" for m in c.mentions):
        classes.add("clash")  # "a clash between X and Y, involving heavy artillery fire": a battle (ACLED)
    if "riot" in classes and any("protest" in m.sentence_classes for m in c.mentions):
        classes.add("protest")  # "demonstrators threw stones": a violent demonstration, not a mob
    targets = {a.kind for m in c.mentions for a in m.actors if a.role in ("target", "victim")}
    perps = {a.kind for m in c.mentions for a in m.actors if a.role == "perpetrator"}
    cues = text_cues(" ".join(fold(m.sent_span.text) for m in c.mentions), analysis.lang)
    event_type, sub_type, plover, rule = classify(classes, weapon.type if weapon else None, targets, perps,
                                                  fatalities.best if fatalities else None, cues, core.cls)
    if event_type is not None and model is not None:
        # the user's own trained classifier, on the event's sentences, overrides when it is confident
        m_type, m_sub, prob = model.predict_event(" ".join(m.sent_span.text for m in c.mentions))
        if prob >= threshold and m_sub:
            rule = f"trained model ({prob:.2f}); rules said {sub_type!r} ({rule})"
            event_type, sub_type = m_type, m_sub
    return event_type, sub_type, plover, rule


def _place_attribution(c: Cluster, pm, frame: Frame, field_att: list, analysis: Analysis) -> tuple:
    """Who says where and when, when it is not who says the event."""
    fa = list(field_att)
    place_m = next((m for m in c.mentions if pm is not None and any(analysis.places[i] is pm for i in m.place_indices)), None)
    if place_m is not None and place_m.frame.kind != "none" and place_m.frame.source != frame.source:
        fa.append(("location", _attribution(place_m.frame)))
    date_m = next((m for m in c.mentions if c.date is not None and any(analysis.dates[i][1] is c.date for i in m.date_indices)), None)
    if date_m is not None and date_m.frame.kind != "none" and date_m.frame.source != frame.source:
        fa.append(("date", _attribution(date_m.frame)))
    return tuple(fa)


def _cluster_events(document: Document, analysis: Analysis, c: Cluster, claimants: set[str], model=None,
                    threshold: float = 0.5) -> list[Event]:
    core = _core(c)
    frame, basis = _event_frame(c, core, claimants, analysis.mentions)
    frame = named_before(frame, analysis.mentions, load_lexicon(analysis.lang), document.text)
    certainty, cert_why = _event_certainty(c, core, frame)
    weapon = core.weapon or next((m.weapon for m in c.mentions if m.weapon is not None), None)
    # the body's first toll, else the headline's: a headline abridges ("un colonel et quatre policiers tués"
    # over "tuant un colonel de police et quatre de ses hommes")
    death_m = next((m for m in c.mentions if m.deaths is not None and m not in c.headline), None) \
        or next((m for m in c.mentions if m.deaths is not None), None)
    hurt_m = next((m for m in c.mentions if m.injuries is not None), None)
    fatalities = death_m.deaths if death_m else None
    field_att = [("denial", _attribution(d.frame)) for d in c.denials[:1]]
    if death_m is not None and death_m.frame.kind != "none" and death_m.frame.source != frame.source:
        field_att.append(("fatalities", _attribution(death_m.frame)))
    if hurt_m is not None and hurt_m.frame.kind != "none" and hurt_m.frame.source != frame.source:
        field_att.append(("injuries", _attribution(hurt_m.frame)))  # "ten others were wounded, the ministry said"
    event_type, sub_type, plover, rule = _event_type(c, core, weapon, fatalities, analysis, model, threshold)
    if event_type is None:
        return []
    places = _split_places(c, analysis, document.text) or [_fallback_country(analysis, c, document.text)]
    why = (f"type: {rule}", f"certainty: {cert_why} ({basis})", f"core mention: {core.trigger.text!r}",
           *((c.context,) if c.context else ()), *((c.recall.why(),) if c.recall else ()),
           *(w for m in c.mentions for w in m.why))
    out = []
    for pm in places:
        place = pm.place if pm is not None else None
        country = place.country if place else None
        actors = _actors(c.mentions, country, analysis.places)
        if event_type in ("Protests", "Riots"):
            actors = _crowd_actors(actors, event_type, country, core)
        out.append(Event(
            id=_event_id(document, core.trigger, event_type, place), document=document, event_type=event_type,
            sub_event_type=sub_type, plover=plover, trigger=core.trigger,
            date=c.date or (None if c.recall else _publication_date(document)),
            location=place, actors=tuple(a for a, _ in actors), weapon=weapon,
            # a toll given for several places at once cannot be divided without guessing
            fatalities=fatalities if len(places) == 1 else None,
            injuries=hurt_m.injuries if hurt_m and len(places) == 1 else None, attribution=_attribution(frame),
            field_attribution=_place_attribution(c, pm, frame, field_att, analysis), certainty=certainty,
            evidence=tuple(m.trigger for m in c.mentions), why=why, documents=(document.id,),
            background=c.recall is not None or recalled(c.date, document)))
    return out


def _crowd_actors(actors: list[tuple[Actor, tuple[str, ...]]], event_type: str, country: str | None,
                  core: Mention) -> list[tuple[Actor, tuple[str, ...]]]:
    """ACLED codes the crowd as actor1 of protests and riots, and the force that intervenes as
    actor2: police firing tear gas "at protesters" are the target of the event, not its author."""
    crowd = "Protesters" if event_type == "Protests" else "Rioters"
    out = []
    for a, codes in actors:
        # a state force by its ACLED name, or by the noun that named it as the last decision about it
        is_force = fold(a.name).startswith(("police forces", "military forces")) or \
            (bool(codes) and codes[-1] in FORCE_NOUN_REASONS)
        if is_force and a.role == "perpetrator":
            a = Actor("target", a.name, a.span, a.rule + "; the intervening force is actor2")
        if a.role == "perpetrator" and not fold(a.name).startswith(("protesters", "rioters")):
            # the crowd, whoever it is made of ("thousands of farming families"), is coded by country
            a = Actor("perpetrator", f"{crowd} ({country})" if country else crowd, a.span,
                      a.rule + f"; coded as {crowd.lower()} (ACLED)")
        out.append((a, codes))
    if not any(a.role == "perpetrator" for a, _ in out):
        out.insert(0, (Actor("perpetrator", f"{crowd} ({country})" if country else crowd, core.trigger,
                             "the crowd the trigger names"), ()))
    return out


#: An event the text dates this many days or more before the article's publication is one the article
#: recalls (an earlier attack, last spring's massacre), not its news: ACLED's weekly reporting puts the
#: news of a dispatch within the last weeks.
BACKGROUND_DAYS = 30


def recalled(date: When | None, document: Document) -> bool:
    """Whether an event the text itself dates ends well before the article's publication date."""
    if date is None or document.published is None or "publication_date" in date.flags:
        return False
    return (document.published - date.end).days >= BACKGROUND_DAYS


def _publication_date(document: Document) -> When | None:
    """The text names no date: a dispatch reports what just happened, so its given publication
    date stands in, at week precision, flagged, with no span (the date is not in the text)."""
    if document.published is None or document.published_inferred:
        return None
    return When(document.published, document.published, 2, Span("", 0, 0),
                "the text names no date: the publication date", ("publication_date",))


def _admin_key(p) -> str:
    return p.place.admin1_code or p.place.admin1 or p.place.country or p.place.name


def _split_places(c: Cluster, analysis: Analysis, text: str) -> list:
    """One place, or one per place when a single mention lists several ("à Babel ainsi que
    dans les provinces de Dhi Qar et al-Diwaniya"): ACLED codes one event per location."""
    if not c.places:
        return []
    for m in c.mentions:
        listed = _listed_run(_without_glosses(_resolved(m.clause_place_indices, analysis), text), text, analysis)
        by_place: dict[str, list] = {}
        for p in listed:
            key = _admin_key(p) if p.place.precision == 3 else f"{_admin_key(p)}|{p.place.name}"
            by_place.setdefault(key, []).append(p)
        # a town and its own province are one place, not two
        towns = {_admin_key(p) for p in listed if p.place.precision < 3}
        keys = [k for k in by_place if "|" in k or k not in towns]
        if 1 < len(keys) <= 12:
            return [_most_precise(by_place[k]) for k in keys]
    return [_most_precise(c.places)]


def _listed_run(places: list, text: str, analysis: Analysis) -> list:
    """The longest run of places the text lists together ("in Kabul, Kandahar and Helmand", "à Babel ainsi
    que dans les provinces de Dhi Qar et al-Diwaniya"): consecutive places joined by a comma or a
    coordinator, with nothing between them but connectors, articles, admin or place nouns and the profile's
    ``list_adjectives`` (geo.json: "southern"). Places
    that merely share a clause are no list: "the Boston Marathon bombing" (one name), "Jerusalem's Old
    City" (a place inside another), "a Zuwarah militia leader ... is killed in Tripoli" (who, then where)."""
    cues = cues_for(analysis.lang)
    # a place between two listed ones that is not itself among them ("Kandahar, Helmand and Zabul" read as
    # Kandahar in Helmand) is part of the list too
    names = sorted((p.span.start_char, p.span.end_char) for p in analysis.places)
    filler = cues.coordinators | cues.connectors | cues.articles | cues.admin1 | cues.admin2 | cues.place_nouns \
        | cues.region_adjectives
    runs: list[list] = []
    for p in places:
        if runs:
            a, b = runs[-1][-1].span.end_char, p.span.start_char
            gap = "".join(" " if any(x <= i < y for x, y in names) else text[i] for i in range(a, b))
            words = name_words(gap)
            if ("," in gap or any(w in cues.coordinators for w in words)) and not any(ch in gap for ch in ".;:()") \
                    and all(w in filler for w in words):
                runs[-1].append(p)
                continue
        runs.append([p])
    return max(runs, key=len, default=[])


def _without_glosses(places: list, text: str) -> list:
    """A place in brackets right after another ("Noyal-sur-Vilaine (Ille-et-Vilaine)") says where the
    first one is: it is no second place of the event."""
    kept = []
    for p in sorted(places, key=lambda p: p.span.start_char):
        if kept and _bracket_gloss(kept[-1], p, text):
            continue
        kept.append(p)
    return kept


def _bracket_gloss(before, p, text: str) -> bool:
    """``p`` is inside brackets opened right after the place ``before``, or after it and an admin noun:
    "Noyal-sur-Vilaine (Ille-et-Vilaine)", "Nimbahera taluka (Chittorgarh, Rajasthan)"."""
    opened = text.rfind("(", before.span.end_char, p.span.start_char + 1)
    if opened < 0 or ")" in text[opened:p.span.start_char]:
        return False
    gap = text[before.span.end_char:opened]
    return len(gap.split()) <= 2 and not any(ch in gap for ch in ".;:(")


def _fallback_country(analysis: Analysis, c: Cluster, text: str = ""):
    countries = {p.place.country: p for p in analysis.places if p.place is not None and p.place.feature == "country"}
    admins = {p.place.country for p in analysis.places if p.place is not None}
    if len(countries) == 1 and len(admins) <= 1:
        return next(iter(countries.values()))
    # several countries: the one the event's sentences give as where ("were killed in Syria", "camps in
    # northern Iraq"), not those that name who acts or speaks ("U.K. Prime Minister", "Turkey's sources")
    where = {p.place.country: p for m in c.mentions for i in m.place_indices
             for p in [analysis.places[i]] if p.place is not None and p.place.feature == "country"
             and _after_locative(text, p.span.start_char, analysis.lang)}
    if len(where) == 1:
        return next(iter(where.values()))
    # the country the text is about: named at least twice, twice as often as any other ("Mali: cinq soldats
    # tués ..." with its neighbours listed once in a closing paragraph)
    counts = Counter(p.place.country for p in analysis.places if p.place is not None and p.place.feature == "country")
    ranked = counts.most_common(2)
    if not where and ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        return countries[ranked[0][0]]
    return None


def _after_locative(text: str, start: int, lang: str) -> bool:
    """A locative preposition ("in", "en") is one of the two words before the place, or opens the part of the
    country the text names: "dans le nord du Mali", "dans l'est de la RDC", "in the far north of Cameroon"."""
    lex = load_lexicon(lang)
    locatives = lex.of("locative_prepositions")
    words = fold(text[max(0, start - 60):start]).replace("'", "' ").split()
    if any(w in locatives for w in words[-2:]):
        return True
    region, links = lex.of("region_words"), lex.of("region_links")
    while words and words[-1] in links:
        words.pop()  # "du", "de la", "of the"
    if not words or words[-1] not in region:
        return False
    while words and words[-1] in region:
        words.pop()  # "far north", "extrême-nord"
    while words and words[-1] in links:
        words.pop()  # "le", "l'", "the"
    return bool(words) and words[-1] in locatives


def _speech_statement(document: Document, analysis: Analysis, m: Mention) -> Event:
    """An appeal (REQUEST, reported) or an accusation of conduct (ACCUSE, alleged)."""
    plover, certainty = ("ACCUSE", "alleged") if m.cls == "accusation" else ("REQUEST", "reported")
    places = [p for p in _mention_places(m, analysis) if p.span.start_char in m.clause]
    place = places[0].place if places else None
    actors = tuple(Actor(a.role, acled_name(a, place.country if place else None), Span(a.text, a.start_char, a.end_char),
                         a.rule) for a in m.actors)
    return Event(
        id=_event_id(document, m.trigger, None, place), document=document, event_type=None, sub_event_type=None,
        plover=plover, trigger=m.trigger, date=_mention_date(m, analysis), location=place, actors=actors, weapon=None,
        fatalities=None, injuries=None, attribution=_attribution(m.frame), field_attribution=(), certainty=certainty,
        evidence=(m.trigger,), why=(f"statement: {m.cls} ({m.modality_cue!r})", *m.why), documents=(document.id,))


def _statement(document: Document, analysis: Analysis, m: Mention) -> Event | None:
    """Threats and warnings: PLOVER statements with event_type null, never ACLED events."""
    threat = m.modality == "threat" or "threat" in m.classes
    if m.frame.kind == "none" and not threat:
        return None  # the writer's own speculation about the future is editorial
    if family(m.cls) != "violent":
        return None  # "promet d'autres rassemblements": a promise of protests is no threat of violence
    date = _mention_date(m, analysis)
    places = [p for p in _mention_places(m, analysis) if p.span.start_char in m.clause]
    place = places[0].place if places else None
    actors = []
    threatener = next((a for a in m.actors if a.role == "perpetrator"), None)
    if m.frame.speaker_span is None and threatener is not None:
        actors.append(Actor("source", acled_name(threatener, place.country if place else None),
                            Span(threatener.text, threatener.start_char, threatener.end_char), "who threatens"))
    if m.frame.speaker_span is not None:
        sp = m.frame.speaker_span
        actors.append(Actor("source", m.frame.chain[-1] if m.frame.chain else m.frame.source, sp, "speaker of the statement"))
    for a in m.actors:
        if a.role in ("target",):
            actors.append(Actor("target", acled_name(a, place.country if place else None),
                                Span(a.text, a.start_char, a.end_char), a.rule))
    return Event(
        id=_event_id(document, m.trigger, None, place), document=document, event_type=None, sub_event_type=None,
        plover="THREATEN", trigger=m.trigger, date=date, location=place, actors=tuple(actors), weapon=m.weapon,
        fatalities=None, injuries=None, attribution=_attribution(m.frame), field_attribution=(),
        certainty="speculative", evidence=(m.trigger,),
        why=(f"statement: future or possible event ({m.modality_cue!r})",), documents=(document.id,))
