"""Exports of merged events: ACLED CSV, GeoJSON, JSONL, Parquet, and reviewed events as training examples.

Every format shows events as readers see them: reviewed values win over the machine's, and ``review``
(null or state, by, at) travels with each record (in the ACLED CSV as ``reviewed_by``, ``reviewed_at``
right after ACLED's columns).

Functions take event records (merged records as the store returns them) and a file object, so
they are usable without a database; ``export`` wires them to the store."""
from __future__ import annotations

import csv
import datetime as dt
import errno
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from eventatlas.taxonomy import disorder_type

FORMATS = ("acled-csv", "geojson", "jsonl", "parquet", "training")

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp")
EXTRA_COLUMNS = ("reviewed_by", "reviewed_at", "certainty", "attribution_source", "attribution_kind", "source_chain", "evidence", "sources",
                 "documents")

_FIRST_SIDE = ("perpetrator", "claimant")
_SECOND_SIDE = ("target", "victim")


def inter_code(actor: str | None) -> int | None:
    """ACLED interaction code from an ACLED-style actor name, where the name tells it."""
    if not actor:
        return None
    name = actor.lower()
    for prefix, code in (("military forces of", 1), ("police forces of", 1), ("protesters", 6), ("rioters", 5),
                         ("civilians", 7), ("unidentified armed group", 3), ("unidentified", 3)):
        if name.startswith(prefix):
            return code
    return None


def _iso_numeric(iso3: str | None) -> str:
    if not iso3:
        return ""
    import pycountry
    country = pycountry.countries.get(alpha_3=iso3)
    return str(int(country.numeric)) if country else ""


def _note(record: dict[str, Any], text: str | None) -> str:
    """The sentence around the trigger, from the earliest document's text (ACLED's 'notes')."""
    trig = record.get("trigger") or {}
    if not text or trig.get("start_char") is None:
        return trig.get("text") or ""
    stop = text.rfind(". ", 0, trig["start_char"])
    start = max(stop + 2 if stop != -1 else 0, text.rfind("\n", 0, trig["start_char"]) + 1)
    ends = [i for i in (text.find(". ", trig["end_char"]), text.find("\n", trig["end_char"])) if i != -1]
    end = min(ends) + 1 if ends else len(text)
    return " ".join(text[start:end].split())


def _timestamp(value: str | None) -> str:
    if not value:
        return ""
    return str(int(dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.timezone.utc).timestamp()))


def acled_row(record: dict[str, Any], text: str | None = None, outlets: Iterable[str] = (),
              updated_at: str | None = None) -> dict[str, Any]:
    """One ACLED CSV row (ACLED's columns, then ours) for an event record."""
    first = [a["name"] for a in record.get("actors") or () if a.get("role") in _FIRST_SIDE]
    second = [a["name"] for a in record.get("actors") or () if a.get("role") in _SECOND_SIDE]
    first, second = list(dict.fromkeys(first)), list(dict.fromkeys(second))
    actor1, actor2 = (first[:1] or [""])[0], (second[:1] or [""])[0]
    inter1, inter2 = inter_code(actor1), inter_code(actor2)
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    date = record.get("date") or {}
    loc = record.get("location") or {}
    att = record.get("attribution") or {}
    fat = record.get("fatalities") or {}
    spans = [{"field": k, "text": record[k]["text"], "start_char": record[k]["start_char"],
              "end_char": record[k]["end_char"]}
             for k in ("trigger", "date", "location", "weapon", "fatalities")
             if isinstance(record.get(k), dict) and record[k].get("start_char") is not None]
    row = {
        "event_id_cnty": record["id"], "event_date": date.get("start") or "",
        "year": (date.get("start") or "")[:4], "time_precision": date.get("precision") or "",
        "disorder_type": disorder_type(record.get("event_type"), record.get("sub_event_type")),
        "event_type": record.get("event_type") or "", "sub_event_type": record.get("sub_event_type") or "",
        "actor1": actor1, "assoc_actor_1": "; ".join(first[1:]), "inter1": inter1 or "",
        "actor2": actor2, "assoc_actor_2": "; ".join(second[1:]), "inter2": inter2 or "",
        "interaction": "".join(map(str, codes)) if codes else "",
        "civilian_targeting": "Civilian targeting" if actor2.startswith("Civilians") else "",
        "iso": _iso_numeric(loc.get("iso3")), "region": "", "country": loc.get("country") or "",
        "admin1": loc.get("admin1") or "", "admin2": loc.get("admin2") or "", "admin3": "",
        "location": loc.get("name") or "", "latitude": "" if loc.get("lat") is None else loc["lat"],
        "longitude": "" if loc.get("lon") is None else loc["lon"], "geo_precision": loc.get("precision") or "",
        "source": "; ".join(outlets), "source_scale": "", "notes": _note(record, text),
        "fatalities": fat.get("best") if fat.get("best") is not None else 0, "tags": "",
        "timestamp": _timestamp(updated_at),
        "reviewed_by": (record.get("review") or {}).get("by") or "",
        "reviewed_at": (record.get("review") or {}).get("at") or "",
        "certainty": record.get("certainty") or "", "attribution_source": att.get("source") or "",
        "attribution_kind": att.get("kind") or "", "source_chain": " > ".join(att.get("chain") or ()),
        "evidence": json.dumps(spans, ensure_ascii=False), "sources": record.get("sources", 1),
        "documents": ";".join(record.get("documents") or ()),
    }
    return row


def write_acled_csv(records: Iterable[dict[str, Any]], out: TextIO, texts: dict[str, str] | None = None,
                    outlets: dict[str, str] | None = None) -> int:
    """ACLED columns in ACLED's order, then ours. Statements (event_type null) are left out."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS + EXTRA_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for r in records:
        if r.get("event_type") is None:
            continue
        doc_outlets = [outlets.get(d) for d in r.get("documents") or ()] if outlets else []
        names = list(dict.fromkeys(o for o in doc_outlets if o))
        writer.writerow(acled_row(r, (texts or {}).get(r["document"]["id"]), names, r.get("updated_at")))
        n += 1
    return n


def geojson_feature(record: dict[str, Any]) -> dict[str, Any]:
    loc = record.get("location") or {}
    geometry = None
    if loc.get("lat") is not None and loc.get("lon") is not None:
        geometry = {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]}
    props = {k: v for k, v in record.items() if k != "id"}
    return {"type": "Feature", "id": record["id"], "geometry": geometry, "properties": props}


def write_geojson(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """A FeatureCollection, coordinates [lon, lat]; events without coordinates have a null geometry."""
    features = [geojson_feature(r) for r in records]
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO, texts: dict[str, str] | None = None) -> int:
    """One event record per line; ``document.text`` is the earliest document's text when given."""
    n = 0
    for r in records:
        if texts is not None and r["document"]["id"] in texts:
            r = dict(r, document=dict(r["document"], text=texts[r["document"]["id"]]))
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
        n += 1
    return n


def parquet_schema():
    import pyarrow as pa
    span = pa.struct([("text", pa.string()), ("start_char", pa.int32()), ("end_char", pa.int32())])
    return pa.schema([
        ("id", pa.string()), ("event_type", pa.string()), ("sub_event_type", pa.string()), ("plover", pa.string()),
        ("date_start", pa.date32()), ("date_end", pa.date32()), ("time_precision", pa.int8()),
        ("location", pa.string()), ("admin2", pa.string()), ("admin1", pa.string()), ("admin1_code", pa.string()),
        ("country", pa.string()), ("iso3", pa.string()), ("latitude", pa.float64()), ("longitude", pa.float64()),
        ("geo_precision", pa.int8()),
        ("actors", pa.list_(pa.struct([("role", pa.string()), ("name", pa.string())]))),
        ("fatalities_low", pa.int32()), ("fatalities_best", pa.int32()), ("fatalities_high", pa.int32()),
        ("certainty", pa.string()), ("attribution_source", pa.string()), ("attribution_kind", pa.string()),
        ("source_chain", pa.list_(pa.string())), ("trigger", span),
        ("sources", pa.int32()), ("documents", pa.list_(pa.string())), ("document_id", pa.string()),
        ("published", pa.date32()),
        ("review", pa.struct([("state", pa.string()), ("by", pa.string()), ("at", pa.string()),
                              ("new_evidence", pa.bool_())])),
        ("record", pa.string()),
    ])


def _d(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def parquet_row(r: dict[str, Any]) -> dict[str, Any]:
    date, loc, fat, att = r.get("date") or {}, r.get("location") or {}, r.get("fatalities") or {}, r.get("attribution") or {}
    trig = r.get("trigger") or {}
    return {
        "id": r["id"], "event_type": r.get("event_type"), "sub_event_type": r.get("sub_event_type"),
        "plover": r.get("plover"), "date_start": _d(date.get("start")), "date_end": _d(date.get("end")),
        "time_precision": date.get("precision"), "location": loc.get("name"), "admin2": loc.get("admin2"),
        "admin1": loc.get("admin1"), "admin1_code": loc.get("admin1_code"), "country": loc.get("country"),
        "iso3": loc.get("iso3"), "latitude": loc.get("lat"), "longitude": loc.get("lon"),
        "geo_precision": loc.get("precision"),
        "actors": [{"role": a.get("role"), "name": a.get("name")} for a in r.get("actors") or ()],
        "fatalities_low": fat.get("low"), "fatalities_best": fat.get("best"), "fatalities_high": fat.get("high"),
        "certainty": r.get("certainty"), "attribution_source": att.get("source"),
        "attribution_kind": att.get("kind"), "source_chain": list(att.get("chain") or ()),
        "trigger": {"text": trig.get("text"), "start_char": trig.get("start_char"), "end_char": trig.get("end_char")}
        if trig.get("text") is not None else None,
        "sources": r.get("sources", 1), "documents": list(r.get("documents") or ()),
        "document_id": (r.get("document") or {}).get("id"), "published": _d((r.get("document") or {}).get("published")),
        "review": _review_struct(r.get("review")),
        "record": json.dumps(r, ensure_ascii=False, sort_keys=True),
    }


def _review_struct(review: dict[str, Any] | None) -> dict[str, Any] | None:
    if not review:
        return None
    return {"state": review.get("state"), "by": review.get("by"), "at": review.get("at"),
            "new_evidence": bool(review.get("new_evidence"))}


#: The fields of a training example (``--format training``): what a reviewer may set, as it reads after review.
TRAINING_FIELDS = ("date", "location", "actors", "weapon", "fatalities", "injuries", "certainty", "attribution")


def training_example(record: dict[str, Any], text: str | None) -> dict[str, Any] | None:
    """A reviewed event as a labelled example (the format ``eventatlas train`` reads): the earliest
    document's text and title, the reviewed type, the trigger span, the fields; a rejected event is a
    negative example (``event_type`` null, ``rejected`` true). None for an unreviewed event."""
    review = record.get("review")
    if not review:
        return None
    rejected = review.get("state") == "rejected"
    doc = record.get("document") or {}
    trig = record.get("trigger")
    example = {
        "id": record["id"], "lang": doc.get("lang"), "text": text, "title": doc.get("title"),
        "event_type": None if rejected else record.get("event_type"),
        "sub_event_type": None if rejected else record.get("sub_event_type"),
        "plover": record.get("plover"),
        "trigger": {"text": trig["text"], "start_char": trig["start_char"], "end_char": trig["end_char"]}
        if isinstance(trig, dict) and trig.get("start_char") is not None else None,
        "fields": {f: record.get(f) for f in TRAINING_FIELDS},
        "review": {"state": review.get("state"), "by": review.get("by"), "at": review.get("at")},
    }
    if rejected:
        example["rejected"] = True
    return example


def write_training(records: Iterable[dict[str, Any]], out: TextIO, texts: dict[str, str] | None = None) -> int:
    """One reviewed record per line (see ``training_example``); unreviewed records are left out."""
    n = 0
    for r in records:
        example = training_example(r, (texts or {}).get((r.get("document") or {}).get("id")))
        if example is not None:
            out.write(json.dumps(example, ensure_ascii=False) + "\n")
            n += 1
    return n


def write_parquet(records: Iterable[dict[str, Any]], out: BinaryIO | str | Path) -> int:
    """Typed columns for analysis, plus ``record``: the full JSON record, for lossless round trips."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    rows = [parquet_row(r) for r in records]
    table = pa.Table.from_pylist(rows, schema=parquet_schema())
    pq.write_table(table, out)
    return len(rows)


#: What a write refused for lack of room fails with: no space, over a quota, over a file-size limit.
NO_ROOM = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG)  # no EDQUOT on Windows


@contextmanager
def atomic_output(path: str | Path, binary: bool = False) -> Iterator[TextIO | BinaryIO]:
    """A file object whose content appears at ``path`` only once fully written (a temp file beside it,
    then a rename): a full disk or a crash never leaves a half file that looks complete. A write
    refused for lack of room raises ``StorageFull`` (EA017)."""
    from eventatlas.errors import StorageFull
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") if binary else open(tmp, "w", encoding="utf-8", newline="") as fh:
            yield fh
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if exc.errno in NO_ROOM:
            raise StorageFull(f"could not write the export ({exc.strerror}); nothing was written",
                              source=str(path)) from exc
        raise
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def export(engine, fmt: str, out: TextIO | BinaryIO | str | Path | None = None, filters=None) -> int:
    """Write the store's merged events matching ``filters`` in ``fmt`` to ``out`` (a path, a file, or
    stdout); returns how many events were written. A path is written whole or not at all."""
    from eventatlas.store.errors import BadExportOption
    from eventatlas.store.repo import EventFilter, documents_outlets, documents_text, iter_events
    if fmt not in FORMATS:
        raise BadExportOption(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    import dataclasses
    filters = filters or EventFilter()
    if fmt == "acled-csv":
        filters = dataclasses.replace(filters, include_statements=False)
    if fmt == "training":  # rejected events are the negative examples
        filters = dataclasses.replace(filters, include_rejected=True)
    records = list(iter_events(engine, filters))
    if fmt == "parquet":
        if out is None:
            buffer = io.BytesIO()
            n = write_parquet(records, buffer)
            sys.stdout.buffer.write(buffer.getvalue())
            return n
        if isinstance(out, (str, Path)):
            with atomic_output(out, binary=True) as fh:
                return write_parquet(records, fh)
        return write_parquet(records, out)
    texts = documents_text(engine, (r["document"]["id"] for r in records)) if fmt in ("jsonl", "acled-csv", "training") \
        else None
    outlets = documents_outlets(engine, (d for r in records for d in r.get("documents") or ())) \
        if fmt == "acled-csv" else None
    if isinstance(out, (str, Path)):
        with atomic_output(out) as fh:
            return _write_text(fmt, records, fh, texts, outlets)
    return _write_text(fmt, records, out or sys.stdout, texts, outlets)


def _write_text(fmt: str, records: list[dict[str, Any]], fh: TextIO, texts: dict[str, str] | None,
                outlets: dict[str, str | None] | None) -> int:
    if fmt == "acled-csv":
        return write_acled_csv(records, fh, texts, outlets)
    if fmt == "geojson":
        return write_geojson(records, fh)
    if fmt == "training":
        return write_training(records, fh, texts)
    return write_jsonl(records, fh, texts)
