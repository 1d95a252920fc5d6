"""Command line: parses arguments, calls functions that return data, prints. Logs go to stderr."""
from __future__ import annotations

import argparse
import json
import sys

from eventatlas.cliargs import (ArgumentParser, db_option, exit_status, lang_option, published_option, run_settings,
                                version)
from eventatlas.errors import EventAtlasError, ExtractionFailed


def cmd_extract(args) -> int:
    from eventatlas.extract import extract
    from eventatlas.ingest import read_inputs
    from eventatlas.model import event_to_dict
    settings = run_settings(args)
    failures = 0
    all_records = []
    for item in read_inputs(args.inputs, settings):
        if isinstance(item, EventAtlasError):
            print(f"error: {item}", file=sys.stderr)
            failures += 1
            continue
        doc = item
        try:
            events = extract(doc, lang=args.lang, settings=settings)  # within document_timeout_s
        except EventAtlasError as exc:
            if exc.source is None:
                exc = type(exc)(exc.message, source=doc.source_path)
            print(f"error: {exc}", file=sys.stderr)
            failures += 1
            continue
        except Exception as exc:  # a bug on one document must not cost the user the rest of the batch
            print(f"error: {ExtractionFailed(f'{type(exc).__name__}: {exc}', source=doc.source_path)}",
                  file=sys.stderr)
            failures += 1
            continue
        records = [event_to_dict(e) for e in events]
        if args.format == "jsonl":
            for r in records:
                sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            all_records.extend(records)
        print(f"{doc.source_path}: {sum(1 for e in events if e.event_type)} events, "
              f"{sum(1 for e in events if not e.event_type)} statements", file=sys.stderr)
    if args.format == "json":
        json.dump(all_records, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif args.format == "table":
        print_table(all_records)
    return exit_status(failures)


def print_table(records) -> None:
    cols = ("date", "event_type", "sub_event_type", "location", "admin1", "fatalities", "certainty", "source")
    rows = []
    for r in records:
        rows.append((
            (r["date"] or {}).get("start") or "", r["event_type"] or f"({r['plover']})", r["sub_event_type"] or "",
            (r["location"] or {}).get("name") or "", (r["location"] or {}).get("admin1") or "",
            "" if r["fatalities"] is None else str(r["fatalities"]["best"]), r["certainty"], r["attribution"]["source"]))
    widths = [max(len(c), *(len(row[i]) for row in rows)) if rows else len(c) for i, c in enumerate(cols)]
    print("  ".join(c.ljust(w) for c, w in zip(cols, widths)))
    for row in rows:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths)))


def cmd_demo(args) -> int:
    """Ingest the sample (and --with inputs) into the default store, print the demo's events as a table,
    then serve the map and the API over that store (--no-serve: exit after the table)."""
    from eventatlas.demo import run_demo
    from eventatlas.pipeline_run import format_summary
    result = run_demo(args.with_inputs or (), db=args.db)
    print_table(result["records"])
    print(format_summary(result["summary"]), file=sys.stderr)
    print(f"\n{result['documents']} documents, {result['events']} events, {result['statements']} statements, "
          f"stored in {result['db']}")
    status = exit_status(len(result["summary"]["skipped"]))
    if args.no_serve:
        return status
    _serve(args.db, args.host, args.port, ())
    return status


def cmd_serve(args) -> int:
    return _serve(args.db, args.host, args.port, tuple(args.cors_origin or ()))


def _serve(db: str | None, host: str, port: int, cors_origins: tuple[str, ...]) -> int:
    from eventatlas.api import serve
    shown = f"[{host}]" if ":" in host else host
    print(f"eventatlas: map at http://{shown}:{port}/  API docs at http://{shown}:{port}/docs  (Ctrl+C stops)",
          flush=True)
    serve(db, host, port, cors_origins=cors_origins)
    return 0


def _web_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on")


def build_parser() -> argparse.ArgumentParser:
    p = ArgumentParser(prog="eventatlas", description="News articles to geocoded, source-attributed events.")
    p.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=ArgumentParser)
    e = sub.add_parser("extract", help="print the events reported in articles",
                       description="Print the events reported in articles. Exit status: 0 when every input went "
                                   "through, 1 when at least one failed, 2 for a usage error.")
    e.add_argument("inputs", nargs="+", metavar="FILE", help="text, HTML or JSONL files, or folders")
    published_option(e)
    lang_option(e)
    e.add_argument("--format", choices=("jsonl", "json", "table"), default="jsonl",
                   help="jsonl: one record per line; json: one array; table: a summary for people")
    e.set_defaults(func=cmd_extract)
    d = sub.add_parser("demo", help="ingest the bundled sample into the store, print its events and serve the map")
    d.add_argument("--with", dest="with_inputs", nargs="+", metavar="FILE", help="more inputs to add to the sample")
    d.add_argument("--no-serve", action="store_true", help="ingest and print the table, then exit without serving")
    db_option(d)
    _web_options(d)
    d.set_defaults(func=cmd_demo)
    s = sub.add_parser("serve", help="serve the REST API and the map over a database")
    db_option(s)
    _web_options(s)
    s.add_argument("--cors-origin", action="append", metavar="ORIGIN",
                   help="allow browser pages from ORIGIN to read the API (repeat; default: none)")
    s.set_defaults(func=cmd_serve)
    from eventatlas.store.commands import register as register_store
    register_store(sub)  # ingest, watch, export
    from eventatlas.learn.cli import register as register_train
    register_train(sub)
    from eventatlas.gazetteer_cli import register as register_gazetteer
    register_gazetteer(sub)  # gazetteer import / info (geo17)
    ev = sub.add_parser("eval", help="score extraction against gold data")
    ev.add_argument("dataset", help="the data set to score on (see README's Quality section)")
    ev.add_argument("--data", help="data folder (default: ../shared/data beside the repository)")
    ev.add_argument("--ids", help="file with one record id per line: score only these")
    ev.add_argument("--limit", type=int, help="score only the first N records (default: all)")
    ev.add_argument("--split", default="test", choices=("test", "dev", "all"),
                    help="test: the records the project publishes scores on; dev: the others")
    from eventatlas.nlp.languages import available_languages
    ev.add_argument("--lang", choices=available_languages(),
                    help="score only this language's records (data sets with several languages; default: all)")
    ev.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    ev.add_argument("--model", metavar="DIR", help="acled: score the rules alone and rules+model (a folder written "
                    "by `eventatlas train`) side by side on the same records (default: the event_model setting)")
    ev.set_defaults(func=cmd_eval)
    return p


def cmd_eval(args) -> int:
    from eventatlas.eval import run_eval
    result = run_eval(args.dataset, data=args.data, ids_file=args.ids, limit=args.limit, split=args.split,
                      lang=args.lang, model=args.model)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        from eventatlas.eval import format_report
        print(format_report(result))
    return 0


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except EventAtlasError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
