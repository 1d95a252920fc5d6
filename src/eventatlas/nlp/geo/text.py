"""Folding and tokenising names so that a text's spelling meets the gazetteer's.

Two keys per name: the *exact* key (accents, case, apostrophes and hyphens folded,
Arabic articles al-/el-/ad-/as-/an-... unified) and the *loose* key (a transliteration
skeleton: ou/u, doubled letters, final -h, q/k..., spaces removed) that catches
"Touz Khourmatou" = "Tuz Khurmatu" or "Diwaniya" = "Diwaniyah". A loose match is
weaker evidence than an exact one, and the ranker knows which one fired.
"""
from __future__ import annotations

import re

from eventatlas.textfold import fold

from eventatlas.nlp.geo.sources import load_json

# Articles that transliterations of Arabic (and Berber, Persian) names spell many ways.
ARTICLES = frozenset(load_json("names.json")["arabic_articles"])
_WORD = re.compile(r"[^\W\d_]+")
_LOOSE_RULES = (("ou", "u"), ("oo", "u"), ("ee", "i"), ("dj", "j"), ("tch", "ch"), ("ch", "sh"),
                ("kh", "k"), ("gh", "g"), ("ph", "f"), ("q", "k"), ("y", "i"), ("w", "u"),
                ("ck", "k"), ("c", "k"), ("z", "s"))


def name_fold(text: str) -> str:
    """A name's folded form (textfold.fold, letters spelled out): "Ærøskøbing" -> "aeroskobing"."""
    return fold(text, spell_out=True)


def tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, folded word) for each letter run; apostrophes and hyphens separate words."""
    return [(m.start(), m.end(), name_fold(m.group())) for m in _WORD.finditer(text)]


def exact_key(words: list[str] | tuple[str, ...]) -> str:
    return " ".join("al" if w in ARTICLES and i < len(words) - 1 else w for i, w in enumerate(words))


def loose_word(word: str) -> str:
    for old, new in _LOOSE_RULES:
        word = word.replace(old, new)
    word = re.sub(r"(.)\1+", r"\1", word)
    if len(word) > 3 and word.endswith("h") and word[-2] in "aeiou":
        word = word[:-1]
    return word


def loose_key(words: list[str] | tuple[str, ...]) -> str:
    joined = "".join(loose_word("al" if w in ARTICLES and i < len(words) - 1 else w)
                     for i, w in enumerate(words))
    return re.sub(r"(.)\1+", r"\1", joined)  # "Ma'arrat" = "Maarat": doubles across word joins


_PROVINCE_RULES = (("dh", "d"), ("th", "d"), ("e", "i"))


def vowel_key(words: list[str] | tuple[str, ...]) -> str:
    """The loose key with e read as i and dh, th as d: Arabic has one vowel that transliterations
    write i or e ("Babel" = "Babil", "Idleb" = "Idlib") and one letter they write dh, th or d
    ("Thi Qar" = "Dhi Qar"). Too loose for towns (English words would match), it is kept for
    provinces, whose names are few."""
    return vowel_key_of(loose_key(words))


def vowel_key_of(loose: str) -> str:
    """``vowel_key`` from a loose key already computed (the scanner computes it once per phrase);
    plain replacements, no regex: it runs on every phrase the scanner looks up."""
    for old, new in _PROVINCE_RULES:
        loose = loose.replace(old, new)
    return loose


def name_words(name: str) -> list[str]:
    return [w for _, _, w in tokens(name)]


def is_latin(name: str) -> bool:
    """Names in other scripts never match a French or English text, so they are not indexed."""
    folded = name_fold(name)
    return bool(folded) and all(ord(ch) < 0x250 for ch in folded)


def name_variants(name: str) -> list[list[str]]:
    """The name's words, and the same without a leading article ("Al Hillah" -> "Hillah")."""
    words = name_words(name)
    out = [words] if words else []
    if len(words) > 1 and words[0] in ARTICLES:
        out.append(words[1:])
    return out
