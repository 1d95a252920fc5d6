"""Shared pieces of the data-set scorers: splits, metrics (no sklearn), text matching, running
extraction once per text with progress on stderr.

Metric conventions (used by every scorer): see ``eventatlas.metrics``, re-exported here.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from eventatlas.datasplit import in_split, is_test, read_ids  # noqa: F401 - the one split rule, for the scorers
from eventatlas.errors import UnreadableInput
from eventatlas.metrics import NONE, classification, confusion, prf, rate, top_confusions  # noqa: F401
from eventatlas.progress import progress  # noqa: F401 - the scorers' progress lines
from eventatlas.textfold import fold_words



# --- data, splits, ids ----------------------------------------------------------------------------
def default_data_dir() -> Path:
    """shared/data beside the repository (…/work/main -> …/work/shared/data)."""
    return Path(__file__).resolve().parents[3].parent / "shared" / "data"


def data_dir(data: str | Path | None, folder: str | None = None) -> Path:
    root = Path(data) if data else default_data_dir()
    if not root.is_dir():
        raise UnreadableInput(f"evaluation data folder {root} not found; pass --data DIR (the folder holding "
                              "acled_samples/, case2021_task2/, muc4/, ucdp_ged_iraq/ ...)")
    if folder and not (root / folder).is_dir():
        raise UnreadableInput(f"{root / folder} not found; this data set is not in {root}")
    return root


def select(rows: Iterable, key, split: str, ids: set[str] | None, limit: int | None) -> list:
    """Rows of the split (or, when ids are given, exactly those ids), first `limit` in file order."""
    out = []
    for row in rows:
        rid = str(key(row))
        if ids is not None:
            if rid not in ids:
                continue
        elif not in_split(rid, split):
            continue
        out.append(row)
        if limit is not None and len(out) >= limit:
            break
    return out


# --- text matching ---------------------------------------------------------------------------------
ARTICLES = {"a", "an", "the", "al", "el", "ad", "as", "ar", "at", "az", "la", "le", "les", "los", "las",
            "de", "del", "di", "du", "of"}
ADMIN_WORDS = {"province", "governorate", "state", "region", "district", "county", "department", "division",
               "oblast", "muhafazat", "wilayat", "city"}


def fold(s) -> str:
    """Lower case, accents and punctuation removed, spaces collapsed (``textfold.fold_words``)."""
    return " ".join(fold_words(s))


def words(s, drop: set[str] = ARTICLES) -> list[str]:
    return [w for w in fold(s).split() if w not in drop]


def contains_words(a: list[str], b: list[str]) -> bool:
    """b occurs as a contiguous word sequence inside a."""
    if not a or not b or len(b) > len(a):
        return False
    return any(a[i:i + len(b)] == b for i in range(len(a) - len(b) + 1))


def contained_either(a, b, drop: set[str] = ARTICLES) -> bool:
    wa, wb = words(a, drop), words(b, drop)
    return bool(wa and wb) and (contains_words(wa, wb) or contains_words(wb, wa))


# --- running extraction ----------------------------------------------------------------------------
def extract_records(text: str, published=None, lang: str = "en") -> list[dict]:
    """Records (JSON contract, without document text) for one text; models load once per process."""
    from eventatlas.extract import extract
    from eventatlas.ingest import document_from_text
    from eventatlas.model import event_to_dict
    if not (text or "").strip():
        return []
    doc = document_from_text(text, published=published, lang=lang)
    return [event_to_dict(e, with_text=False) for e in extract(doc, lang=lang)]


def first_event(records: list[dict]) -> dict | None:
    return next((r for r in records if r.get("event_type")), None)


