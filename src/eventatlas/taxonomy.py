"""ACLED's labels, read from the one packaged list (``data/acled_types.json``, spelled as in TAXONOMY.md).

Every part of eventatlas that names an ACLED event type, sub-event type or disorder type gets it here:
the classifier's tests, the ACLED CSV export, the evaluation scorers and the trainer."""
from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from importlib import resources
from typing import Any

#: ACLED's disorder type of anything the list does not name (the codebook's default).
DEFAULT_DISORDER_TYPE = "Political violence"


@lru_cache(maxsize=1)
def _codebook() -> dict[str, Any]:
    return json.loads(resources.files("eventatlas").joinpath("data", "acled_types.json").read_text("utf-8"))


def acled_types() -> dict[str, list[str]]:
    """event_type -> its sub_event_types, in the codebook's order (6 types, 25 sub-types)."""
    return _codebook()["types"]


@lru_cache(maxsize=1)
def sub_to_type() -> dict[str, str]:
    """sub_event_type -> its event_type."""
    return {sub: etype for etype, subs in acled_types().items() for sub in subs}


def sub_event_types() -> list[str]:
    """The 25 sub-event types, in the codebook's order."""
    return list(sub_to_type())


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str:
    """ACLED's disorder type: by sub-event type where the codebook says so ("Violent demonstration"
    is a demonstration although riots are political violence), else by event type."""
    book = _codebook()
    by_sub = book["disorder_type_of_sub_event"]
    if sub_event_type in by_sub and sub_to_type().get(sub_event_type) == event_type:
        return by_sub[sub_event_type]
    return book["disorder_types"].get(event_type, DEFAULT_DISORDER_TYPE)


#: How ACLED exports write event_date, across its schemas.
DATE_FORMATS = ("%d-%b-%y", "%d %B %Y", "%d-%m-%y", "%d-%B-%Y", "%Y-%m-%d", "%d/%m/%Y")


def parse_date(value: str) -> dt.date | None:
    value = (value or "").strip()
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None
