"""The one test/development split rule (shared/data/README.md), for every data set and the trainer,
and the ids files (``--ids FILE``) that pick records by hand.

A record is a *test* record when ``int(sha1(id).hexdigest(), 16) % 5 == 0``, ``sha1`` being
``hashlib.sha1`` over the UTF-8 id string (about a fifth of the records); the others are for
development. Published scores and pinned floors use test records only; rules, lexicons, thresholds
and trained models never see them."""
from __future__ import annotations

import hashlib
from pathlib import Path

from eventatlas.errors import UnreadableInput

SPLITS = ("test", "dev", "all")
RULE = "test records are those with int(sha1(id).hexdigest(), 16) % 5 == 0; dev records are the others"


def is_test(record_id) -> bool:
    """Whether the record with this id (ACLED ``event_id_cnty``, an article id...) is held out for testing."""
    return int(hashlib.sha1(str(record_id).encode("utf-8")).hexdigest(), 16) % 5 == 0


def in_split(record_id, split: str) -> bool:
    """Whether the record belongs to ``split``: "test", "dev" or "all" (both)."""
    if split == "all":
        return True
    if split not in ("test", "dev"):
        raise ValueError(f"split must be test, dev or all, not {split!r}")
    return is_test(record_id) == (split == "test")


def read_ids(path: str | Path | None) -> set[str] | None:
    if not path:
        return None
    p = Path(path)
    if not p.is_file():
        raise UnreadableInput(f"ids file {p} not found")
    return {line.strip() for line in p.read_text(encoding="utf-8").splitlines() if line.strip()}
