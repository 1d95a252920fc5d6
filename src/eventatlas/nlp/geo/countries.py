"""Country names, ACLED's spelling of them, and demonyms in French and English.

``country_of("irakiennes") == ("IQ", "Iraq")``: articles say "un hélicoptère irakien" far more
often than "l'Irak", so demonyms are country context as strong as names. French demonyms are
stored as masculine singular and inflected here (-e, -s, -es, -ne, -nes).
"""
from __future__ import annotations

import gettext
from functools import lru_cache

import pycountry

from eventatlas.nlp.geo.sources import load_countries, load_json
from eventatlas.nlp.geo.text import exact_key, name_words

LANGS = ("en", "fr")


def french_inflections(word: str) -> set[str]:
    forms = {word}
    if word.endswith(("s", "x")):
        forms |= {word + "e", word + "es"}
    elif word.endswith("e"):
        forms.add(word + "s")
    else:
        forms |= {word + "s", word + "e", word + "es"}
        if word.endswith(("ien", "éen", "en")):
            forms |= {word + "ne", word + "nes"}
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
    translate = (gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"]).gettext
                 if lang == "fr" else (lambda s: s))
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


@lru_cache(maxsize=2)
def country_names(lang: str) -> dict[str, set[str]]:
    """ISO alpha-2 -> names of the country in ``lang`` (plus the gazetteer's English name)."""
    names = _pycountry_names(lang)
    for cc, row in load_countries().items():
        names.setdefault(cc, set()).add(row["name"])
    extra = load_json(f"countries_{lang}.json")["names"]
    for cc, values in extra.items():
        names.setdefault(cc, set()).update(values)
    return names


@lru_cache(maxsize=2)
def demonyms(lang: str) -> dict[str, str]:
    """Folded demonym (any inflection) -> ISO alpha-2."""
    out: dict[str, str] = {}
    for cc, words in load_json(f"countries_{lang}.json")["demonyms"].items():
        for word in words:
            forms = french_inflections(word.lower()) if lang == "fr" else {word.lower(), word.lower() + "s"}
            for form in forms:
                out[exact_key(name_words(form))] = cc
    return out


@lru_cache(maxsize=1)
def _name_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for lang in LANGS:
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
        for one in ((lang,) if lang in LANGS else LANGS):
            cc = demonyms(one).get(key)
            if cc:
                break
    if cc is None or acled_name(cc) is None:
        return None
    return cc, acled_name(cc)
