"""What the user's inputs hold: the one folder walker and the one reader of a list of inputs.

``eventatlas extract`` and ``eventatlas ingest`` (plain, ``--workers``, ``--dask``, ``watch``) read
their inputs here, so the same folder gives both the same documents in the same order.

- A URL is a feed (RSS/Atom), fetched bounded (``ingest.feeds``).
- A file named by the user is always read: as a feed when it is one (by suffix or root element),
  else as text, HTML or JSONL.
- A folder is walked recursively in path order (``input_files``). Only files that look like inputs
  are read: text, HTML and JSONL suffixes, and feed suffixes when the file is a feed; a gold file
  (``expected.json``), a CSV or an image beside the articles is not an article. Hidden files and
  folders (a name starting with ".") are left out.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from eventatlas.errors import EventAtlasError
from eventatlas.ingest.feeds import FEED_SUFFIXES, FeedCache, is_feed_file, is_url, read_feed
from eventatlas.ingest.readers import FOLDER_SUFFIXES, read_file
from eventatlas.model import Document
from eventatlas.settings import Settings


def input_files(folder: str | Path) -> list[Path]:
    """The files under ``folder`` that are inputs, sorted by path."""
    folder = Path(folder)
    out = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        suffix = path.suffix.lower()
        if suffix in FOLDER_SUFFIXES or (suffix in FEED_SUFFIXES and is_feed_file(path)):
            out.append(path)
    return out


def _dated(items: Iterable[Document | EventAtlasError], settings: Settings) -> Iterator[Document | EventAtlasError]:
    """Documents whose source gives no date of their own take the run's default publication date."""
    for item in items:
        if isinstance(item, Document) and item.published is None and settings.default_published:
            item = replace(item, published=dt.date.fromisoformat(settings.default_published))
        yield item


def read_path(path: str | Path, settings: Settings | None = None,
              feed_cache: FeedCache | None = None) -> Iterator[Document | EventAtlasError]:
    """Documents from one input: a feed URL, a file, or every input file under a folder.
    ``feed_cache`` (watch): validators of feed URLs, so an unchanged feed is not downloaded again."""
    settings = settings or Settings()
    yield from _dated(_documents(path, settings, feed_cache), settings)


def _documents(path: str | Path, settings: Settings,
               feed_cache: FeedCache | None) -> Iterator[Document | EventAtlasError]:
    location = str(path)
    if is_url(location):
        yield from read_feed(location, max_document_bytes=settings.max_document_bytes, cache=feed_cache)
        return
    path = Path(path)
    for file in input_files(path) if path.is_dir() else [path]:
        if file.is_file() and is_feed_file(file):
            yield from read_feed(str(file), max_document_bytes=settings.max_document_bytes)
        else:
            yield from read_file(file, settings)


def read_inputs(paths: Iterable[str | Path], settings: Settings | None = None,
                feed_cache: FeedCache | None = None) -> Iterator[Document | EventAtlasError]:
    """Documents from every input in order; an unreadable input yields its coded error in its place."""
    for path in paths:
        yield from read_path(path, settings, feed_cache)
