"""extract_many parses documents together (nlp.pipe) and gives exactly what extract gives each one,
errors included, in input order, whatever the mix of languages and sizes."""
from __future__ import annotations

import datetime as dt

from eventatlas.errors import EventAtlasError
from eventatlas.extract import extract, extract_many
from eventatlas.model import Document, event_to_dict
from eventatlas.nlp.pipeline import BATCH_MAX_CHARS

FR = "NIAMEY, 3 mars – Une mine artisanale a explosé samedi au passage d'un véhicule militaire près de Tillabéri, tuant quatre soldats."
EN = "BAGHDAD, March 9 – A roadside bomb exploded near a market in Baqubah on Sunday, killing two civilians, police said."
DE = "Die Regierung hat am Montag in Berlin neue Gesetze beschlossen, die im nächsten Jahr gelten sollen."


def _doc(i: int, text: str, lang: str | None = None) -> Document:
    return Document(id=f"d{i}", text=text, lang=lang, published=dt.date(2024, 3, 12), source_path=f"d{i}.txt")


def _result(outcome):
    if isinstance(outcome, Exception):
        return type(outcome).__name__, getattr(outcome, "code", None)
    return [event_to_dict(e) for e in outcome]


def _one(doc):
    try:
        return _result(extract(doc))
    except Exception as exc:  # noqa: BLE001 - compared as a result
        return _result(exc)


def test_the_same_as_extract_one_by_one():
    long_text = "\n\n".join([EN] * (BATCH_MAX_CHARS // len(EN) + 2))  # parsed alone, not in the batch
    docs = [_doc(0, FR), _doc(1, EN), _doc(2, DE), _doc(3, FR.replace("quatre", "cinq")), _doc(4, long_text),
            _doc(5, EN, lang="en"), _doc(6, EN)]  # a repeated text too
    together = [_result(r) for r in extract_many(docs)]
    assert together == [_one(d) for d in docs]
    assert together[2] == ("UnsupportedLanguage", "EA004")
    assert all(isinstance(r, list) and r for i, r in enumerate(together) if i != 2)


def test_errors_are_returned_not_raised():
    out = extract_many([_doc(0, DE), _doc(1, EN)])
    assert isinstance(out[0], EventAtlasError) and out[0].code == "EA004"
    assert isinstance(out[1], list) and out[1]
