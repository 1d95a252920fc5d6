"""Deaths and injuries: the tolls a sentence states ("five soldiers were killed", "une dizaine de
blessés", "no one was hurt"), each with its span and the rule that read it."""
from __future__ import annotations

import re

from eventatlas.model import Deaths, Span
from eventatlas.nlp.lexicon import Lexicon, first_phrase, fold
from eventatlas.nlp.numbers import find_quantities
from eventatlas.nlp.pipeline import text_of

#: dependents of the verbs above a number's noun that can hold the kill or injury word
TOLL_DEPS = ("nsubj", "obj", "dobj", "attr", "acomp", "amod", "conj", "xcomp", "oprd", "advmod")
#: a number's dependency on the noun it counts
COUNT_DEPS = ("nummod", "det", "quantmod", "nmod")


class Harm:
    """The record's kinds of toll."""
    KILLED = "killed"
    INJURED = "injured"


def _kill_context(token, lex: Lexicon, max_up: int = 3):
    """The kill or injury word governing a number's noun, if any: (kind, token)."""
    seen = _governing_words(token, max_up)
    for t in seen:
        if lex.token_in("injury_words", t):
            return Harm.INJURED, t
        if lex.token_in("kill_words", t) and not lex.token_in("saving_verbs", t.head):
            return Harm.KILLED, t  # "spare the life of one woman" is no death
    return None


def _governing_words(token, max_up: int):
    """The number's noun, its children, and the words above it up to the first verb (with that verb's
    toll dependents): "killed 40 fighters and freed 300 hostages": the hostages are the freeing's, and
    the climb stops at "freed"."""
    seen = [token] + list(token.children)
    cur = token
    for _ in range(max_up):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        seen.append(cur)
        seen.extend(c for c in cur.children if c.dep_ in TOLL_DEPS)
        if cur.pos_ == "VERB":
            break
    return seen


def _counted_noun(q, toks, people: frozenset):
    """The noun a quantity counts when it counts people ("cinq soldats", "une dizaine de personnes")."""
    num = toks[q.head]
    noun = num.head if num.dep_ in COUNT_DEPS and num.head.pos_ in ("NOUN", "PROPN", "ADJ", "VERB") else num
    if noun.i == num.i and q.head + 1 < len(toks):
        noun = next((t for t in toks[q.head + 1:q.head + 4] if t.pos_ in ("NOUN", "ADJ", "VERB")), num)
    for _ in range(2):
        # "13 minority Hazara men": the number hangs off a modifier of the people noun
        if noun.i != num.i and fold(noun.lemma_) not in people and noun.dep_ in ("compound", "amod") \
                and noun.head.pos_ == "NOUN":
            noun = noun.head
    if fold(noun.lemma_) not in people and fold(noun.text) not in people and noun.i != num.i:
        # "une dizaine de personnes": the people noun hangs off the approximate noun
        return next((c for c in num.children if fold(c.lemma_) in people), None)
    return noun


def _counted_tolls(sent, lex: Lexicon) -> tuple[list[Deaths], list[Deaths]]:
    toks = list(sent)
    killed, injured = [], []
    tolls = lex.of("toll_nouns")
    casualties = (lex.of("kill_words") | lex.of("injury_words")) - tolls
    people = lex.of("people_nouns") | casualties
    articles = lex.of("indefinite_articles")
    for q in find_quantities(toks, lex):
        num = toks[q.head]
        noun = _counted_noun(q, toks, people)
        if noun is None or lex.token_in("toll_nouns", noun):
            continue  # "selon un bilan de l'OSDH": a toll word counts no one when it is numbered itself
        if q.end - q.start == 1 and num.pos_ == "DET" and fold(num.text) in articles \
                and fold(noun.lemma_) not in casualties and fold(noun.text) not in casualties:
            # "un bilan de onze personnes", "selon un officier": an article, not a count; "un soldat a été
            # tué" is read by _singular_victim, "un mort" here (the noun is itself a casualty)
            continue
        ctx = _kill_context(noun, lex) or _kill_context(num, lex)
        if ctx is None:
            continue
        kind, word = ctx
        first = toks[q.start]
        last = max([word, noun, toks[q.end - 1]], key=lambda t: t.i)
        span = Span.of(text_of(sent.doc), min(first.idx, word.idx), last.idx + len(last.text))
        low, best, high, rule = q.low, q.best, q.high, q.rule
        if _with_self(noun, lex):
            # "blew himself up, killing himself and 11 others": the attacker is one of the dead
            low, best, high = (None if v is None else v + 1 for v in (low, best, high))
            rule = f"{rule}; the attacker and the others"
        if _subset(toks, q.start, lex):
            rule = f"{SUBSET}: {rule}"
        elif q.start > 0 and fold(toks[q.start - 1].text) in lex.of("definite_articles"):
            rule = f"{KNOWN}: {rule}"  # "two of the 12 initially killed": victims the text has told
        (killed if kind == Harm.KILLED else injured).append(Deaths(low, best, high, span, kind, rule))
    return killed, injured


#: the rule prefix of a group that a toll already counts ("9 morts, dont 3 assaillants")
SUBSET = "part of the toll before"
#: the rule prefix of a count with a definite article ("the 12 killed", "les douze morts"): victims already told
KNOWN = "victims named as known"


def _subset(toks, start: int, lex: Lexicon) -> bool:
    """The quantity is introduced by "dont", "including", "among them": a part of a toll already told."""
    before = " ".join(fold(t.text) for t in toks[max(0, start - 3):start])
    return any(re.search(r"(?<!\w)" + re.escape(fold(w)) + r"$", before.strip()) for w in lex.data.get("subset_words", ()))


def _with_self(noun, lex: Lexicon) -> bool:
    """"himself and 11 others": the counted noun is "others", joined to a reflexive pronoun."""
    if fold(noun.lemma_) not in lex.of("other_nouns"):
        return False
    near = [noun.head, *noun.head.children] if noun.dep_ == "conj" else list(noun.children)
    return any(fold(t.text) in lex.of("reflexive_victims") for t in near if t.i != noun.i)


def find_deaths(sent, lex: Lexicon) -> tuple[Deaths | None, Deaths | None]:
    """(deaths, injuries) the sentence states, each None when it states none."""
    killed, injured = _counted_tolls(sent, lex)
    # "un soldat et deux civils ont été tués", "tuant un colonel et quatre de ses hommes": a victim in the
    # singular beside the counted ones (a counted toll that runs from the verb past the singular noun to its
    # own noun does not hold it)
    counted = [(d.span.start_char, d.span.end_char) for d in killed]
    killed = killed + [d for d in _singular_victim(sent, lex)
                       if not any(a <= d.span.start_char < b <= d.span.end_char for a, b in counted)]
    killed.sort(key=lambda d: d.span.start_char)
    if not killed:
        killed = _no_casualties(sent, lex)
    return _combine(killed), _combine(injured)


def _no_casualties(sent, lex: Lexicon) -> list[Deaths]:
    """"No one was hurt", "sans faire de victimes": a stated toll of zero."""
    text = sent.text
    rx = lex.data.get("zero_casualty_regex")
    if rx:
        m = re.search(rx, text, re.IGNORECASE)
        if m:
            start = sent.start_char + m.start()
            return [Deaths(0, 0, 0, Span.of(text_of(sent.doc), start, sent.start_char + m.end()), Harm.KILLED,
                           f"no casualties: {m.group(0)!r}")]
    found = first_phrase(fold(text), lex.data.get("zero_casualty", ()))
    if found is None:
        return []
    phrase, m = found
    start = sent.start_char + m.start()
    return [Deaths(0, 0, 0, Span.of(text_of(sent.doc), start, start + len(phrase)), Harm.KILLED,
                   f"no casualties: {phrase!r}")]


def _singular_victim(sent, lex: Lexicon) -> list[Deaths]:
    """"un soldat a été tué", "a civilian was killed": one death without a numeral."""
    out = []
    articles = lex.of("indefinite_articles")
    for t in sent:
        if fold(t.lemma_) not in lex.of("kill_verbs") or t.pos_ != "VERB":
            continue
        for c in t.children:
            # the tagger may call a people noun an adjective ("Un manifestant a été tué": ADJ)
            if c.dep_ in ("nsubj:pass", "nsubjpass", "obj", "dobj") and c.pos_ in ("NOUN", "ADJ") \
                    and "Sing" in c.morph.get("Number") and fold(c.lemma_) in lex.of("people_nouns"):
                det = next((d for d in c.children if d.dep_ == "det"), None)
                if det is not None and fold(det.text) in articles:
                    lo, hi = min(det.i, t.i), max(c.i, t.i)
                    doc = t.doc
                    out.append(Deaths(1, 1, 1, Span.of(text_of(doc), doc[lo].idx, doc[hi].idx + len(doc[hi].text)),
                                      Harm.KILLED, "one victim named in the singular"))
    return out


def _combine(items: list[Deaths]) -> Deaths | None:
    if not items:
        return None
    whole = [d for d in items if not d.rule.startswith(SUBSET)]
    items = whole or items
    if len(items) == 1:
        return items[0]
    # several groups of victims in one sentence ("five soldiers and three civilians"): add them up
    def add(a, b):
        return None if a is None or b is None else a + b
    low, best, high = items[0].low, items[0].best, items[0].high
    for d in items[1:]:
        if d.span.start_char < items[0].span.end_char + 80:
            low, best, high = add(low, d.low), add(best, d.best), add(high, d.high)
    first = items[0].span
    return Deaths(low, best, high, Span(first.text, first.start_char, first.end_char), Harm.KILLED, "sum of victim groups")
