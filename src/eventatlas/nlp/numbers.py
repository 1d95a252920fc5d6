"""Numbers in news text: digits, number words (text2num, in the language the profile names) and
approximate quantities ("une dizaine", "dozens"), with the qualifiers that bound them ("au moins",
"between ... and"). The words are the profile's numbers table; month names (a number next to one
is a date) are its dates table."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from eventatlas.nlp.lexicon import Lexicon, fold


@dataclass(frozen=True, slots=True)
class Quantity:
    low: int | None
    best: int | None
    high: int | None
    start: int  # token index of the first token (qualifier included)
    end: int  # token index after the last number token
    head: int  # token index of the token that carries the number (for the parse)
    rule: str


_DIGITS = re.compile(r"^\d{1,3}(?:[ ,.\u202f\u00a0]\d{3})*$|^\d+$")


def word_value(text: str, lang: str) -> int | None:
    from text_to_num import text2num
    t = text.strip()
    if _DIGITS.match(t):
        return int(re.sub(r"\D", "", t))
    try:
        return int(text2num(t.lower(), lang))
    except (ValueError, TypeError, IndexError, AssertionError):
        return None


def _is_number_token(tok, lang: str) -> bool:
    if tok.like_num and tok.text[:1].isdigit():
        return True
    # "Vingt-cinq" may stay one token with its hyphen
    return tok.text.replace("-", "").isalpha() and word_value(tok.text, lang) is not None


def text2num_language(lex: Lexicon) -> str:
    """The language text2num reads the profile's number words in (a copied profile keeps its source's)."""
    return lex.data.get("text2num", lex.lang)


def _approximate(toks, i: int, lex: Lexicon) -> Quantity | None:
    """"une dizaine", "des centaines", "dozens": a quantity noun."""
    tok = toks[i]
    word = fold(tok.text)
    unit = lex.approx.get(word) or lex.approx.get(word.rstrip("s"))
    if not unit or tok.like_num:
        return None
    plural_words = lex.of("plural_quantifiers")
    plural = word.endswith("s") and word.rstrip("s") in lex.approx
    start = i - 1 if i > 0 and fold(toks[i - 1].text) in (lex.of("indefinite_articles") | plural_words) else i
    if plural or (start < i and fold(toks[start].text) in plural_words):
        return Quantity(2 * unit, 2 * unit, None, start, i + 1, i,
                        f"plural approximate quantity {tok.text!r}: at least {2 * unit}")
    low, high = math.floor(unit * 0.8), math.ceil(unit * 1.2)
    return Quantity(low, unit, high, start, i + 1, i, f"approximate quantity {tok.text!r}")


def find_quantities(tokens, lex: Lexicon) -> list[Quantity]:
    """Quantities in a token sequence (a spaCy Span or list of tokens); indices are positions in it."""
    toks = list(tokens)
    lang = text2num_language(lex)
    months = lex.of("months") | lex.of("month_abbreviations")
    articles, joiners = lex.of("indefinite_articles"), lex.of("number_joiners")
    out: list[Quantity] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        word = fold(tok.text)
        approx = _approximate(toks, i, lex)
        if approx is not None:
            out.append(approx)
            i += 1
            continue
        if not _is_number_token(tok, lang):
            i += 1
            continue
        nxt = fold(toks[i + 1].text).rstrip(".") if i + 1 < len(toks) else ""
        prev = fold(toks[i - 1].text).rstrip(".") if i > 0 else ""
        if word in articles and (lex.approx.get(nxt) or lex.approx.get(nxt.rstrip("s"))):
            i += 1  # "une dizaine": the article belongs to the approximate noun
            continue
        if prev in lex.of("negative_determiners") and not tok.text[:1].isdigit():
            i += 1  # "no one was hurt": nobody, not one person
            continue
        if nxt in months or (prev in months and tok.text.isdigit()):
            i += 1  # "7 May", "May 7": a date, not a count
            continue
        j = i + 1
        value = word_value(tok.text, lang)
        while j < len(toks) and (_is_number_token(toks[j], lang)
                                 or (toks[j].text == "-" and not toks[j - 1].whitespace_ and j + 1 < len(toks)
                                     and _is_number_token(toks[j + 1], lang))
                                 or (fold(toks[j].text) in joiners
                                 and j + 1 < len(toks) and toks[j + 1].is_alpha
                                 and word_value(toks[j + 1].text, lang) is not None)):
            if toks[j].text == "-":
                joined = "".join(t.text_with_ws for t in toks[i:j + 2]).strip()
                v = word_value(joined, lang)
                if v is None:
                    break
                value, j = v, j + 2
                continue
            joined = " ".join(t.text for t in toks[i:j + 1])
            v = word_value(joined, lang)
            if v is None:
                break
            value, j = v, j + 1
        if value is None:
            i += 1
            continue
        if 1900 <= value <= 2100 and tok.text.isdigit() and len(tok.text) == 4:
            i = j  # a year
            continue
        out.append(_qualify(toks, i, j, value, lex))
        i = j
    return _merge_ranges(toks, out, lex)


def _qualify(toks, i: int, j: int, value: int, lex: Lexicon) -> Quantity:
    forms = [(t.text, t.lemma_) for t in toks[max(0, i - 4):i]]
    hits = [h for h in lex.qualifiers.find(forms) if h.end == len(forms)]
    if hits:
        kind = hits[-1].label
        start = max(0, i - 4) + hits[-1].start
        entry = hits[-1].entry
        if kind == "at_least":
            return Quantity(value, value, None, start, j, i, f"lower bound {entry!r}")
        if kind == "at_most":
            return Quantity(None, value, value, start, j, i, f"upper bound {entry!r}")
        if kind == "exact":  # "quelques", "some": no bound said
            return Quantity(value, value, value, i, j, i, "number")
        if kind == "nearly":  # "près de", "nearly": not above the number
            return Quantity(math.floor(value * 0.8), value, value, start, j, i, f"approximate {entry!r}")
        return Quantity(math.floor(value * 0.8), value, math.ceil(value * 1.2), start, j, i, f"approximate {entry!r}")
    return Quantity(value, value, value, i, j, i, "number")


def _merge_ranges(toks, qs: list[Quantity], lex: Lexicon) -> list[Quantity]:
    """"entre 10 et 15", "between 10 and 15", "10 to 15", "10 à 15" -> one range."""
    out: list[Quantity] = []
    k = 0
    while k < len(qs):
        q = qs[k]
        if k + 1 < len(qs):
            r = qs[k + 1]
            gap = [fold(t.text) for t in toks[q.end:r.start]]
            before = fold(toks[q.start - 1].text) if q.start > 0 else ""
            between = before in lex.of("range_between")
            to = len(gap) == 1 and (gap[0] in lex.of("range_to") or gap[0] == "-")
            joined = len(gap) == 1 and gap[0] in lex.of("range_and") and between
            if (to or joined) and q.best is not None and r.best is not None and q.best < r.best:
                start = q.start - 1 if between else q.start
                out.append(Quantity(q.best, q.best, r.best, start, r.end, r.head, "range"))
                k += 2
                continue
        out.append(q)
        k += 1
    return out
