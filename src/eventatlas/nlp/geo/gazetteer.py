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

CITY, ADMIN1, COUNTRY, ADMIN2, CONTINENT = 0, 1, 2, 3, 4
FEATURE_NAMES = {CITY: "city", ADMIN1: "admin1", COUNTRY: "country", ADMIN2: "admin2", CONTINENT: "continent"}
BUILDER_VERSION = "geo-index-6"
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
    admin1_rule: dict[str, str] = field(default_factory=dict)  # ISO code -> how it was paired
    capitals: frozenset[int] = frozenset()  # rows of national capitals (GeoNames PPLC)
    abbreviations: dict[str, int] = field(default_factory=dict)  # "Ky." -> row, matched on the surface
    max_words: int = 6
    fingerprint: str = ""

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
        _LOADED = gazetteer
        return gazetteer


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
