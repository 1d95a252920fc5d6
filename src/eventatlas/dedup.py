"""Which records from different articles report the same real event. Pure functions, no I/O.

Records are event dicts in the JSON contract (``model.event_to_dict``). Two records *link* (``link``)
when they come from different documents and agree on:

* ``event_type`` (statements, ``event_type`` null, never merge); battles, explosions/remote violence
  and violence against civilians (``RELATED_TYPES``) may link with one another on the same day with
  the same toll; protests, riots and property destruction (``DEMONSTRATION_TYPES``) on the same day
  in the same town by the same crowd;
* time: their date ranges lie at most ``DATE_TOLERANCE_DAYS`` apart (a report a day late is common:
  "yesterday" read against another dateline);
* place, through the hierarchy: same country; when either place is a province (precision 3, or an
  admin-1 feature) the same admin-1; when either is a district (an admin-2 feature) the same
  admin-2 or, failing names, the district distance; otherwise within a distance that grows with the
  coarser precision of the two (``DISTANCE_KM_BY_PRECISION``); two reports naming different towns
  never, unless a text names both;
* actors, per side (perpetrators, targets), by identity across languages (``actor_identity``):
  compatible unless both name actors and none is the same; a group that governs a country from a
  date is that state's forces in events from then (``actor_identity.key_on``).

A report the extractor gave no place (or only its country) links with a report whose town its text
names (in any transliteration: ``actor_identity.spelling_key``), or with one of the same day when a named group or the same toll vouches for it.

An analyst's decisions override the rules: a *split* pair of records never links, a *join* pair is
always together.

``cluster`` groups records: it links the pairs that pass, then joins groups strongest pair first
(same day before a day apart, the same town named before distance, nearer before farther, a shared
named actor first), a join happening
only when every record of one group links with every record of the other (complete link: one vague
report cannot chain neighbouring events into one). Pairs are taken in an order fixed by the records
themselves (scores, then ids), so the groups do not depend on the order records arrive in.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from eventatlas.actor_identity import (actor_key, is_named, is_state_forces, key_on, name_words, same_actor,
                                      sides_compatible, spelling_key)
from eventatlas import merged_record
from eventatlas.geodesy import distance_km
from eventatlas.merged_record import anchor_of, chronological_key, count_sources  # noqa: F401 (re-exported)

DATE_TOLERANCE_DAYS = 1
#: Largest distance between two places of one event, by the coarser geo precision of the two. Two
#: reports naming one town get the same gazetteer point; 5 km allows for a neighbourhood or a
#: nearby village named instead, 13 km for "near X". Chosen on the development rows of
#: eval/merge_sim.py (pairwise F1 0.732, against 0.722 for 5/15 and 0.684 for the former 10/15).
DISTANCE_KM_BY_PRECISION = {1: 5.0, 2: 13.0}
#: A district (admin-2) named by one report and a town by another, with no admin-2 names to compare.
DISTRICT_FALLBACK_KM = 40.0
#: Provinces with no admin-1 known on one side: compare centre points at this distance.
PROVINCE_FALLBACK_KM = 100.0

#: A report with no place links on the same day's same toll only from this many deaths up.
PLACELESS_MIN_TOLL = 2
#: Two groups of at least this many reports, each on days the other does not cover, stay apart: one
#: report a day off is a late report; two agreeing on another day are another day's event. On the
#: development rows of eval/merge_sim.py, 3 gives a better pairwise F1 (0.73 vs 0.72) by recall, but
#: lower precision (0.64 vs 0.66); merging favours precision (a duplicate is easier to spot than two
#: events wrongly fused), and the precision floor pinned on all rows holds only with 2.
SEPARATE_DAYS_GROUP = 2

#: ACLED types one happening is often read as by different reports (a helicopter "shot down" by a
#: missile: a clash or a missile attack; a shelling that kills civilians): they may link, on the same
#: day with the same toll. Other types never link with each other.
RELATED_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
#: A crowd's action one outlet calls a protest, another a riot, a third the burning of a building
#: (ACLED's property destruction): they may link on the same day in the same town when the same
#: crowd (the same perpetrator) is named.
DEMONSTRATION_TYPES = frozenset({"Protests", "Riots"})
DEMONSTRATION_SUB_TYPES = frozenset({("Strategic developments", "Looting/property destruction")})

PERPETRATOR_ROLES = frozenset({"perpetrator", "claimant"})
TARGET_ROLES = frozenset({"target", "victim"})


@dataclass(frozen=True, slots=True)
class Mention:
    """What merging looks at in one record."""

    record_id: str
    document_id: str
    outlet: str | None
    published: str | None
    event_type: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    admin1: str | None
    iso3: str | None
    perpetrators: frozenset[str]  # actor keys (actor_identity.actor_key)
    targets: frozenset[str]
    admin2: str | None = None
    geo_feature: str | None = None  # city | admin2 | admin1 | country
    place_name: str = ""  # the place's words (actor_identity.name_words), when it names a town or village
    place_text: str = ""  # the words of the place as the text wrote it
    has_place: bool = True
    fatalities: int | None = None  # best figure
    text_words: frozenset[str] = frozenset()  # the words of the document's text (name_words), when known
    text_spellings: frozenset[str] = frozenset()  # the same words' spelling keys (actor_identity.spelling_key)
    sub_event_type: str | None = None
    background: bool = False  # recalled from before the article's news: never one event with the news


@dataclass(frozen=True, slots=True)
class Link:
    """Whether two mentions are one event: ``ok``, a reason ``code`` and the features that decided,
    with their values (what ``merge_why`` shows)."""

    ok: bool
    code: str
    features: dict[str, Any] = field(default_factory=dict)

    @property
    def why(self) -> str:
        return f"{self.code}: " + "; ".join(f"{k} {v}" for k, v in self.features.items())


def normalise_actor(name: str) -> str:
    """The identity key of an actor name: 'Daech', 'EI' and 'Islamic State (Iraq)' give one key."""
    return actor_key(name)


def _date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _specific_place(loc: dict[str, Any]) -> str:
    """The words of the town a place names, or '' when it names only a district or province (its name
    is the admin area's): a report that names Hawija, even unresolved, names a town."""
    name = " ".join(name_words(loc.get("name") or ""))
    if not name:
        return ""
    admins = {" ".join(name_words(loc.get(k) or "")) for k in ("admin1", "admin2", "country")}
    if loc.get("feature") in ("admin1", "admin2", "country") and " ".join(name_words(loc.get("text") or "")) in admins:
        return ""  # the text names the area, whatever the gazetteer's spelling ("Dayr az Zawr" for Deir ez-Zor)
    if name in admins and (loc.get("feature") != "city" or (loc.get("precision") or 3) >= 3):
        return ""  # the province (or district) itself, named after its capital or not
    return name


#: Characters of a document whose words are compared with place names (the lead and first paragraphs).
TEXT_WORDS_CHARS = 20_000


@lru_cache(maxsize=512)
def text_words(text: str | None) -> frozenset[str]:
    """A document's words as place names are compared (transliterated, particles left out)."""
    return frozenset(name_words((text or "")[:TEXT_WORDS_CHARS]))


@lru_cache(maxsize=512)
def text_spellings(words: frozenset[str]) -> frozenset[str]:
    return frozenset(spelling_key(w) for w in words)


def _names_place_of(m: Mention, other: Mention, spellings: bool = False) -> bool:
    """Whether ``m``'s document names the town ``other`` was placed at, in the gazetteer's spelling
    or, with ``spellings``, transliterated another way as ``other``'s text wrote it (Mokha for a
    Mocha the gazetteer misread). Spellings are for a report with no place of its own: a province
    ("Kirkouk") shares its name with its capital, so they would make a province report name a town."""
    if not m.text_words:
        return False
    if other.place_name and set(other.place_name.split()) <= m.text_words:
        return True
    if not spellings:
        return False
    written = other.place_text.split() if other.place_name else ()
    return bool(written) and {spelling_key(w) for w in written} <= m.text_spellings


def mention_of(record: dict[str, Any], text: str | None = None) -> Mention:
    """What merging looks at in a record; ``text`` (the document's) lets a report whose own place the
    extractor missed be matched by the places it names."""
    doc = record.get("document") or {}
    date = record.get("date") or {}
    loc = record.get("location") or {}
    place_words = frozenset(w for k in ("name", "text", "admin1", "admin2") for w in name_words(loc.get(k) or ""))
    words = text_words(text) if text else frozenset()
    perps, targets = set(), set()
    for actor in record.get("actors") or ():
        key = key_on(actor_key(actor.get("name") or "", place_words), date.get("start"))
        if not key:
            continue
        if actor.get("role") in PERPETRATOR_ROLES:
            perps.add(key)
        elif actor.get("role") in TARGET_ROLES:
            targets.add(key)
    return Mention(
        record_id=record["id"], document_id=doc.get("id") or record["id"], outlet=doc.get("outlet") or None,
        published=doc.get("published"), event_type=record.get("event_type"),
        date_start=_date(date.get("start")), date_end=_date(date.get("end") or date.get("start")),
        lat=loc.get("lat"), lon=loc.get("lon"), geo_precision=loc.get("precision"),
        admin1=(loc.get("admin1_code") or loc.get("admin1") or None), iso3=loc.get("iso3"),
        perpetrators=frozenset(perps), targets=frozenset(targets),
        admin2=loc.get("admin2") or None, geo_feature=loc.get("feature") or None,
        place_name=_specific_place(loc), place_text=" ".join(name_words(loc.get("text") or "")),
        has_place=bool(loc), fatalities=(record.get("fatalities") or {}).get("best"),
        text_words=words, text_spellings=text_spellings(words), background=bool(record.get("background")),
        sub_event_type=record.get("sub_event_type"))


def type_family(event_type: str | None, sub_event_type: str | None = None) -> str | None:
    """The block a type is compared in: related types share one (``RELATED_TYPES``,
    ``DEMONSTRATION_TYPES`` with ``DEMONSTRATION_SUB_TYPES``)."""
    if event_type in RELATED_TYPES:
        return "political violence"
    if event_type in DEMONSTRATION_TYPES or (event_type, sub_event_type) in DEMONSTRATION_SUB_TYPES:
        return "demonstrations"
    return event_type


def family_types(event_type: str) -> frozenset[str]:
    """Every event type a record of ``event_type`` may link with (whatever its sub-type)."""
    if event_type in RELATED_TYPES:
        return RELATED_TYPES
    crowd = DEMONSTRATION_TYPES | {t for t, _sub in DEMONSTRATION_SUB_TYPES}
    return crowd if event_type in crowd else frozenset({event_type})


def _family(m: Mention) -> str | None:
    return type_family(m.event_type, m.sub_event_type)


def _related_types_link(a: Mention, b: Mention, gap: int) -> tuple[bool, str]:
    """Whether two reports of related but different types may be one happening, and the rule."""
    if _family(a) == "demonstrations":
        same_town = bool(a.place_name) and a.place_name == b.place_name
        crowd = a.perpetrators & b.perpetrators
        return (gap == 0 and same_town and bool(crowd),
                "related types link only on the same day in the same town with the same crowd")
    return (gap == 0 and a.fatalities is not None and a.fatalities == b.fatalities >= PLACELESS_MIN_TOLL,
            "related types link only on the same day with the same toll")


def date_gap_days(a: Mention, b: Mention) -> int:
    return max(0, (b.date_start - a.date_end).days, (a.date_start - b.date_end).days)


def _km(a: Mention, b: Mention) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    return distance_km(a.lat, a.lon, b.lat, b.lon)


def _level(m: Mention) -> int:
    """3 a province, 2 a district, 1 a town or finer (what the place names, from feature and precision)."""
    if m.geo_feature in ("admin1", "country") or (m.geo_precision or 3) >= 3:
        return 3
    if m.geo_feature == "admin2":
        return 2
    return 1


def place_link(a: Mention, b: Mention) -> tuple[bool, dict[str, Any]]:
    """Whether two places can be one event's, and how that was decided."""
    km = _km(a, b)
    if a.place_text and a.place_text == b.place_text and (a.iso3 != b.iso3 or km is None):
        # the same words for the place, put in two countries or left unplaced by the gazetteer: one
        # place, whatever the gazetteer made of them ("Boni" in Mali read as Bonn)
        return True, {"rule": "same place name as written", "name": a.place_text}
    if a.iso3 and b.iso3 and a.iso3 != b.iso3:
        return False, {"countries": f"{a.iso3} vs {b.iso3}"}
    shown = {} if km is None else {"km": round(km, 1)}
    level = max(_level(a), _level(b))
    if a.place_name and b.place_name and a.place_name != b.place_name \
            and (level == 1 or km is None or km > DISTANCE_KM_BY_PRECISION[2]) \
            and not (_names_place_of(a, b) or _names_place_of(b, a)):
        # each names a town, and neither text names the other's: two towns, not one (however near:
        # neighbouring towns each have their events; a report naming the town and another naming
        # its quarter name both when they are one event's)
        return False, {"towns": f"{a.place_name} / {b.place_name}", **shown}
    if level == 3:
        if a.admin1 and b.admin1:
            same = a.admin1.casefold() == b.admin1.casefold()
            return same, {"admin1": f"{a.admin1} / {b.admin1}", "rule": "province level: same admin-1", **shown}
        if km is None:
            return False, {"rule": "province level without admin-1 or coordinates"}
        return km <= PROVINCE_FALLBACK_KM, {"rule": f"province level without admin-1: <= {PROVINCE_FALLBACK_KM:g} km",
                                            **shown}
    if level == 2:
        if a.admin2 and b.admin2:
            same = a.admin2.casefold() == b.admin2.casefold() and \
                (not (a.admin1 and b.admin1) or a.admin1.casefold() == b.admin1.casefold())
            return same, {"admin2": f"{a.admin2} / {b.admin2}", "rule": "district level: same admin-2", **shown}
        if km is None:
            return False, {"rule": "district level without admin-2 or coordinates"}
        return km <= DISTRICT_FALLBACK_KM, {"rule": f"district level: <= {DISTRICT_FALLBACK_KM:g} km", **shown}
    if km is None:
        return False, {"rule": "no coordinates"}
    precision = max(a.geo_precision or 1, b.geo_precision or 1, 1)
    limit = DISTANCE_KM_BY_PRECISION[min(precision, 2)]
    return km <= limit, {"rule": f"precision {precision}: <= {limit:g} km", **shown}


def _placeless_link(a: Mention, b: Mention, gap: int) -> tuple[bool, dict[str, Any]]:
    """A report with no place (the extractor found none, or only the country) joins a report of the
    same day when another feature vouches for it: a named group both give (a state's forces are in
    too many events to vouch), or the same death toll (``PLACELESS_MIN_TOLL`` or more)."""
    for x, y in ((a, b), (b, a)):
        if not x.has_place and _names_place_of(x, y, spellings=True):
            return True, {"rule": "no place on one side: its text names the other's town", "town": y.place_name}
    if gap:
        return False, {"rule": "no place, and not the same day"}
    shared = [x for x in a.perpetrators | a.targets for y in b.perpetrators | b.targets
              if is_named(x) and is_named(y) and not is_state_forces(x) and same_actor(x, y)]
    if shared:
        return True, {"rule": "no place on one side: same day and a named actor in both", "actor": sorted(shared)[0]}
    if a.fatalities is not None and a.fatalities == b.fatalities and a.fatalities >= PLACELESS_MIN_TOLL:
        return True, {"rule": "no place on one side: same day and the same toll", "toll": a.fatalities}
    return False, {"rule": "no place on one side, and nothing else vouches for it"}


def link(a: Mention, b: Mention) -> Link:
    """Whether two mentions are the same event, with the rule that decided and the features."""
    if a.document_id == b.document_id:
        return Link(False, "same_document", {"document": a.document_id})
    if a.event_type is None or b.event_type is None:
        return Link(False, "statement", {})
    if a.background != b.background:  # DESIGN: a recalled event is never merged into the news of the day
        return Link(False, "background", {"background": f"{a.background} vs {b.background}"})
    if _family(a) != _family(b):
        return Link(False, "type", {"type": f"{a.event_type} vs {b.event_type}"})
    if a.date_start is None or b.date_start is None:
        return Link(False, "no_date", {})
    gap = date_gap_days(a, b)
    if a.event_type != b.event_type:
        related, rule = _related_types_link(a, b, gap)
        if not related:
            return Link(False, "type", {"type": f"{a.event_type} vs {b.event_type}", "rule": rule})
    time = {"days apart": gap, "dates": f"{a.date_start}..{a.date_end} / {b.date_start}..{b.date_end}"}
    if gap > DATE_TOLERANCE_DAYS:
        return Link(False, "time", {"time": time})
    if a.iso3 and b.iso3 and a.iso3 != b.iso3 and not (a.place_text and a.place_text == b.place_text):
        return Link(False, "place", {"time": time, "place": {"countries": f"{a.iso3} vs {b.iso3}"}})
    if not (a.has_place and b.has_place) or "country" in (a.geo_feature, b.geo_feature):
        ok, place = _placeless_link(a, b, gap)
    else:
        ok, place = place_link(a, b)
    if not ok:
        return Link(False, "place", {"time": time, "place": place})
    p_ok, p_why = sides_compatible(a.perpetrators, b.perpetrators)
    if not p_ok:
        return Link(False, "perpetrators", {"time": time, "place": place, "perpetrators": p_why})
    t_ok, t_why = sides_compatible(a.targets, b.targets)
    if not t_ok:
        return Link(False, "targets", {"time": time, "place": place, "targets": t_why})
    kind = a.event_type if a.event_type == b.event_type else \
        f"{a.event_type} / {b.event_type} (related types: {_related_types_link(a, b, gap)[1]})"
    return Link(True, "linked", {"type": kind, "time": time, "place": place,
                                 "actors": {"perpetrators": p_why, "targets": t_why}})


def link_reason(a: Mention, b: Mention) -> tuple[bool, str]:
    result = link(a, b)
    return result.ok, result.why


def same_event(a: Mention, b: Mention) -> bool:
    return link(a, b).ok


def pair_strength(a: Mention, b: Mention, found: Link) -> tuple:
    """Smaller is stronger: day gap, the same town named, distance, then whether a named actor matched."""
    place = found.features.get("place", {})
    km = 0.0 if place.get("rule") == "same place name as written" else place.get("km")
    shared = sum(1 for v in found.features.get("actors", {}).values() if v.startswith("same actor"))
    same_town = bool(a.place_name) and a.place_name == b.place_name
    return (date_gap_days(a, b), -same_town, round(km, 1) if km is not None else 1e6, -shared)


def _pair_key(x: str, y: str) -> tuple[str, str]:
    return (x, y) if x <= y else (y, x)


def candidate_pairs(mentions: Sequence[Mention]) -> Iterable[tuple[int, int]]:
    """Pairs that may link, blocked by type, day and country (places with no country, and reports with
    no place, are compared with every country's; the same written place name is a block of its own)
    so that large sets stay fast."""
    by_day: dict[tuple[str, int, str | None], list[int]] = defaultdict(list)
    wide: dict[str, list[int]] = defaultdict(list)  # ranges over a few days: compared with all of the type
    by_type: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if m.event_type is None or m.date_start is None:
            continue
        family = _family(m)
        by_type[family].append(i)
        if (m.date_end - m.date_start).days > 3:
            wide[family].append(i)
        else:
            for d in range(m.date_start.toordinal(), m.date_end.toordinal() + 1):
                by_day[(family, d, m.iso3)].append(i)
                if m.place_text:  # the same written name links across countries (a gazetteer slip)
                    by_day[(family, d, "name:" + m.place_text)].append(i)
    seen: set[tuple[int, int]] = set()
    for (etype, day, iso), members in by_day.items():
        near = []
        for d in range(day - DATE_TOLERANCE_DAYS, day + DATE_TOLERANCE_DAYS + 1):
            near.extend(by_day.get((etype, d, iso), ()))
            if iso is not None:
                near.extend(by_day.get((etype, d, None), ()))
        for i in members:
            for j in near:
                pair = (min(i, j), max(i, j))
                if i != j and pair not in seen:
                    seen.add(pair)
                    yield pair
    for etype, members in wide.items():
        for i in members:
            for j in by_type[etype]:
                a, b = min(i, j), max(i, j)
                if a != b and (a, b) not in seen:
                    seen.add((a, b))
                    yield a, b


def _days(mentions: Sequence[Mention], group: list[int]) -> set[int]:
    return {d for i in group for d in range(mentions[i].date_start.toordinal(), mentions[i].date_end.toordinal() + 1)}


def cluster(mentions: Sequence[Mention], joined: Iterable[tuple[str, str]] = (),
            split: Iterable[tuple[str, str]] = ()) -> list[list[int]]:
    """Groups of same-event mentions, as sorted lists of indexes (see the module docstring).

    ``joined`` and ``split`` are analysts' decisions, as pairs of record ids: joined records are one
    event whatever the rules say; split records are never grouped."""
    ids = [m.record_id for m in mentions]
    position = {rid: i for i, rid in enumerate(ids)}
    forbidden = {_pair_key(x, y) for x, y in split}
    linked: set[tuple[int, int]] = set()
    scored = []
    for i, j in candidate_pairs(mentions):
        if _pair_key(ids[i], ids[j]) in forbidden:
            continue
        found = link(mentions[i], mentions[j])
        if found.ok:
            linked.add((i, j))
            scored.append((pair_strength(mentions[i], mentions[j], found), *sorted((ids[i], ids[j])), i, j))
    parent = list(range(len(mentions)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(mentions))}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = sorted((find(i), find(j)))
        if ri != rj:
            parent[rj] = ri
            members[ri].extend(members.pop(rj))

    for x, y in sorted(_pair_key(x, y) for x, y in joined):
        if x in position and y in position:
            union(position[x], position[y])
    # Records an analyst joined are one unit: complete link asks each unit of one group to link with
    # each unit of the other through at least one of its records.
    unit = {i: find(i) for i in range(len(mentions))}

    def compatible(gi: int, gj: int) -> bool:
        if min(len(members[gi]), len(members[gj])) >= SEPARATE_DAYS_GROUP and \
                not _days(mentions, members[gi]) & _days(mentions, members[gj]):
            return False  # several reports on each of two days: two events, not a late report
        units_i, units_j = defaultdict(list), defaultdict(list)
        for x in members[gi]:
            units_i[unit[x]].append(x)
        for y in members[gj]:
            units_j[unit[y]].append(y)
        return all(any((min(x, y), max(x, y)) in linked for x in xs for y in ys)
                   for xs in units_i.values() for ys in units_j.values())

    for *_key, i, j in sorted(scored):
        gi, gj = find(i), find(j)
        if gi != gj and compatible(gi, gj):
            union(gi, gj)
    return sorted((sorted(g) for g in members.values()), key=lambda g: g[0])


def merge_why(records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """For each record but the anchor: the record of the group it is closest to and the features of
    that link (or 'joined by an analyst' when no rule links them)."""
    if len(records) < 2:
        return []
    ordered = sorted(records, key=chronological_key)
    mentions = {r["id"]: mention_of(r) for r in ordered}
    out = []
    for r in ordered[1:]:
        m = mentions[r["id"]]
        best = None
        for other in ordered:
            if other is r:
                continue
            found = link(m, mentions[other["id"]])
            if found.ok:
                key = pair_strength(m, mentions[other["id"]], found)
                if best is None or key < best[0]:
                    best = (key, other, found)
        if best is None:
            out.append({"record": r["id"], "document": r["document"]["id"], "with": None,
                        "rule": "joined by an analyst", "features": {}})
        else:
            _, other, found = best
            out.append({"record": r["id"], "document": r["document"]["id"], "with": other["id"],
                        "rule": found.code, "features": found.features})
    return out


def merge_records(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The merged event of a group (``merged_record.merge_records``) with its ``merge_why``."""
    return merged_record.merge_records(records, merge_why(records))
