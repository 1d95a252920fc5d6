"""CLI wiring of the store commands (ingest, watch, export, merge): parse, call a function, print.

``register(subparsers)`` adds them to eventatlas's parser; ``python -m eventatlas.store.commands``
runs them alone. Data goes to stdout, summaries and progress to stderr."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from eventatlas.cliargs import date_arg, db_option, exit_status, lang_option, published_option, run_settings
from eventatlas.errors import EventAtlasError
from eventatlas.export import FORMATS


def _interval(value: str) -> float:
    from eventatlas.pipeline_run import parse_interval
    try:
        return parse_interval(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return n


def cmd_ingest(args) -> int:
    from eventatlas.pipeline_run import format_summary, ingest_paths
    settings = run_settings(args)
    if getattr(args, "dask", None):
        try:
            from eventatlas.pipeline_run import ingest_dask
            import distributed  # noqa: F401
        except ImportError:
            print("--dask needs Dask: pip install 'dask[distributed]'", file=sys.stderr)
            return 2
        summary = ingest_dask(args.paths, args.db, address=args.dask, workers=args.workers or 2, lang=args.lang,
                              settings=settings, progress=not args.quiet)
    elif (getattr(args, "workers", None) or 1) > 1:
        from eventatlas.pipeline_run import ingest_parallel
        summary = ingest_parallel(args.paths, args.db, workers=args.workers, lang=args.lang, settings=settings,
                                  progress=not args.quiet)
    else:
        summary = ingest_paths(args.paths, args.db, lang=args.lang, settings=settings, progress=not args.quiet)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    print(format_summary(summary), file=sys.stderr)
    return exit_status(len(summary["skipped"]))


def cmd_watch(args) -> int:
    from eventatlas.pipeline_run import format_summary, watch
    failed = 0
    for summary in watch(args.feeds, args.every, args.db, max_polls=args.max_polls, lang=args.lang,
                         settings=run_settings(args), progress=not args.quiet):
        failed += len(summary["skipped"])
        if args.json:
            print(json.dumps(summary, ensure_ascii=False), flush=True)
        print(f"[{dt.datetime.now().isoformat(timespec='seconds')}] " + format_summary(summary), file=sys.stderr)
    return exit_status(failed)


def cmd_export(args) -> int:
    from eventatlas.export import atomic_output, export
    from eventatlas.store.db import open_db
    from eventatlas.store.repo import EventFilter, changes_since
    engine = open_db(args.db)
    if args.since:
        feed = changes_since(engine, args.since)
        text = json.dumps(feed, ensure_ascii=False) + "\n"
        if args.output:
            with atomic_output(args.output) as fh:
                fh.write(text)
        else:
            sys.stdout.write(text)
        return 0
    filters = EventFilter(since_date=args.since_date, until_date=args.until_date, country=args.country,
                          admin1=args.admin1, type=args.type, actor=args.actor,
                          certainty=tuple(args.certainty or ()), min_sources=args.min_sources,
                          include_rejected=args.include_rejected)
    n = export(engine, args.format, args.output, filters)
    print(f"{n} events exported ({args.format})", file=sys.stderr)
    return 0


def cmd_merge(args) -> int:
    import getpass

    from eventatlas.store import merging
    from eventatlas.store.db import open_db
    from eventatlas.store.repo import get_event
    engine = open_db(args.db)
    by = getattr(args, "by", None) or getpass.getuser()
    if args.merge_command == "split":
        result = merging.split_document(engine, args.event, args.document, by=by, note=args.note)
    elif args.merge_command == "join":
        result = merging.join_events(engine, args.event_a, args.event_b, by=by, note=args.note)
    elif args.merge_command == "why":
        event = get_event(engine, args.event)
        if event is None:
            print(f"error: no event {args.event!r}", file=sys.stderr)
            return 1
        result = {"id": event["id"], "documents": event.get("documents"), "sources": event.get("sources"),
                  "merge_why": event.get("merge_why", []), "provenance": event.get("provenance", {})}
    else:
        result = {"decisions": merging.list_decisions(engine)}
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


def register(subparsers) -> None:
    i = subparsers.add_parser("ingest", help="read, extract and store documents (idempotent)",
                              description="Read, extract and store documents; storing one twice changes nothing. "
                                          "Exit status: 0 when every input went through, 1 when at least one failed, "
                                          "2 for a usage error.")
    i.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, JSONL dumps, RSS/Atom files or URLs")
    db_option(i)
    lang_option(i)
    published_option(i)
    i.add_argument("--json", action="store_true", help="print the run summary as JSON on stdout")
    i.add_argument("--quiet", action="store_true", help="no progress bar")
    i.add_argument("--workers", type=_positive, metavar="N",
                   help="extract in N processes (default 1); with --dask, workers of the local cluster (default 2)")
    i.add_argument("--dask", metavar="ADDRESS|local",
                   help="extract on a Dask cluster: 'local' starts one, or a scheduler address tcp://host:port "
                        "(needs dask[distributed])")
    i.set_defaults(func=cmd_ingest)

    w = subparsers.add_parser("watch", help="poll RSS/Atom feeds and ingest new entries",
                              description="Poll RSS/Atom feeds and ingest new entries. Exit status (after --max-polls or "
                                          "Ctrl+C): 0 when every entry went through, 1 when at least one failed.")
    w.add_argument("feeds", nargs="+", metavar="FEED", help="feed URLs or files")
    w.add_argument("--every", type=_interval, default=30.0,
                   help="poll interval: 30s, 10m, 1h (default 30s; unchanged feeds answer 304 Not Modified)")
    w.add_argument("--max-polls", type=int, help="stop after N polls (default: run until interrupted)")
    db_option(w)
    lang_option(w)
    published_option(w)
    w.add_argument("--json", action="store_true", help="print each poll's summary as JSON on stdout")
    w.add_argument("--quiet", action="store_true", help="no progress bar")
    w.set_defaults(func=cmd_watch)

    e = subparsers.add_parser("export", help="write merged events as ACLED CSV, GeoJSON, JSONL or Parquet, or "
                                             "reviewed events as training examples (--format training)")
    e.add_argument("--format", choices=FORMATS, default="jsonl",
                   help="jsonl (default), acled-csv, geojson, parquet, or training: reviewed events as labelled "
                        "examples for eventatlas train (rejected ones as negatives)")
    e.add_argument("--include-rejected", action="store_true", help="also events a reviewer rejected")
    db_option(e)
    e.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    e.add_argument("--since-date", type=date_arg, metavar="YYYY-MM-DD", help="events on or after this date")
    e.add_argument("--until-date", type=date_arg, metavar="YYYY-MM-DD", help="events on or before this date")
    e.add_argument("--country", help="country name or ISO3 code")
    e.add_argument("--admin1", help="admin-1 name or ISO 3166-2 code")
    e.add_argument("--type", help="event_type or sub_event_type")
    e.add_argument("--actor", help="part of an actor name")
    e.add_argument("--certainty", action="append", choices=("asserted", "reported", "claimed", "alleged",
                                                              "speculative"), help="repeat for several")
    e.add_argument("--min-sources", type=int, metavar="N", help="events reported by at least N outlets (default: any)")
    e.add_argument("--since", metavar="TIMESTAMP",
                   help="print the change feed instead: ids new, changed and merged away since TIMESTAMP "
                        "(ISO 8601 or Unix seconds) as one JSON object")
    e.set_defaults(func=cmd_export)

    m = subparsers.add_parser("merge", help="explain and correct cross-article merging (split, join, why, list)")
    msub = m.add_subparsers(dest="merge_command", required=True)
    ms = msub.add_parser("split", help="take a document's records out of an event, for good")
    ms.add_argument("event", metavar="EVENT_ID", help="the event to split")
    ms.add_argument("document", metavar="DOC_ID", help="the document whose records leave it")
    mj = msub.add_parser("join", help="make two events one, for good")
    mj.add_argument("event_a", metavar="EVENT_A", help="one event")
    mj.add_argument("event_b", metavar="EVENT_B", help="the other event")
    mw = msub.add_parser("why", help="print why an event's records were merged, and which document gave each field")
    mw.add_argument("event", metavar="EVENT_ID", help="the event to explain")
    ml = msub.add_parser("list", help="print the analysts' decisions")
    for sp in (ms, mj):
        sp.add_argument("--by", help="who decides (default: the user name)")
        sp.add_argument("--note", help="why, for the record")
    for sp in (ms, mj, mw, ml):
        db_option(sp)
        sp.set_defaults(func=cmd_merge)
