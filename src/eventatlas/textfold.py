"""Text folding: the one way eventatlas compares words regardless of case, apostrophes and accents.

``fold`` is what the extractor matches its language profiles with ("Abattu", "abattu" and "abattú"
are one key; "l’armée" and "l'armée" too), what the gazetteer indexes names by (``spell_out=True``)
and what the evaluation compares names with (``fold_words``). ``fold_case`` keeps accents, for the
words where an accent makes a different word ("marché", market, is not "marche", march).

Offsets: for Latin text ``fold`` writes one character for each character it reads (the apostrophes
and the letters of ``ONE_LETTER`` are replaced one for one, an accent is dropped from its letter),
so a phrase found at offset i of ``fold(text)`` is at offset i of ``text``. Callers that rely on this
check it on the span they cut (some compatibility characters, such as the ligature "ﬁ" or an
ellipsis, do spell out longer). ``spell_out=True`` also writes the letters without a one-letter form
as two (ß ss, æ ae, œ oe, þ th) and drops the transliteration marks ʻ ʼ ʿ ʾ ("Maʿarrat" is
"maarrat"): for keys compared whole, such as place names, never for offsets into a text.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Typographic apostrophes and the backtick, read as the plain apostrophe.
APOSTROPHES = "’‘`"
#: Letters Unicode does not decompose that have a one-letter Latin form.
ONE_LETTER = {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d"}
#: Letters written as two (``spell_out``) and transliteration marks dropped.
SPELLED_OUT = {"þ": "th", "ß": "ss", "æ": "ae", "œ": "oe", "ʻ": "", "ʼ": "", "ʿ": "", "ʾ": ""}

_PLAIN_APOSTROPHES = str.maketrans({a: "'" for a in APOSTROPHES})
_SAME_LENGTH = str.maketrans({**{a: "'" for a in APOSTROPHES}, **ONE_LETTER})
_SPELL_OUT = str.maketrans(SPELLED_OUT)
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_CACHED_UP_TO = 40  # words and short phrases repeat endlessly in news: remember their folds


def _fold(text: str, spell_out: bool) -> str:
    text = text.lower().translate(_SAME_LENGTH)
    if spell_out:
        text = text.translate(_SPELL_OUT)
    return text if text.isascii() else strip_accents(text)


def strip_accents(text: str) -> str:
    """Accents (combining marks) dropped, compatibility forms decomposed, case kept: "Şalāḩ" -> "Salah"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# one cache per mode, keyed on the text alone: fold runs on every token of every document
_fold_short = lru_cache(maxsize=1 << 16)(lambda text: _fold(text, False))
_fold_short_spelled = lru_cache(maxsize=1 << 16)(lambda text: _fold(text, True))


def fold(text: str, spell_out: bool = False) -> str:
    """Lower case, plain apostrophes, accents dropped: the key words are compared on."""
    if len(text) <= _CACHED_UP_TO:
        return _fold_short_spelled(text) if spell_out else _fold_short(text)
    return _fold(text, spell_out)


@lru_cache(maxsize=1 << 16)
def fold_case(text: str) -> str:
    """Lower case and plain apostrophes, accents kept: "marché" (market) is not "marche" (march)."""
    return unicodedata.normalize("NFC", text.translate(_PLAIN_APOSTROPHES).lower())


def fold_words(text) -> list[str]:
    """The ASCII letter-and-digit words of ``fold(text, spell_out=True)``, for names compared as
    keys: "Şalāḩ ad-Dīn" gives ["salah", "ad", "din"]. An apostrophe or a letter with no Latin form
    is dropped inside its word, the way transliterations differ ("Bur Sa‘id" is "Bur Said", "Ra's"
    is "Ras"); any other character (space, punctuation) separates words."""
    folded = fold(str(text or ""), spell_out=True).replace("'", "")
    return _NOT_WORD.sub(" ", folded.encode("ascii", "ignore").decode()).split()
