"""The extractor on random short texts built from trigger words, places, numbers, dates and noise:
valid records whose every span satisfies text[start:end] == text, or a coded error."""
from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from eventatlas.extract import extract
from eventatlas.ingest.readers import document_from_text
from eventatlas.model import event_to_dict
from eventatlas.settings import Settings

from .support import examples, outcome

VOCAB = {
    "fr": ["attaque", "attentat", "explosion", "tués", "blessés", "manifestation", "affrontements", "bombardement",
           "enlevé", "Goma", "Bamako", "Kirkouk", "Paris", "Nord-Kivu", "à", "près de", "dans", "des milliers de",
           "trois", "au moins 12", "une dizaine de", "le 31 février", "hier", "la veille", "lundi dernier",
           "le 3 mai 2023", "soldats", "rebelles", "M23", "selon", "l'armée", "a déclaré", "aurait", ".", ",", "\n",
           "«", "»", "é", "<script>", "&amp;", "🙂", "  "],
    "en": ["attack", "bombing", "explosion", "killed", "wounded", "protest", "clashes", "airstrike", "kidnapped",
           "Kirkuk", "Lagos", "Goma", "Borno", "London", "in", "near", "thousands of", "three", "at least 12",
           "dozens", "on 31 February", "yesterday", "the day before", "last Monday", "May 3, 2023", "soldiers",
           "militants", "Boko Haram", "police said", "reportedly", "allegedly", ".", ",", "\n", '"', "<b>", "🙂", "  "],
}


def _spans(node, path="record"):
    """Every {text, start_char, end_char} dict in a record, with where it is."""
    if isinstance(node, dict):
        if {"text", "start_char", "end_char"} <= node.keys():
            yield path, node
        for k, v in node.items():
            yield from _spans(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _spans(v, f"{path}[{i}]")


@examples(120)
@given(data=st.data(), lang=st.sampled_from(["fr", "en", "auto"]),
       published=st.one_of(st.none(), st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 1, 1))))
def test_random_texts_give_valid_records_or_a_coded_error(data, lang, published):
    pool = VOCAB["en" if lang == "en" else "fr"] if lang != "auto" else VOCAB["fr"] + VOCAB["en"]
    text = " ".join(data.draw(st.lists(st.sampled_from(pool), min_size=1, max_size=30)))

    def run():
        doc = document_from_text(text, published=published, lang=None if lang == "auto" else lang)
        return doc, extract(doc, lang=lang, settings=Settings())

    result, err = outcome(run)
    if err is not None:
        assert err.code in ("EA002", "EA004"), err
        return
    doc, events = result
    for ev in events:
        record = event_to_dict(ev)
        for where, span in _spans(record):
            if span["text"] is None:
                continue
            assert doc.text[span["start_char"]:span["end_char"]] == span["text"], where
