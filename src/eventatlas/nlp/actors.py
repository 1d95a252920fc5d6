"""Actors: the noun phrases that fill perpetrator / target / victim / claimant / source roles,
their kind (state military, police, civilians, named group, ...) and an ACLED-style name.

The name needs the event's country for state forces and civilians ("Military Forces of Iraq"),
so this module returns an ``ActorRef`` with the kind and the country the phrase itself names;
``acled_name`` completes it once the event's place is known.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from eventatlas.nlp.lexicon import Lexicon, fold
from eventatlas.nlp.pipeline import text_of

CUT_DEPS = {"acl", "acl:relcl", "relcl", "appos", "ccomp", "advcl", "punct", "parataxis", "dep", "cc", "conj",
            "mark", "obl:mod"}
DETERMINERS = {"le", "la", "les", "l'", "un", "une", "des", "du", "de", "d'", "the", "a", "an", "ce", "cette", "ces",
               "son", "sa", "ses", "leur", "leurs", "its", "their", "his", "her"}


@dataclass(frozen=True, slots=True)
class ActorRef:
    role: str
    kind: str  # military | police | civilian | unidentified | protester | rioter | group | outlet | other
    text: str
    start_char: int
    end_char: int
    head: str  # folded lemma of the head noun (for coreference)
    country: str | None  # ACLED country name named in the phrase itself ("armée irakienne" -> Iraq)
    group: str | None  # canonical name of a named group, when one is named
    rule: str
    anaphoric: bool = False


@lru_cache(maxsize=1)
def _actor_data() -> dict:
    return json.loads(resources.files("eventatlas.nlp").joinpath("data", "actors.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _group_patterns() -> list[tuple[re.Pattern, dict]]:
    out = []
    for g in _actor_data()["groups"]:
        alts = sorted((re.escape(fold(a)).replace(r"\-", r"[-\s]?").replace(r"\ ", r"[-\s]+") for a in g["aliases"]),
                      key=len, reverse=True)
        out.append((re.compile(r"(?<![\w])(?:" + "|".join(alts) + r")(?![\w])"), g))
    return out


def known_group(text: str) -> tuple[dict, tuple[int, int]] | None:
    """The catalogued group a phrase names, with the match offsets in the phrase."""
    folded = fold(text)
    for rx, g in _group_patterns():
        for m in rx.finditer(folded):
            raw = text[m.start():m.end()]
            # short all-caps aliases ("EI", "IS", "AP") count only when written in capitals
            if len(raw) <= 3 and not raw.isupper():
                continue
            return g, (m.start(), m.end())
    return None


def acled_name(ref: ActorRef, event_country: str | None) -> str:
    """ACLED-style actor name: state forces and civilians by country, catalogued groups by their
    ACLED name, anything else as the text says it (determiners dropped)."""
    country = ref.country or event_country
    data = _actor_data()
    if ref.group:
        g = next((g for g in data["groups"] if g["name"] == ref.group), None)
        if g and g.get("country_in_name") and country:
            return f"{g['name']} ({country})"
        return ref.group
    template = data["state_kinds"].get(ref.kind)
    if ref.country is None and fold(ref.head) in OBJECT_HEADS:
        template = None  # "un convoi" in Iraq may be anyone's convoy: keep the words, do not guess the owner
    if template and country:
        return template.format(country=country)
    words = ref.text.split()
    while len(words) > 1 and fold(words[0]) in DETERMINERS:
        words = words[1:]
    text = " ".join(words)
    for article in ("l'", "l’", "d'", "d’"):
        if text.lower().startswith(article):
            text = text[len(article):]
    return text or ref.text


def phrase_tokens(token) -> list:
    """The noun phrase headed by `token`, without relative clauses, appositions or coordinated
    clauses, so "un convoi transportant des ... dirigée par les États-Unis" stays "un convoi"."""
    keep = [token]
    stack = [c for c in token.children]
    while stack:
        child = stack.pop()
        glued = child.text in ("-", "'", "’", "«", "»", "\"", "“", "”") and child.dep_ in ("punct", "dep", "nmod", "flat", "flat:name")
        if (child.dep_ in CUT_DEPS or child.dep_.startswith("acl")) and not glued:
            continue
        keep.append(child)
        stack.extend(child.children)
    keep.sort(key=lambda t: t.i)
    # contiguous run around the head only (a non-projective parse can scatter tokens)
    idx = {t.i for t in keep}
    lo = hi = token.i
    while lo - 1 in idx:
        lo -= 1
    while hi + 1 in idx:
        hi += 1
    doc = token.doc
    # names the parser splits ("Qasem al-Jabbarin"): run on over proper nouns and glued hyphens
    while hi + 1 < len(doc) and hi + 1 < token.sent.end:
        nxt, cur = doc[hi + 1], doc[hi]
        glued = not cur.whitespace_ and nxt.text[:1].isalnum() or nxt.text in ("-",) and not cur.whitespace_
        if (nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and fold(token.lemma_) not in ("selon",)) or glued \
                or (nxt.lower_ in ("al", "el", "ad", "as", "an", "bin", "ibn", "abu") and cur.pos_ == "PROPN"):
            if nxt.is_space or nxt.text in (",", ".", ";", ":"):
                break
            hi += 1
            if hi not in idx:
                idx.add(hi)
                keep.append(nxt)
        else:
            break
    toks = [t for t in sorted(keep, key=lambda t: t.i) if lo <= t.i <= hi]
    while toks and ((toks[-1].is_punct and toks[-1].text not in ("»", "”")) or toks[-1].pos_ in ("ADP", "CCONJ", "DET")):
        toks.pop()
    while toks and (toks[0].is_punct or toks[0].pos_ in ("ADP", "CCONJ")):
        toks.pop(0)
    return toks or [token]


def classify_phrase(toks, lex: Lexicon, country_of) -> tuple[str, str | None, str | None, str]:
    """(kind, country, group, rule) of a noun phrase."""
    text = " ".join(t.text for t in toks)
    hit = known_group(text)
    country = None
    for t in toks:
        if t.pos_ in ("ADJ", "PROPN", "NOUN") and t.text[:1].isalpha():
            found = country_of(t.text)
            if found:
                country = found[1]
                break
    if hit:
        return "group", country, hit[0]["name"], f"catalogued group {hit[0]['name']!r}"
    folded = fold(text)
    lemmas = {fold(t.lemma_) for t in toks} | {fold(t.text) for t in toks}
    for kind, key in (("unidentified", "unidentified_nouns"), ("rioter", "rioter_nouns"),
                      ("protester", "protester_nouns"), ("police", "police_nouns"),
                      ("military", "military_nouns"), ("civilian", "civilian_nouns")):
        for entry in lex.data[key]:
            e = fold(entry)
            if (" " in e and e in folded) or e in lemmas:
                if kind == "civilian" and country is None and any(t.pos_ == "PROPN" for t in toks):
                    continue
                return kind, country, None, f"{key[:-6]} noun {entry!r}"
    if any(t.pos_ == "PROPN" for t in toks):
        return "group", country, None, "proper noun"
    return "other", country, None, "noun phrase"


OBJECT_HEADS = {"convoi", "convoy", "camion", "truck", "vehicule", "vehicle", "base", "poste", "post", "patrouille",
                "patrol", "appareil", "aircraft", "helicoptere", "helicopter", "avion", "plane", "coalition", "checkpoint"}
TIME_NOUNS = {"veille", "lendemain", "jour", "journee", "semaine", "mois", "annee", "an", "matin", "soir", "nuit",
              "apres-midi", "day", "week", "month", "year", "morning", "evening", "night", "afternoon", "weekend",
              "hier", "yesterday", "today", "heure", "hour", "minute",
              "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "monday", "tuesday",
              "wednesday", "thursday", "friday", "saturday", "sunday"}


def make_actor(role: str, head_token, lex: Lexicon, country_of, rule: str) -> ActorRef | None:
    if head_token.pos_ == "PRON" or head_token.is_stop and head_token.pos_ != "PROPN":
        return None
    if fold(head_token.lemma_) in TIME_NOUNS or head_token.ent_type_ in ("DATE", "TIME"):
        return None
    toks = phrase_tokens(head_token)
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    doc_text = text_of(head_token.doc)
    kind, country, group, why = classify_phrase(toks, lex, country_of)
    if group is None:
        # the name may run past the cut phrase ("Groupe de soutien à l'islam et aux musulmans (JNIM)")
        sent_end = head_token.sent.end_char
        tail = doc_text[start:min(sent_end, end + 60)]
        close = tail.find(")")
        window = tail[:close + 1] if 0 <= close < len(tail) else doc_text[start:min(sent_end, end + 40)]
        hit = known_group(window)
        if hit and hit[1][0] <= (end - start) + 3:
            kind, group, why = "group", hit[0]["name"], f"catalogued group {hit[0]['name']!r} named with the phrase"
    head = fold(head_token.lemma_)
    anaphoric = (head in lex.words["group_anaphora"] or fold(head_token.text) in lex.words["group_anaphora"]) \
        and group is None and not any(t.pos_ == "PROPN" for t in toks)
    return ActorRef(role, kind, doc_text[start:end], start, end, head, country, group, f"{rule}; {why}", anaphoric)
