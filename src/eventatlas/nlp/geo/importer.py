"""``eventatlas gazetteer import FILE...``: GeoNames dumps into the on-disk index extraction uses.

Files as https://download.geonames.org/export/dump/ serves them (CC BY 4.0, GeoNames):
``allCountries.zip``, a country's ``XX.zip``, ``cities500/1000/5000/15000.zip`` (the "geoname"
table, 19 tab-separated columns), ``alternateNamesV2.zip`` (alternate names with their language),
``admin1CodesASCII.txt`` and ``admin2Codes.txt`` (English names of admin codes); zipped or not.

Each file is streamed line by line out of its zip (never unpacked, never held in memory), inserted
in batches, and each batch commits together with the count of lines done, so an interrupted
import continues where it stopped when rerun with the same file (a changed file starts over).
Only features of classes A, P, H, T, L are kept (admin areas, populated places, water, relief,
regions); names are indexed under their Latin-script forms, keyed as the packaged gazetteer keys
them. The index lives in the user's data directory (``imported.index_path``).
"""
from __future__ import annotations

import io
import logging
import os
import sqlite3
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from eventatlas.errors import NotAGazetteerFile, UnreadableInput
from eventatlas.nlp.geo.imported import INDEX_VERSION, KEPT_CLASSES, connect, index_path
from eventatlas.nlp.geo.sources import load_json
from eventatlas.nlp.geo.text import exact_key, is_latin, loose_key, name_variants

log = logging.getLogger(__name__)
BATCH_LINES = 20000
MAX_NAME_WORDS = 6
# alternateNamesV2 "isolanguage" values that are codes, not names (GeoNames' documented pseudo-languages).
_CODE_LANGUAGES = frozenset(load_json("names.json")["geonames_code_languages"])
GEONAME_COLUMNS = 19
ALTERNATE_COLUMNS = 10  # alternateNamesV2; the older alternateNames has 8


@dataclass(frozen=True, slots=True)
class ImportResult:
    file: str
    kind: str  # geoname | alternate | admin1 | admin2
    lines: int  # lines read in total (this run and earlier ones)
    added: int  # rows written in this run
    resumed_from: int  # lines an earlier run had done


def file_kind(path: Path) -> str:
    name = path.name.lower()
    if name.startswith("admin1codes"):
        return "admin1"
    if name.startswith("admin2codes"):
        return "admin2"
    if name.startswith("alternatename"):
        return "alternate"
    stem = name.split(".")[0]
    if stem == "allcountries" or stem.startswith("cities") or (len(stem) == 2 and stem.isalpha()):
        return "geoname"
    raise NotAGazetteerFile(f"{path.name}: not a GeoNames dump this command reads (allCountries, XX, citiesN, "
                       "alternateNamesV2, admin1CodesASCII.txt, admin2Codes.txt)")


@contextmanager
def open_lines(path: Path) -> Iterator[Iterator[str]]:
    """The data lines of a dump, streamed; a zip's data member is the .txt named like the zip."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if m.endswith(".txt") and not m.startswith("iso-")
                       and "readme" not in m.lower()]
            if not members:
                raise NotAGazetteerFile(f"{path.name}: no data file inside")
            wanted = path.stem.lower() + ".txt"
            member = next((m for m in members if m.lower() == wanted), members[0])
            with archive.open(member) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
    else:
        with open(path, encoding="utf-8", newline="\n") as fh:
            yield fh


def _name_keys(name: str) -> set[tuple[str, str]]:
    if not name or not is_latin(name) or any(ch.isdigit() for ch in name):
        return set()
    out = set()
    for words in name_variants(name):
        if words and len(words) <= MAX_NAME_WORDS and len("".join(words)) >= 2:
            out.add((exact_key(words), loose_key(words)))
    return out


def _progress_bar(total: int, label: str):
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>5.1f}%"),
                        TimeRemainingColumn(), transient=False)
    return progress, progress.add_task(label, total=total or None)


class Importer:
    def __init__(self, index: Path | None = None, show_progress: bool = True):
        self.path = index or index_path()
        self.conn = connect(self.path)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.show_progress = show_progress

    def close(self) -> None:
        self.conn.close()

    def import_file(self, path: Path) -> ImportResult:
        path = Path(path)
        kind = file_kind(path)
        stat = path.stat()
        key = path.name
        row = self.conn.execute("SELECT size, mtime, lines, done FROM progress WHERE file = ?", (key,)).fetchone()
        start = 0
        if row and row[0] == stat.st_size and abs(row[1] - stat.st_mtime) < 1e-3:
            if row[3]:
                return ImportResult(key, kind, row[2], 0, row[2])
            start = row[2]
        handler = getattr(self, f"_rows_{kind}")
        added = 0
        lines = 0
        progress, task = _progress_bar(stat.st_size, f"{path.name}") if self.show_progress else (None, None)
        read_bytes = 0
        try:
            if progress:
                progress.start()
            with open_lines(path) as stream:
                batch: list[str] = []
                for line in stream:
                    lines += 1
                    read_bytes += len(line)
                    if lines <= start:
                        continue
                    batch.append(line)
                    if len(batch) >= BATCH_LINES:
                        added += self._commit(handler, batch, key, stat, lines, done=False)
                        batch = []
                        if progress:
                            progress.update(task, completed=min(read_bytes, stat.st_size))
                added += self._commit(handler, batch, key, stat, lines, done=True)
                if progress:
                    progress.update(task, completed=stat.st_size)
        finally:
            if progress:
                progress.stop()
        return ImportResult(key, kind, lines, added, start)

    def _commit(self, handler, batch: list[str], key: str, stat: os.stat_result, lines: int, done: bool) -> int:
        with self.conn:  # one transaction: the rows and how far the file got
            added = handler(batch)
            self.conn.execute("INSERT OR REPLACE INTO progress VALUES (?, ?, ?, ?, ?)",
                              (key, stat.st_size, stat.st_mtime, lines, int(done)))
        return added

    def _rows_geoname(self, batch: list[str]) -> int:
        places, names = [], []
        for line in batch:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < GEONAME_COLUMNS or cols[6] not in KEPT_CLASSES:
                continue
            geonameid = int(cols[0])
            population = int(cols[14]) if cols[14].lstrip("-").isdigit() else 0
            places.append((geonameid, cols[1], cols[6], cols[7], cols[8], cols[10], cols[11],
                           float(cols[4]), float(cols[5]), population))
            for name in {cols[1], cols[2], *(a for a in cols[3].split(",") if a)}:
                names.extend((k, loose, geonameid) for k, loose in _name_keys(name))
        self.conn.executemany("INSERT OR REPLACE INTO place VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", places)
        self.conn.executemany("INSERT OR IGNORE INTO name VALUES (?, ?, ?)", names)
        return len(places)

    def _rows_alternate(self, batch: list[str]) -> int:
        names = []
        for line in batch:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4 or cols[2] in _CODE_LANGUAGES:
                continue
            if len(cols) >= ALTERNATE_COLUMNS and cols[7] == "1":  # isHistoric
                continue
            names.extend((k, loose, int(cols[1]), int(cols[1])) for k, loose in _name_keys(cols[3]))
        before = self.conn.total_changes
        # Only names of places the index keeps (import the places first): no bloat from shops and hotels.
        self.conn.executemany("INSERT OR IGNORE INTO name SELECT ?, ?, ? WHERE EXISTS "
                              "(SELECT 1 FROM place WHERE geonameid = ?)", names)
        return self.conn.total_changes - before

    def _rows_admin(self, table: str, batch: list[str]) -> int:
        rows = []
        for line in batch:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 4 and cols[3].isdigit():
                rows.append((cols[0], cols[1], cols[2], int(cols[3])))
        self.conn.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?, ?, ?)", rows)
        return len(rows)

    def _rows_admin1(self, batch: list[str]) -> int:
        return self._rows_admin("admin1", batch)

    def _rows_admin2(self, batch: list[str]) -> int:
        return self._rows_admin("admin2", batch)


def import_files(paths: list[Path], index: Path | None = None, show_progress: bool = True) -> list[ImportResult]:
    """Imports ``paths`` in a sensible order (admin names and places before alternate names)."""
    order = {"admin1": 0, "admin2": 1, "geoname": 2, "alternate": 3}
    paths = sorted((Path(p) for p in paths), key=lambda p: order[file_kind(Path(p))])
    importer = Importer(index, show_progress)
    try:
        return [importer.import_file(p) for p in paths]
    finally:
        importer.close()
