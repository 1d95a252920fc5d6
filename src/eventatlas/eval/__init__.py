"""Evaluation harness: ``eventatlas eval DATASET`` -> ``run_eval`` -> one dict per run.

Result shape (the `eval --json` contract, DESIGN.md):
``{"dataset": str, "n": int, "split": "test"|"dev"|"all"|"ids", "metrics": {name: number}}`` and,
where the task is a classification, ``"per_class": {label: {"precision", "recall", "f1", "support"}}``
and ``"confusion": {gold: {predicted: count}}``. Scorers may add sections (``by_country``,
``by_schema``, ``per_slot``, ...). Metric names are documented in each scorer's module docstring:

- ``acled``     eventatlas.eval.acled     (ACLED notes: type, sub-type, actor1, fatalities, date, admin1, point)
- ``case2021``  eventatlas.eval.case2021  (CASE 2021 Task 2 snippets: ACLED sub-type weighted/macro F1)
- ``muc4``      eventatlas.eval.muc4      (MUC-4 TST3+TST4: slot P/R/F1, perpetrator/target/victim/weapon/location)
- ``ucdp``      eventatlas.eval.ucdp      (UCDP GED Iraq headlines: deaths low/best/high)
- ``golden``    eventatlas.eval.golden    (the project's golden cases)
- ``attribution`` eventatlas.eval.attribution (certainty and sources on the project's passages)
- ``devcorpus`` eventatlas.eval.devcorpus (our gold on real development text, WCEP en + Wikinews fr; ``lang``)
- ``merge``     eventatlas.eval.merge     (cross-article merging: the project's merge gold, simulated ACLED reports)
- ``geo-gwn``, ``geo-lgl``, ``geo-trnews``, ``geo-acled``  eventatlas.eval.geo (toponym resolution)

Data default to the ``shared/data`` folder beside the repository; splits follow
shared/data/README.md (published numbers: test split only).
"""
from __future__ import annotations

import importlib
import importlib.util
from typing import Callable

from eventatlas.errors import BadOption
from eventatlas.eval.common import data_dir, read_ids
from eventatlas.eval.report import format_report

__all__ = ["run_eval", "format_report", "DATASETS"]


def _own(module: str) -> Callable[..., dict]:
    def run(data, ids, limit, split):
        mod = importlib.import_module(f"eventatlas.eval.{module}")
        return mod.score(data=data, ids=ids, limit=limit, split=split)
    return run


def _golden(data, ids, limit, split):
    from eventatlas.eval import golden
    result = golden.score(limit=limit, ids=ids)
    result.setdefault("split", "all")
    return result


def _attribution(data, ids, limit, split):
    from eventatlas.eval import attribution
    result = attribution.score(split=split, limit=limit, ids=ids)
    result.setdefault("split", split)
    return result


def _devcorpus(data, ids, limit, split, lang=None):
    from eventatlas.eval import devcorpus
    return devcorpus.score(data=data, ids=ids, limit=limit, split=split, lang=lang)


def _merge(data, ids, limit, split):
    from eventatlas.eval import merge
    return merge.score(data=data, ids=ids, limit=limit, split=split)


def _geo(function: str) -> Callable[..., dict]:
    def run(data, ids, limit, split):
        from eventatlas.eval import geo
        result = getattr(geo, function)(data_dir(data), ids=ids, limit=limit, split=split)
        result.setdefault("split", "ids" if ids is not None else split)
        return result
    return run


DATASETS: dict[str, Callable[..., dict]] = {
    "acled": _own("acled"),
    "case2021": _own("case2021"),
    "muc4": _own("muc4"),
    "ucdp": _own("ucdp"),
    "golden": _golden,
    "attribution": _attribution,
    "devcorpus": _devcorpus,
    "merge": _merge,
}
# Scorers that can restrict a run to one language (``eval DATASET --lang fr``).
BY_LANGUAGE = {"devcorpus"}
# Geoparsing scorers live in eval/geo.py (another module): registered when it defines them.
for _name, _function in (("geo-gwn", "score_gwn"), ("geo-lgl", "score_lgl"), ("geo-trnews", "score_trnews"),
                         ("geo-acled", "score_acled")):
    try:
        _spec = importlib.util.find_spec("eventatlas.eval.geo")
    except (ImportError, ValueError):
        _spec = None
    if _spec is not None and _spec.origin and f"def {_function}(" in open(_spec.origin, encoding="utf-8").read():
        DATASETS[_name] = _geo(_function)


def run_eval(dataset: str, data=None, ids_file=None, limit: int | None = None, split: str = "test",
             lang: str | None = None, model: str | None = None) -> dict:
    """Score one data set; see the module docstring for the datasets and the result shape. ``model``
    (a folder written by `eventatlas train`; acled only): rules alone and rules+model side by side."""
    if dataset not in DATASETS:
        raise BadOption(f"unknown eval dataset {dataset!r}; choose one of {', '.join(sorted(DATASETS))}")
    if split not in ("test", "dev", "all"):
        raise BadOption(f"split must be test, dev or all, not {split!r}")
    if limit is not None and limit < 0:
        raise BadOption("--limit must be a positive number")
    if lang is not None and dataset not in BY_LANGUAGE:
        raise BadOption(f"--lang applies to {', '.join(sorted(BY_LANGUAGE))}, not to {dataset!r}")
    ids = read_ids(ids_file)
    if model is not None:
        if dataset != "acled":
            raise BadOption("--model compares rules and rules+model on the acled data set only")
        from eventatlas.eval.acled import score
        return score(data=data, ids=ids, limit=limit, split=split, model=model)
    if lang is not None:
        return DATASETS[dataset](data, ids, limit, split, lang=lang)
    return DATASETS[dataset](data, ids, limit, split)
