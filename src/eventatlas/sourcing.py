"""Which mentions of an event may lend it their source: attribution told in another sentence than the
event's core mention ("The Shabaab later claimed the attack.", "..., the ministry said." two sentences
later). A claim is about that event when the mention refers back to it ("the attack", "l'attentat"), names
the same thing hit, or shares its sentence; a claim of other attacks told next to it ("Plusieurs attaques
... revendiquées par X ont eu lieu récemment") is not. A later claim or denial of "the attack" joins the
event it refers to; a blame for an act told before names its perpetrator and leaves the act as told."""
from __future__ import annotations

from eventatlas.nlp.attribution import AttributionReason, Frame
from eventatlas.nlp.mentions import Mention


def tells_core(m: Mention, core: Mention) -> bool:
    """Whether mention ``m`` may lend its source to the happening of ``core``. A report of a mention
    clustered with the core tells the same happening ("Des combats ... Selon l'OSDH, 25 personnes ont été
    tuées"); a claim does only when it refers back to it, names the same thing hit or shares its sentence."""
    if m.frame.kind != "claim":
        return True
    return m is core or m.anaphoric or m.sent_index == core.sent_index or bool(m.heads & core.heads)


def blames_told_act(m: Mention, mentions) -> bool:
    """"Clashes in Dushanbe kill 17. Government representatives blame the attacks on Nazarzoda.": an
    accusation that refers back to an act the article has already told names who did it; it does not
    question that it happened, so it is no source of the event's core claim. ``mentions``: those told
    before may lie outside the event's cluster (a headline-style "Clashes ... kill 17")."""
    return m.frame.kind == "accuse" and m.anaphoric and any(
        not x.anaphoric and x.sent_index < m.sent_index for x in mentions)


def claim_beside(frame: Frame, told: list[Frame]) -> Frame | None:
    """A claim of responsibility anywhere in the event's mentions makes it claimed (TAXONOMY.md), even
    when another mention relays it from a source ("selon la police, ... L'attentat a été revendiqué
    par X"): the claim, unless the event's frame is already a claim, a denial or an accusation."""
    if frame.kind in ("claim", "deny", "accuse"):
        return None
    return next((f for f in told if f.kind == "claim"), None)


#: frames that take a stance on an act told before, on a day of their own (an accusation is often
#: about something else than the act: "accused the security services of missing the bomber")
STANCES = ("claim", "deny")


def fold_sourced(clusters: list, meets, add) -> list:
    """A cluster told only by mentions that refer back ("l'attentat", "the attack") and take a stance on
    it ("Le groupe État islamique a revendiqué l'attentat dimanche", "the army denied the attack on
    Monday") is that party's word about an event told before, dated by the day it spoke: it joins the latest earlier cluster whose kind ``meets`` its
    own (``add(cluster, mention)`` joins a mention). Returns the clusters kept, in order."""
    kept: list = []
    for c in clusters:
        if all(m.anaphoric and m.frame.kind in STANCES for m in c.mentions):
            # a party speaks after the act: never of one told as later than its words
            target = next((k for k in reversed(kept) if meets(c, k) and not (
                c.date is not None and k.date is not None and k.date.start > c.date.start)), None)
            if target is not None:
                for m in c.mentions:
                    add(target, m)
                continue
        kept.append(c)
    return kept


#: how many sentences after the last mention of an event a denial that does not fit it may still contest it
DENIAL_REACH = 3


def denied_cluster(d: Mention, clusters: list, compatible):
    """The event a denial contests: the latest told before it that it fits (``compatible``: kind, day,
    place); else the latest told just before it, as a place the denial names is often the denier's own
    ("Le régime de Damas a démenti ces informations" after fighting in Homs). None when there is none."""
    before = [c for c in clusters if c.mentions[0].sent_index <= d.sent_index]
    fit = [c for c in before if compatible(d, c)]
    if fit:
        return fit[-1]
    near = [c for c in before if 0 <= d.sent_index - c.mentions[-1].sent_index <= DENIAL_REACH]
    return near[-1] if near else None


def names_the_speaker(m: Mention) -> bool:
    """"« ... », ajoute Hassan, un autre manifestant": a trigger word that only describes who speaks is
    no happening of its own (the protester's opinion is no protest)."""
    return m.frame.reason == AttributionReason.SPEAKER_WORD
