"""The gazetteer index: entries (cities, provinces, countries) and name keys pointing at them.

Built once from the packaged sources (see ``build.py``), pickled into the user's cache
directory under a fingerprint of the sources, and loaded from there afterwards (about a
second). ``EVENTATLAS_DATA_DIR`` overrides the directory.
"""
from __future__ import annotations

import logging
import os
import pickle
import threading
import time
from array import array
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

CITY, ADMIN1, COUNTRY, ADMIN2, CONTINENT, FEATURE = 0, 1, 2, 3, 4, 5
FEATURE_NAMES = {CITY: "city", ADMIN1: "admin1", COUNTRY: "country", ADMIN2: "admin2", CONTINENT: "continent",
                 FEATURE: "feature"}  # feature: a lake, river, mountain, desert, region (GeoNames H, T, L)
BUILDER_VERSION = "geo-index-9"
STALE_CACHE_S = 30 * 24 * 3600  # a cache of another fingerprint unused this long is removed


@dataclass(slots=True)
class Gazetteer:
    """Parallel columns, one row per entry; ``exact``/``loose`` map name keys to entry rows."""

    kind: array = field(default_factory=lambda: array("b"))
    name: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    admin1: list[str | None] = field(default_factory=list)  # ISO 3166-2 code
    admin2: list[str | None] = field(default_factory=list)
    lat: array = field(default_factory=lambda: array("d"))
    lon: array = field(default_factory=lambda: array("d"))
    population: array = field(default_factory=lambda: array("q"))
    geonames_id: array = field(default_factory=lambda: array("q"))
    exact: dict[str, tuple[int, ...]] = field(default_factory=dict)
    loose: dict[str, tuple[int, ...]] = field(default_factory=dict)
    admin1_name: dict[str, str] = field(default_factory=dict)  # ISO code -> display name
    admin1_row: dict[str, int] = field(default_factory=dict)
    country_row: dict[str, int] = field(default_factory=dict)
    continent_row: dict[str, int] = field(default_factory=dict)  # GeoNames continent code -> row
    admin1_rule: dict[str, str] = field(default_factory=dict)  # ISO code -> how it was paired
    capitals: frozenset[int] = frozenset()  # rows of national capitals (GeoNames PPLC)
    abbreviations: dict[str, int] = field(default_factory=dict)  # "Ky." -> row, matched on the surface
    iso_of_group: dict[tuple[str, str], str] = field(default_factory=dict)  # (cc, GeoNames admin1) -> ISO
    geonames_rows: dict[int, int] = field(default_factory=dict)  # geonameid -> row, filled on first use
    max_words: int = 6
    fingerprint: str = ""
    imported: object = None  # an ImportedIndex (the user's GeoNames import), attached after loading

    def exact_rows(self, key: str) -> tuple[int, ...]:
        rows = self.exact.get(key, ())
        if self.imported is not None:
            rows = _merge(rows, self.imported.rows(self, key, loose=False))
        return rows

    def loose_rows(self, key: str) -> tuple[int, ...]:
        rows = self.loose.get(key, ())
        if self.imported is not None:
            rows = _merge(rows, self.imported.rows(self, key, loose=True))
        return rows

    def row_of_geonames_id(self, geonames_id: int) -> int | None:
        if not self.geonames_rows:
            self.geonames_rows = {gid: row for row, gid in enumerate(self.geonames_id) if gid}
        return self.geonames_rows.get(geonames_id)

    def __getstate__(self):
        return {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "imported"}

    def __setstate__(self, state):
        for name in self.__dataclass_fields__:
            setattr(self, name, state.get(name))
        self.imported = None

    def add(self, kind: int, name: str, cc: str, admin1: str | None, lat: float, lon: float,
            population: int, geonames_id: int, admin2: str | None = None) -> int:
        self.kind.append(kind)
        self.name.append(name)
        self.cc.append(cc)
        self.admin1.append(admin1)
        self.admin2.append(admin2)
        self.lat.append(lat)
        self.lon.append(lon)
        self.population.append(population)
        self.geonames_id.append(geonames_id)
        return len(self.name) - 1

    def __len__(self) -> int:
        return len(self.name)


def _merge(packaged: tuple[int, ...], imported: tuple[int, ...]) -> tuple[int, ...]:
    if not imported:
        return packaged
    return packaged + tuple(r for r in imported if r not in packaged)


def data_dir() -> Path:
    override = os.environ.get("EVENTATLAS_DATA_DIR")
    if override:
        return Path(override)
    try:
        import platformdirs

        return Path(platformdirs.user_cache_dir("eventatlas"))
    except ImportError:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "eventatlas"


_LOCK = threading.Lock()
_LOADED: Gazetteer | None = None


def cache_path(fingerprint: str) -> Path:
    return data_dir() / f"gazetteer-{fingerprint}.pickle"


def load_gazetteer() -> Gazetteer:
    """The index, built on first use and cached; later calls return the same object."""
    global _LOADED
    if _LOADED is not None:
        return _LOADED
    with _LOCK:
        if _LOADED is not None:
            return _LOADED
        from eventatlas.nlp.geo.sources import sources_fingerprint

        fingerprint = sources_fingerprint(BUILDER_VERSION)
        path = cache_path(fingerprint)
        gazetteer = None
        if path.exists():
            try:
                with open(path, "rb") as fh:
                    gazetteer = pickle.load(fh)
            except Exception as exc:  # a truncated or foreign file: rebuild rather than fail
                log.warning("gazetteer cache %s unreadable (%s); rebuilding", path, exc)
        if gazetteer is None:
            from eventatlas.nlp.geo.build import build_gazetteer

            log.info("building the gazetteer index (once) into %s", path)
            gazetteer = build_gazetteer()
            gazetteer.fingerprint = fingerprint
            _write_cache(path, gazetteer)
        gazetteer.imported = _open_imported()
        if gazetteer.imported is not None:
            gazetteer.imported.english_admin1_names(gazetteer)
        _LOADED = gazetteer
        return gazetteer


def _open_imported():
    """The user's imported GeoNames index; EVENTATLAS_GEONAMES_INDEX names another file, or "off"."""
    from eventatlas.nlp.geo.imported import ImportedIndex, index_path

    setting = os.environ.get("EVENTATLAS_GEONAMES_INDEX", "")
    if setting.lower() == "off":
        return None
    index = ImportedIndex.open_if_present(Path(setting) if setting else index_path())
    if index is not None:
        log.info("using the imported GeoNames index %s", index.path)
    return index


def _write_cache(path: Path, gazetteer: Gazetteer) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with open(tmp, "wb") as fh:
            pickle.dump(gazetteer, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: a concurrent reader never sees half a file
        # Other fingerprints may belong to other installs sharing the folder: drop only old ones.
        for stale in path.parent.glob("gazetteer-*.pickle"):
            try:
                if stale != path and time.time() - stale.stat().st_mtime > STALE_CACHE_S:
                    stale.unlink(missing_ok=True)
            except OSError:
                continue
    except OSError as exc:  # read-only home: keep working from memory
        log.warning("cannot cache the gazetteer in %s (%s)", path.parent, exc)
