"""``train``: examples (ACLED CSVs, reviewed-record JSONL) -> views through the rules -> one calibrated
linear model per language (learn.linear), saved with its provenance; ``evaluate``: a model alone on
the test rows of ACLED CSVs.

Each example goes through the rules once (spaCy parse, mentions, events; about 20-50 ms a note on
one core), so training on 9,000 notes takes a few minutes; the linear fits take well under a minute.
"""
from __future__ import annotations

import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable

from eventatlas.errors import UnreadableInput
from eventatlas.learn.data import SPLIT_RULE, SPLITS, Example, identify_language, read_any, read_examples
from eventatlas.learn.features import View, rules_views
from eventatlas.learn.linear import EventModel, Params, fit_lang, make_meta, sklearn_version

#: A language needs this many examples (and two labels) to get a model.
MIN_EXAMPLES = 10


def read_all(paths: Iterable[str | Path], *, split: str = "dev", exclude_ids=frozenset()) -> tuple[list[Example], list[dict]]:
    examples: list[Example] = []
    files = []
    for path in paths:
        ex, stats = read_any(path, split=split, exclude_ids=exclude_ids)
        examples += ex
        files.append(stats.as_dict())
    return examples, files


def _pick(views: list, trigger_start: int | None) -> View:
    """The rules' view of the reviewed event (the one whose evidence holds its trigger), else the first."""
    if trigger_start is not None:
        for event, v in views:
            if event is not None and any(s.start_char <= trigger_start < max(s.end_char, s.start_char + 1)
                                         for s in (*event.evidence, event.trigger)):
                return v
    return views[0][1]


def views_of(examples: list[Example], lang: str, label: str = "train") -> list[View]:
    """Each example's view through the rules (parsed together in batches, as extract_many does)."""
    from eventatlas.progress import progress
    from eventatlas.nlp.pipeline import parsed_together
    out: list[View] = []
    batch = 64
    for i in progress(range(0, len(examples), batch), f"{label} {lang}: rules on {len(examples)} texts, batches"):
        chunk = examples[i:i + batch]
        with parsed_together(lang, [e.text for e in chunk]):
            out += [_pick(rules_views(e.text, lang, e.published), e.trigger_start) for e in chunk]
    return out


def by_language(examples: list[Example]) -> tuple[dict[str, list[Example]], Counter]:
    """Examples grouped by language (their own, else identified); skipped ones counted by reason."""
    groups: dict[str, list[Example]] = defaultdict(list)
    skipped: Counter = Counter()
    for e in examples:
        lang = e.lang or identify_language(e.text)
        if lang is None:
            skipped["unsupported_language"] += 1
            continue
        groups[lang].append(e)
    return groups, skipped


def train(paths: Iterable[str | Path], out_dir: str | Path, *, split: str = "dev", exclude_ids=frozenset(),
          params: Params = Params()) -> dict:
    """Train on ACLED export CSVs and/or training JSONL files and write the model to ``out_dir``.
    Returns the training stats (also in meta.json under ``data``)."""
    from eventatlas.nlp.languages import available_languages
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    paths = [Path(p) for p in paths]
    if not paths:
        raise UnreadableInput("no training file given")
    sklearn_version()  # EA021 now, not after minutes of reading, when scikit-learn is missing
    t0 = time.monotonic()
    examples, files = read_all(paths, split=split, exclude_ids=frozenset(str(i) for i in exclude_ids))
    groups, skipped = by_language(examples)
    supported = set(available_languages())
    langs, per_lang = {}, {}
    for lang, exs in sorted(groups.items()):
        counts = Counter(e.sub_event_type for e in exs)
        info = {"examples": len(exs), "label_counts": dict(counts.most_common())}
        per_lang[lang] = info
        # calibration needs each label in every fold: rarer labels cannot be learned here
        rare = {lab: n for lab, n in counts.items() if n < params.calibration_folds}
        if rare:
            info["left_out_rare_labels"] = rare
            exs = [e for e in exs if e.sub_event_type not in rare]
            counts = Counter(e.sub_event_type for e in exs)
        if lang not in supported:
            info["skipped"] = "no language profile for the rules' features"
            continue
        if len(exs) < MIN_EXAMPLES or len(counts) < 2:
            info["skipped"] = f"too few examples ({len(exs)}) or labels ({len(counts)}): needs {MIN_EXAMPLES} and 2"
            continue
        views = views_of(exs, lang)
        info["trained_on"] = len(exs)
        langs[lang] = fit_lang([v.text for v in views], [v.features for v in views],
                               [e.sub_event_type for e in exs], params)
    if not langs:
        raise UnreadableInput("no language has enough usable examples: training needs rows with a text and an ACLED "
                              "sub-type" + (" outside the test split" if split == "dev" else ""),
                              source=", ".join(str(p) for p in paths))
    seconds = round(time.monotonic() - t0, 1)
    data = {"files": files, "split": split, "split_rule": SPLIT_RULE, "excluded_ids": len(exclude_ids),
            "examples": sum(len(v) for v in groups.values()), "skipped": dict(skipped), "languages": per_lang}
    model = EventModel(langs, make_meta(params, langs, data, seconds))
    model.save(out_dir)
    return {"out_dir": str(out_dir), "seconds": seconds, **data}


def test_examples(csv_paths: Iterable[str | Path]) -> list[Example]:
    rows: list[Example] = []
    for path in csv_paths:
        rows += read_examples(path, select="test")[0]
    return rows


def evaluate(model: EventModel, csv_paths: Iterable[str | Path], lang: str = "en") -> dict:
    """The model alone (with the rules' features, without the rest of extraction) on the test rows'
    notes: event_type accuracy and sub_event_type weighted/macro F1 and accuracy."""
    from eventatlas.metrics import NONE, classification
    rows = test_examples(csv_paths)
    views = views_of(rows, lang, "test")
    preds = model.predict(lang, [v.text for v in views], [v.features for v in views])
    gold_sub = [r.sub_event_type for r in rows]
    pred_sub = [p.sub_event_type or NONE for p in preds]
    c = classification(gold_sub, pred_sub)
    type_ok = [p.event_type == r.event_type for r, p in zip(rows, preds)]
    return {"n": len(rows),
            "event_type_accuracy": round(sum(type_ok) / len(rows), 4) if rows else None,
            "sub_event_type_weighted_f1": c["weighted_f1"], "sub_event_type_macro_f1": c["macro_f1"],
            "sub_event_type_accuracy": c["accuracy"], "per_class": c["per_class"]}
