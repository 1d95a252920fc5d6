"""Merging in the store: which stored records form one event, and analysts' corrections.

Whenever records are added (or an analyst splits or joins), the records they touch are regrouped
as a whole: ``component`` gathers every stored record connected to them by a link
(``dedup.link``), a join decision or a shared event, and ``dedup.cluster`` groups that component.
The component of a record in the final store does not depend on the order documents arrived in,
and the grouping of a component depends only on its records, so the same documents in any order
give the same events and ids (an event's id is its anchor record's, ``merged_record.anchor_of``).

An event id that stops naming an event stays in ``events`` with ``status='merged'`` and
``merged_into`` (the change feed reports it); an id that names an event again (after a split) is
active again.

Decisions (``merge_decisions``) are kept per pair of records: ``split`` pairs never share an event,
``join`` pairs always do; a later decision on the same pair replaces the earlier one.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from eventatlas import dedup
from eventatlas.errors import BadMergeDecision
from eventatlas.store import review as reviews
from eventatlas.store import schema
from eventatlas.store.rows import event_row, now_ts


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _decisions(conn: sa.Connection, record_ids: Iterable[str]) -> list[tuple[str, str, str]]:
    ids = sorted(set(record_ids))
    d = schema.merge_decisions.c
    out = []
    for i in range(0, len(ids), 400):
        chunk = ids[i:i + 400]
        out.extend(conn.execute(sa.select(d.record_a, d.record_b, d.kind)
                                .where(sa.or_(d.record_a.in_(chunk), d.record_b.in_(chunk)))).all())
    return sorted(set(out))


def _texts(conn: sa.Connection, document_ids: Iterable[str]) -> dict[str, str]:
    ids = sorted(set(document_ids))
    d = schema.documents.c
    out: dict[str, str] = {}
    for i in range(0, len(ids), 400):
        out.update(conn.execute(sa.select(d.id, d.text).where(d.id.in_(ids[i:i + 400]))).all())
    return out


def _mention(record: dict[str, Any], texts: dict[str, str]) -> dedup.Mention:
    """The record's mention, with its document's words (a place the extractor missed in a report can
    still be matched by the towns its text names: dedup.mention_of)."""
    return dedup.mention_of(record, texts.get(record["document"]["id"]))


def _linked_records(conn: sa.Connection, record: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Stored records of other documents that link with ``record``."""
    if record.get("event_type") is None or not record.get("date"):
        return []
    mention = dedup.mention_of(record)
    tol = dt.timedelta(days=dedup.DATE_TOLERANCE_DAYS)
    r = schema.records.c
    types = sorted(dedup.family_types(record["event_type"]))
    query = sa.select(r.id, r.record).where(
        r.event_type.in_(types), r.document_id != mention.document_id,
        r.date_start <= (mention.date_end + tol).isoformat(), r.date_end >= (mention.date_start - tol).isoformat())
    # no country filter: a place the gazetteer put in the wrong country still links by its written name
    others = [(rid, json.loads(text)) for rid, text in conn.execute(query)]
    texts = _texts(conn, [mention.document_id] + [o["document"]["id"] for _rid, o in others])
    mention = _mention(record, texts)
    return [(rid, other) for rid, other in others if dedup.same_event(mention, _mention(other, texts))]


def component(conn: sa.Connection, seeds: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Every stored record connected to ``seeds`` by links, join decisions or a shared event."""
    r = schema.records.c
    found: dict[str, dict[str, Any]] = {}
    frontier = sorted(set(seeds))
    while frontier:
        rows = conn.execute(sa.select(r.id, r.record, r.event_id).where(r.id.in_(frontier))).all()
        events = sorted({row.event_id for row in rows})
        for row in rows:
            found.setdefault(row.id, json.loads(row.record))
        nxt: set[str] = set()
        for row in rows:
            nxt.update(rid for rid, _rec in _linked_records(conn, found[row.id]))
        if events:
            nxt.update(i for (i,) in conn.execute(sa.select(r.id).where(r.event_id.in_(events))))
        nxt.update(x for a, b, kind in _decisions(conn, [row.id for row in rows]) if kind == "join" for x in (a, b))
        frontier = sorted(nxt - set(found))
    return found


def save_event(conn: sa.Connection, merged: dict[str, Any], ts: str, held: str | None = None) -> str:
    """Insert or update one merged event, reviewed values laid over the machine's; returns 'new',
    'changed' or 'unchanged'. A rejected or deleted event stays hidden (``held``: a status one of the
    events merged into it had)."""
    e = schema.events.c
    row = conn.execute(sa.select(e.status, e.record).where(e.id == merged["id"])).first()
    record, rejected = reviews.reviewed(conn, merged)
    deleted = held == "deleted" or (row is not None and row.status == "deleted")
    status = "deleted" if deleted else rejected or "active"
    values = event_row(record)
    if row is None:
        conn.execute(schema.events.insert().values(id=merged["id"], status=status, merged_into=None,
                                                   created_at=ts, updated_at=ts, **values))
        return "new"
    if row.status == status and row.record == values["record"]:
        return "unchanged"
    conn.execute(schema.events.update().where(e.id == merged["id"]).values(
        status=status, merged_into=None, updated_at=ts, **values))
    return "changed"


def regroup(conn: sa.Connection, seeds: Iterable[str], ts: str) -> dict[str, Any]:
    """Regroup the component of ``seeds``: returns the resulting event ids by record
    (``event_of``), what happened to each event (``outcomes``) and the ids retired. Events whose
    records did not change are not rewritten."""
    seeds = sorted(set(seeds))
    records = component(conn, seeds)
    ids = sorted(records)
    if not ids:
        return {"event_of": {}, "retired": []}
    r, e = schema.records.c, schema.events.c
    old_event_of = dict(conn.execute(sa.select(r.id, r.event_id).where(r.id.in_(ids))).all())
    decisions = _decisions(conn, ids)
    texts = _texts(conn, {records[i]["document"]["id"] for i in ids})
    mentions = [_mention(records[i], texts) for i in ids]
    groups = dedup.cluster(mentions, joined=[(a, b) for a, b, k in decisions if k == "join"],
                           split=[(a, b) for a, b, k in decisions if k == "split"])
    old_members: dict[str, set[str]] = {}
    for rid, ev in old_event_of.items():
        old_members.setdefault(ev, set()).add(rid)
    fresh = set(seeds)
    event_of: dict[str, str] = {}
    outcomes: dict[str, str] = {}
    for group in groups:
        members = [ids[i] for i in group]
        before = {old_event_of[m] for m in members if m in old_event_of}
        pinned = reviews.reviewed_id(conn, before)
        anchor = pinned or dedup.anchor_of([records[m] for m in members])["id"]
        if before == {anchor} and old_members.get(anchor) == set(members) and not fresh & set(members):
            event_of.update({m: anchor for m in members})  # the same event as before: nothing to write
            outcomes[anchor] = "unchanged"
            continue
        merged = dedup.merge_records([records[m] for m in members])
        if pinned:  # a reviewed event keeps its id (reviewers and their exports refer to it), whatever joins it
            merged["id"] = pinned
        changed = [m for m in members if old_event_of.get(m) != merged["id"]]
        if changed:
            conn.execute(schema.records.update().where(r.id.in_(changed)).values(event_id=merged["id"]))
        held = reviews.carry(conn, before, merged["id"])
        outcomes[merged["id"]] = save_event(conn, merged, ts, held)
        event_of.update({m: merged["id"] for m in members})
    old_ids = sorted(set(old_event_of.values()) - set(event_of.values()))
    retired = []
    for old in old_ids:
        into = event_of.get(old)  # an event id is its anchor record's id
        if into is None:  # the record that named it is elsewhere now: follow any record it held
            into = next(event_of[m] for m, ev in sorted(old_event_of.items()) if ev == old)
        done = conn.execute(schema.events.update().where(e.id == old, e.status.in_(("active", *reviews.HIDDEN))).values(
            status="merged", merged_into=into, updated_at=ts, record=None))
        conn.execute(schema.events.update().where(e.merged_into == old).values(merged_into=into))
        if done.rowcount:
            retired.append(old)
    return {"event_of": event_of, "outcomes": outcomes, "retired": retired}


# --- analysts' decisions -------------------------------------------------------------------------

def _event_records(conn: sa.Connection, event_id: str) -> list[tuple[str, str]]:
    e, r = schema.events.c, schema.records.c
    row = conn.execute(sa.select(e.status).where(e.id == event_id)).first()
    if row is None or row.status != "active":
        raise BadMergeDecision(f"no active event {event_id!r}")
    return [tuple(x) for x in conn.execute(sa.select(r.id, r.document_id).where(r.event_id == event_id)
                                           .order_by(r.id)).all()]


def _decide(conn: sa.Connection, pairs: Iterable[tuple[str, str]], kind: str, by: str | None, note: str | None,
            ts: str) -> None:
    d = schema.merge_decisions.c
    for x, y in sorted({(min(p), max(p)) for p in pairs if p[0] != p[1]}):
        conn.execute(schema.merge_decisions.delete().where(d.record_a == x, d.record_b == y))
        conn.execute(schema.merge_decisions.insert().values(record_a=x, record_b=y, kind=kind, decided_by=by,
                                                            decided_at=ts, note=note))


def split_document(engine: sa.Engine, event_id: str, document_id: str, by: str | None = None,
                   note: str | None = None) -> dict[str, Any]:
    """Take ``document_id``'s records out of event ``event_id``: they never merge with the event's other
    records again. Returns the events the records now belong to."""
    ts = now_ts()
    with engine.begin() as conn:
        _lock(conn)
        members = _event_records(conn, event_id)
        leaving = [rid for rid, doc in members if doc == document_id]
        staying = [rid for rid, doc in members if doc != document_id]
        if not leaving:
            raise BadMergeDecision(f"document {document_id!r} has no record in event {event_id!r}")
        if not staying:
            raise BadMergeDecision(f"event {event_id!r} has no other document to split {document_id!r} from")
        _decide(conn, [(a, b) for a in leaving for b in staying], "split", by, note, ts)
        result = regroup(conn, leaving + staying, ts)
    return _summary(result, leaving, staying)


def join_events(engine: sa.Engine, event_a: str, event_b: str, by: str | None = None,
                note: str | None = None) -> dict[str, Any]:
    """Make two events one, whatever the rules say; later ingests keep them together."""
    ts = now_ts()
    with engine.begin() as conn:
        _lock(conn)
        a = [rid for rid, _doc in _event_records(conn, event_a)]
        b = [rid for rid, _doc in _event_records(conn, event_b)]
        if set(a) == set(b):
            raise BadMergeDecision(f"{event_a!r} and {event_b!r} are one event already")
        _decide(conn, [(x, y) for x in a for y in b], "join", by, note, ts)
        result = regroup(conn, a + b, ts)
    return _summary(result, a, b)


def _summary(result: dict[str, Any], first: list[str], second: list[str]) -> dict[str, Any]:
    event_of = result["event_of"]
    return {"events": sorted({event_of[r] for r in first + second}), "retired": result["retired"],
            "records": {r: event_of[r] for r in sorted(first + second)}}


def list_decisions(engine: sa.Engine) -> list[dict[str, Any]]:
    d = schema.merge_decisions.c
    with engine.connect() as conn:
        rows = conn.execute(sa.select(schema.merge_decisions).order_by(d.decided_at, d.record_a, d.record_b)).all()
    return [dict(row._mapping) for row in rows]


def _lock(conn: sa.Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(727002)"))  # the same lock as ingest's merging
