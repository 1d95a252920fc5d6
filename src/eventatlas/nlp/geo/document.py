"""Resolving every toponym of one document with the document as context.

Order: scan (gazetteer, NER hints, place nouns), read the structure around each toponym
(level, "near", containers), gather country context (names, demonyms, outlet), rank each
toponym once to learn which provinces the text is about, then rank again with that province
context. Containers are resolved before the place they qualify and constrain it; a place the
gazetteer lacks, or knows only elsewhere, falls back to its container.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Sequence

from eventatlas.model import Place, Span
from eventatlas.nlp.geo.countries import acled_name, continent_demonyms, country_of, demonyms, iso3_of
from eventatlas.nlp.geo.cues import cues_for
from eventatlas.nlp.geo.gazetteer import ADMIN1, ADMIN2, CITY, COUNTRY, FEATURE, FEATURE_NAMES, Gazetteer, load_gazetteer
from eventatlas.nlp.geo.rank import PERSON_LABELS, Context, credibility, rank, within
from eventatlas.nlp.geo.scan import EXACT, PLACE_LABELS, Scanner, Toponym
from eventatlas.nlp.geo.structure import NEAR_MAX_KM, annotate
from eventatlas.nlp.geo.text import exact_key, name_words


@dataclass(slots=True)
class Resolution:
    toponym: Toponym
    place: Place | None
    why: tuple[str, ...]
    row: int | None = None
    unsupported: bool = False  # unresolved and nothing says it was a place: not reported


def resolve_document(text: str, lang: str, hints: Sequence[tuple[int, int, str]] = (),
                     outlet_country: str | None = None,
                     given_spans: Sequence[tuple[int, int]] = ()) -> list[Resolution]:
    """Every toponym found (or given), resolved; absorbed containers are included, marked.

    Found toponyms are where events happen: a country named as one side of a border becomes a
    point on that border. Given spans (gold toponyms) are resolved to what the name refers to: the
    country stays the country."""
    gaz = load_gazetteer()
    scanner = Scanner(text, gaz, cues_for(lang))
    toponyms = _collect(scanner, hints, given_spans)
    annotate(scanner, toponyms)
    ctx = Context(countries=_countries_in(scanner, toponyms), outlet_country=outlet_country)
    if not ctx.countries and outlet_country:
        ctx.countries = {outlet_country: 1.0}  # a text naming no country is about the outlet's
    first = [_resolve_one(gaz, scanner, toponyms, k, ctx, {}) for k in range(len(toponyms))]
    for r in first:
        if r.place and r.place.admin1_code:
            ctx.admin1s.setdefault(r.place.admin1_code, set()).add(_name_key(scanner, r.toponym))
    if not ctx.countries:
        # Countries of places that need no context (provinces, large cities), one vote per name.
        voters = {(_name_key(scanner, r.toponym), gaz.cc[r.row]) for r in first if r.row is not None
                  and (gaz.kind[r.row] != CITY or gaz.population[r.row] >= 100000)}
        ctx.inferred_countries = dict(Counter(cc for _, cc in voters))
        for key, cc in voters:
            ctx.inferred_voters.setdefault(cc, set()).add(key)
    memo: dict[int, Resolution] = {}
    resolved = [_resolve_one(gaz, scanner, toponyms, k, ctx, memo) for k in range(len(toponyms))]
    return _document_focus(gaz, scanner, resolved) if given_spans else _border_points(gaz, scanner, resolved, ctx)


def _document_focus(gaz: Gazetteer, scanner: Scanner, resolved: list[Resolution]) -> list[Resolution]:
    """A given span (a toponym for certain) that the gazetteer lacks ("Royal Street", "Marigny
    Canal", "the French Quarter") is in the place the document is about: the town it names most
    often (ties: the first), else its most named province, else country (precision 3)."""
    placed = [r for r in resolved if r.place is not None and r.row is not None and r.toponym.source == "given"]
    focus = None
    for kinds in ((CITY,), (ADMIN1, ADMIN2), (COUNTRY,)):
        counts = Counter(r.row for r in placed if gaz.kind[r.row] in kinds)
        if counts:
            best = max(counts.values())
            focus = next(r for r in placed if gaz.kind[r.row] in kinds and counts[r.row] == best)
            break
    if focus is None:
        return resolved
    out = []
    for r in resolved:
        if r.place is None and r.toponym.source == "given":
            surface = r.toponym.text(scanner.text)
            why = list(r.why) + [f"fallback: the document's focus {gaz.name[focus.row]}"]
            place = _place(gaz, focus.row, surface, r.toponym, [], scanner, why, name=surface, precision=3)
            r = Resolution(r.toponym, place, tuple(why), focus.row)
        out.append(r)
    return out


MAX_BORDER_PAIR_TOKENS = 8


def _border_points(gaz: Gazetteer, scanner: Scanner, resolved: list[Resolution], ctx: Context) -> list[Resolution]:
    """"the frontier between Niger and Burkina Faso", "Iraq's border with Syria", "la frontière avec
    la Syrie": the second country of the pair (else the text's main other country) becomes a point
    on the two countries' border (precision 2), no longer the whole country."""
    from eventatlas.nlp.geo.borders import border_point

    def country(r: Resolution) -> str | None:
        return gaz.cc[r.row] if r.row is not None and gaz.kind[r.row] == COUNTRY and r.place else None

    out = list(resolved)
    sides = [k for k, r in enumerate(resolved) if r.toponym.phrase_kind == "border" and country(r)]
    for k in sides:
        r = resolved[k]
        partners = [j for j in sides if j != k and abs(resolved[j].toponym.first - r.toponym.first) <= MAX_BORDER_PAIR_TOKENS
                    and country(resolved[j]) != country(r)]
        if any(j > k for j in partners):
            continue  # the later country of the pair carries the border point
        other = country(resolved[partners[-1]]) if partners else _main_other_country(ctx, country(r))
        if other is None:
            continue
        # "Saudi border guards killed on the border with Yemen": with one country named, the event
        # is on the side of the country the text is about.
        mine, theirs = (country(r), other) if partners else (other, country(r))
        if _place_before(gaz, scanner, resolved, k, mine):
            continue  # "the Najran region near the border with Yemen": the border qualifies Najran
        point = border_point(gaz, mine, theirs)
        if point is None:
            out[k].why = r.why + (f"no land border of {mine} and {theirs} in the gazetteer",)
            continue
        why = list(r.why) + [f"border point of {mine} and {theirs}: {point.pairs} facing town pairs, "
                             f"{gaz.name[point.side_rows[0]]} / {gaz.name[point.side_rows[1]]}"]
        side = point.side_rows[0]
        place = _place(gaz, side, r.place.span.text, r.toponym, [], scanner, why,
                       name=f"{acled_name(mine)}-{acled_name(theirs)} border", precision=2, feature="border")
        why = list(dict.fromkeys(why))  # _place restates the phrase the toponym's why already has
        place = replace(place, lat=point.lat, lon=point.lon, geonames_id=None, admin2=None, why=tuple(why))
        out[k] = Resolution(r.toponym, place, tuple(why), r.row)
    return out


MAX_QUALIFIED_TOKENS = 10


def _place_before(gaz: Gazetteer, scanner: Scanner, resolved: list[Resolution], k: int, cc: str) -> bool:
    """A town or province of ``cc`` named shortly before the border phrase, in the same sentence."""
    first = resolved[k].toponym.first
    for r in resolved[:k]:
        t = r.toponym
        if r.row is None or r.place is None or gaz.kind[r.row] == COUNTRY or gaz.cc[r.row] != cc:
            continue
        gap = scanner.text[t.end:resolved[k].toponym.start]
        if first - t.last <= MAX_QUALIFIED_TOKENS and not any(ch in gap for ch in ".!?;\n"):
            return True
    return False


def _main_other_country(ctx: Context, own: str | None) -> str | None:
    weights = {cc: w for cc, w in (ctx.countries or ctx.inferred_countries).items() if cc != own}
    if not weights:
        return None
    best = max(weights.values())
    top = [cc for cc, w in weights.items() if w == best]
    return top[0] if len(top) == 1 else None


def _collect(scanner: Scanner, hints, given_spans) -> list[Toponym]:
    found = scanner.gazetteer_matches()
    if given_spans:
        given = []
        for start, end in given_spans:
            first, last = scanner.token_range(start, end)
            rows, level = scanner.lookup_phrase_level(start, end) if last > first else ({}, None)
            # A country name or demonym ("Irish" -> Ireland) is that country, not a homonym town.
            surface = scanner.text[start:end].strip()
            found_country = country_of(surface, scanner.cues.lang)
            continent = continent_demonyms(scanner.cues.lang).get(exact_key(name_words(surface)))
            if found_country and found_country[0] in scanner.gazetteer.country_row:
                rows = {scanner.gazetteer.country_row[found_country[0]]: EXACT}
            elif continent in scanner.gazetteer.continent_row:  # "African leaders": the continent
                rows = {scanner.gazetteer.continent_row[continent]: EXACT}
            elif surface in scanner.gazetteer.abbreviations or surface + "." in scanner.gazetteer.abbreviations:
                row = scanner.gazetteer.abbreviations.get(surface) or scanner.gazetteer.abbreviations[surface + "."]
                rows = {row: EXACT}
            t = scanner.make(first, last, rows, "given") if last > first else None
            if t is not None:
                t.start, t.end, t.level = start, end, level
                given.append(t)
        found = [t for t in found if not any(g.start < t.end and t.start < g.end for g in given)] + given
    found += scanner.hint_matches(hints, found)
    found += scanner.place_noun_matches(found)
    found.sort(key=lambda t: (t.start, -t.end))
    return found


def _countries_in(scanner: Scanner, toponyms: list[Toponym]) -> dict[str, float]:
    gaz = scanner.gazetteer
    counts: Counter[str] = Counter()
    for t in toponyms:
        countries = {gaz.cc[r] for r, q in t.rows.items() if gaz.kind[r] == COUNTRY and q == EXACT}
        if len(countries) == 1:
            counts[countries.pop()] += 1
    forms = demonyms(scanner.cues.lang)
    for _, _, word in scanner.toks:
        cc = forms.get(word)
        if cc:
            counts[cc] += 1
    return dict(counts)


def _resolve_one(gaz: Gazetteer, scanner: Scanner, toponyms: list[Toponym], k: int, ctx: Context,
                 memo: dict[int, Resolution]) -> Resolution:
    if k in memo:
        return memo[k]
    t = toponyms[k]
    surface = t.text(scanner.text)
    containers = [_resolve_one(gaz, scanner, toponyms, c, ctx, memo) for c in t.containers]
    containers = [c for c in containers if c.row is not None]
    rows = t.rows
    why: list[str] = [f"source={t.source}"]
    if t.feature_noun:  # "the Niger river": the river, never the country or a town of that name
        rows = {r: q for r, q in rows.items() if gaz.kind[r] == FEATURE}
        why.append(f"phrase=feature '{t.feature_noun}'")
    if scanner.dateline(t.first):
        why.append("dateline")  # where the story was filed: a weak cue to the event's place
    if containers and rows:
        inside = {r: q for r, q in rows.items()
                  if all(within(gaz, r, c.row, c.toponym.level) for c in containers)}
        if inside:
            rows = inside
            why.append("inside " + " < ".join(c.toponym.text(scanner.text) for c in containers))
        else:
            why.append("no candidate inside " + " < ".join(c.toponym.text(scanner.text) for c in containers))
            rows = {}
    result = None
    key = _name_key(scanner, t)
    if rows and (_after_title(scanner, t) or t.hint in PERSON_LABELS and any(
            _after_title(scanner, o) for o in toponyms if _name_key(scanner, o) == key)):
        # "Bello Danbatta, porte-parole ..., a précisé M. Danbatta": the tagger's person, titled where named again
        why.append("a person's name: a title stands before it here or where the text names it again")
        rows = {}
    if rows and scanner.text[t.start:t.end + 1] in scanner.cues.person_titles:
        why.append("a person's title ('Gen.'), not a place")
        rows = {}
    if rows:
        ranked = rank(gaz, t, rows, ctx, own_key=key)
        best = ranked[0]
        reason = credibility(gaz, t, best, surface, ctx)
        if reason is None:
            margin = best.score - ranked[1].score if len(ranked) > 1 else None
            why += best.features + [f"candidates={len(ranked)}"]
            if margin is not None:
                why.append(f"margin={margin:.2f}")
            row = _province_of_seat(gaz, t, best.row)
            if row != best.row:
                why.append(f"province named by its town {gaz.name[best.row]}")
            result = Resolution(t, _place(gaz, row, surface, t, containers, scanner, why), tuple(why), row)
        else:
            why.append(f"rejected {gaz.name[best.row]} ({gaz.cc[best.row]}): {reason}")
    if result is None and containers:
        result = _fallback(gaz, t, surface, containers, scanner, why)
    if result is None:
        why.append("no gazetteer entry" if not t.rows else "no credible candidate")
        result = Resolution(t, None, tuple(why))
        # A bare gazetteer hit that nothing supports was a common word or a name, not a place.
        result.unsupported = t.source == "gazetteer" and t.level is None and t.hint not in PLACE_LABELS
    memo[k] = result
    return result


def _after_title(scanner: Scanner, t: Toponym) -> bool:
    """"a précisé M. Danbatta", "said Gen. Kassem": a person's title right before the name."""
    before = scanner.text[max(0, t.start - 12):t.start]
    return any(before.endswith(title + " ") or before.endswith(title + "\u00a0") for title in scanner.cues.person_titles)


def _name_key(scanner: Scanner, t: Toponym) -> str:
    return exact_key([w for _, _, w in scanner.toks[t.first:t.last]])


def _admin2_of(gaz: Gazetteer, row: int, containers: list[Resolution], scanner: Scanner) -> str | None:
    for c in containers:
        if c.toponym.level == "admin2":
            return c.toponym.text(scanner.text)
    return gaz.admin2[row]


def _place(gaz: Gazetteer, row: int, surface: str, t: Toponym, containers, scanner: Scanner,
           why: list[str], name: str | None = None, precision: int | None = None,
           feature: str | None = None) -> Place:
    kind = gaz.kind[row]
    if precision is None:
        precision = 1 if kind == CITY else 3
        if (t.near or t.phrase_kind) and kind == CITY:
            precision = 2  # ACLED: near a town, a part of it (a facility, a landmark) or a border point
        if t.near and t.near_km is not None and t.near_km > NEAR_MAX_KM:
            precision = 3  # "300 km to the west of Bogota": the region around the town, not near it
    if t.near:
        why.append(f"near cue '{t.near}'")
    if t.near_km is not None:
        why.append(f"distance {round(t.near_km, 1):g} km" + (f" (over {NEAR_MAX_KM:g} km: the region, not the town)"
                                                   if t.near_km > NEAR_MAX_KM else ""))
    if t.phrase_kind:
        why.append(f"phrase={t.phrase_kind} '{t.phrase}'")
    cc = gaz.cc[row]
    admin1 = gaz.admin1[row]
    return Place(
        name=name or gaz.name[row], country=acled_name(cc), iso3=iso3_of().get(cc),
        lat=round(gaz.lat[row], 5), lon=round(gaz.lon[row], 5), precision=precision,
        span=Span(surface, t.start, t.end), admin1=gaz.admin1_name.get(admin1) if admin1 else None,
        admin1_code=admin1, admin2=_admin2_of(gaz, row, containers, scanner) if kind in (CITY, ADMIN2) else None,
        geonames_id=gaz.geonames_id[row] or None, feature=feature or FEATURE_NAMES[kind], why=tuple(why))


def _fallback(gaz, t: Toponym, surface: str, containers: list[Resolution], scanner, why) -> Resolution:
    """The innermost container stands in: a district seat (precision 2) or a province (3)."""
    inner = containers[0]
    row = inner.row
    if gaz.kind[row] == ADMIN2:
        why.append(f"fallback: district {gaz.name[row]}")
        place = _place(gaz, row, surface, t, containers, scanner, why, name=surface, precision=2, feature="admin2")
        return Resolution(t, place, tuple(why), row)
    if gaz.kind[row] == CITY and inner.toponym.level == "admin2":
        why.append(f"fallback: district seat {gaz.name[row]}")
        place = _place(gaz, row, surface, t, containers, scanner, why, name=surface, precision=2, feature="admin2")
        return Resolution(t, place, tuple(why), row)
    town = _large_town(gaz, inner)
    if town is not None:  # "Abu Salim (Tripoli)": a quarter of the town, not anywhere in its province
        why.append(f"fallback: large town {gaz.name[town]}")
        place = _place(gaz, town, surface, t, containers, scanner, why, name=surface, precision=2)
        return Resolution(t, place, tuple(why), town)
    if gaz.kind[row] == CITY and gaz.admin1[row] in gaz.admin1_row:
        row = gaz.admin1_row[gaz.admin1[row]]
    why.append(f"fallback: {FEATURE_NAMES[gaz.kind[row]]} {gaz.name[row]}")
    place = _place(gaz, row, surface, t, containers, scanner, why, name=surface, precision=3)
    return Resolution(t, place, tuple(why), row)


def _province_of_seat(gaz: Gazetteer, t: Toponym, row: int) -> int:
    """"la province de Diwaniya", "Kirkuk governorate": a province cue on a large town's name is the
    province that town is the seat of (news and ACLED name provinces by their seats)."""
    if t.level != "admin1" or gaz.kind[row] != CITY or gaz.population[row] < LARGE_TOWN:
        return row
    return gaz.admin1_row.get(gaz.admin1[row], row)


LARGE_TOWN = 100000


def _large_town(gaz: Gazetteer, container: Resolution) -> int | None:
    """The large town a container names, when the text does not call it a province ("Tripoli",
    not "Kirkuk province"): a place the gazetteer lacks is then a part of that town or near it."""
    if container.toponym.level is not None:
        return None
    row = container.row
    if gaz.kind[row] == CITY:
        return row if gaz.population[row] >= LARGE_TOWN else None
    if gaz.kind[row] != ADMIN1:
        return None
    towns = [r for r, q in container.toponym.rows.items() if gaz.kind[r] == CITY and gaz.admin1[r] == gaz.admin1[row]
             and gaz.population[r] >= LARGE_TOWN and q == max(container.toponym.rows.values())]
    return max(towns, key=lambda r: gaz.population[r]) if towns else None
