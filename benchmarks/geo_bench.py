"""Gazetteer benchmark: load time, resident memory and resolutions per second.

Targets: load < 5 s (from the cache), resident memory < 1 GiB, > 5,000 resolutions/s. The
baseline measured in the same run is a plain dict lookup of the same names, so the printed
ratio says how much the ranking costs over a bare lookup. Run: python benchmarks/geo_bench.py
"""
from __future__ import annotations

import resource
import time


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


NAMES = ["Babel", "Mosul", "Mossoul", "Tikrit", "Salah al-Din", "Dhi Qar", "Kidal", "Gao", "Tombouctou",
         "Kandahar", "Helmand", "Beni", "Goma", "Mogadishu", "Kismayo", "Aleppo", "Idlib", "Marib", "Taiz",
         "Kharkiv", "Donetsk", "Maiduguri", "Djibo", "Paris", "Springfield", "Alexandria", "Xqzzyqx"]
TEXT = ("Jeudi 29 juillet, un hélicoptère militaire s'est écrasé près de la zone d'Amerli du district de "
        "Tuz Khurmatu de la province de Salah al-Din, en Irak. La veille, des convois ont été attaqués à Babel "
        "ainsi que dans les provinces méridionales de Dhi Qar et al-Diwaniya.")


def main() -> None:
    before = rss_mib()
    started = time.perf_counter()
    from eventatlas.nlp.geo import find_places, resolve
    from eventatlas.nlp.geo.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    load_s = time.perf_counter() - started
    print(f"load_s {load_s:.2f} (entries {len(gaz)}, exact keys {len(gaz.exact)}, loose keys {len(gaz.loose)})")
    print(f"rss_mib {rss_mib():.0f} (before import {before:.0f})")
    resolve("Babel")  # warm the per-language cue tables (spaCy stop words load once)
    find_places(TEXT, "fr")

    rounds = 200
    started = time.perf_counter()
    for _ in range(rounds):
        for name in NAMES:
            resolve(name)
    elapsed = time.perf_counter() - started
    per_s = rounds * len(NAMES) / elapsed

    keys = [name.lower() for name in NAMES]
    started = time.perf_counter()
    for _ in range(rounds):
        for key in keys:
            gaz.exact.get(key)
    baseline_per_s = rounds * len(NAMES) / (time.perf_counter() - started)
    print(f"resolutions_per_s {per_s:.0f} (dict-lookup baseline {baseline_per_s:.0f}/s, "
          f"ratio {baseline_per_s / per_s:.0f}x)")

    started = time.perf_counter()
    for _ in range(100):
        find_places(TEXT, "fr")
    print(f"find_places_ms_per_doc {(time.perf_counter() - started) * 10:.2f} ({len(TEXT)} chars)")
    print(f"rss_mib_final {rss_mib():.0f}")


if __name__ == "__main__":
    main()
