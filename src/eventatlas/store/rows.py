"""The events table's row for a record, and the store's clock: shared by the repository and the review
writes, below both of them."""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

_last_ts = ""


def now_ts() -> str:
    """UTC time as sortable text; strictly increasing within a process."""
    global _last_ts
    ts = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if ts <= _last_ts:
        base = dt.datetime.strptime(_last_ts, "%Y-%m-%dT%H:%M:%S.%fZ") + dt.timedelta(microseconds=1)
        ts = base.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    _last_ts = ts
    return ts


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def event_row(merged: dict[str, Any]) -> dict[str, Any]:
    """The events table's columns for a record as readers see it (reviewed values included)."""
    loc = merged.get("location") or {}
    date = merged.get("date") or {}
    names = sorted({a["name"] for a in merged.get("actors") or () if a.get("name")})
    return {
        "event_type": merged.get("event_type"), "sub_event_type": merged.get("sub_event_type"),
        "date_start": date.get("start"), "date_end": date.get("end"),
        "country": loc.get("country"), "iso3": loc.get("iso3"), "admin1": loc.get("admin1"),
        "admin1_code": loc.get("admin1_code"), "certainty": merged.get("certainty"),
        "actors": "|" + "|".join(names) + "|" if names else None,
        "sources": merged["sources"], "n_documents": len(merged["documents"]),
        "document_id": merged["document"]["id"], "record": dumps(merged),
    }
