"""CASE 2021 Shared Task 2 (Haneczok et al. 2021): ACLED sub-event type of short news snippets.

Data: shared/data/case2021_task2/test_set_final_release_with_labels.tsv (1,019 snippets; id,
EventSnippet, SubType), read with csv.QUOTE_NONE. The whole file is the official test set: there
is no dev portion (split "dev" scores nothing; the data README points to ACLED dev rows instead).
``ids`` are snippet ids; ``limit`` keeps the first N snippets in file order.

Label mapping: ``CODES`` (the organisers' 25 "seen" codes are ACLED's sub-event types one to one;
the task description gives the correspondence; a test checks it against ``eventatlas.taxonomy``).
The 5 "unseen" codes (ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO, ATTRIB) are not ACLED
events: their right answer is "none".

Per snippet: extract (lang "en", published fixed at 2020-01-01: dates are not scored); predicted
label = sub_event_type of the first record with an event_type, else "none".

Metrics (subtask-1 setting: the 829 snippets with one of the 25 ACLED labels):
- weighted_f1 (the best CASE 2021 system: 0.839), macro_f1, accuracy over the 25 labels
  ("none" is a miss), event_type_accuracy (the sub-type's ACLED type),
- unseen_none_rate: share of the unseen-type snippets for which we extract no ACLED event,
- all_accuracy: accuracy over every snippet, unseen ones counting right when "none".
`per_class` and `confusion` are over the 25-label snippets.
"""
from __future__ import annotations

import csv
from pathlib import Path

from eventatlas.eval.common import (NONE, classification, confusion, data_dir, extract_records,
                                    first_event, progress, rate, top_confusions)
from eventatlas.taxonomy import sub_to_type

FOLDER = "case2021_task2"
FILE = "test_set_final_release_with_labels.tsv"
PUBLISHED = "2020-01-01"
CODES = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance", "AGREEMENT": "Agreement", "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash", "ARREST": "Arrests", "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack", "CHANGE_TO_GROUP_ACT": "Change to group/activity", "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use", "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory", "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established", "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory", "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest", "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention", "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence", "SUIC_BOMB": "Suicide bomb", "VIOL_DEMONSTR": "Violent demonstration",
}
UNSEEN = ("ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB")


def load_rows(root: Path) -> list[dict]:
    path = root / FOLDER / FILE
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [{"id": r["id"].strip(), "text": r["EventSnippet"], "code": r["SubType"].strip(),
             "gold": CODES.get(r["SubType"].strip(), NONE)} for r in rows]


def score(data=None, ids: set[str] | None = None, limit: int | None = None, split: str = "test") -> dict:
    root = data_dir(data, FOLDER)
    rows = load_rows(root)
    if ids is not None:
        rows = [r for r in rows if r["id"] in ids]
    elif split == "dev":
        rows = []
    rows = rows[:limit] if limit is not None else rows
    for r in progress(rows, "case2021"):
        ev = first_event(extract_records(r["text"], published=PUBLISHED, lang="en"))
        r["pred"] = (ev or {}).get("sub_event_type") or NONE
        r["pred_type"] = (ev or {}).get("event_type") or NONE
    seen = [r for r in rows if r["code"] in CODES]
    unseen = [r for r in rows if r["code"] not in CODES]
    gold, pred = [r["gold"] for r in seen], [r["pred"] for r in seen]
    c = classification(gold, pred, labels=CODES.values())
    conf = confusion(gold, pred)
    metrics = {"n_acled_labels": len(seen), "n_unseen": len(unseen),
               "weighted_f1": c["weighted_f1"], "macro_f1": c["macro_f1"], "accuracy": c["accuracy"],
               "event_type_accuracy": rate([sub_to_type()[r["gold"]] == r["pred_type"] for r in seen]),
               "unseen_none_rate": rate([r["pred"] == NONE for r in unseen]),
               "all_accuracy": rate([r["pred"] == r["gold"] for r in rows])}
    out = {"dataset": "case2021", "n": len(rows), "split": "ids" if ids is not None else split, "metrics": metrics,
           "per_class": {k: v for k, v in c["per_class"].items() if v["support"]},
           "confusion": conf, "top_confusions": top_confusions(conf)}
    if split == "dev" and ids is None:
        out["note"] = "CASE 2021 Task 2 is test-only (no dev portion): split dev scores nothing"
    return out
