"""Read inputs into Documents.

A reader never raises for one bad input: it yields the coded error in its place so that a
batch goes on and reports what it skipped.
"""
from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from eventatlas.errors import (BadJsonLine, BinaryInput, DocumentTooLarge, EmptyDocument, EventAtlasError,
                               UndecodableText, UnreadableInput)
from eventatlas.model import Document
from eventatlas.settings import Settings

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
#: Suffixes of the text, HTML and JSONL files read in a folder (feeds: ``ingest.feeds.FEED_SUFFIXES``).
FOLDER_SUFFIXES = HTML_SUFFIXES | JSONL_SUFFIXES | TEXT_SUFFIXES


def content_id(text: str) -> str:
    """Stable document id: a hash of the text, so the same article always gets the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def _parse_date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    import dateparser  # only for odd formats ("Tue, 03 Aug 2021 10:00:00 GMT")
    parsed = dateparser.parse(text, settings={"RETURN_AS_TIMEZONE_AWARE": False})
    return parsed.date() if parsed else None


def document_from_text(text: str, *, id: str | None = None, url: str | None = None, title: str | None = None,
                       outlet: str | None = None, published=None, lang: str | None = None,
                       source_path: str | None = None) -> Document:
    """Normalise newlines only: offsets must stay valid for the text the user sees."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyDocument("no text", source=source_path)
    return Document(id=str(id) if id not in (None, "") else content_id(text), text=text, lang=lang, url=url,
                    title=title, outlet=outlet, published=_parse_date(published), source_path=source_path)


def decode_bytes(data: bytes, source: str | None = None) -> str:
    """Decode with BOM detection, then UTF-16 without BOM, then UTF-8, then the legacy single-byte
    encodings French and Arabic news sites still use (Windows-1252 / Latin-1, Windows-1256)."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return _decode_cut(data[len(bom):], encoding)
            except UnicodeDecodeError as exc:
                raise UndecodableText(f"invalid {encoding}: {exc.reason}", source=source) from exc
    head = data[:8192]
    if b"\x00" in head:
        text = _decode_utf16_without_bom(data, head)
        if text is None:
            raise BinaryInput("binary content (NUL bytes)", source=source)
        return text
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A UTF-8 file cut inside its last character (a truncated download) is still UTF-8: read
        # as Windows-1252 or -1256 every accented letter before the cut would turn to mojibake.
        if _cut_at_end(exc) and max(data[:exc.start], default=0) >= 0x80:
            text = data[:exc.start].decode("utf-8")
        else:
            text = decode_single_byte(data)
    if not _mostly_printable(text[:4000]):
        raise BinaryInput("binary content (control characters)", source=source)
    return text


def _cut_at_end(exc: UnicodeDecodeError) -> bool:
    return exc.end == len(exc.object) and exc.reason in ("unexpected end of data", "truncated data")


def _decode_cut(data: bytes, encoding: str) -> str:
    """Strict decoding, except that a character cut off by the end of the data (an odd last byte
    of UTF-16, half a surrogate pair, the first bytes of a UTF-8 sequence) is dropped: a
    truncated file keeps the text before the cut instead of failing whole."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if not _cut_at_end(exc):
            raise
        return data[:exc.start].decode(encoding)


def _decode_utf16_without_bom(data: bytes, head: bytes) -> str | None:
    """UTF-16 without a BOM puts the NUL of every ASCII character (spaces, digits, Latin letters) on
    the same side of each byte pair: odd offsets for little-endian, even ones for big-endian.
    Binary data has NULs on both sides. The side the NULs are on gives the byte order; trying
    both orders instead would accept big-endian text read as little-endian (it decodes, as CJK)."""
    even = head[0::2].count(b"\x00")
    odd = head[1::2].count(b"\x00")
    if max(even, odd) < 4 or max(even, odd) <= 3 * max(1, min(even, odd)):
        return None
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = _decode_cut(data, encoding)
    except UnicodeDecodeError:
        return None
    return text if _mostly_printable(text[:2000]) else None


def decode_single_byte(data: bytes) -> str:
    """Bytes that are not UTF-8: Windows-1256 when its reading is mostly Arabic letters, else
    Windows-1252 (a superset of Latin-1's printable characters). Windows-1256 also holds the French
    accented letters at Latin-1's positions, so a French text read either way is unchanged; the
    share of Arabic letters tells the two apart, even in a one-word text."""
    arabic_reading = data.decode("cp1256")
    non_ascii = [c for c in arabic_reading if ord(c) > 127]
    arabic = sum(1 for c in non_ascii if "\u0600" <= c <= "\u06ff")
    if non_ascii and arabic * 2 > len(non_ascii):
        return arabic_reading
    return data.decode("latin-1").translate(_CP1252_OVER_LATIN1)


def _cp1252_over_latin1() -> dict[int, str]:
    """Windows-1252 is Latin-1 with printable characters in 0x80-0x9F; the five bytes it leaves
    undefined keep their Latin-1 reading, so decoding never fails."""
    table = {}
    for byte in range(0x80, 0xA0):
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            pass
    return table


_CP1252_OVER_LATIN1 = _cp1252_over_latin1()


def _mostly_printable(text: str) -> bool:
    if not text:
        return True
    bad = sum(1 for c in text if (ord(c) < 32 and c not in "\n\r\t\f\v") or c == "\ufffd")
    return bad / len(text) < 0.02


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """What a page gives besides its main text: the headline and the publication date the page states
    (meta tags, JSON-LD ``datePublished``, ``<time>`` elements, as trafilatura/htmldate read them)."""
    text: str
    title: str | None
    published: dt.date | None


def html_to_text(html: str, source: str | None = None) -> HtmlPage:
    """Main text, headline and publication date of an HTML page, boilerplate dropped (trafilatura)."""
    import trafilatura
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise EmptyDocument("no main text found in the HTML page", source=source)
    # The page's original publication date, not the last update; no guessing from the URL or
    # from dates in the body text, which name the events rather than the page.
    meta = trafilatura.extract_metadata(html, date_config={"original_date": True, "extensive_search": False})
    title = (meta.title or "").strip() or None if meta is not None else None
    return HtmlPage(text=text, title=title, published=_parse_date(meta.date) if meta is not None else None)


def with_title(title: str | None, body: str) -> str:
    """The headline is part of the document: it comes first, as its own paragraph, unless the body
    already starts with it (so that an event told in the headline and the lede is read as one)."""
    if not title or not title.strip():
        return body
    head = " ".join(title.split())
    if " ".join(body[:len(head) + 40].split()).startswith(head):
        return body
    return f"{head}\n\n{body}"


def _read_bytes(path: Path, settings: Settings) -> bytes:
    try:
        size = path.stat().st_size
        if size > settings.max_document_bytes and path.suffix.lower() not in JSONL_SUFFIXES:
            raise DocumentTooLarge(f"{size} bytes > max_document_bytes={settings.max_document_bytes}",
                                   source=str(path))
        return path.read_bytes()
    except EventAtlasError:
        raise
    except (OSError, ValueError) as exc:
        raise UnreadableInput(exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc),
                              source=str(path)) from exc


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith("<!doctype html") or head.startswith("<html") or ("<body" in head and "</" in head)


def read_jsonl(text: str, source: str, settings: Settings) -> Iterator[Document | EventAtlasError]:
    # split("\n"), not splitlines(): JSON strings may hold U+2028, U+0085 and other characters
    # that splitlines() breaks on, and a line is only ended by a newline in JSONL.
    for number, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield BadJsonLine(f"not JSON ({exc.msg} at column {exc.colno})", source=where)
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield BadJsonLine("no 'text' string field", source=where)
            continue
        body = record["text"]
        if len(body.encode("utf-8")) > settings.max_document_bytes:
            yield DocumentTooLarge(f"text over max_document_bytes={settings.max_document_bytes}", source=where)
            continue
        try:
            published = record.get("published") or record.get("date")
            if _looks_like_html(body):
                page = html_to_text(body, where)
                body = page.text
                record["title"] = record.get("title") or page.title
                published = published or page.published
            yield document_from_text(with_title(record.get("title"), body), id=record.get("id"), url=record.get("url"),
                                     title=record.get("title"), outlet=record.get("outlet") or record.get("source"),
                                     published=published,
                                     lang=record.get("lang"), source_path=where)
        except EventAtlasError as exc:
            yield exc


def read_file(path: str | Path, settings: Settings | None = None) -> Iterator[Document | EventAtlasError]:
    """Documents from one text, HTML or JSONL file (feeds: ``ingest.feeds``; folders: ``ingest.inputs``)."""
    settings = settings or Settings()
    path = Path(path)
    source = str(path)
    try:
        data = _read_bytes(path, settings)
        if not data.strip():
            raise EmptyDocument("empty file", source=source)
        text = decode_bytes(data, source)
    except EventAtlasError as exc:
        yield exc
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(text, source, settings)
        return
    try:
        title = published = None
        if suffix in HTML_SUFFIXES or _looks_like_html(text):
            page = html_to_text(text, source)
            text, title, published = with_title(page.title, page.text), page.title, page.published
        yield document_from_text(text, title=title, published=published,
                                 source_path=source)
    except EventAtlasError as exc:
        yield exc
