"""Whether a mention is news of the day, an event the article only recalls, or no conflict event at
all. Works on a Mention (plain data) and the language profile's words: the past-time cues (dates.json
``background_cues``), the prepositions that introduce an earlier happening
(grammar.json), the non-conflict senses of trigger words and the causes of accidents
(triggers.json). Each decision carries the span that shows it and a reason code."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from eventatlas.model import Span, When
from eventatlas.nlp.lexicon import Lexicon, first_phrase, fold, phrase_regex


class BackgroundReason:
    PAST_YEAR = "PAST_YEAR"  # "in 2009", "the 2015 attack": a year before the publication's
    PAST_RELATIVE = "PAST_RELATIVE"  # "last year", "en mars dernier", "nine years ago"
    ANTECEDENT = "ANTECEDENT"  # "apologizes for the unrest", "following a deadly attack": the earlier happening
    PLUPERFECT = "PLUPERFECT"  # "Le 28 septembre, cinq gendarmes avaient péri": the writer's past before the news


@dataclass(frozen=True, slots=True)
class Recalled:
    """A mention of a happening the article recalls from before its news."""
    date: When | None  # the (possibly coarse) date the cue gives; None when it gives none
    cue: Span
    reason: str  # BackgroundReason code

    def why(self) -> str:
        return f"background ({self.reason}): {self.cue.text!r}"


_YEAR = re.compile(r"(?<![\d/.-])(1[6-9]\d\d|20\d\d)(?![\d/])")


def _year(year: int, span: Span, rule: str) -> When:
    return When(dt.date(year, 1, 1), dt.date(year, 12, 31), 3, span, rule, ("year_only",))


def _month(year: int, month: int, span: Span, rule: str) -> When:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return When(dt.date(year, month, 1), nxt - dt.timedelta(days=1), 3, span, rule)


def _in_clause(m, start: int) -> bool:
    """The character starts a token of the trigger's own clause (or the trigger's sentence when the
    clause is unknown)."""
    return start in m.clause if m.clause else m.sent_span.start_char <= start < m.sent_span.end_char


def _beside_trigger(m, text: str, start: int, end: int) -> bool:
    """The span is part of the trigger's noun phrase: at most three words from it with no punctuation
    between ("bombing attacks nine years ago", "the 2006 bombing", "last year's attack"). A noun trigger's
    clause is the noun alone, so its own time words lie beside it, not in its clause."""
    t = m.trigger
    gap = text[end:t.start_char] if end <= t.start_char else text[t.end_char:start] if start >= t.end_char else ""
    return len(gap.split()) <= 3 and not any(ch in gap for ch in ",;:.()!?\n")


def _past_year(m, text: str, published: dt.date, lex: Lexicon) -> Recalled | None:
    s, e = m.sent_span.start_char, m.sent_span.end_char
    openers = lex.of("period_openers")
    for hit in _YEAR.finditer(text, s, e):
        year = int(hit.group(1))
        if year >= published.year or not (_in_clause(m, hit.start()) or _beside_trigger(m, text, hit.start(), hit.end())):
            continue
        before = fold(text[max(s, hit.start() - 12):hit.start()]).split()
        if before and before[-1] in openers:
            continue  # "the first attack since 2009": the year opens a period, the attack is today's
        span = Span.of(text, hit.start(), hit.end())
        return Recalled(_year(year, span, f"year only: {hit.group(1)!r}"), span, BackgroundReason.PAST_YEAR)
    return None


def _number(word: str, lex: Lexicon) -> int | None:
    if word.isdigit():
        return int(word)
    return lex.data.get("small_numbers", {}).get(word)


def _past_relative(m, text: str, published: dt.date, lex: Lexicon) -> Recalled | None:
    s, e = m.sent_span.start_char, m.sent_span.end_char
    folded = fold(text[s:e])
    months = [fold(x) for x in lex.data.get("months", ())]
    for cue in lex.data.get("background_cues", ()):
        pattern = cue["pattern"].replace("{months}", "|".join(months))
        for hit in re.finditer(pattern, folded):
            start = s + hit.start()
            if not _in_clause(m, start) and not _in_clause(m, s + hit.end() - 1) \
                    and not _beside_trigger(m, text, start, s + hit.end()):
                continue
            span = Span.of(text, start, s + hit.end())
            unit, rule = cue["unit"], f"{cue['unit']} before the publication: {span.text!r}"
            if unit == "year":
                date = _year(published.year - 1, span, rule)
            elif unit == "years_ago":
                n = _number(hit.group("n"), lex)
                date = _year(published.year - n, span, rule) if n else None
            elif unit == "month":
                y, mo = (published.year, published.month - 1) if published.month > 1 else (published.year - 1, 12)
                date = _month(y, mo, span, rule)
            elif unit == "named_month":
                groups = hit.groupdict()
                mo = months.index(groups.get("month") or groups["month2"]) + 1
                back = 1 if groups.get("month2") or mo >= published.month else 0
                date = _month(published.year - back, mo, span, rule)
            else:
                date = None
            return Recalled(date, span, BackgroundReason.PAST_RELATIVE)
    return None


def _antecedent(m, text: str, lex: Lexicon) -> Recalled | None:
    """"after a bombing yesterday that killed 16", "following a deadly attack": a happening named, as a
    noun phrase, as the cause or antecedent of what the sentence reports, unless the sentence's toll
    comes first ("three killed after an attack on their post" is the attack itself)."""
    if m.anaphoric or m.frame.kind == "claim":
        return None  # "claimed responsibility for the attack": the happening already told
    s = m.sent_span.start_char
    for start in antecedent_starts(text, s, m.trigger.start_char, lex):
        if m.deaths is not None and m.deaths.span.start_char < start:
            continue
        span = Span.of(text, start, m.trigger.end_char)
        return Recalled(None, span, BackgroundReason.ANTECEDENT)
    return None


def antecedent_starts(text: str, sent_start: int, trigger_start: int, lex: Lexicon) -> list[int]:
    """Where a phrase naming the trigger's happening as an antecedent opens ("following a deadly PKK
    attack", "after a bombing"), one per antecedent preposition that introduces it, within the sentence;
    none when the sentence opens on it ("After the attack, ...": a time frame, not a cause)."""
    before = fold(text[sent_start:trigger_start])
    determiners = lex.of("determiners") | lex.of("elided_articles")
    out = []
    for prep in lex.data.get("antecedent_prepositions", ()):
        hit = re.search(phrase_regex(prep).pattern + r"\s+((?:[\w'-]+\s+){0,4}(?:\w+')?)$", before)
        if hit is None or hit.start() == 0:
            continue
        gap = hit.group(1).replace("'", "' ").split()
        if not gap or gap[0] not in determiners or any(w in lex.of("time_nouns") for w in gap):
            continue  # "after securing control", "after armed men attacked", "over the past week has killed"
        out.append(sent_start + hit.start())
    return out


#: days before the publication from which a happening the writer tells in the pluperfect is a recalled one
#: (a reported "had been killed" of the day before is the news, told in the backshifted tense)
PLUPERFECT_DAYS = 3


def _recall_adverb(m, text: str, lex: Lexicon) -> Span | None:
    """"Previously, France had only carried out air strikes in Iraq": an adverb of the profile's
    pluperfect.recall_adverbs before the trigger, in its sentence, with the pluperfect sets it before the news."""
    s = m.sent_span.start_char
    before = fold(text[s:m.trigger.start_char])
    for adverb in (lex.data.get("pluperfect") or {}).get("recall_adverbs", ()):
        hit = phrase_regex(fold(adverb)).search(before)
        if hit is not None:
            return Span.of(text, s + hit.start(), s + hit.end())
    return None


def recalled_mention(m, text: str, published: dt.date | None, own_date: When | None, lex: Lexicon) -> Recalled | None:
    """How the text shows that the mention's happening is one it recalls, if it does. A mention with a
    date of its own within the news's time is never background (the date decides), unless the writer
    tells it in the pluperfect, dated days before the publication: a past set behind the news."""
    if own_date is not None and published is not None and m.pluperfect is not None and m.frame.kind == "none" \
            and own_date.precision == 1 and "publication_date" not in own_date.flags \
            and (published - own_date.end).days >= PLUPERFECT_DAYS:
        return Recalled(own_date, m.pluperfect, BackgroundReason.PLUPERFECT)
    if own_date is None and m.pluperfect is not None and m.frame.kind == "none":
        adverb = _recall_adverb(m, text, lex)
        if adverb is not None:
            return Recalled(None, adverb, BackgroundReason.PLUPERFECT)
    if own_date is not None and published is not None and (published - own_date.end).days < 30 \
            and "publication_date" not in own_date.flags:
        return None
    if published is not None:
        found = _past_year(m, text, published, lex) or _past_relative(m, text, published, lex)
        if found is not None:
            return found
    if own_date is not None:
        return None
    return _antecedent(m, text, lex)


#: actor kinds that can author political violence
HOSTILE_KINDS = frozenset({"military", "police", "group", "unidentified"})


#: sentences after an accident's in which deaths with no cue of their own are that accident's
ACCIDENT_FOLLOW = 2


def is_hostile(m, lex: Lexicon) -> bool:
    """The mention tells of a hostile act: a weapon, an armed author, or a kind of happening that is never
    an accident (a shootdown, an air strike, an abduction)."""
    prone = lex.of("accident_prone_classes")
    return m.modality == "fact" and (m.weapon is not None or any(c not in prone for c in m.classes)
                                     or any(a.kind in HOSTILE_KINDS and a.role == "perpetrator" for a in m.actors))


def accident(m, lex: Lexicon, last_accident: int | None = None) -> str | None:
    """"Five people are killed as a small plane crashes", "floods killing 10": deaths or a blast whose
    cause the sentence names as an accident, a disaster or a disease, with no weapon, no armed author
    and no other kind of conflict trigger; or such deaths told just after an accident ("Most of the
    people killed were pilgrims"). The cue found, or None."""
    prone = lex.of("accident_prone_classes")
    if not prone or m.weapon is not None or any(c not in prone for c in (m.sentence_classes or m.classes)):
        return None
    cues = lex.data.get("accident_cues", ())
    # "a train derailment kills two": an author whose own words name the accident is no hostile one
    if any(a.kind in HOSTILE_KINDS and a.role == "perpetrator" and first_phrase(fold(a.text), cues) is None
           for a in m.actors):
        return None
    found = first_phrase(fold(m.sent_span.text), cues)
    if found is not None:
        return found[0]
    if last_accident is not None and 0 < m.sent_index - last_accident <= ACCIDENT_FOLLOW:
        return "the accident told just before"
    return None
