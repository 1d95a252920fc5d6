"""Gazetteer benchmark: load time, resident memory and resolutions per second.

Targets: load < 5 s (from the cache), resident memory < 1 GiB, > 5,000 resolutions/s. The
baseline measured in the same run is a plain dict lookup of the same names, so the printed
ratio says how much the ranking costs over a bare lookup. Run: python benchmarks/geo_bench.py

``--compare SRC`` runs the same benchmark a second time, in a fresh process, on another checkout's
sources (``--compare ../main/src``: today's gazetteer), so both are measured in the same run on the
same machine; each side loads its gazetteer from its own cache (built first if needed, not timed).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


NAMES = ["Babel", "Mosul", "Mossoul", "Tikrit", "Salah al-Din", "Dhi Qar", "Kidal", "Gao", "Tombouctou",
         "Kandahar", "Helmand", "Beni", "Goma", "Mogadishu", "Kismayo", "Aleppo", "Idlib", "Marib", "Taiz",
         "Kharkiv", "Donetsk", "Maiduguri", "Djibo", "Paris", "Springfield", "Alexandria", "Xqzzyqx"]
TEXT = ("Jeudi 29 juillet, un hélicoptère militaire s'est écrasé près de la zone d'Amerli du district de "
        "Tuz Khurmatu de la province de Salah al-Din, en Irak. La veille, des convois ont été attaqués à Babel "
        "ainsi que dans les provinces méridionales de Dhi Qar et al-Diwaniya.")


def best_of(passes: int, run) -> float:
    best = float("inf")
    for _ in range(passes):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def measure() -> dict:
    before = rss_mib()
    started = time.perf_counter()
    from eventatlas.nlp.geo import find_places, resolve
    from eventatlas.nlp.geo.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    load_s = time.perf_counter() - started
    out = {"load_s": round(load_s, 2), "entries": len(gaz), "rss_mib_loaded": round(rss_mib()),
           "rss_mib_before": round(before)}
    resolve("Babel")  # warm the per-language cue tables (spaCy stop words load once)
    find_places(TEXT, "fr")

    rounds = 40  # each timing is the best of 5 passes: the machine may be shared
    out["resolutions_per_s"] = round(rounds * len(NAMES) / best_of(5, lambda: [resolve(n) for _ in range(rounds)
                                                                              for n in NAMES]))

    keys = [name.lower() for name in NAMES]
    started = time.perf_counter()
    for _ in range(rounds):
        for key in keys:
            gaz.exact.get(key)
    out["dict_lookups_per_s"] = round(rounds * len(NAMES) / (time.perf_counter() - started))

    out["find_places_ms_per_doc"] = round(best_of(5, lambda: [find_places(TEXT, "fr") for _ in range(50)]) * 20, 2)
    out["rss_mib_final"] = round(rss_mib())
    return out


def _warm_and_measure(src: str | None) -> dict:
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = os.path.abspath(src)
    code = "from eventatlas.nlp.geo.gazetteer import load_gazetteer; load_gazetteer()"
    subprocess.run([sys.executable, "-c", code], env=env, check=True)  # build the cache, untimed
    done = subprocess.run([sys.executable, __file__, "--json"], env=env, check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", metavar="SRC", help="another checkout's src folder to measure in the same run")
    parser.add_argument("--json", action="store_true", help="print one JSON object (used by --compare)")
    args = parser.parse_args()
    if args.json:
        print(json.dumps(measure()))
        return
    sides = {"this": _warm_and_measure(None)}
    if args.compare:
        sides["compared"] = _warm_and_measure(args.compare)
    for label, result in sides.items():
        print(label, " ".join(f"{k}={v}" for k, v in result.items()))
    if args.compare:
        this, other = sides["this"], sides["compared"]
        print(f"resolutions/s ratio this/compared {this['resolutions_per_s'] / other['resolutions_per_s']:.2f}; "
              f"find_places ms ratio {this['find_places_ms_per_doc'] / other['find_places_ms_per_doc']:.2f}; "
              f"rss {this['rss_mib_final']} vs {other['rss_mib_final']} MiB")


if __name__ == "__main__":
    main()
