"""RSS/Atom feeds (feedparser): a saved feed file or a URL the user gives; one Document per entry.

Entry ids are content hashes like every other document, so polling a feed again stores only the
entries it has not seen."""
from __future__ import annotations

import datetime as dt
import html
import re
import time
from collections.abc import Iterator
from pathlib import Path

from eventatlas.errors import EventAtlasError
from eventatlas.ingest.readers import document_from_text
from eventatlas.model import Document
from eventatlas.store.errors import UnreadableFeed

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


def read_feed(location: str) -> Iterator[Document | EventAtlasError]:
    """Documents of a feed's entries: title as the first paragraph, then the content or summary."""
    import feedparser
    source = str(location)
    if not is_url(source) and not Path(source).is_file():
        yield UnreadableFeed("no such file", source=source)
        return
    parsed = feedparser.parse(source)
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


def parse_interval(value: str) -> float:
    """'90', '90s', '10m', '2h', '1d' -> seconds."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", str(value))
    if not match:
        raise ValueError(f"{value!r} is not an interval (e.g. 30s, 10m, 1h)")
    return float(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2)]


def watch(feeds: list[str], every_s: float, db: str | None = None, *, max_polls: int | None = None,
          sleep=time.sleep, **ingest_options) -> Iterator[dict]:
    """Poll feeds forever (or ``max_polls`` times), ingesting new entries; yields each poll's summary."""
    from eventatlas.store.ingest import ingest_paths
    polls = 0
    while max_polls is None or polls < max_polls:
        started = time.monotonic()
        yield ingest_paths(feeds, db, **ingest_options)
        polls += 1
        if max_polls is not None and polls >= max_polls:
            return
        sleep(max(0.0, every_s - (time.monotonic() - started)))
