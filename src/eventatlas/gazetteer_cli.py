"""`eventatlas gazetteer import FILE...` and `eventatlas gazetteer info`: the command-line side of the
GeoNames import (``nlp/geo/importer.py`` does the streaming work)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from eventatlas.errors import UnreadableInput
from eventatlas.nlp.geo.importer import INDEX_VERSION, import_files, index_path


def index_summary(index: Path | None = None) -> dict:
    path = index or index_path()
    if not path.is_file():
        return {"index": str(path), "present": False}
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        count = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                 for t in ("place", "name", "admin1", "admin2")}
        files = [{"file": name, "lines": lines, "done": done}
                 for name, lines, done in conn.execute("SELECT file, lines, done FROM progress")]
    finally:
        conn.close()
    return {"index": str(path), "present": True, "bytes": path.stat().st_size, **count, "files": files}


def register(sub) -> None:
    """Adds ``gazetteer import`` and ``gazetteer info`` to eventatlas's parser."""
    g = sub.add_parser("gazetteer", help="import GeoNames dumps into the local gazetteer index")
    gsub = g.add_subparsers(dest="gazetteer_command", required=True)
    imp = gsub.add_parser("import", help="stream GeoNames dump files (zip or txt) into the index; rerun to resume")
    imp.add_argument("files", nargs="+", metavar="FILE", type=Path,
                     help="allCountries.zip, XX.zip, citiesN.zip, alternateNamesV2.zip, admin1CodesASCII.txt, "
                          "admin2Codes.txt from https://download.geonames.org/export/dump/")
    imp.add_argument("--index", type=Path,
                     help=f"index file (default: geonames-{INDEX_VERSION}.sqlite in the user data folder)")
    imp.add_argument("--quiet", action="store_true", help="no progress bar")
    imp.set_defaults(func=cmd_import)
    info = gsub.add_parser("info", help="what the index holds")
    info.add_argument("--index", type=Path,
                      help=f"index file (default: geonames-{INDEX_VERSION}.sqlite in the user data folder)")
    info.set_defaults(func=cmd_info)


def cmd_import(args) -> int:
    missing = [str(p) for p in args.files if not Path(p).is_file()]
    if missing:
        raise UnreadableInput(f"no such file: {', '.join(missing)}")
    results = import_files(args.files, args.index, show_progress=not args.quiet)
    for r in results:
        resumed = f", resumed after line {r.resumed_from}" if r.resumed_from else ""
        print(f"{r.file}: {r.kind}, {r.lines} lines, {r.added} rows added{resumed}")
    summary = index_summary(args.index)
    print(f"index {summary['index']}: {summary['place']} places, {summary['name']} names, "
          f"{summary['bytes'] / 2**20:.1f} MiB")
    return 0


def cmd_info(args) -> int:
    import json

    print(json.dumps(index_summary(args.index), indent=1))
    return 0
