"""Who is who across articles and languages: the actor catalogue's identities, for merging.

"Daech" in a French report and "Islamic State (Iraq)" in an English one are the same actor; so are
"brigade Saraya al-Mukhtar" and "Saraya al-Mukhtar Brigade". ``actor_key`` turns an actor name into
a key that two reports of one actor share:

* a name the catalogue knows (``nlp/data/actors.json``: its ``groups`` and its ``identities``, plus the
  user's catalogue named by the ``actor_catalogue`` setting, whose entries replace packaged ones with
  the same ``id``) gives ``id:<identity id>``;
* any other name is transliterated to ASCII (anyascii: Arabic or Cyrillic script as Latin letters),
  cut into words with the catalogue's ``name_particles`` (al-, el-, the, de, ...) left out and plural
  ``s`` dropped, and the words sorted: ``name:<words>``, so word order does not matter;
* a name with no capital letter ("a little-known group", "des hommes armés") or one the catalogue's
  ``generic_prefixes`` mark as unnamed ("Unidentified Armed Group (Iraq)") gives ``weak:<words>``:
  such a description fits any named actor.

``same_actor`` compares two keys: equal keys, or two ``name:`` keys whose word sets contain one
another (two words at least) or whose spellings are close (``NAME_SIMILARITY``: "Qasem" / "Qassem").
"""
from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from anyascii import anyascii

from eventatlas.errors import BadOption

#: Two unknown names whose sorted words are at least this similar (difflib ratio) are one actor.
NAME_SIMILARITY = 0.88
_BRACKETS = re.compile(r"\s*\([^)]*\)\s*")
_NON_WORD = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Identities by id and an index from folded alias to id."""

    names: dict[str, str]  # id -> canonical name
    index: dict[str, str]  # alias words -> id
    particles: frozenset[str]
    generic: tuple[str, ...]
    state_forces: tuple[re.Pattern, ...]  # "Military Forces of X", "Police Forces of X": one state's forces
    governs: dict[str, tuple[str, str]]  # id -> (country words, ISO date from which it governs)


def _words(text: str, particles: frozenset[str]) -> tuple[str, ...]:
    ascii_text = anyascii(text).lower().replace("'", " ")
    out = []
    for word in _NON_WORD.split(ascii_text):
        if not word or word in particles:
            continue
        out.append(word[:-1] if len(word) > 3 and word.endswith("s") else word)
    return tuple(sorted(out))


def _plain(text: str) -> str:
    return " ".join(w for w in _NON_WORD.split(anyascii(text).lower()) if w)


def _read_catalogue_file(path: str) -> dict:
    try:
        return json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise BadOption(f"actor_catalogue {path!r} is not a readable JSON catalogue ({exc})") from None


@lru_cache(maxsize=8)
def load_catalogue(user_path: str = "") -> Catalogue:
    """The packaged catalogue, with the user's file (same format: ``groups`` and/or ``identities``)
    merged over it: a user entry replaces the packaged entry with the same ``id``."""
    packaged = json.loads(resources.files("eventatlas.nlp").joinpath("data", "actors.json").read_text("utf-8"))
    entries: dict[str, dict] = {}
    sources = [packaged] + ([_read_catalogue_file(user_path)] if user_path else [])
    for data in sources:
        for entry in list(data.get("groups") or ()) + list(data.get("identities") or ()):
            ident = entry.get("id") or entry.get("name")
            if not ident or not isinstance(entry.get("aliases", []), list):
                raise BadOption(f"actor catalogue entry without an id or with bad aliases: {entry!r}")
            entries[ident] = entry
    particles = frozenset(packaged.get("name_particles") or ())
    generic = tuple(_plain(g) for g in packaged.get("generic_prefixes") or ())
    index: dict[str, str] = {}
    names: dict[str, str] = {}
    governs: dict[str, tuple[str, str]] = {}
    for ident, entry in entries.items():
        names[ident] = entry.get("name") or ident
        rule = entry.get("governs")
        if rule:
            if not (isinstance(rule, dict) and rule.get("country") and _is_iso_date(rule.get("since"))):
                raise BadOption(f"actor catalogue entry {ident!r}: 'governs' needs a country and a 'since' date "
                                f"(YYYY-MM-DD), not {rule!r}")
            governs[ident] = (" ".join(_words(rule["country"], particles)), rule["since"])
        for alias in [entry.get("name") or ""] + list(entry.get("aliases") or ()):
            key = " ".join(_words(_BRACKETS.sub(" ", alias), particles))
            if key:
                index.setdefault(key, ident)
    kinds = packaged.get("state_kinds") or {}
    state_forces = tuple(re.compile("^" + re.escape(kinds[kind]).replace(r"\{country\}", "(.+)") + "$", re.I)
                         for kind in ("military", "police") if kind in kinds)
    return Catalogue(names, index, particles, generic, state_forces, governs)


def _is_iso_date(value) -> bool:
    return isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None


def _catalogue() -> Catalogue:
    from eventatlas.settings import load_settings
    return load_catalogue(load_settings().actor_catalogue)


#: Spellings one Arabic, Persian or Pashto sound is transliterated with, folded to one letter
#: (Mokha / Mocha, Nassiriya / Nasiriyah, Falluja / Fallujah): longest first.
_SPELLING_FOLDS = (("kh", "k"), ("ch", "k"), ("ck", "k"), ("q", "k"), ("c", "k"), ("dh", "d"), ("th", "t"),
                   ("gh", "g"), ("dj", "j"), ("ph", "f"), ("ou", "u"), ("ee", "i"), ("y", "i"))
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=1 << 15)
def spelling_key(word: str) -> str:
    """One word of a name as transliterations of one name share it: digraphs and letters that
    transliterate one sound folded, doubled letters single, a final 'h' after a vowel left out."""
    out = word.lower()
    for old, new in _SPELLING_FOLDS:
        out = out.replace(old, new)
    out = _DOUBLED.sub(r"\1", out)
    return out[:-1] if len(out) > 3 and out.endswith("h") and out[-2] in "aeiou" else out


def name_words(text: str) -> tuple[str, ...]:
    """A name's words as merging compares them: transliterated, particles left out, sorted."""
    return _words(text, _catalogue().particles)


def actor_key(name: str, place_words: frozenset[str] = frozenset()) -> str:
    """The key two reports of the same actor share (see the module docstring). ``place_words``: the
    words of the record's place; a "name" made only of them is a place read as an actor (weak)."""
    from eventatlas.settings import load_settings
    return _actor_key(name, place_words, load_settings().actor_catalogue)


def _known(words: tuple[str, ...], cat: Catalogue) -> str | None:
    """The catalogue identity of a name: exact words, a name holding a whole alias of two words or
    more ("Qassem al-Jabbarin Brigade" holds "Qassem al-Jabbarin"), or a close spelling."""
    joined = " ".join(words)
    if joined in cat.index:
        return cat.index[joined]
    have = set(words)
    best = None
    for alias, ident in cat.index.items():
        alias_words = alias.split()
        if len(alias_words) >= 2 and set(alias_words) <= have:
            if best is None or len(alias) > len(best[0]):
                best = (alias, ident)
    if best:
        return best[1]
    for alias, ident in sorted(cat.index.items()):
        if len(alias) >= 6 and difflib.SequenceMatcher(None, joined, alias).ratio() >= NAME_SIMILARITY:
            return ident
    return None


@lru_cache(maxsize=1 << 14)
def _actor_key(name: str, place_words: frozenset[str], user_path: str) -> str:
    cat = load_catalogue(user_path)
    base = _BRACKETS.sub(" ", name).strip()
    words = _words(base, cat.particles)
    joined = " ".join(words)
    if not joined:
        return ""
    if joined in cat.index:
        return "id:" + cat.index[joined]
    for pattern in cat.state_forces:  # one state's forces: compared by country, never by spelling
        found = pattern.match(base)
        if found:
            return "state:" + " ".join(_words(found.group(1), cat.particles)) + "|" + joined
    known = _known(words, cat)
    if known:
        return "id:" + known
    plain = _plain(base)
    if any(plain.startswith(g) for g in cat.generic if g) or set(words) <= place_words:
        return "weak:" + joined
    # A name is mostly capitalised words ("Saraya al-Mukhtar Brigade", "brigade Qasem al-Jabbarin");
    # a description is mostly not ("vehicle near Sinjar", "outskirts of Idlib").
    content = [w for w in re.split(r"[\s'’-]+", base) if w and _words(w, cat.particles)]
    capitalised = sum(1 for w in content if w[:1].isupper())
    if not content or capitalised * 2 <= len(content):
        return "weak:" + joined
    return "name:" + joined


def key_on(key: str, day: str | None) -> str:
    """``key`` as of the event's day (ISO): a group the catalogue says ``governs`` a country from a
    date on is that state's forces from then ("les forces talibanes" in 2025 are Afghanistan's army,
    however a report names them); before that date, and for any other key, ``key`` itself."""
    if not key.startswith("id:") or not day:
        return key
    rule = _catalogue().governs.get(key[3:])
    if rule is None or day[:10] < rule[1]:
        return key
    return f"state:{rule[0]}|{key[3:]}"


def is_named(key: str) -> bool:
    """A key that names an actor (not a description such as 'gunmen')."""
    return key.startswith(("id:", "name:", "state:"))


def _state_of(key: str, cat: Catalogue) -> str | None:
    if key.startswith("state:"):
        return key[6:].split("|", 1)[0]
    if key.startswith("id:"):
        name = cat.names.get(key[3:], "")
        for pattern in cat.state_forces:
            found = pattern.match(name)
            if found:
                return " ".join(_words(found.group(1), cat.particles))
    return None


def is_state_forces(key: str) -> bool:
    """A state's army or police: named, but present in most events of a country."""
    return _state_of(key, _catalogue()) is not None


def same_actor(a: str, b: str) -> bool:
    """One actor, or one state's forces (reports mix up army and police: "security forces")."""
    if a == b:
        return True
    cat = _catalogue()
    state_a, state_b = _state_of(a, cat), _state_of(b, cat)
    if state_a or state_b:
        return state_a == state_b
    if not (a.startswith("name:") and b.startswith("name:")):
        return False
    wa, wb = set(a[5:].split()), set(b[5:].split())
    if min(len(wa), len(wb)) >= 2 and (wa <= wb or wb <= wa):
        return True
    return difflib.SequenceMatcher(None, a[5:], b[5:]).ratio() >= NAME_SIMILARITY


def sides_compatible(x: frozenset[str], y: frozenset[str]) -> tuple[bool, str]:
    """Two reports' actors on one side (perpetrators, or targets): compatible unless both name actors
    and none of them is the same; returns the verdict and the matching (or clashing) names."""
    named_x, named_y = sorted(k for k in x if is_named(k)), sorted(k for k in y if is_named(k))
    if not named_x or not named_y:
        return True, "unnamed on one side"
    for kx in named_x:
        for ky in named_y:
            if same_actor(kx, ky):
                return True, f"same actor {kx}" + ("" if kx == ky else f" ~ {ky}")
    return False, f"{', '.join(named_x)} vs {', '.join(named_y)}"
