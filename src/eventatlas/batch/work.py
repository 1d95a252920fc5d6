"""The pieces shared by the executors: the per-document task, the staging Parquet format and
rebuilding events from their JSON form. The run that stores the results is ``pipeline_run``.

Everything a worker runs is here and pure: (documents, lang, settings) -> results, no store access."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from eventatlas.errors import EventAtlasError
from eventatlas.model import (Actor, Attribution, Deaths, Document, Event, Place, Span, Weapon, When,
                              event_to_dict)
from eventatlas.settings import Settings

# --- per-document work (runs in workers) ----------------------------------------------------------

#: What a worker returns for one document: (document, events) or (document, error triple).
Outcome = tuple[Document, "list[Event] | tuple[str, str, str | None]"]


def error_triple(exc: BaseException, source: str | None) -> tuple[str, str, str | None]:
    """A picklable (code, message, source) for a failed document: exceptions do not cross processes
    reliably (custom __init__ signatures), so workers send this instead."""
    code = getattr(exc, "code", "bug")
    message = str(exc) if isinstance(exc, EventAtlasError) else f"{type(exc).__name__}: {exc}"
    return code, message, getattr(exc, "source", None) or source


def extract_batch(documents: Sequence[Document], lang: str, settings: Settings) -> list[Outcome]:
    """``extract`` over a batch (parsed together); one bad document is reported, never raised."""
    from eventatlas.extract import extract_many
    return [(doc, error_triple(result, doc.source_path) if isinstance(result, Exception) else result)
            for doc, result in zip(documents, extract_many(documents, lang, settings))]


def warm(settings: Settings) -> None:
    """Load the spaCy models once per process, before the first document (per-process model load)."""
    from eventatlas.nlp.languages import available_languages
    from eventatlas.nlp.pipeline import load_model
    from eventatlas.settings import accepted_languages
    for lang in accepted_languages(settings):
        if lang in available_languages():
            load_model(lang)


def peak_rss_mb() -> float:
    """Peak resident memory of this process, in MiB (ru_maxrss is KiB on Linux)."""
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- staging Parquet: one row per document -------------------------------------------------------

def staging_schema():
    import pyarrow as pa
    return pa.schema([
        ("position", pa.int32()),  # order of the document in its partition
        ("id", pa.string()), ("text", pa.large_string()), ("lang", pa.string()), ("url", pa.string()),
        ("title", pa.string()), ("outlet", pa.string()), ("published", pa.date32()),
        ("published_inferred", pa.bool_()), ("source_path", pa.string()),
        ("n_events", pa.int32()),
        ("events", pa.large_string()),  # JSON list of event_to_dict(event, with_text=False)
        ("error_code", pa.string()), ("error_message", pa.string()), ("error_source", pa.string()),
    ], metadata={"eventatlas": "batch-staging/1"})


def partition_key(documents: Sequence[Document]) -> str:
    """A partition's name from its documents' content-hash ids: the same input, the same key and file,
    so a retried or resubmitted partition overwrites itself instead of adding a second copy."""
    h = hashlib.sha256()
    for doc in documents:
        h.update(doc.id.encode())
        h.update(b"\0")
    return h.hexdigest()[:20]


def _row(position: int, outcome: Outcome) -> dict[str, Any]:
    doc, result = outcome
    row = {"position": position, "id": doc.id, "text": doc.text, "lang": doc.lang, "url": doc.url,
           "title": doc.title, "outlet": doc.outlet, "published": doc.published,
           "published_inferred": bool(doc.published_inferred), "source_path": doc.source_path,
           "n_events": None, "events": None, "error_code": None, "error_message": None, "error_source": None}
    if isinstance(result, tuple):
        row["error_code"], row["error_message"], row["error_source"] = result
    else:
        row["n_events"] = len(result)
        row["events"] = json.dumps([event_to_dict(ev, with_text=False) for ev in result], ensure_ascii=False)
    return row


def write_partition(outcomes: Sequence[Outcome], path: str | Path) -> Path:
    """Write one partition atomically (temp file then rename): a killed task leaves no half file."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist([_row(i, o) for i, o in enumerate(outcomes)], schema=staging_schema())
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)
    return path


def read_partition(path: str | Path) -> Iterator[Outcome]:
    """The outcomes of a partition file, in their original order."""
    import pyarrow.parquet as pq
    rows = sorted(pq.read_table(path, schema=staging_schema()).to_pylist(), key=lambda r: r["position"])
    for r in rows:
        doc = Document(id=r["id"], text=r["text"], lang=r["lang"], url=r["url"], title=r["title"],
                       outlet=r["outlet"], published=r["published"], published_inferred=r["published_inferred"],
                       source_path=r["source_path"])
        if r["error_code"] is not None:
            yield doc, (r["error_code"], r["error_message"], r["error_source"])
        else:
            yield doc, [event_from_dict(d, doc) for d in json.loads(r["events"])]


# --- events back from their JSON form --------------------------------------------------------------

def _span(d: dict[str, Any] | None) -> Span | None:
    if not d or d.get("start_char") is None:
        return None
    return Span(d["text"], d["start_char"], d["end_char"])


def _date(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


def _attribution(d: dict[str, Any]) -> Attribution:
    return Attribution(source=d["source"], kind=d["kind"], chain=tuple(d["chain"]), span=_span(d), cue=d.get("cue", ""))


def _deaths(d: dict[str, Any] | None, kind: str) -> Deaths | None:
    if d is None:
        return None
    return Deaths(low=d["low"], best=d["best"], high=d["high"], span=_span(d), kind=kind, rule=d.get("rule", ""))


def event_from_dict(d: dict[str, Any], document: Document) -> Event:
    """Inverse of ``event_to_dict`` for everything that function writes, so that
    ``event_to_dict(event_from_dict(event_to_dict(e), doc)) == event_to_dict(e)``. The record's own
    document fields (lang, published as extract resolved them) override ``document``'s."""
    dd = d["document"]
    document = Document(id=dd["id"], text=document.text, lang=dd["lang"], url=dd["url"], title=dd["title"],
                        outlet=dd["outlet"], published=_date(dd["published"]),
                        published_inferred=dd["published_inferred"], source_path=document.source_path)
    date = d.get("date")
    loc = d.get("location")
    return Event(
        id=d["id"], document=document, event_type=d["event_type"], sub_event_type=d["sub_event_type"],
        plover=d["plover"], trigger=_span(d["trigger"]),
        date=None if date is None else When(start=_date(date["start"]), end=_date(date["end"]),
                                            precision=date["precision"], span=_span(date), rule=date.get("rule", ""),
                                            flags=tuple(date.get("flags") or ())),
        location=None if loc is None else Place(
            name=loc["name"], country=loc["country"], iso3=loc["iso3"], lat=loc["lat"], lon=loc["lon"],
            precision=loc["precision"], span=_span(loc), admin1=loc["admin1"], admin1_code=loc["admin1_code"],
            admin2=loc["admin2"], geonames_id=loc["geonames_id"], feature=loc.get("feature", ""),
            why=tuple(loc.get("why") or ())),
        actors=tuple(Actor(role=a["role"], name=a["name"], span=_span(a), rule=a.get("rule", "")) for a in d["actors"]),
        weapon=None if d.get("weapon") is None else Weapon(type=d["weapon"]["type"], span=_span(d["weapon"])),
        fatalities=_deaths(d.get("fatalities"), "killed"), injuries=_deaths(d.get("injuries"), "injured"),
        attribution=_attribution(d["attribution"]),
        field_attribution=tuple((k, _attribution(v)) for k, v in (d.get("field_attribution") or {}).items()),
        certainty=d["certainty"], evidence=tuple(_span(s) for s in d.get("evidence") or ()),
        why=tuple(d.get("why") or ()), sources=d.get("sources", 1), documents=tuple(d.get("documents") or ()),
        background=bool(d.get("background")))
