"""Reading a user's ACLED export for training: `notes` -> `sub_event_type`.

Accepts the current export schema (lower-case columns with ``notes``, ``event_type``,
``sub_event_type``) and older ones: a file or row without ``sub_event_type`` (the 2015 schema, for
instance) is skipped and counted, never guessed. Column names are matched case-insensitively.

Split rule (shared/data/README.md): a row is a *test* row when
``int(sha1(event_id_cnty).hexdigest(), 16) % 5 == 0``. ``split="dev"`` keeps only the other rows,
so that a model trained on the project's sample can still be measured honestly on the test rows;
``split="all"`` keeps every row (a user training on their own full export).
"""
from __future__ import annotations

import csv
import hashlib
from collections import Counter
from dataclasses import dataclass, field
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
    sub_event_type: str
    event_type: str


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_examples(path: str | Path, *, split: str = "dev", exclude_ids=frozenset(),
                  select: str = "train") -> tuple[list[Example], FileStats]:
    """Labelled notes of one export.

    ``select="train"``: rows allowed for training under ``split`` minus ``exclude_ids``.
    ``select="test"``: the test rows only (for measuring; ``split`` is then ignored).
    Skipped rows are counted by reason: no_sub_event_type (older schema), no_notes,
    unknown_label (a sub-type outside ACLED's 25), test_row, excluded_id, no_id.
    """
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    path = Path(path)
    if not path.is_file():
        raise UnreadableInput(f"{path} not found", source=str(path))
    labels = sub_to_type()
    stats = FileStats(file=path.name, sha256=_sha256(path))
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
                if not eid:
                    # without an id the split rule cannot be applied: never train on such a row
                    # under split=dev, and never measure on it
                    if select == "test" or split == "dev":
                        stats.skipped["no_id"] += 1
                        continue
                test = is_test_id(eid) if eid else False
                if select == "test":
                    if not test:
                        continue
                else:
                    if split == "dev" and test:
                        stats.skipped["test_row"] += 1
                        continue
                    if eid in exclude_ids:
                        stats.skipped["excluded_id"] += 1
                        continue
                stats.used += 1
                out.append(Example(eid, notes, sub, labels[sub]))
    except UnicodeDecodeError as exc:
        raise UnreadableInput(f"not UTF-8 ({exc.reason} at byte {exc.start}); save the export as UTF-8",
                              source=str(path)) from None
    except csv.Error as exc:
        raise UnreadableInput(f"not a readable CSV file ({exc})", source=str(path)) from None
    return out, stats
