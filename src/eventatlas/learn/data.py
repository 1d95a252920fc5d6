"""Training examples: ACLED export CSVs (`notes` -> `sub_event_type`) and reviewed records
(`eventatlas export --format training` JSONL).

CSV: accepts the current export schema (lower-case columns with ``notes``, ``event_type``,
``sub_event_type``) and older ones: a file or row without ``sub_event_type`` (the 2015 schema, for
instance) is skipped and counted, never guessed. Column names are matched case-insensitively.

Split rule (shared/data/README.md): a row is a *test* row when
``int(sha1(event_id_cnty).hexdigest(), 16) % 5 == 0``. ``split="dev"`` keeps only the other rows,
so that a model trained on the project's sample can still be measured honestly on the test rows;
``split="all"`` keeps every row (a user training on their own full export).

JSONL (one reviewed record a line, the format of ``export --format training``): ``text`` (the
document), ``lang``, ``sub_event_type``, ``trigger`` (a span or null), ``review``; a rejected record
(``"rejected": true``, ``event_type`` null) is a negative example, label ``none``. The split rule is
applied to the record's ``id`` as to an ACLED row's ``event_id_cnty``. A ``published`` field, when
present, lends the rules its date.

Each example's language is its ``lang`` (JSONL), else the one eventatlas' language identification
gives among the supported languages: per record for JSONL, per file for a CSV export (it has no
language column and is written in one language; one terse note alone is easily misread). A text in
another language is skipped and counted (``unsupported_language``).
"""
from __future__ import annotations

import csv
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from eventatlas.datasplit import is_test as is_test_id
from eventatlas.errors import UnreadableInput
from eventatlas.taxonomy import sub_to_type

SPLITS = ("dev", "all")
SPLIT_RULE = ("test rows are those with int(sha1(event_id_cnty).hexdigest(), 16) % 5 == 0; "
              "split=dev trains on the other rows only, split=all on every row")


@dataclass
class FileStats:
    """What was read from one file; goes into the model's provenance as is (no row content)."""
    file: str
    sha256: str
    rows: int = 0
    used: int = 0
    skipped: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict:
        return {"file": self.file, "sha256": self.sha256, "rows": self.rows, "used": self.used,
                "skipped": dict(sorted(self.skipped.items()))}


@dataclass(frozen=True)
class Example:
    event_id: str
    text: str
    sub_event_type: str  # "none" for a rejected record (no ACLED event)
    event_type: str | None
    lang: str | None = None  # None: to be identified
    published: str | None = None  # ISO date, for the rules' date resolution
    trigger_start: int | None = None  # the reviewed event's trigger, to pick the rules' event it is


NONE_LABEL = "none"
#: Notes of a CSV export read to identify its language.
FILE_LANG_SAMPLE = 200


def identify_language(text: str, supported=None) -> str | None:
    """The text's language among the supported ones (settings.languages), or None."""
    from eventatlas.errors import UnsupportedLanguage
    from eventatlas.nlp.langid import detect_language
    from eventatlas.settings import load_settings
    settings = load_settings()
    try:
        return detect_language(text, tuple(supported or settings.languages), settings.min_lang_confidence)[0]
    except UnsupportedLanguage:
        return None


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _start(path: str | Path, split: str) -> tuple[Path, FileStats]:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    path = Path(path)
    if not path.is_file():
        raise UnreadableInput(f"{path} not found", source=str(path))
    return path, FileStats(file=path.name, sha256=_sha256(path))


def _kept(eid: str, split: str, select: str, exclude_ids, skipped: Counter) -> bool:
    """Whether the row or record ``eid`` is read under ``split``/``select``; counts why not."""
    if not eid:
        # without an id the split rule cannot be applied: never train on such a row under
        # split=dev, and never measure on it
        if select == "test" or split == "dev":
            skipped["no_id"] += 1
            return False
        return True
    test = is_test_id(eid)
    if select == "test":
        return test
    if split == "dev" and test:
        skipped["test_row"] += 1
        return False
    if eid in exclude_ids:
        skipped["excluded_id"] += 1
        return False
    return True


def read_examples(path: str | Path, *, split: str = "dev", exclude_ids=frozenset(),
                  select: str = "train") -> tuple[list[Example], FileStats]:
    """Labelled notes of one export.

    ``select="train"``: rows allowed for training under ``split`` minus ``exclude_ids``.
    ``select="test"``: the test rows only (for measuring; ``split`` is then ignored).
    Skipped rows are counted by reason: no_sub_event_type (older schema), no_notes,
    unknown_label (a sub-type outside ACLED's 25), test_row, excluded_id, no_id.
    """
    path, stats = _start(path, split)
    labels = sub_to_type()
    out: list[Example] = []
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for raw in csv.DictReader(fh):
                stats.rows += 1
                r = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if isinstance(k, str)}
                sub = r.get("sub_event_type", "")
                notes = " ".join(r.get("notes", "").split())
                eid = r.get("event_id_cnty", "")
                if not sub:
                    stats.skipped["no_sub_event_type"] += 1
                    continue
                if not notes:
                    stats.skipped["no_notes"] += 1
                    continue
                if sub not in labels:
                    stats.skipped["unknown_label"] += 1
                    continue
                if not _kept(eid, split, select, exclude_ids, stats.skipped):
                    continue
                stats.used += 1
                out.append(Example(eid, notes, sub, labels[sub], published=_iso_date(r.get("event_date", ""))))
    except UnicodeDecodeError as exc:
        raise UnreadableInput(f"not UTF-8 ({exc.reason} at byte {exc.start}); save the export as UTF-8",
                              source=str(path)) from None
    except csv.Error as exc:
        raise UnreadableInput(f"not a readable CSV file ({exc})", source=str(path)) from None
    return out, stats


def _iso_date(value: str) -> str | None:
    from eventatlas.taxonomy import parse_date
    d = parse_date(value)
    return d.isoformat() if d else None


def read_training_jsonl(path: str | Path, *, split: str = "dev", exclude_ids=frozenset(),
                        select: str = "train") -> tuple[list[Example], FileStats]:
    """Labelled examples of one ``export --format training`` file (see the module's doc).

    Skipped lines are counted by reason: bad_json, no_text, no_sub_event_type (accepted or edited
    without a sub-type), unknown_label, test_row, excluded_id, no_id."""
    path, stats = _start(path, split)
    labels = sub_to_type()
    out: list[Example] = []
    try:
        with open(path, encoding="utf-8-sig") as fh:
            for line in fh:
                if not line.strip():
                    continue
                stats.rows += 1
                try:
                    rec = json.loads(line)
                except ValueError:
                    stats.skipped["bad_json"] += 1
                    continue
                if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not rec["text"].strip():
                    stats.skipped["no_text"] += 1
                    continue
                if rec.get("rejected"):
                    sub, etype = NONE_LABEL, None
                else:
                    sub, etype = rec.get("sub_event_type") or "", rec.get("event_type")
                    if not sub:
                        stats.skipped["no_sub_event_type"] += 1
                        continue
                    if sub not in labels:
                        stats.skipped["unknown_label"] += 1
                        continue
                    etype = labels[sub]
                eid = str(rec.get("id") or "")
                if not _kept(eid, split, select, exclude_ids, stats.skipped):
                    continue
                trigger = rec.get("trigger") if isinstance(rec.get("trigger"), dict) else {}
                start = trigger.get("start_char")
                published = rec.get("published")
                stats.used += 1
                out.append(Example(eid, rec["text"], sub, etype, lang=rec.get("lang") or None,
                                   published=published if isinstance(published, str) else None,
                                   trigger_start=start if isinstance(start, int) else None))
    except UnicodeDecodeError as exc:
        raise UnreadableInput(f"not UTF-8 ({exc.reason} at byte {exc.start})", source=str(path)) from None
    return out, stats


def is_jsonl(path: str | Path) -> bool:
    """A training JSONL file (first character ``{``) rather than a CSV export."""
    with open(path, "rb") as fh:
        return fh.read(64).removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{")


def read_any(path: str | Path, **kwargs) -> tuple[list[Example], FileStats]:
    """A CSV export or a training JSONL file, by its content's first character. A CSV export has no
    language column and is written in one language: its rows get the language identified over the
    file's first notes (one short note alone is easily misread)."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableInput(f"{path} not found", source=str(path))
    if is_jsonl(path):
        return read_training_jsonl(path, **kwargs)
    examples, stats = read_examples(path, **kwargs)
    lang = identify_language(" ".join(e.text for e in examples[:FILE_LANG_SAMPLE])) if examples else None
    if lang is None:
        stats.skipped["unsupported_language"] += len(examples)
        stats.used -= len(examples)
        return [], stats
    return [replace(e, lang=lang) for e in examples], stats
