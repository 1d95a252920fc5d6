"""``eventatlas eval merge``: cross-article merging, end to end from raw texts.

The gold (``tests/eval/merge/documents.jsonl``, written for the project, CC0; see its README) holds
French and English reports of invented events, grouped by ``group``, and near-miss reports
(``near_miss_of`` a group, ``near_miss_kind`` ``distance``, ``days`` or ``type``) that must stay
apart from it. Every document is extracted once, then stored in a fresh SQLite store in the file's
order; a document's events are those its non-statement records belong to.

Metrics (pairs of documents; two documents are *together* when they share an event):

- ``pair_precision``, ``pair_recall``, ``pair_f1``: against the gold groups;
- ``groups_whole``: share of gold groups whose documents all share one event;
- ``near_miss_apart``: share of near-miss reports that share no event with their group, and per
  kind (``near_miss_apart_distance``, ``_days``, ``_type``);
- ``order_independent``: 1 when storing the documents in reverse and in a shuffled order gives the
  same events and ids as the file's order;
- ``sim_precision``, ``sim_recall`` (when ``shared/data/acled_samples`` is there): pairwise scores on
  the simulated ACLED reports (``merge_sim``) of the chosen split's rows.

``--limit N`` keeps the first N groups (and their near misses); ``--ids FILE`` keeps the listed
group ids.
"""
from __future__ import annotations

import json
import random
import tempfile
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any




def gold_path() -> Path:
    return Path(__file__).resolve().parents[3] / "tests" / "eval" / "merge" / "documents.jsonl"


def load(path: Path | None = None, limit: int | None = None, ids: set[str] | None = None) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in (path or gold_path()).read_text("utf-8").splitlines() if line.strip()]
    groups = []
    for r in rows:
        if "near_miss_of" not in r and r["group"] not in groups:
            groups.append(r["group"])
    keep = set(groups[:limit] if limit is not None else groups)
    if ids is not None:
        keep &= set(ids)
    return [r for r in rows if r["group"] in keep or r.get("near_miss_of") in keep]


def _documents(rows: list[dict[str, Any]]):
    from eventatlas.ingest.readers import document_from_text
    return [document_from_text(r["text"], id=r["id"], outlet=r.get("outlet"), title=r.get("title"),
                               published=r.get("published"), lang=r.get("lang"), source_path="merge-gold")
            for r in rows]


def store_in_order(extracted: list[tuple[Any, list]], order: list[int]) -> dict[str, set[str]]:
    """A fresh store holding the documents in ``order``: each document's event ids."""
    from eventatlas.store import get_document, open_db, upsert_document_with_events
    with tempfile.TemporaryDirectory(prefix="eventatlas-merge-") as folder:
        engine = open_db(f"sqlite:///{Path(folder) / 'merge.sqlite'}")
        try:
            for i in order:
                doc, events = extracted[i]
                upsert_document_with_events(engine, doc, events)
            out = {}
            for doc, _events in extracted:
                stored = get_document(engine, doc.id, with_text=False)
                out[doc.id] = {r["event"] for r in stored["records"] if r.get("event_type")}
        finally:
            engine.dispose()
    return out


def score(data=None, ids: set[str] | None = None, limit: int | None = None, split: str = "test",
          path: Path | None = None, with_sim: bool = True) -> dict[str, Any]:
    from eventatlas.extract import extract_many
    rows = load(path, limit, ids)
    documents = _documents(rows)
    results = extract_many(documents)
    extracted = [(doc, res if not isinstance(res, Exception) else []) for doc, res in zip(documents, results)]
    events_of = store_in_order(extracted, list(range(len(extracted))))

    labels = {r["id"]: r["group"] for r in rows}
    gold_docs = [r["id"] for r in rows]
    # Pairwise: predicted together when two documents share an event.
    tp = fp = fn = 0
    for a, b in combinations(gold_docs, 2):
        together = bool(events_of[a] & events_of[b])
        same = labels[a] == labels[b]
        tp += together and same
        fp += together and not same
        fn += same and not together
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    members = defaultdict(list)
    for r in rows:
        if "near_miss_of" not in r:
            members[r["group"]].append(r["id"])
    whole = [g for g, docs in members.items() if set.intersection(*(events_of[d] for d in docs))]
    near = [r for r in rows if "near_miss_of" in r]
    apart_by_kind: dict[str, list[bool]] = defaultdict(list)
    failures = []
    for r in near:
        apart = not any(events_of[r["id"]] & events_of[d] for d in members.get(r["near_miss_of"], ()))
        apart_by_kind[r["near_miss_kind"]].append(apart)
        if not apart:
            failures.append({"near_miss": r["id"], "of": r["near_miss_of"], "kind": r["near_miss_kind"]})
    missed = [g for g in members if g not in whole]

    orders = {"reverse": list(reversed(range(len(extracted))))}
    shuffled = list(range(len(extracted)))
    random.Random(18).shuffle(shuffled)
    orders["shuffled"] = shuffled
    same_everywhere = all(store_in_order(extracted, order) == events_of for order in orders.values())

    metrics = {"pair_precision": round(precision, 4), "pair_recall": round(recall, 4),
               "pair_f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
               "groups_whole": round(len(whole) / len(members), 4) if members else 1.0,
               "near_miss_apart": round(sum(sum(v) for v in apart_by_kind.values()) / len(near), 4) if near else 1.0,
               "order_independent": int(same_everywhere)}
    for kind, values in sorted(apart_by_kind.items()):
        metrics[f"near_miss_apart_{kind}"] = round(sum(values) / len(values), 4)
    result: dict[str, Any] = {"dataset": "merge", "n": len(rows), "split": "all", "metrics": metrics,
                              "groups": len(members), "near_misses": len(near),
                              "groups_not_whole": missed, "near_misses_merged": failures}
    if with_sim:
        from eventatlas.eval import merge_sim
        from eventatlas.eval.common import default_data_dir
        samples = (Path(data) if data else default_data_dir()) / "acled_samples"
        if all((samples / f).exists() for f in merge_sim.FILES):
            sim = merge_sim.evaluate(split=split, samples=samples)
            metrics["sim_precision"] = sim["strict"]["precision"]
            metrics["sim_recall"] = sim["strict"]["recall"]
            result["sim"] = dict(sim, split=split)
    return result



