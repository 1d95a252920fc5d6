"""Every reader survives hostile bytes: a Document or a coded EventAtlasError, never another
exception, and a batch never loses a document."""
from __future__ import annotations

import codecs
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventatlas.errors import BinaryInput, DocumentTooLarge, EmptyDocument, EventAtlasError
from eventatlas.ingest import read_path
from eventatlas.ingest.readers import decode_bytes, read_jsonl
from eventatlas.model import Document
from eventatlas.settings import Settings

from .support import examples, lost, outcome, tried, typed

FR = "Trois soldats ont été tués jeudi près de Goma, selon l'armée congolaise. Des milliers de déplacés."
AR = "قتل ثلاثة جنود في هجوم قرب كركوك يوم الثلاثاء"
EN = "A roadside bomb killed four soldiers near Kirkuk on Tuesday, police said."


def read_all(path, settings=None) -> list:
    """read_path, each item checked: a Document with text, or a coded error with a code and a source."""
    items = []
    for item in read_path(path, settings or Settings()):
        if isinstance(item, EventAtlasError):
            typed()
            assert item.code.startswith("EA") and item.code != "EA000"
            assert "\n" not in str(item)
        else:
            assert isinstance(item, Document)
            assert item.text.strip() and "\r" not in item.text
        items.append(item)
    tried(max(1, len(items)))  # a JSONL file is one input per line
    return items


# --- named hostile inputs --------------------------------------------------------------------------

HOSTILE = {
    "empty.txt": (b"", EmptyDocument),
    "blank.txt": (b" \n\t\r\n  ", EmptyDocument),
    "binary.txt": (bytes(range(256)) * 8, BinaryInput),
    "png.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), BinaryInput),
    "truncated-utf8.txt": (FR.encode("utf-8")[:-1] + "é".encode("utf-8")[:1], None),
    "utf16-bom.txt": (codecs.BOM_UTF16_LE + FR.encode("utf-16-le"), None),
    "utf16be-bom.txt": (codecs.BOM_UTF16_BE + FR.encode("utf-16-be"), None),
    "utf16-nobom.txt": (FR.encode("utf-16-le"), None),
    "utf16be-nobom.txt": (FR.encode("utf-16-be"), None),
    "utf16-odd-length.txt": (codecs.BOM_UTF16_LE + FR.encode("utf-16-le") + b"\x41", None),
    "latin1.txt": (FR.encode("latin-1", errors="replace"), None),
    "cp1256.txt": (AR.encode("cp1256"), None),
    "utf8-bom.txt": (codecs.BOM_UTF8 + FR.encode("utf-8"), None),
    "bad-utf8-bom.txt": (codecs.BOM_UTF8 + b"\xff\xfe\xfa" + FR.encode("latin-1"), EventAtlasError),
    "nested.html": (("<html><body>" + "<div>" * 5000 + "<p>" + EN + "</p>" + "</div>" * 5000
                     + "</body></html>").encode(), (Document, EmptyDocument)),  # lxml gives up past its depth limit
    "malformed.html": (b"<html><body><p>" + EN.encode() + b"<div><span><table><tr><td></p></b></i><<<>>>&&&#xZZ;"
                       b"<!-- unterminated", None),
    "script-only.html": (b"<html><head><script>alert(1)</script></head><body><script>var x=1;</script></body></html>",
                         EmptyDocument),
    "broken.jsonl": (b'{"text": "' + EN.encode() + b'"}\n{"text": \n[1,2]\n{"id": 3}\n"just a string"\n'
                     b'{"text": 42}\n{"text": ""}\n{"text": "' + FR.encode() + b'", "published": "31 fevrier"}\n', None),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_gives_a_document_or_the_right_code(tmp_path, name):
    data, expected = HOSTILE[name]
    path = tmp_path / name
    path.write_bytes(data)
    items = read_all(path)
    assert items, f"{name}: nothing came back (document lost)"
    if expected is None:
        assert any(isinstance(i, Document) for i in items), items
    else:
        assert all(isinstance(i, expected) for i in items), items
    if expected == (Document, EmptyDocument):
        assert len(items) == 1


def test_encodings_decode_to_the_original_text():
    assert decode_bytes(codecs.BOM_UTF16_LE + FR.encode("utf-16-le")) == FR
    assert decode_bytes(FR.encode("utf-16-le")) == FR
    assert decode_bytes(FR.encode("utf-16-be")) == FR
    assert decode_bytes(FR.encode("latin-1")) == FR
    assert decode_bytes(AR.encode("cp1256")) == AR


@pytest.mark.parametrize("data", [
    FR.encode("utf-8") + "é".encode("utf-8")[:1],  # was read as Windows-1256: "tuأ©s"
    codecs.BOM_UTF8 + FR.encode("utf-8") + "€".encode("utf-8")[:2],  # was EA009
    codecs.BOM_UTF16_LE + FR.encode("utf-16-le") + b"A",  # odd length: was EA009
    codecs.BOM_UTF16_BE + FR.encode("utf-16-be") + "😀".encode("utf-16-be")[:2],  # half a surrogate pair: was EA009
    FR.encode("utf-16-le") + "😀".encode("utf-16-le")[:3],  # no BOM, cut in a pair: was EA003
], ids=["utf8", "utf8-bom", "utf16le-bom-odd", "utf16be-bom-surrogate", "utf16le-nobom-surrogate"])
def test_a_truncated_file_keeps_the_text_before_the_cut(data):
    assert decode_bytes(data) == FR


def test_broken_jsonl_lines_are_reported_one_by_one_and_the_good_ones_kept(tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_bytes(HOSTILE["broken.jsonl"][0])
    items = read_all(path)
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.text for d in docs] == [EN, FR]
    codes = sorted(i.code for i in items if isinstance(i, EventAtlasError))
    # line 2 not JSON, 3 list, 4 no text, 5 string, 6 text not a string, 7 empty text
    assert codes == ["EA002"] + ["EA005"] * 5, items
    assert docs[1].published is None  # "31 fevrier" is no date, and no crash


def test_scripts_never_reach_the_extracted_text(tmp_path):
    secret = "STEALCOOKIES"
    html = (f"<!doctype html><html><head><title>Goma</title><script>var {secret}=1;</script>"
            f"<style>.{secret}{{}}</style></head><body><article><p>{EN}</p><script>document.write('{secret}')"
            f"</script><p>{FR}</p><noscript>{secret}</noscript></article></body></html>")
    for name in ("page.html", "page.txt"):
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        docs = [i for i in read_all(path) if isinstance(i, Document)]
        assert docs and all(secret not in d.text and "<script" not in d.text for d in docs)
    line = json.dumps({"id": "h", "text": html})
    docs = [i for i in read_jsonl(line, "x.jsonl", Settings()) if isinstance(i, Document)]
    assert docs and secret not in docs[0].text


def test_max_document_bytes_applies_to_files_and_jsonl_lines(tmp_path):
    small = Settings(max_document_bytes=1000)
    big = tmp_path / "big.txt"
    big.write_text(EN * 100, encoding="utf-8")
    assert [type(i) for i in read_all(big, small)] == [DocumentTooLarge]
    lines = tmp_path / "mixed.jsonl"
    lines.write_text(json.dumps({"text": EN * 100}) + "\n" + json.dumps({"text": EN}) + "\n", encoding="utf-8")
    items = read_all(lines, small)
    assert isinstance(items[0], DocumentTooLarge) and isinstance(items[1], Document)


def test_a_folder_of_hostile_files_loses_no_document(tmp_path):
    """Every file of the folder answers at least once (a document or its error); the good ones all come through."""
    folder = tmp_path / "batch"
    folder.mkdir()
    for name, (data, _) in HOSTILE.items():
        (folder / name).write_bytes(data)
    good = {f"good-{i}.txt" for i in range(3)}
    for name in good:
        (folder / name).write_text(f"{EN} ({name})", encoding="utf-8")
    items = read_all(folder)
    answered = {str(i.source_path if isinstance(i, Document) else i.source).split("/")[-1].split(":")[0]
                for i in items}
    missing = (set(HOSTILE) | good) - answered
    lost(len(missing))
    assert not missing
    texts = {i.text for i in items if isinstance(i, Document)}
    assert all(any(name in t for t in texts) for name in good)


# --- properties ------------------------------------------------------------------------------------

def _check_items(items):
    for item in items:
        assert isinstance(item, (Document, EventAtlasError)), item
        if isinstance(item, EventAtlasError):
            typed()
        else:
            assert item.text.strip()


@examples(150)
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".html", ".jsonl", ".md", ""]))
def test_random_bytes_give_documents_or_coded_errors(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("rnd") / f"input{suffix}"
    path.write_bytes(data)
    items = list(read_path(path, Settings(max_document_bytes=2000)))
    tried(max(1, len(items)))
    _check_items(items)


TEXTS = st.one_of(st.text(max_size=400), st.sampled_from([FR, EN, AR]),
                  st.lists(st.sampled_from([FR, EN, "<p>", "</div>", "<script>x()</script>", "\r\n", "\x00", "{",
                                            '"text":', "\ufeff", "é", "\u2028"]), max_size=30).map("".join))


@examples(150)
@given(text=TEXTS, encoding=st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-16-be", "latin-1", "cp1256",
                                             "cp1252", "utf-8-sig"]),
       cut=st.integers(min_value=0, max_value=5))
def test_encoded_and_truncated_text_decodes_or_fails_coded(text, encoding, cut):
    data = text.encode(encoding, errors="replace")
    data = data[: max(0, len(data) - cut)]
    _, err = outcome(lambda: decode_bytes(data, "mem"))
    assert err is None or err.code in ("EA003", "EA009")


@examples(100)
@given(lines=st.lists(st.one_of(st.text(max_size=80), st.dictionaries(st.sampled_from(["text", "id", "title",
                                "published", "date", "lang", "url"]), st.one_of(st.text(max_size=60), st.integers(),
                                st.none(), st.lists(st.integers(), max_size=2)), max_size=5).map(json.dumps)),
                      max_size=8))
def test_jsonl_with_broken_lines(lines):
    items = list(read_jsonl("\n".join(lines), "mem.jsonl", Settings(max_document_bytes=500)))
    tried(max(1, len(items)))
    _check_items(items)
