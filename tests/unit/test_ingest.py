"""eventatlas.ingest: files (text, HTML, JSONL, folders) become Documents, or coded errors.

A reader never raises for one bad input: it yields the error in the document's place, so
a batch goes on. Fixtures are small files written into tmp_path.
"""
from __future__ import annotations

import codecs
import datetime as dt
import json

import pytest

from eventatlas.errors import BadJsonLine, BinaryInput, DocumentTooLarge, EmptyDocument, UnreadableInput
from eventatlas.ingest import document_from_text, read_inputs, read_path
from eventatlas.ingest.readers import content_id, decode_bytes
from eventatlas.model import Document
from eventatlas.settings import Settings

FRENCH = ("Des hommes armés ont attaqué un poste de l'armée près de Djibo, au nord du Burkina Faso, "
          "tôt jeudi matin. Selon une source sécuritaire, trois soldats ont été tués et plusieurs blessés.\n")
ENGLISH = "Gunmen attacked an army post near Douentza, in central Mali, on Tuesday, killing four soldiers.\n"
ARABIC = "قتل ثلاثة جنود في هجوم على موقع للجيش قرب مدينة الموصل شمال العراق، وفق ما أفاد مصدر أمني.\n"

PAGE = """<!DOCTYPE html>
<html><head><title>Clashes near Gao | Sahel Wire</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article><h1>Clashes near Gao</h1>
<p>Soldiers and gunmen exchanged fire on Tuesday near the town of Gao, in northern Mali, a local official said.</p>
<p>The fighting lasted several hours before the attackers withdrew towards the river, residents said.</p>
<p>No toll was given. The army did not respond to requests for comment on the incident.</p>
</article></main>
<footer><p>Copyright 2024 Sahel Wire. All rights reserved. Privacy policy. Cookie settings.</p></footer>
</body></html>
"""


def only_document(path, settings=None) -> Document:
    items = list(read_path(path, settings))
    assert len(items) == 1, items
    assert isinstance(items[0], Document), items[0]
    return items[0]


def only_error(path, settings=None):
    items = list(read_path(path, settings))
    assert len(items) == 1, items
    assert not isinstance(items[0], Document), items[0]
    return items[0]


# --- plain text ------------------------------------------------------------------------------

def test_a_text_file_is_one_document_with_its_text_unchanged(write):
    doc = only_document(write("dispatch.txt", ENGLISH))
    assert doc.text == ENGLISH
    assert doc.source_path.endswith("dispatch.txt")
    assert doc.url is None and doc.title is None and doc.outlet is None and doc.published is None


def test_the_document_id_is_a_hash_of_the_content_and_stable(write):
    first = only_document(write("a.txt", FRENCH))
    again = only_document(write("copy/elsewhere.txt", FRENCH))
    other = only_document(write("b.txt", ENGLISH))
    assert first.id == again.id == content_id(FRENCH)
    assert first.id != other.id


def test_crlf_and_lone_cr_line_ends_become_newlines(write):
    doc = only_document(write("windows.txt", "Line one.\r\nLine two.\rLine three.\r\n"))
    assert doc.text == "Line one.\nLine two.\nLine three.\n"


def test_crlf_does_not_change_the_document_id(write):
    unix = only_document(write("unix.txt", FRENCH))
    windows = only_document(write("windows.txt", FRENCH.replace("\n", "\r\n")))
    assert unix.id == windows.id


# --- encodings -------------------------------------------------------------------------------

def test_utf8_byte_order_mark_is_dropped(write):
    doc = only_document(write("bom.txt", codecs.BOM_UTF8 + FRENCH.encode("utf-8")))
    assert doc.text == FRENCH


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [FRENCH, ARABIC], ids=["french", "arabic"])
def test_utf16_is_read_with_or_without_a_byte_order_mark(write, encoding, text):
    # "utf-16" writes a BOM; the -le / -be codecs write none, so the byte order must be guessed.
    doc = only_document(write("u16.txt", text.encode(encoding)))
    assert doc.text == text


def test_latin1_french_is_decoded(write):
    doc = only_document(write("latin1.txt", FRENCH.encode("latin-1")))
    assert doc.text == FRENCH


def test_windows1252_typographic_quotes_are_decoded(write):
    text = "Le ministre a déclaré : « c’est une attaque lâche » — sans plus de détails.\n"
    doc = only_document(write("cp1252.txt", text.encode("cp1252")))
    assert doc.text == text


def test_windows1256_arabic_is_decoded(write):
    doc = only_document(write("arabic.txt", ARABIC.encode("cp1256")))
    assert doc.text == ARABIC


def test_a_single_accented_word_in_latin1_is_not_misread():
    assert decode_bytes("Fête".encode("latin-1")) == "Fête"


# --- HTML --------------------------------------------------------------------------------------

def test_html_page_gives_its_main_text_without_navigation_or_footer(write):
    doc = only_document(write("page.html", PAGE))
    assert "Soldiers and gunmen exchanged fire on Tuesday near the town of Gao" in doc.text
    assert "The army did not respond" in doc.text
    assert "Sport" not in doc.text and "World news" not in doc.text  # nav
    assert "Copyright" not in doc.text and "Cookie" not in doc.text  # footer
    assert "<p>" not in doc.text
    assert doc.title == "Clashes near Gao"


def test_html_page_opens_with_its_headline(write):
    doc = only_document(write("page.html", PAGE))
    assert doc.text.startswith("Clashes near Gao\n")
    assert doc.text.count("Clashes near Gao") == 1


DATED_PAGES = {
    "meta": '<meta property="article:published_time" content="2024-05-08T09:14:00+00:00">',
    "json-ld": '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
               '"headline": "Clashes near Gao", "datePublished": "2024-05-08T09:14:00Z"}</script>',
    "time": "",
}


@pytest.mark.parametrize("where", sorted(DATED_PAGES))
def test_an_html_page_carries_the_publication_date_it_states(write, where):
    head = DATED_PAGES[where]
    body_date = '<p><time datetime="2024-05-08" pubdate>8 May 2024</time></p>' if where == "time" else ""
    page = PAGE.replace("</title></head>", f"</title>{head}</head>").replace("<h1>Clashes near Gao</h1>",
                                                                                f"<h1>Clashes near Gao</h1>{body_date}")
    doc = only_document(write("page.html", page))
    assert doc.published == dt.date(2024, 5, 8)


def test_the_date_a_page_states_wins_over_the_default_publication_date(write):
    page = PAGE.replace("</title></head>", "</title>" + DATED_PAGES["meta"] + "</head>")
    doc = only_document(write("page.html", page), Settings(default_published="2020-01-01"))
    assert doc.published == dt.date(2024, 5, 8)


def test_the_default_publication_date_stands_in_for_inputs_without_one(write):
    settings = Settings(default_published="2024-03-14")
    assert only_document(write("dispatch.txt", ENGLISH), settings).published == dt.date(2024, 3, 14)
    assert only_document(write("page.html", PAGE), settings).published == dt.date(2024, 3, 14)
    record = {"text": ENGLISH, "published": "2024-03-15"}
    dated = only_document(write("batch.jsonl", json.dumps(record) + "\n"), settings)
    assert dated.published == dt.date(2024, 3, 15)  # the record's own date wins


def test_html_is_recognised_by_content_whatever_the_suffix(write):
    doc = only_document(write("page.txt", PAGE))
    assert "exchanged fire" in doc.text and "Copyright" not in doc.text


def test_an_html_page_without_main_text_is_an_empty_document(write):
    error = only_error(write("blank.html", "<html><head><title>Soon</title></head><body><div></div></body></html>"))
    assert isinstance(error, EmptyDocument) and error.code == "EA002"


# --- JSONL -------------------------------------------------------------------------------------

def test_jsonl_metadata_lands_in_the_document_unchanged(write):
    record = {"id": "wire-2024-0042", "text": ENGLISH, "title": "Attack in central Mali",
              "published": "2024-03-14", "url": "https://example.org/mali/42", "outlet": "Sahel Wire"}
    path = write("batch.jsonl", json.dumps(record, ensure_ascii=False) + "\n")
    doc = only_document(path)
    assert doc.id == "wire-2024-0042"
    assert doc.text == "Attack in central Mali\n\n" + ENGLISH  # the headline is part of the document
    assert doc.title == "Attack in central Mali"
    assert doc.published == dt.date(2024, 3, 14)
    assert doc.url == "https://example.org/mali/42"
    assert doc.outlet == "Sahel Wire"
    assert doc.source_path == f"{path}:1"  # the line number says which record it was


def test_a_jsonl_line_without_id_gets_the_content_hash(write):
    doc = only_document(write("batch.jsonl", json.dumps({"text": FRENCH}) + "\n"))
    assert doc.id == content_id(FRENCH)


def test_jsonl_keeps_every_record_in_order_even_duplicates(write):
    lines = [json.dumps({"id": i, "text": t}) for i, t in (("a", FRENCH), ("b", ENGLISH), ("c", FRENCH))]
    docs = list(read_path(write("batch.jsonl", "\n".join(lines) + "\n\n")))
    assert [d.id for d in docs] == ["a", "b", "c"]


def test_a_bad_jsonl_line_is_an_error_in_its_place_and_the_other_lines_still_read(write):
    path = write("batch.jsonl", "\n".join([json.dumps({"id": "good-1", "text": ENGLISH}), "{not json",
                                           json.dumps({"id": "no-text", "body": "x"}),
                                           json.dumps({"id": "good-2", "text": FRENCH})]) + "\n")
    items = list(read_path(path))
    assert [type(i) for i in items] == [Document, BadJsonLine, BadJsonLine, Document]
    assert items[1].source == f"{path}:2" and items[1].code == "EA005"
    assert items[2].source == f"{path}:3"
    assert [items[0].id, items[3].id] == ["good-1", "good-2"]


def test_jsonl_text_may_hold_line_separator_characters(write):
    # U+2028 and U+0085 are legal unescaped inside JSON strings; only "\n" ends a JSONL line.
    text = "First paragraph.\u2028Second paragraph.\x85Third.\n"
    doc = only_document(write("batch.jsonl", json.dumps({"text": text}, ensure_ascii=False) + "\n"))
    assert doc.text == text


def test_jsonl_with_crlf_line_ends_is_read(write):
    lines = [json.dumps({"id": "a", "text": ENGLISH}), json.dumps({"id": "b", "text": FRENCH})]
    docs = list(read_path(write("batch.jsonl", "\r\n".join(lines) + "\r\n")))
    assert [d.id for d in docs] == ["a", "b"]


def test_html_inside_a_jsonl_record_is_extracted(write):
    doc = only_document(write("pages.jsonl", json.dumps({"id": "p1", "text": PAGE}) + "\n"))
    assert "exchanged fire" in doc.text and "Copyright" not in doc.text
    assert doc.title == "Clashes near Gao"


# --- folders and several inputs ---------------------------------------------------------------

def test_a_folder_is_read_recursively_in_name_order_skipping_hidden_files(write, tmp_path):
    write("corpus/b.txt", ENGLISH)
    write("corpus/a.txt", FRENCH)
    write("corpus/sub/c.jsonl", json.dumps({"id": "c1", "text": ENGLISH}) + "\n")
    write("corpus/.DS_Store", b"\x00\x01binary")
    write("corpus/expected.json", '{"events": []}')  # not an input: only known suffixes are read in folders
    write("corpus/photo.jpg", b"\xff\xd8\xff\xe0binary")
    docs = list(read_path(tmp_path / "corpus"))
    assert all(isinstance(d, Document) for d in docs), docs
    assert [d.source_path.split("corpus/")[1] for d in docs] == ["a.txt", "b.txt", "sub/c.jsonl:1"]


def test_a_file_named_explicitly_is_read_whatever_its_suffix(write):
    assert only_document(write("dispatch.article", ENGLISH)).text == ENGLISH


def test_read_inputs_chains_paths_and_yields_errors_in_place(write, tmp_path):
    items = list(read_inputs([write("a.txt", ENGLISH), tmp_path / "missing.txt", write("b.txt", FRENCH)]))
    assert [type(i) for i in items] == [Document, UnreadableInput, Document]


# --- coded errors --------------------------------------------------------------------------------

def test_a_missing_file_is_ea001(tmp_path):
    error = only_error(tmp_path / "nowhere.txt")
    assert isinstance(error, UnreadableInput) and str(error).startswith(f"EA001 {tmp_path / 'nowhere.txt'}: ")


@pytest.mark.parametrize("content", ["", "   \n\n\t  \n"], ids=["zero-bytes", "whitespace"])
def test_an_empty_file_is_ea002(write, content):
    assert isinstance(only_error(write("empty.txt", content)), EmptyDocument)


def test_binary_content_is_ea003(write):
    assert isinstance(only_error(write("photo.txt", bytes(range(256)) * 8)), BinaryInput)
    assert isinstance(only_error(write("noise.txt", bytes(range(1, 32)) * 50)), BinaryInput)


def test_a_file_over_max_document_bytes_is_ea006(write):
    settings = Settings(max_document_bytes=40)
    error = only_error(write("long.txt", ENGLISH), settings)
    assert isinstance(error, DocumentTooLarge) and "max_document_bytes=40" in str(error)
    assert isinstance(only_document(write("short.txt", "Shots were fired.\n"), settings), Document)


def test_in_jsonl_the_limit_applies_to_each_record(write):
    lines = [json.dumps({"id": "long", "text": ENGLISH}), json.dumps({"id": "short", "text": "Shots fired."})]
    items = list(read_path(write("batch.jsonl", "\n".join(lines)), Settings(max_document_bytes=40)))
    assert isinstance(items[0], DocumentTooLarge) and items[1].id == "short"


def test_document_from_text_refuses_blank_text():
    with pytest.raises(EmptyDocument):
        document_from_text("  \n ")
