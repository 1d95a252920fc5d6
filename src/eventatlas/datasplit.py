"""The one test/development split rule (shared/data/README.md), for every data set and the trainer.

A record is a *test* record when ``int(sha1(id).hexdigest(), 16) % 5 == 0``, ``sha1`` being
``hashlib.sha1`` over the UTF-8 id string (about a fifth of the records); the others are for
development. Published scores and pinned floors use test records only; rules, lexicons, thresholds
and trained models never see them."""
from __future__ import annotations

import hashlib

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
