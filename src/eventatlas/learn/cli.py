"""`eventatlas train CSV... -o DIR [--split dev|all] [--epochs N]` (wired by register(subparsers))."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(subparsers) -> argparse.ArgumentParser:
    t = subparsers.add_parser(
        "train", help="train an ACLED sub-event classifier on your own ACLED export (no weights ship)",
        description="Train a spaCy text classifier (notes -> ACLED sub_event_type) on ACLED export CSVs. "
                    "The model is derived from ACLED data: keep it to yourself; do not redistribute it.")
    t.add_argument("csv", nargs="+", type=Path, metavar="CSV", help="ACLED export CSV files (with notes, "
                   "event_type, sub_event_type; rows of older schemas without sub_event_type are skipped)")
    t.add_argument("-o", "--out", required=True, type=Path, metavar="DIR", help="folder to write the model to")
    t.add_argument("--split", choices=("dev", "all"), default="dev",
                   help="dev (default): leave out rows with int(sha1(event_id_cnty),16) %% 5 == 0, the "
                        "project's test rule, so the model can be measured on them; all: train on every row")
    t.add_argument("--epochs", type=int, default=8, help="passes over the training notes")
    t.add_argument("--seed", type=int, default=0, help="random seed, for a model that can be rebuilt identically")
    t.add_argument("--architecture", choices=("bow", "ensemble"), default="bow",
                   help="bow: bag of uni/bigrams, fast (default); ensemble: bow + small CNN, slower")
    t.add_argument("--exclude-ids", type=Path, metavar="FILE", help="file with event_id_cnty values (one a line) "
                   "never to train on")
    t.add_argument("--evaluate", action="store_true",
                   help="afterwards, score the model alone on the test rows of the same files (needs --split dev)")
    t.add_argument("--json", action="store_true", help="print the stats as one JSON object")
    t.set_defaults(func=cmd_train)
    return t


def cmd_train(args) -> int:
    from eventatlas.errors import BadOption
    from eventatlas.datasplit import read_ids
    from eventatlas.learn.textcat import evaluate, load, train
    if args.epochs < 1:
        raise BadOption("--epochs must be at least 1")
    if args.evaluate and args.split != "dev":
        raise BadOption("--evaluate measures on the test rows, which --split all trains on: use --split dev")
    exclude = read_ids(args.exclude_ids) or set()
    stats = train(args.csv, args.out, exclude_ids=exclude, split=args.split, epochs=args.epochs, seed=args.seed,
                  architecture=args.architecture)
    if args.evaluate:
        result = evaluate(load(args.out), args.csv)
        stats["evaluation"] = {k: v for k, v in result.items() if k != "per_class"}
    if args.json:
        print(json.dumps(stats, ensure_ascii=False))
        return 0
    print(f"trained on {stats['examples']} notes ({stats['labels_seen']} sub-types seen), split={stats['split']}, "
          f"{stats['epochs']} epochs in {stats['seconds']} s")
    for f in stats["files"]:
        skipped = ", ".join(f"{k} {v}" for k, v in f["skipped"].items()) or "none"
        print(f"  {f['file']}: {f['rows']} rows, {f['used']} used; skipped: {skipped}")
    print(f"  loss per epoch: {', '.join(str(x) for x in stats['losses'])}")
    if "evaluation" in stats:
        e = stats["evaluation"]
        print(f"test rows ({e['n']}): event_type accuracy {e['event_type_accuracy']}, sub_event_type weighted F1 "
              f"{e['sub_event_type_weighted_f1']} (macro {e['sub_event_type_macro_f1']})")
    print(f"model written to {stats['out_dir']} -- derived from ACLED data: do not redistribute it", file=sys.stderr)
    return 0
