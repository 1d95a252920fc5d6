"""A merge test set from ACLED exports: each ACLED event is reported by several simulated
"articles" (records built from the row, perturbed as news reports differ), and the merger must
group the articles of each event and only those.

A report gives what outlets give: the day (a quarter of reports a day late: "yesterday" read against
another dateline), the place (the town ACLED names, as the gazetteer would place it; a fifth of
reports one level vaguer, "near" the town or only its province; a tenth of town-level reports only
the district), the actors (a fifth left out, some left unnamed) and the toll (none for an event
without deaths; for an event with deaths ACLED's figure, or none, or another count). Place names,
districts and tolls (added 2026-12-05: reports without them could not tell neighbouring towns apart,
which no reader of real reports has to do) come from a second random stream, so the rest is drawn
as before.

Gold: records simulated from ACLED rows that share date, location and event type are one event
(ACLED codes one type per event, and our merger never merges across types); ``gold_loose``
follows the coarser "same date and location" reading, for reference.
Run ``python -m eventatlas.eval.merge_sim [all|dev|test]`` to print the scores; ``eventatlas eval merge``
reports them beside the project's own merge gold."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import random
import re
from collections import Counter
from pathlib import Path

from eventatlas import dedup

SAMPLES = Path(__file__).resolve().parents[4] / "shared" / "data" / "acled_samples"
FILES = ("acled_2020-05_multicountry_RPanlilio.csv", "acled_2020-03_afghanistan_dkoban.csv")
_YEARS = re.compile(r"\s*\(\d{4}-?\d{0,4}\)")


def _date(text: str) -> dt.date:
    for fmt in ("%d %B %Y", "%d-%b-%y", "%d-%B-%Y", "%d-%m-%y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def is_test_row(row: dict) -> bool:
    """shared/data/README.md's split: test rows are reported on, never tuned on."""
    return int(hashlib.sha1(row["event_id_cnty"].encode("utf-8")).hexdigest(), 16) % 5 == 0


def load_rows(files=FILES, split: str = "all", samples: Path | None = None) -> list[dict]:
    rows = []
    for name in files:
        with open((samples or SAMPLES) / name, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if row.get("latitude") and row.get("geo_precision"):
                    if split == "all" or (split == "test") == is_test_row(row):
                        rows.append(row)
    return rows


#: Of the reports of an event with deaths, the share that state no toll, and the share that give
#: another figure than ACLED's (an early count, or a later, higher one).
TOLL_UNSTATED, TOLL_OTHER = 0.15, 0.25
#: Of the reports of a town-level event, the share that name only its district ("in Masisi territory").
NAMES_DISTRICT = 0.1


def _place(row: dict, precision: int, rng: random.Random) -> dict:
    """What a report gives of the place: the town ACLED names (its words, as the extractor's gazetteer
    gives them), or, as some outlets do, only the district; a report that names only the province
    (precision 3) gives no town."""
    location, admin2 = row.get("location") or "", row.get("admin2") or ""
    if precision >= 3:
        return {"place_name": "", "place_text": " ".join(dedup.name_words(row.get("admin1") or "")),
                "geo_feature": "admin1", "admin2": admin2 or None}
    if admin2 and rng.random() < NAMES_DISTRICT:
        return {"place_name": "", "place_text": " ".join(dedup.name_words(admin2)), "geo_feature": "admin2",
                "admin2": admin2}
    words = " ".join(dedup.name_words(location))
    return {"place_name": words, "place_text": words, "geo_feature": "city", "admin2": admin2 or None}


def _toll(row: dict, rng: random.Random) -> int | None:
    """The toll a report gives: none for an event without deaths (reports state none), and for an
    event with deaths ACLED's figure, or none, or another count (TOLL_UNSTATED, TOLL_OTHER)."""
    deaths = int(row.get("fatalities") or 0)
    draw = rng.random()
    if deaths == 0 or draw < TOLL_UNSTATED:
        return None
    if draw < TOLL_UNSTATED + TOLL_OTHER:
        return max(1, round(deaths * rng.uniform(0.5, 1.5)))
    return deaths


def simulate(rows: list[dict], seed: int = 7) -> tuple[list[dedup.Mention], list[tuple], list[tuple]]:
    """Mentions and, per mention, its gold keys (strict, loose). Places and tolls are drawn from a
    second random stream, so that dates, precisions, coordinates and actors are those drawn before
    reports carried them."""
    rng = random.Random(seed)
    rng_report = random.Random(seed * 1_000_003)
    mentions, gold, loose = [], [], []
    for n, row in enumerate(rows):
        day = _date(row["event_date"])
        lat, lon = float(row["latitude"]), float(row["longitude"])
        geo = int(row["geo_precision"])
        tprec = int(row.get("time_precision") or 1)
        outlets = [s.strip() for s in (row.get("source") or "").split(";") if s.strip()] or ["Outlet"]
        for k in range(rng.choice((1, 2, 2, 3, 4))):
            shift = dt.timedelta(days=1 if rng.random() < 0.25 else 0)  # "yesterday" read from another dateline
            if tprec == 1:
                start = end = day + shift
            elif tprec == 2:
                start, end = day - dt.timedelta(days=3), day + dt.timedelta(days=3)
            else:
                start, end = day.replace(day=1), (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) \
                    - dt.timedelta(days=1)
            precision = min(3, geo + (1 if rng.random() < 0.2 else 0))
            jitter_km = {1: 3.0, 2: 8.0, 3: 30.0}[precision]
            jlat = lat + rng.uniform(-1, 1) * jitter_km / 111.0 / 1.5
            jlon = lon + rng.uniform(-1, 1) * jitter_km / 111.0 / 1.5
            perps, targets = set(), set()
            a1, a2 = row.get("actor1") or "", row.get("actor2") or ""
            if a1 and rng.random() > 0.2:
                if rng.random() < 0.15:
                    a1 = f"Unidentified Armed Group ({row['country']})"
                perps.add(dedup.normalise_actor(_YEARS.sub("", a1) if rng.random() < 0.5 else a1))
            if a2 and rng.random() > 0.2:
                targets.add(dedup.normalise_actor(a2))
            doc_id = f"{n}-{k}"
            mentions.append(dedup.Mention(
                record_id=doc_id, document_id=doc_id,
                outlet=rng.choice(outlets) if rng.random() > 0.2 else None, published=None,
                event_type=row["event_type"], date_start=start, date_end=end, lat=jlat, lon=jlon,
                geo_precision=precision, admin1=row.get("admin1") or None, iso3=row.get("iso3") or None,
                perpetrators=frozenset(perps), targets=frozenset(targets), fatalities=_toll(row, rng_report),
                **_place(row, precision, rng_report)))
            gold.append((row["event_date"], row["latitude"], row["longitude"], row["event_type"]))
            loose.append((row["event_date"], row["latitude"], row["longitude"]))
    return mentions, gold, loose


def pair_scores(predicted: list[int], gold: list) -> dict[str, float]:
    """Pairwise precision and recall: a pair of mentions counts when both put them together."""
    def pairs(labels):
        groups = Counter(labels)
        return sum(c * (c - 1) // 2 for c in groups.values())
    together_pred = pairs(predicted)
    together_gold = pairs(gold)
    both = pairs(list(zip(predicted, gold)))
    precision = both / together_pred if together_pred else 1.0
    recall = both / together_gold if together_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "pairs_predicted": together_pred, "pairs_gold": together_gold}


def evaluate(files=FILES, seed: int = 7, split: str = "all", samples: Path | None = None) -> dict:
    """Scores of ``dedup.cluster`` on reports simulated from the ``split`` rows (all, dev or test)."""
    rows = load_rows(files, split, samples)
    mentions, gold, loose = simulate(rows, seed)
    labels = [0] * len(mentions)
    for g, members in enumerate(dedup.cluster(mentions)):
        for i in members:
            labels[i] = g
    return {"events": len(set(gold)), "acled_rows": len(rows), "mentions": len(mentions),
            "strict": pair_scores(labels, gold), "loose": pair_scores(labels, loose)}


if __name__ == "__main__":
    import json
    import time
    t = time.time()
    import sys
    print(json.dumps(evaluate(split=sys.argv[1] if len(sys.argv) > 1 else "all"), indent=1),
          f"{time.time() - t:.1f}s")
