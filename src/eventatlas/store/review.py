"""Reviews in the store: the reviewed state of each event, the values reviewers set, and the log.

``events.record`` always holds what readers see: the machine's merged record with the reviewed values
laid over it (``eventatlas.review.overlay``) and ``review``. So every read (API, map, exports) gets the
reviewed values without knowing about reviews, and the filters work on them. ``repo`` calls
``reviewed`` each time it saves an event: a later ingest recomputes the machine's record, and the
reviewed values are laid over it again; it never revives a rejected or deleted event (``held_status``),
and a document that arrives after a review is flagged (``review.new_evidence``).

The log (``review_log``) is append-only: one row per accept, reject and delete, one per edited field,
with the old and new values as JSON."""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from eventatlas import review as R
from eventatlas.store import schema
from eventatlas.store.rows import event_row, now_ts

#: Statuses a later ingest never turns back into ``active``.
HIDDEN = ("rejected", "deleted")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _review_row(conn: sa.Connection, event_id: str):
    v = schema.event_reviews.c
    return conn.execute(sa.select(schema.event_reviews).where(v.event_id == event_id)).first()


def reviewed(conn: sa.Connection, merged: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """(the record readers see, 'rejected' or None) for the machine's merged record of an event; flags
    new evidence (a document the reviewer had not seen) on the stored review."""
    row = _review_row(conn, merged["id"])
    if row is None:
        return R.overlay(merged, {}, None), None
    seen = set(json.loads(row.documents))
    new_evidence = bool(row.new_evidence) or any(d not in seen for d in merged.get("documents") or ())
    if new_evidence and not row.new_evidence:
        v = schema.event_reviews.c
        conn.execute(schema.event_reviews.update().where(v.event_id == merged["id"]).values(new_evidence=True))
    review = {"state": row.state, "by": row.reviewer, "at": row.at, "new_evidence": new_evidence}
    return R.overlay(merged, json.loads(row.changes), review), "rejected" if row.state == "rejected" else None


def reviewed_id(conn: sa.Connection, event_ids: Iterable[str]) -> str | None:
    """Of events about to be merged, the one reviewed last (whose id the merged event keeps), or None."""
    v = schema.event_reviews.c
    rows = conn.execute(sa.select(v.event_id, v.at).where(v.event_id.in_(sorted(set(event_ids))))).all()
    return max(rows, key=lambda r: (r.at, r.event_id)).event_id if rows else None


def carry(conn: sa.Connection, event_ids: Iterable[str], new_id: str) -> str | None:
    """Before events ``event_ids`` are merged under ``new_id``: the latest review among them moves to
    ``new_id`` (the others' rows go; their log stays under their ids; a rejection travels with its
    review), and 'deleted' when one of the others was deleted (the merged event stays hidden), or None."""
    ids = sorted(set(event_ids) | {new_id})
    v, e = schema.event_reviews.c, schema.events.c
    rows = conn.execute(sa.select(v.event_id, v.at).where(v.event_id.in_(ids))).all()
    if rows:
        latest = max(rows, key=lambda r: (r.at, r.event_id)).event_id
        drop = [r.event_id for r in rows if r.event_id != latest]
        if drop:
            conn.execute(schema.event_reviews.delete().where(v.event_id.in_(drop)))
        if latest != new_id:
            conn.execute(schema.event_reviews.update().where(v.event_id == latest).values(event_id=new_id))
    others = [i for i in ids if i != new_id]
    statuses = {s for (s,) in conn.execute(sa.select(e.status).where(e.id.in_(others)))} if others else set()
    return "deleted" if "deleted" in statuses else None


def log(conn: sa.Connection, event_id: str, reviewer: str, action: str, ts: str, note: str | None,
        field: str | None = None, old: Any = None, new: Any = None) -> None:
    conn.execute(schema.review_log.insert().values(
        event_id=event_id, at=ts, reviewer=reviewer, action=action, field=field,
        old_value=None if field is None else _dumps(old), new_value=None if field is None else _dumps(new),
        note=note or None))


def machine_record(conn: sa.Connection, event_id: str) -> dict[str, Any] | None:
    """The merged record of the machine's own records of an event (no review laid over)."""
    from eventatlas import dedup
    r = schema.records.c
    members = [json.loads(t) for (t,) in conn.execute(sa.select(r.record).where(r.event_id == event_id))]
    if not members:
        return None
    return dict(dedup.merge_records(members), id=event_id)  # a reviewed event may not be named after its anchor


def current_id(conn: sa.Connection, event_id: str) -> tuple[str, str] | None:
    """(id, status) of the event ``event_id`` names now, following merges; None when unknown."""
    e = schema.events.c
    for _ in range(100):
        row = conn.execute(sa.select(e.status, e.merged_into).where(e.id == event_id)).first()
        if row is None:
            return None
        if row.status != "merged":
            return event_id, row.status
        event_id = row.merged_into
    return None


def review_event(engine: sa.Engine, event_id: str, action: str, reviewer: str, *, changes: Any = None,
                 note: str | None = None, lookup: R.PlaceLookup | None = None) -> dict[str, Any] | None:
    """Apply one review to an event (an id merged away reaches the event that absorbed it; a rejected
    event can be accepted or edited back); returns the record as readers now see it, or None when there
    is no such event (or it was deleted). Raises ``BadReview`` (EA019) for a bad action or change."""
    from eventatlas.errors import BadReview
    if action not in R.ACTIONS:
        raise BadReview(f"action: one of {', '.join(R.ACTIONS)}")
    if note is not None and (not isinstance(note, str) or len(note) > R.MAX_NOTE):
        raise BadReview(f"note: a text of at most {R.MAX_NOTE} characters")
    if action != "edit" and changes:
        raise BadReview(f"changes: only an edit changes fields ({action} takes none)")
    e, v = schema.events.c, schema.event_reviews.c
    ts = now_ts()
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":  # one writer of an event's groups at a time, as in ingest
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(727002)"))
        else:  # a write first, so that SQLite takes its write lock before the reads (no lock upgrade to fail)
            conn.execute(schema.event_reviews.update().where(sa.false()).values(state="none"))
        found = current_id(conn, event_id)
        if found is None or found[1] == "deleted":
            return None
        event_id = found[0]
        machine = machine_record(conn, event_id)
        if machine is None:
            return None
        row = _review_row(conn, event_id)
        kept = json.loads(row.changes) if row is not None else {}
        shown = R.overlay(machine, kept, None)
        if action == "edit":
            new = R.validate_changes(changes, shown, reviewer, lookup)
            for field, value in new.items():
                log(conn, event_id, reviewer, action, ts, note, field, shown.get(field), value)
            kept.update(new)
        else:
            log(conn, event_id, reviewer, action, ts, note)
        values = {"state": R.STATES[action], "reviewer": reviewer, "at": ts, "changes": _dumps(kept),
                  "documents": _dumps(list(machine.get("documents") or ())), "new_evidence": False}
        if row is None:
            conn.execute(schema.event_reviews.insert().values(event_id=event_id, **values))
        else:
            conn.execute(schema.event_reviews.update().where(v.event_id == event_id).values(**values))
        record, status = reviewed(conn, machine)
        conn.execute(schema.events.update().where(e.id == event_id).values(
            status=status or "active", updated_at=ts, **event_row(record)))
    return dict(record, updated_at=ts)


def review_log(engine: sa.Engine, event_id: str) -> list[dict[str, Any]] | None:
    """Every review of the event ``event_id`` names now and of the ids merged into it, oldest first;
    None when there is no such event."""
    e, g = schema.events.c, schema.review_log.c
    with engine.connect() as conn:
        found = current_id(conn, event_id)
        if found is None:
            return None
        ids, frontier = {found[0]}, [found[0]]
        while frontier:  # the ids merged into this one, at any depth
            frontier = [i for (i,) in conn.execute(sa.select(e.id).where(e.merged_into.in_(frontier)))
                        if i not in ids]
            ids.update(frontier)
        rows = conn.execute(sa.select(schema.review_log).where(g.event_id.in_(sorted(ids)))
                            .order_by(g.at, g.id)).all()
    return [{"event_id": r.event_id, "at": r.at, "by": r.reviewer, "action": r.action, "field": r.field,
             "old": None if r.old_value is None else json.loads(r.old_value),
             "new": None if r.new_value is None else json.loads(r.new_value), "note": r.note} for r in rows]


def review_queue(engine: sa.Engine, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Events still to review, likeliest errors first: unreviewed active events, and reviewed ones a
    later document brought new evidence to. Each with its doubts ([{code, weight, reason}]) and ``doubt``
    (their sum); ties by date then id."""
    e, v, r = schema.events.c, schema.event_reviews.c, schema.records.c
    query = (sa.select(e.id, e.record).select_from(schema.events.outerjoin(schema.event_reviews, v.event_id == e.id))
             .where(e.status == "active", e.event_type.is_not(None),
                    sa.or_(v.event_id.is_(None), v.new_evidence.is_(True))))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
        kinds = {event: n for event, n in conn.execute(
            sa.select(r.event_id, sa.func.count(sa.distinct(r.event_type))).where(r.event_type.is_not(None))
            .group_by(r.event_id))}
    items = []
    for event_id, text in rows:
        record = json.loads(text)
        found = R.doubts(record, types_disagree=kinds.get(event_id, 1) > 1)
        items.append({"id": event_id, "doubt": round(sum(d["weight"] for d in found), 2), "doubts": found,
                      "event": record})
    items.sort(key=lambda x: (-x["doubt"], (x["event"].get("date") or {}).get("start") or "", x["id"]))
    return {"total": len(items), "events": items[offset:offset + limit]}
