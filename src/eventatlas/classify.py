"""ACLED event type and sub-type, and PLOVER class, from what an event's mentions hold.

A small decision list, most specific evidence first; each decision names the rule that fired."""
from __future__ import annotations


from eventatlas.nlp.actors import ARMED_KINDS
from eventatlas.nlp.events.classes import plover

#: actor kinds of unarmed people: a clash among them, or with the police, is a riot
PEOPLE = frozenset({"civilian", "rioter", "protester"})


class Cue:
    """What an event's sentences say that decides between sub-types (the profile's classify table)."""
    INTERVENTION = "intervention_cues"  # tear gas, dispersal, arrests: a protest was repressed
    MOB = "mob_cues"  # lynching, an angry crowd: mob violence
    REMOTE_FIRE = "remote_fire_cues"  # explosions from "unknown weapons": fire from a distance, no device planted
    EXCHANGE = "exchange_cues"  # "in both directions", "exchange of fire": two sides firing
    VIOLENCE = "violence_cues"  # burning tyres, barricades, stones: demonstrators engage in violence
    DEMAND = "demand_cues"  # "to demand", "to reject": what a crowd wants, so a demonstration


CUE_CODES = (Cue.INTERVENTION, Cue.MOB, Cue.REMOTE_FIRE, Cue.EXCHANGE, Cue.VIOLENCE, Cue.DEMAND)


def text_cues(folded_text: str, lang: str) -> frozenset[str]:
    """The Cue codes whose words the (folded) text says, in language ``lang``."""
    from eventatlas.nlp.lexicon import find_phrase, load_lexicon
    data = load_lexicon(lang).data
    return frozenset(code for code in CUE_CODES if any(find_phrase(folded_text, entry) for entry in data.get(code, ())))


def classify(classes: set[str], weapon: str | None, target_kinds: set[str], perpetrator_kinds: set[str],
             deaths: int | None, cues: frozenset[str] = frozenset(), core: str = "") -> tuple[str | None, str | None, str, str]:
    """(event_type, sub_event_type, plover, rule). ``cues``: the Cue codes of the event's sentences
    (text_cues); ``core``: the class of the event's main trigger."""
    w = weapon or ""
    if core in ("airstrike", "shelling", "explosion", "suicide") and classes & {"protest"}:
        classes = classes - {"protest"}  # "civils rassemblés pour un mariage" are not demonstrators

    def has(*names):
        return any(n in classes for n in names)

    if has("chemical") or w == "chemical":
        return "Explosions/Remote violence", "Chemical weapon", "ASSAULT", "chemical weapon"
    if has("suicide") or w == "suicide":
        return "Explosions/Remote violence", "Suicide bomb", "ASSAULT", "suicide attack"
    if has("airstrike") or w in ("air strike", "drone"):
        if not has("protest", "riot", "arrest") and (w in ("air strike", "drone") or has("airstrike")):
            return "Explosions/Remote violence", "Air/drone strike", "ASSAULT", f"air or drone strike ({w or 'trigger'})"
    if has("grenade") or w == "grenade":
        return "Explosions/Remote violence", "Grenade", "ASSAULT", "grenade"
    violent = has("attack", "kill", "shootdown", "explosion", "shelling", "clash", "fire_at", "hit", "crash")
    if has("fire_at") and not has("clash") and w in ("artillery", "missile") and Cue.EXCHANGE not in cues:
        # "fired 120mm mortars at the positions of ...": one side firing from a distance
        return "Explosions/Remote violence", "Shelling/artillery/missile attack", "ASSAULT", \
            f"fired at positions from a distance ({w})"
    if has("fire_at"):
        # small arms at positions: an armed clash; "tirant au hasard sur les villageois": fire at unarmed people,
        # with no exchange of fire, is an attack on them
        at_unarmed = target_kinds & PEOPLE and not target_kinds & ARMED_KINDS and Cue.EXCHANGE not in cues
        classes = (set(classes) - {"fire_at"}) | ({"attack"} if at_unarmed else {"clash"})
    kinds = perpetrator_kinds | target_kinds
    # villagers or a crowd facing the police; stones, a mob (the dead of a battle are no side of it)
    unarmed = perpetrator_kinds & PEOPLE or (target_kinds & PEOPLE and "police" in kinds) \
        or Cue.VIOLENCE in cues or Cue.MOB in cues
    if has("clash") and unarmed and not kinds & {"military", "group", "unidentified"} \
            and w not in ("explosive", "missile", "artillery", "air strike", "drone"):
        # a mob, villagers or rioters clashing (with each other, or with the police): a riot (ACLED)
        if has("protest"):
            return "Riots", "Violent demonstration", "PROTEST", "demonstrators clash"
        return "Riots", "Mob violence", "PROTEST", "a crowd or villagers, not armed groups, clash"
    if has("clash") and not has("explosion", "airstrike", "suicide", "protest", "riot") and w not in ("air strike", "drone"):
        # two sides firing at each other is a battle, whatever the weapons ("exchanged artillery")
        return "Battles", "Armed clash", "ASSAULT", f"exchange of fire ({w or 'no weapon named'})"
    if has("explosion") and w not in ("explosive", "suicide") and not has("suicide", "grenade", "airstrike"):
        # explosions no device is named for: an exchange of fire, or fire from a distance
        if Cue.EXCHANGE in cues:
            return "Battles", "Armed clash", "ASSAULT", "explosions in an exchange of fire"
        if Cue.REMOTE_FIRE in cues:
            return "Explosions/Remote violence", "Shelling/artillery/missile attack", "ASSAULT", \
                "explosions from unknown weapons: fire from a distance"
    if (has("explosion") and not (has("shelling") and w != "explosive") or (w == "explosive" and violent)) \
            and not has("defuse"):
        return "Explosions/Remote violence", "Remote explosive/landmine/IED", "ASSAULT", "explosive device"
    if has("shelling") or (w in ("missile", "artillery") and violent):
        return "Explosions/Remote violence", "Shelling/artillery/missile attack", "ASSAULT", \
            f"fired from a distance ({w or 'trigger'})"
    if has("abduction"):
        return "Violence against civilians", "Abduction/forced disappearance", "ASSAULT", "abduction"
    if has("sexual"):
        return "Violence against civilians", "Sexual violence", "ASSAULT", "sexual violence"
    if has("riot"):
        if not has("protest") and Cue.DEMAND not in cues:
            return "Riots", "Mob violence", "PROTEST", "violent crowd, no demonstration told"
        return "Riots", "Violent demonstration", "PROTEST", "demonstrators engage in violence"
    if has("protest"):
        if deaths:
            return "Protests", "Excessive force against protesters", "PROTEST", "protesters killed"
        if Cue.VIOLENCE in cues:
            return "Riots", "Violent demonstration", "PROTEST", "demonstrators burn, barricade, throw stones or clash"
        if Cue.INTERVENTION in cues:
            return "Protests", "Protest with intervention", "PROTEST", "protest dispersed or repressed"
        return "Protests", "Peaceful protest", "PROTEST", "protest"
    if has("retake") and perpetrator_kinds & {"military", "police"}:
        return "Battles", "Government regains territory", "ASSAULT", "state forces retake a place"
    if has("takeover") and perpetrator_kinds & {"military", "police"} and not perpetrator_kinds & {"group", "unidentified"}:
        # "Government forces ... capture Marib Dam, one of the Houthi militants' remaining strongholds"
        return "Battles", "Government regains territory", "ASSAULT", "state forces take a place"
    if has("takeover"):
        return "Battles", "Non-state actor overtakes territory", "ASSAULT", "a group takes a place"
    if has("defuse"):
        return "Strategic developments", "Disrupted weapons use", "COERCE", "device defused or weapons seized"
    if has("arrest") and not violent:
        return "Strategic developments", "Arrests", "COERCE", "arrests"
    if has("agreement") and not violent:
        return "Strategic developments", "Agreement", "AGREE", "agreement"
    if has("deploy") and not violent:
        return "Strategic developments", "Change to group/activity", "MOBILIZE", "deployment, patrol or recruitment"
    if has("looting") and not has("attack", "kill", "clash"):
        return "Strategic developments", "Looting/property destruction", "ASSAULT", "looting or destruction"
    if has("clash"):
        return "Battles", "Armed clash", "ASSAULT", "armed clash"
    if violent and perpetrator_kinds and perpetrator_kinds <= {"civilian", "rioter", "protester"} \
            and w not in ("explosive", "missile", "artillery", "air strike", "drone"):
        return "Riots", "Mob violence", "PROTEST", "a crowd or villagers, not an organised armed group, attack"
    if violent or has("looting"):
        # ACLED: a battle needs two armed sides; people harmed who are not named as armed
        # (a driver, a chief, villagers) make it violence against civilians
        armed_target = bool(target_kinds & {"military", "police"})
        if armed_target:
            return "Battles", "Armed clash", "ASSAULT", "attack on state forces"
        if target_kinds & {"civilian", "other"} or not target_kinds:
            if perpetrator_kinds & {"military", "police"} and not target_kinds:
                return "Battles", "Armed clash", "ASSAULT", "state forces in action"
            return "Violence against civilians", "Attack", "ASSAULT", "violence against unarmed or unnamed people"
        return "Battles", "Armed clash", "ASSAULT", "attack on an armed group"
    return None, None, plover(next(iter(classes), "")) or "ASSAULT", "no ACLED class"
