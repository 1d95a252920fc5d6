"""Country names, ACLED's spelling of them, and demonyms in each language with geo words.

``country_of("irakiennes") == ("IQ", "Iraq")``: articles say "un hélicoptère irakien" far more
often than "l'Irak", so demonyms are country context as strong as names. Demonyms are stored in
the language profile (``geo.json``) in their base form and inflected by the profile's
``demonym_endings`` rules (French: -e, -s, -es, -ne, -nes). Country names come from pycountry's
translation of ISO 3166-1 into the language, plus the profile's ``country_names``.
"""
from __future__ import annotations

import gettext
from functools import lru_cache

import pycountry

from eventatlas.nlp.geo.sources import geo_languages, geo_words, load_countries, load_json
from eventatlas.nlp.geo.text import exact_key, name_words



def inflections(word: str, rules) -> set[str]:
    """The word and the forms the first rule whose ending it has adds (``demonym_endings``)."""
    forms = {word}
    for rule in rules:
        if any(word.endswith(ending) for ending in rule.get("ending", ())):
            forms |= {word + suffix for suffix in rule.get("add", ())}
            break
    return forms


@lru_cache(maxsize=1)
def acled_names() -> dict[str, str]:
    """ISO alpha-2 -> ACLED country name."""
    overrides = load_json("countries_acled.json")
    names = {cc: row["name"] for cc, row in load_countries().items()}
    names.update({cc: name for cc, name in overrides.items() if not cc.startswith("_")})
    return names


def acled_name(iso2: str) -> str | None:
    return acled_names().get(iso2)


@lru_cache(maxsize=1)
def iso3_of() -> dict[str, str]:
    return {cc: row["iso3"] for cc, row in load_countries().items()}


def _pycountry_names(lang: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    translate = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True).gettext
    for country in pycountry.countries:
        names = set()
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                value = translate(value)
                names.add(value)
                if "," in value:  # "Congo, The Democratic Republic of the" -> its head
                    names.add(value.split(",")[0])
        out[country.alpha_2] = names
    return out


@lru_cache(maxsize=8)
def country_names(lang: str) -> dict[str, set[str]]:
    """ISO alpha-2 -> names of the country in ``lang`` (plus the gazetteer's English name)."""
    names = _pycountry_names(lang)
    for cc, row in load_countries().items():
        names.setdefault(cc, set()).add(row["name"])
    for cc, values in geo_words(lang).get("country_names", {}).items():
        names.setdefault(cc, set()).update(values)
    return names


@lru_cache(maxsize=8)
def demonyms(lang: str) -> dict[str, str]:
    """Folded demonym (any inflection) -> ISO alpha-2."""
    out: dict[str, str] = {}
    words_of = geo_words(lang)
    rules = words_of.get("demonym_endings", ())
    for cc, words in words_of.get("demonyms", {}).items():
        for word in words:
            for form in inflections(word.lower(), rules):
                out[exact_key(name_words(form))] = cc
    return out


@lru_cache(maxsize=8)
def continent_demonyms(lang: str) -> dict[str, str]:
    """Folded continent demonym (any inflection) -> GeoNames continent code ("European" -> "EU")."""
    words_of = geo_words(lang)
    rules = words_of.get("demonym_endings", ())
    return {exact_key(name_words(form)): code for code, words in words_of.get("continent_demonyms", {}).items()
            for word in words for form in inflections(word.lower(), rules)}


@lru_cache(maxsize=1)
def _name_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for lang in geo_languages():
        for cc, names in country_names(lang).items():
            for name in names:
                index.setdefault(exact_key(name_words(name)), cc)
    return index


def country_of(name: str, lang: str | None = None) -> tuple[str, str] | None:
    """(ISO alpha-2, ACLED country name) for a country name or demonym, else None."""
    key = exact_key(name_words(name))
    if not key:
        return None
    cc = _name_index().get(key)
    if cc is None:
        for one in ((lang,) if lang in geo_languages() else geo_languages()):
            cc = demonyms(one).get(key)
            if cc:
                break
    if cc is None or acled_name(cc) is None:
        return None
    return cc, acled_name(cc)
