"""Resolving one name out of context (evaluations, other stages): same ranking, given context.

A kind word in the name ("Babil province", "district de X") sets the level; a given country or
province restricts the candidates, and when none is left inside a given province, the province
itself answers (precision 3) rather than a homonym elsewhere.
"""
from __future__ import annotations

from eventatlas.model import Place
from eventatlas.nlp.geo.cues import cues_for
from eventatlas.nlp.geo.document import _place
from eventatlas.nlp.geo.gazetteer import load_gazetteer
from eventatlas.nlp.geo.rank import Context, credibility, rank
from eventatlas.nlp.geo.scan import Scanner, Toponym
from eventatlas.nlp.geo.text import exact_key


def resolve_name(name: str, lang: str = "en", country_iso2: str | None = None,
                 admin1_code: str | None = None) -> Place | None:
    gaz = load_gazetteer()
    cues = cues_for(lang)
    scanner = Scanner(name, gaz, cues)
    words = [w for _, _, w in scanner.toks]
    level = None
    if words and words[-1] in cues.admin1 | cues.admin2:
        level = "admin1" if words[-1] in cues.admin1 else "admin2"
        words = words[:-1]
    while words and (words[0] in cues.admin1 or words[0] in cues.admin2 or words[0] in cues.connectors):
        level = level or ("admin1" if words[0] in cues.admin1 else "admin2" if words[0] in cues.admin2 else None)
        words = words[1:]
    if not words:
        return None
    rows = scanner.lookup(words)
    if country_iso2:
        rows = {r: q for r, q in rows.items() if gaz.cc[r] == country_iso2}
    if admin1_code:
        rows = {r: q for r, q in rows.items() if gaz.admin1[r] == admin1_code}
    t = Toponym(0, len(name), 0, len(scanner.toks), rows, "name", level=level)
    ctx = Context(countries={country_iso2: 1.0} if country_iso2 else {},
                  admin1s={admin1_code: {"given"}} if admin1_code else {})
    why = ["source=resolve"]
    if rows:
        best = rank(gaz, t, rows, ctx, own_key=exact_key(words))[0]
        reason = credibility(gaz, t, best, name)
        if reason is None:
            return _place(gaz, best.row, name, t, [], scanner, why + best.features)
        why.append(f"rejected {gaz.name[best.row]}: {reason}")
    if admin1_code and admin1_code in gaz.admin1_row:
        why.append("fallback: the given province")
        return _place(gaz, gaz.admin1_row[admin1_code], name, t, [], scanner, why, name=name, precision=3)
    return None

