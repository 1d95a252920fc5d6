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
from pathlib import Path

from eventatlas.nlp.geo.sources import cache_dir
from eventatlas.nlp.geo.entries import (ADMIN1, ADMIN2, CITY, CONTINENT, COUNTRY, FEATURE, FEATURE_NAMES,  # noqa: F401
                                        Gazetteer)

log = logging.getLogger(__name__)

BUILDER_VERSION = "geo-index-16"
STALE_CACHE_S = 30 * 24 * 3600  # a cache of another fingerprint unused this long is removed


_LOCK = threading.Lock()
_LOADED: Gazetteer | None = None


def cache_path(fingerprint: str) -> Path:
    return cache_dir() / f"gazetteer-{fingerprint}.pickle"


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
