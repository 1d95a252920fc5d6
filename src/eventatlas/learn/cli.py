"""`eventatlas train FILE... -o DIR [--split dev|all]` (wired by register(subparsers))."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(subparsers) -> argparse.ArgumentParser:
    t = subparsers.add_parser(
        "train", help="train the event classifier on your ACLED export and/or reviewed records (no weights ship)",
        description="Train calibrated linear models (word and character n-grams plus the rules' own features; one "
                    "per language) that type events by ACLED sub-event type, from ACLED export CSVs and/or "
                    "`eventatlas export --format training` JSONL files. Use it with the event_model setting "
                    "(EVENTATLAS_EVENT_MODEL=DIR). A model derived from ACLED data must not be redistributed.")
    t.add_argument("files", nargs="+", type=Path, metavar="FILE",
                   help="ACLED export CSVs (notes, event_type, sub_event_type; rows of older schemas without "
                        "sub_event_type are skipped) or training JSONL files (rejected records are negatives)")
    t.add_argument("-o", "--out", required=True, type=Path, metavar="DIR", help="folder to write the model to")
    t.add_argument("--split", choices=("dev", "all"), default="dev",
                   help="dev (default): leave out rows and records with int(sha1(id),16) %% 5 == 0, the "
                        "project's test rule, so the model can be measured on them; all: train on every one")
    t.add_argument("--C", type=float, default=None, metavar="C", help="SVM regularisation (default: the "
                   "cross-validated value in learn.linear.Params)")
    t.add_argument("--exclude-ids", type=Path, metavar="FILE", help="file with ids (event_id_cnty or record id, "
                   "one a line) never to train on")
    t.add_argument("--evaluate", action="store_true",
                   help="afterwards, score the model alone on the test rows of the CSV files (needs --split dev)")
    t.add_argument("--json", action="store_true", help="print the stats as one JSON object")
    t.set_defaults(func=cmd_train)
    return t


def cmd_train(args) -> int:
    from dataclasses import replace

    from eventatlas.errors import BadOption
    from eventatlas.datasplit import read_ids
    from eventatlas.learn.linear import Params, load
    from eventatlas.learn.trainer import evaluate, train
    if args.evaluate and args.split != "dev":
        raise BadOption("--evaluate measures on the test rows, which --split all trains on: use --split dev")
    params = Params()
    if args.C is not None:
        if args.C <= 0:
            raise BadOption("--C must be positive")
        params = replace(params, C=args.C)
    stats = train(args.files, args.out, split=args.split, exclude_ids=read_ids(args.exclude_ids) or set(),
                  params=params)
    if args.evaluate:
        csvs = [p for p in args.files if p.suffix.lower() == ".csv"]
        result = evaluate(load(args.out), csvs)
        stats["evaluation"] = {k: v for k, v in result.items() if k != "per_class"}
    if args.json:
        print(json.dumps(stats, ensure_ascii=False))
        return 0
    langs = ", ".join(f"{lang} {info['examples']}" + (f" (skipped: {info['skipped']})" if "skipped" in info else "")
                      for lang, info in stats["languages"].items())
    print(f"trained on {stats['examples']} examples ({langs}), split={stats['split']}, in {stats['seconds']} s")
    for f in stats["files"]:
        skipped = ", ".join(f"{k} {v}" for k, v in f["skipped"].items()) or "none"
        print(f"  {f['file']}: {f['rows']} rows, {f['used']} used; skipped: {skipped}")
    if stats["skipped"]:
        print("  skipped: " + ", ".join(f"{k} {v}" for k, v in stats["skipped"].items()))
    if "evaluation" in stats:
        e = stats["evaluation"]
        print(f"test rows ({e['n']}), model alone: event_type accuracy {e['event_type_accuracy']}, sub_event_type "
              f"weighted F1 {e['sub_event_type_weighted_f1']} (macro {e['sub_event_type_macro_f1']})")
    print(f"model written to {stats['out_dir']}; use it with EVENTATLAS_EVENT_MODEL={stats['out_dir']} -- "
          "derived from your data: do not redistribute it when that includes ACLED data", file=sys.stderr)
    return 0
