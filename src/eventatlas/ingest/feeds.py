"""RSS/Atom feeds (feedparser): a saved feed file or a URL the user gives; one Document per entry.

Entry ids are content hashes like every other document, so polling a feed again stores only the
entries it has not seen.

Feeds are untrusted: this module fetches and reads the bytes itself, bounded (``feed_limit``: four
times ``max_document_bytes``, counted after decompression, so a gzip bomb stops at the limit), and
hands feedparser bytes, never a URL. XML entity expansion ("billion laughs") is stopped by expat's
own amplification limit and external entities are never resolved (both tested). ``FeedCache`` keeps
each URL's ETag and Last-Modified and sends them back (``eventatlas watch``), so a poll of an
unchanged feed costs the server one "304 Not Modified"."""
from __future__ import annotations

import datetime as dt
import html
import re
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eventatlas.errors import EventAtlasError, UnreadableFeed
from eventatlas.ingest.readers import document_from_text
from eventatlas.model import Document

FEED_SUFFIXES = {".rss", ".atom", ".xml", ".rdf"}
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)\b", re.I)
_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</?(p|div|br|li|h[1-6])\b[^>]*>", re.I)


def is_url(location: str) -> bool:
    return str(location).startswith(("http://", "https://"))


def is_feed_file(path: Path) -> bool:
    """Feed by suffix or by its root element (a feed saved as .txt still is one)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(2048)
    except OSError:
        return False
    found = _FEED_ROOT.search(head)
    if found:
        return True
    return path.suffix.lower() in FEED_SUFFIXES and head.lstrip().startswith(b"<?xml") and b"<html" not in head.lower()


def html_fragment_to_text(fragment: str) -> str:
    """Feed summaries are short HTML fragments: keep paragraph breaks, drop tags, unescape entities."""
    text = _BLOCK.sub("\n", fragment)
    text = html.unescape(_TAG.sub("", text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line).strip()


def _entry_date(entry) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return dt.date(*value[:3])
    return None


@dataclass
class FeedCache:
    """Validators from each URL's last answer (ETag, Last-Modified), for conditional requests."""
    validators: dict[str, dict[str, str]] = field(default_factory=dict)


def feed_limit(max_document_bytes: int | None = None) -> int:
    """The most bytes a feed may hold, decompressed: four times ``max_document_bytes``."""
    if max_document_bytes is None:
        from eventatlas.settings import load_settings
        max_document_bytes = load_settings().max_document_bytes
    return 4 * max_document_bytes


def _bounded(chunks: Iterator[bytes], limit: int, source: str) -> bytes:
    out = bytearray()
    for chunk in chunks:
        out += chunk
        if len(out) > limit:
            raise UnreadableFeed(f"larger than {limit} bytes (4 x max_document_bytes)", source=source)
    return bytes(out)


def _decoded(raw: Iterator[bytes], encoding: str, limit: int, source: str) -> Iterator[bytes]:
    """The body, decompressed (gzip or deflate) a bounded piece at a time."""
    if encoding not in ("gzip", "x-gzip", "deflate"):
        yield from raw
        return
    inflate = zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header, detected
    try:
        for chunk in raw:
            data = chunk
            while data:
                yield inflate.decompress(data, limit + 1)
                data = inflate.unconsumed_tail
        yield inflate.flush()
    except zlib.error as exc:
        raise UnreadableFeed(f"bad {encoding} content ({exc})", source=source) from None


def fetch(url: str, limit: int, cache: FeedCache | None = None, timeout: float = 30.0) -> bytes | None:
    """The feed's bytes (at most ``limit``, decompressed), or None when the server says that it has
    not changed since the last fetch recorded in ``cache``."""
    from eventatlas import __version__
    headers = {"User-Agent": f"eventatlas/{__version__} (feed reader)", "Accept-Encoding": "gzip, deflate"}
    known = cache.validators.get(url, {}) if cache is not None else {}
    if "etag" in known:
        headers["If-None-Match"] = known["etag"]
    if "modified" in known:
        headers["If-Modified-Since"] = known["modified"]
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=timeout) as response:
            raw = iter(lambda: response.read(1 << 16), b"")
            body = _bounded(_decoded(raw, response.headers.get("Content-Encoding", "").lower(), limit, url), limit, url)
            if cache is not None:
                seen = {k: v for k, v in (("etag", response.headers.get("ETag")),
                                          ("modified", response.headers.get("Last-Modified"))) if v}
                cache.validators[url] = seen
            return body
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return None
        raise UnreadableFeed(f"HTTP {exc.code} {exc.reason}", source=url) from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise UnreadableFeed(f"cannot fetch ({reason})", source=url) from None


def _read_file(path: str, limit: int) -> bytes:
    try:
        with open(path, "rb") as fh:
            return _bounded(iter(lambda: fh.read(1 << 16), b""), limit, path)
    except OSError as exc:
        raise UnreadableFeed(f"cannot read ({exc.strerror or exc})", source=path) from None


def read_feed(location: str, *, max_document_bytes: int | None = None,
              cache: FeedCache | None = None) -> Iterator[Document | EventAtlasError]:
    """Documents of a feed's entries: title as the first paragraph, then the content or summary.

    Nothing for a URL that answers "not modified" since the fetch recorded in ``cache``."""
    import feedparser
    source = str(location)
    if not is_url(source) and not Path(source).is_file():
        yield UnreadableFeed("no such file", source=source)
        return
    limit = feed_limit(max_document_bytes)
    try:
        data = fetch(source, limit, cache) if is_url(source) else _read_file(source, limit)
    except UnreadableFeed as exc:
        yield exc
        return
    if data is None:
        return
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        yield UnreadableFeed(f"no entries ({reason})" if reason else "no entries", source=source)
        return
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, 1):
        where = f"{source}#{number}"
        body = ""
        if entry.get("content"):
            body = entry["content"][0].get("value") or ""
        body = body or entry.get("summary") or entry.get("description") or ""
        title = html_fragment_to_text(entry.get("title") or "")
        text = "\n\n".join(part for part in (title, html_fragment_to_text(body)) if part)
        try:
            yield document_from_text(text, url=entry.get("link"), title=title or None, outlet=outlet,
                                     published=_entry_date(entry), source_path=where)
        except EventAtlasError as exc:
            yield exc
