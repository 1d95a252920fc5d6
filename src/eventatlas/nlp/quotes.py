"""Quotations and speakers beyond one sentence.

A quote in real prose often runs over several sentences or paragraphs (« ... » opened in one paragraph,
reopened at the head of the next and closed later), is introduced by a sentence of its own ("Le
porte-parole de l'armée a déclaré lundi à la télévision :") or closed by an incise whose speaker is a
pronoun (« ... », a-t-il déclaré). These helpers find, in the parse of the whole article, the quotation
around a character, the sentences beside it, and the person a pronoun speaker points back to. They read
the Doc and return its tokens; attribution.py builds the frames.
"""
from __future__ import annotations

#: opening mark -> closing mark
QUOTES = {"«": "»", "“": "”", '"': '"'}
#: how many sentences back a pronoun speaker ("a-t-il ajouté") may point
ANTECEDENT_SENTENCES = 3


def quote_spans(text: str, base: int = 0) -> list[tuple[int, int]]:
    """(start, end) of every quotation in ``text``, offsets shifted by ``base``. A French quote that
    continues over paragraphs reopens with « at each paragraph and closes once: the first closing
    mark after the opening one ends it."""
    out, i = [], 0
    while i < len(text):
        close = QUOTES.get(text[i])
        if close:
            j = text.find(close, i + 1)
            if j > i:
                out.append((base + i, base + j + 1))
                i = j + 1
                continue
        i += 1
    return out


def document_quotes(doc) -> list[tuple[int, int]]:
    """The article's quotations, computed once per parse."""
    found = doc.user_data.get("eventatlas_quotes")
    if found is None:
        found = quote_spans(doc.text)
        doc.user_data["eventatlas_quotes"] = found
    return found


def quote_around(doc, char: int) -> tuple[int, int] | None:
    """The quotation that holds the character at ``char``, if any."""
    return next(((a, b) for a, b in document_quotes(doc) if a < char < b), None)


def token_at(doc, char: int):
    """The token that starts at or covers ``char``."""
    return next((t for t in doc if t.idx <= char < t.idx + max(len(t.text), 1)), None)


def sentences_before(doc, char: int, n: int = ANTECEDENT_SENTENCES) -> list:
    """Up to ``n`` whole sentences that end before ``char``, nearest first."""
    before = [s for s in doc.sents if s.end_char <= char and s.text.strip()]
    return list(reversed(before[-n:]))


def pronoun_subject(verb) -> bool:
    """The verb's subject is a pronoun ("il a déclaré", the inverted "a-t-il déclaré", "he said")."""
    return any(c.dep_ in ("nsubj", "nsubj:pass", "expl:subj") and c.pos_ == "PRON" for c in verb.children)
