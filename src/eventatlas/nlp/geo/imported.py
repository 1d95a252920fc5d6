"""A GeoNames index the user imported (``eventatlas gazetteer import``), read during extraction.

The index is one SQLite file in the user's data directory, named with its format version
(``geonames-<INDEX_VERSION>.sqlite``): a later format gets a new file, an old one is never
rewritten in place. Tables:

- ``place``: one row per GeoNames feature kept (classes A, P, H, T, L: admin areas, populated
  places, water, relief, regions), with GeoNames' codes.
- ``name``: (exact key, loose key, geonameid) for the place's name and its Latin-script alternate
  names, keyed exactly as the packaged gazetteer keys names (``text.exact_key``/``loose_key``).
- ``admin1``/``admin2``: GeoNames' English names of admin codes ("SY.09" -> "Aleppo").
- ``progress``: how far each imported file got, so that a rerun continues.

Lookups materialise the rows they return into the in-memory gazetteer (``Gazetteer.add``), once
per geonameid, so the ranking sees imported places exactly like packaged ones.
"""
from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

INDEX_VERSION = "v1"
KEPT_CLASSES = frozenset("APHTL")
MAX_ROWS_PER_KEY = 200  # "San Jose" has hundreds: the most populous ones carry the decision
SCHEMA = """
CREATE TABLE IF NOT EXISTS place (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, fclass TEXT, fcode TEXT, cc TEXT,
    admin1 TEXT, admin2 TEXT, lat REAL, lon REAL, population INTEGER);
CREATE TABLE IF NOT EXISTS name (key TEXT NOT NULL, loose TEXT NOT NULL, geonameid INTEGER NOT NULL,
    PRIMARY KEY (key, geonameid)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS name_loose ON name (loose);
CREATE TABLE IF NOT EXISTS admin1 (code TEXT PRIMARY KEY, name TEXT, ascii TEXT, geonameid INTEGER);
CREATE TABLE IF NOT EXISTS admin2 (code TEXT PRIMARY KEY, name TEXT, ascii TEXT, geonameid INTEGER);
CREATE TABLE IF NOT EXISTS progress (file TEXT PRIMARY KEY, size INTEGER, mtime REAL, lines INTEGER,
    done INTEGER);
"""


def index_path(folder: Path | None = None) -> Path:
    from eventatlas.settings import data_dir  # user data, not a cache: an import is the user's work

    return (folder or data_dir()) / f"geonames-{INDEX_VERSION}.sqlite"


def connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    if read_only:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, check_same_thread=False)
        conn.executescript(SCHEMA)
    return conn


class ImportedIndex:
    """Read side of the index: name keys -> gazetteer rows, materialised on first use."""

    def __init__(self, path: Path):
        self.path = path
        self.conn = connect(path, read_only=True)
        self.lock = threading.Lock()
        self.row_of: dict[int, int] = {}  # geonameid -> gazetteer row
        self.exact_cache: dict[str, tuple[int, ...]] = {}
        self.loose_cache: dict[str, tuple[int, ...]] = {}
        self.admin1_names = dict(self.conn.execute("SELECT code, name FROM admin1"))
        self.admin2_names = dict(self.conn.execute("SELECT code, name FROM admin2"))

    @classmethod
    def open_if_present(cls, path: Path | None = None) -> ImportedIndex | None:
        path = path or index_path()
        if not path.is_file():
            return None
        try:
            index = cls(path)
            if index.conn.execute("SELECT 1 FROM place LIMIT 1").fetchone() is None:
                return None
            return index
        except sqlite3.Error:
            return None

    def rows(self, gaz, key: str, loose: bool) -> tuple[int, ...]:
        cache = self.loose_cache if loose else self.exact_cache
        found = cache.get(key)
        if found is not None:
            return found
        column = "loose" if loose else "key"
        with self.lock:
            records = self.conn.execute(
                "SELECT p.geonameid, p.name, p.fclass, p.fcode, p.cc, p.admin1, p.admin2, p.lat, p.lon, "
                f"p.population FROM name n JOIN place p ON p.geonameid = n.geonameid WHERE n.{column} = ? "
                "ORDER BY p.population DESC LIMIT ?", (key, MAX_ROWS_PER_KEY)).fetchall()
            found = tuple(r for r in (self._row(gaz, rec) for rec in records) if r is not None)
        cache[key] = found
        return found

    def _row(self, gaz, record) -> int | None:
        from eventatlas.nlp.geo.entries import ADMIN1, ADMIN2, CITY, COUNTRY, FEATURE

        geonameid, name, fclass, fcode, cc, admin1, admin2, lat, lon, population = record
        if geonameid in self.row_of:
            return self.row_of[geonameid]
        iso = gaz.iso_of_group.get((cc, admin1 or ""))
        fcode = fcode or ""
        row = gaz.row_of_geonames_id(geonameid)
        if row is None and fclass == "A" and fcode.startswith("PCL"):
            row = gaz.country_row.get(cc)
        elif row is None and fclass == "A" and fcode == "ADM1":
            row = gaz.admin1_row.get(iso) if iso else None
        if row is None:
            if fclass == "P" or (fclass == "A" and fcode.startswith(("ADM3", "ADM4", "ADM5"))):
                kind = CITY
            elif fclass == "A" and fcode.startswith("ADM2"):
                kind = ADMIN2
            elif fclass == "A" and fcode.startswith("ADM1"):
                kind = ADMIN1
            elif fclass == "A" and fcode.startswith("PCL"):
                kind = COUNTRY
            else:
                kind = FEATURE
            admin2_name = self.admin2_names.get(f"{cc}.{admin1}.{admin2}") if admin2 else None
            if kind == ADMIN2:
                admin2_name = name
            row = gaz.add(kind, name, cc or "", iso, float(lat), float(lon), int(population or 0), int(geonameid),
                          admin2_name)
            gaz.geonames_rows[geonameid] = row
        self.row_of[geonameid] = row
        return row

    def english_admin1_names(self, gaz) -> None:
        """Province names as GeoNames writes them in English (admin1CodesASCII: "Aleppo", "Lower
        Shabeelle"), the spelling ACLED uses, replace the packaged ones; codes stay ISO 3166-2."""
        from eventatlas.nlp.geo.build import display_admin_name

        for (cc, code), iso in gaz.iso_of_group.items():
            name = self.admin1_names.get(f"{cc}.{code}")
            if name and iso in gaz.admin1_row:
                gaz.admin1_name[iso] = display_admin_name(name)
