"""Date expressions: found by the patterns of the language profile's dates table, resolved against
the publication date (or, for "la veille" / "the day before", against the date the narrative
is at). Each resolved date keeps its span and the rule that produced it.

Works on plain text (no Doc), so it is cheap to test on its own.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from eventatlas.model import Span, When

# Each profile's dates table holds its month and weekday names, the patterns of a calendar date
# and of a weekday, and its relative expressions: (pattern, base, offset in days, precision, span
# in days); base "pub": the publication date; "story": the date the narrative is at (the last
# resolved date); "month": the month before publication.


def _table(lang: str) -> dict:
    from eventatlas.nlp.languages import profile_data
    return profile_data(lang, "dates")


def _loose(word: str) -> str:
    """A regex for a word, written with or without its accents ("f[eé]vrier")."""
    from eventatlas.nlp.lexicon import fold
    out = []
    for c in word:
        plain = fold(c)
        out.append(f"[{re.escape(plain)}{re.escape(c)}]" if plain != c and len(plain) == 1 else re.escape(c))
    return "".join(out)


def _alternation(words, abbreviations=()) -> str:
    return "|".join([_loose(w) for w in words] + [_loose(w) + r"\.?" for w in abbreviations])


@dataclass(frozen=True, slots=True)
class DateExpr:
    span: Span
    kind: str  # "day", "month", "relative", "weekday", "ago"
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None  # 0 = Monday
    weekday_mode: str = ""  # "last" (strictly before the base) or "recent" (on or before)
    base: str = ""  # for relative: "pub" | "story" | "month"
    offset: int = 0
    precision: int = 1
    width: int = 0


@lru_cache(maxsize=None)
def _patterns(lang: str):
    table = _table(lang)
    fill = {"{months}": _alternation(table["months"], table.get("month_abbreviations", ())),
            "{weekdays}": _alternation(table["weekdays"]),
            "{parts_of_day}": _alternation(table.get("parts_of_day", ())) or "(?!)",
            "{first_day}": _alternation(table.get("first_day", ())) or "(?!)"}

    def compile_(pattern: str) -> re.Pattern:
        for key, value in fill.items():
            pattern = pattern.replace(key, value)
        return re.compile(pattern, re.IGNORECASE)

    days = [compile_(p) for p in table["day_patterns"]]
    weekday = compile_(table["weekday_pattern"])
    month_year = compile_(r"\b(?P<month>{months})\s+(?P<year>(?:19|20)\d\d)\b")
    month_alone = compile_(table["month_alone_pattern"]) if table.get("month_alone_pattern") else None
    relative = [(compile_(rf"\b(?:{p})\b"), base, off, prec, width) for p, base, off, prec, width in table["relative"]]
    ago = compile_(rf"\b{table['ago']}\b")
    earlier = compile_(rf"\b{table['earlier']}\b") if table.get("earlier") else None
    return days, weekday, month_year, month_alone, relative, ago, earlier


@lru_cache(maxsize=None)
def _month_number(name: str, lang: str) -> int:
    """The month a name means (its place in the profile's list); abbreviations and other forms are
    read by dateparser in the language the profile names."""
    from eventatlas.nlp.lexicon import fold
    table = _table(lang)
    months = [fold(n) for n in table["months"]]
    key = fold(name.strip(".")).strip()
    if key in months:
        return months.index(key) + 1
    import dateparser
    parsed = dateparser.parse(f"15 {name.strip('.')} 2000", languages=[table.get("dateparser", lang)],
                              settings={"PREFER_DAY_OF_MONTH": "first"})
    if parsed is None:
        raise ValueError(name)
    return parsed.month


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < e and s < end for s, e in taken)


def _day_expr(m, text: str, lang: str, table: dict) -> DateExpr | None:
    """"le 12 mars 2021", "March 12", "the 12th of March": a calendar day."""
    g = m.groupdict()
    day_s = g.get("day") or g.get("day2")
    month_s = g.get("month") or g.get("month2")
    day_n = 1 if day_s.lower() in {w.lower() for w in table.get("first_day", ())} else int(day_s)
    try:
        month_n = _month_number(month_s, lang)
    except ValueError:
        return None
    if not 1 <= day_n <= 31:
        return None
    weekdays = [w.lower() for w in table["weekdays"]]
    wd = weekdays.index(g["wd"].lower()) if g.get("wd") else None
    return DateExpr(Span.of(text, m.start(), m.end()), "day", day=day_n, month=month_n,
                    year=int(g["year"]) if g.get("year") else None, weekday=wd)


def _month_expr(m, text: str, lang: str) -> DateExpr | None:
    """"mars 2021", "March 2021": a month."""
    try:
        month_n = _month_number(m.group("month"), lang)
    except ValueError:
        return None
    year = int(m.group("year")) if m.groupdict().get("year") else None  # "en février": from the publication date
    return DateExpr(Span.of(text, m.start(), m.end()), "month", month=month_n, year=year, precision=3)


def _ago_expr(m, text: str, lang: str, table: dict, base: str = "pub") -> DateExpr | None:
    """"il y a trois jours", "two weeks ago"; from the story's date (``base`` "story"): "deux jours auparavant"."""
    n = m.group("n").lower()
    count = int(n) if n.isdigit() else table.get("small_numbers", {}).get(n) or _number_word(n, lang)
    if count is None:
        return None
    week = m.group("unit").lower() in {w.lower() for w in table.get("week_units", ())}
    unit_days = 7 if week else 1
    return DateExpr(Span.of(text, m.start(), m.end()), "ago", base=base, offset=-count * unit_days,
                    precision=2 if week else 1, width=6 if week else 0)


def _weekday_expr(m, text: str, table: dict) -> DateExpr:
    """"lundi dernier", "last Monday", "on Monday"."""
    weekdays = [w.lower() for w in table["weekdays"]]
    return DateExpr(Span.of(text, m.start(), m.end()), "weekday", weekday=weekdays.index(m.group("wd").lower()),
                    weekday_mode="next" if m.group("next") else "last" if m.group("last") else "recent")


def _candidates(text: str, lang: str):
    """(match, build) for every pattern match, in the order the kinds are tried: calendar days,
    months, relative expressions, "ago", weekdays."""
    day_res, weekday_re, month_year_re, month_alone_re, relative, ago_re, earlier_re = _patterns(lang)
    table = _table(lang)
    for rx in day_res:
        for m in rx.finditer(text):
            yield m, lambda m=m: _day_expr(m, text, lang, table)
    for rx in (month_year_re, month_alone_re):
        for m in rx.finditer(text) if rx is not None else ():
            yield m, lambda m=m: _month_expr(m, text, lang)
    for rx, base, off, prec, width in relative:
        for m in rx.finditer(text):
            yield m, lambda m=m, base=base, off=off, prec=prec, width=width: DateExpr(
                Span.of(text, m.start(), m.end()), "relative", base=base, offset=off, precision=prec, width=width)
    for m in ago_re.finditer(text):
        yield m, lambda m=m: _ago_expr(m, text, lang, table)
    for m in earlier_re.finditer(text) if earlier_re is not None else ():
        yield m, lambda m=m: _ago_expr(m, text, lang, table, base="story")
    for m in weekday_re.finditer(text):
        yield m, lambda m=m: _weekday_expr(m, text, table)


def find_date_expressions(text: str, lang: str) -> list[DateExpr]:
    """Every date expression in the text, the kind tried first kept where they overlap, in text order."""
    found: list[DateExpr] = []
    taken: list[tuple[int, int]] = []
    for m, build in _candidates(text, lang):
        if _overlaps(taken, m.start(), m.end()):
            continue
        expr = build()
        if expr is not None:
            found.append(expr)
            taken.append((expr.span.start_char, expr.span.end_char))
    return _join_nights(sorted(found, key=lambda e: e.span.start_char), text, lang)


def _join_nights(found: list[DateExpr], text: str, lang: str) -> list[DateExpr]:
    """"dans la nuit de lundi à mardi", "overnight Monday into Tuesday": two consecutive weekdays joined by a
    word of the profile's ``night_joiners`` are one night, from the first day to the next (width 1)."""
    joiners = {w.lower() for w in _table(lang).get("night_joiners", ())}
    out: list[DateExpr] = []
    for e in found:
        prev = out[-1] if out else None
        if prev is not None and joiners and prev.kind == e.kind == "weekday" and prev.width == 0 \
                and prev.weekday_mode == e.weekday_mode == "recent" and e.weekday == (prev.weekday + 1) % 7 \
                and text[prev.span.end_char:e.span.start_char].strip().lower() in joiners:
            out[-1] = replace(prev, span=Span.of(text, prev.span.start_char, e.span.end_char), width=1)
            continue
        out.append(e)
    return out


def _number_word(word: str, lang: str) -> int | None:
    """"quinze", "twelve": any number word text2num knows."""
    from text_to_num import text2num
    from eventatlas.nlp.languages import profile_data
    try:
        return int(text2num(word, profile_data(lang, "numbers").get("text2num", lang)))
    except (ValueError, TypeError, IndexError, AssertionError):
        return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None  # "31 février": not a date; the expression is dropped, not guessed


def pin_year_by_weekday(month: int, day: int, weekday: int, today: dt.date) -> int | None:
    """The most recent year, not after today, in which day/month fell on that weekday."""
    for year in range(today.year, today.year - 30, -1):
        d = _safe_date(year, month, day)
        if d and d <= today and d.weekday() == weekday:
            return year
    return None


def _year_near(month: int, day: int, base: dt.date) -> int:
    """Year for a day/month without year, reported in an article of date `base`: the latest one not
    more than a few days after the base (news reports past events; "le 2 janvier" in a piece of
    28 December is the coming one only when announced, which we do not code)."""
    for year in (base.year + 1, base.year, base.year - 1):
        d = _safe_date(year, month, day)
        if d and d <= base + dt.timedelta(days=7):
            return year
    return base.year


def document_year_hint(exprs: list[DateExpr], today: dt.date) -> tuple[int | None, str]:
    """A year the text itself establishes: an explicit year, or one pinned by a weekday."""
    for e in exprs:
        if e.kind in ("day", "month") and e.year:
            return e.year, f"explicit year in {e.span.text!r}"
    for e in exprs:
        if e.kind == "day" and e.weekday is not None:
            y = pin_year_by_weekday(e.month, e.day, e.weekday, today)
            if y:
                return y, f"weekday pins the year: {e.span.text!r}"
    return None, ""


def infer_published(exprs: list[DateExpr], today: dt.date | None = None) -> tuple[dt.date | None, str]:
    """Publication date when none is given: the latest explicit calendar date in the text,
    with its year taken from the text (explicit, or pinned by a weekday)."""
    today = today or dt.date.today()
    year, why = document_year_hint(exprs, today)
    latest = None
    for e in exprs:
        if e.kind != "day":
            continue
        y = e.year or year
        if y is None:
            continue
        d = _safe_date(y, e.month, e.day)
        if d and d <= today and (latest is None or d > latest):
            latest = d
    if latest is None:
        return None, "no explicit date in the text"
    return latest, f"latest explicit date in the text ({why or 'explicit year'})"


def resolve(expr: DateExpr, published: dt.date, story: dt.date | None) -> When | None:
    """Resolve one expression. `story` is the date the narrative is at, for "la veille"."""
    if expr.kind == "day":
        year = expr.year or _year_near(expr.month, expr.day, published)
        d = _safe_date(year, expr.month, expr.day)
        if d is None:
            return None
        flags, precision = (), 1
        rule = "explicit date" if expr.year else f"day and month, year from publication date {published}"
        if expr.weekday is not None and d.weekday() != expr.weekday:
            flags, precision = ("weekday_mismatch",), 2
            rule += f"; weekday contradicts the date ({d:%A})"
        return When(d, d, precision, expr.span, rule, flags)
    if expr.kind == "month":
        year = expr.year or (published.year if expr.month <= published.month else published.year - 1)
        last = calendar.monthrange(year, expr.month)[1]
        return When(dt.date(year, expr.month, 1), dt.date(year, expr.month, last), 3, expr.span,
                    "month and year" if expr.year else f"month, the latest on or before the publication date {published}")
    if expr.kind == "weekday":
        if expr.weekday_mode == "next":
            ahead = (expr.weekday - published.weekday()) % 7 or 7
            d = published + dt.timedelta(days=ahead)
            return When(d, d, 1, expr.span, f"coming weekday after {published}", ("future",))
        back = (published.weekday() - expr.weekday) % 7
        if expr.weekday_mode == "last" and back == 0:
            back = 7
        d = published - dt.timedelta(days=back)
        if expr.width:  # a night from one weekday to the next
            return When(d, d + dt.timedelta(days=expr.width), 1, expr.span,
                        f"the night from a weekday to the next, the latest on or before {published}")
        return When(d, d, 1, expr.span, f"weekday, the {'last' if expr.weekday_mode == 'last' else 'latest'} "
                                         f"one on or before {published}")
    if expr.kind in ("relative", "ago"):
        if expr.base == "month":
            first = published.replace(day=1) - dt.timedelta(days=1)
            start = first.replace(day=1)
            return When(start, first, 3, expr.span, "previous month")
        base = story if (expr.base == "story" and story is not None) else published
        try:
            start = base + dt.timedelta(days=expr.offset)
            end = start + dt.timedelta(days=expr.width)
        except OverflowError:
            return None  # "il y a 99999999999 jours": not a date
        if abs(expr.offset) > 366 * 5:
            return None  # too far back to be a news event's date
        rule = ("relative to the date the narrative is at" if expr.base == "story" and story is not None
                else "relative to the publication date")
        return When(start, end, expr.precision, expr.span, f"{rule} ({base})")
    return None
