"""The API's merge corrections, behind the bearer token: split a document out of an event, join two
events, and read why an event's records were merged. Decisions are stored (``merge_decisions``) and
later ingests respect them (``store.merging``)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import Depends, FastAPI, HTTPException
from pydantic import BaseModel, Field, StringConstraints

from eventatlas.store import merging, repo

_Id = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]


class SplitIn(BaseModel):
    document: _Id = Field(description="the document whose records leave the event")
    by: Annotated[str, StringConstraints(max_length=200)] | None = Field(None, description="who decides")
    note: Annotated[str, StringConstraints(max_length=2000)] | None = None


class JoinIn(BaseModel):
    events: Annotated[list[_Id], Field(min_length=2, max_length=2)] = Field(description="the two event ids")
    by: Annotated[str, StringConstraints(max_length=200)] | None = None
    note: Annotated[str, StringConstraints(max_length=2000)] | None = None


def register(app: FastAPI, engine: sa.Engine, require_token: Callable[..., None],
             errors: Callable[..., dict]) -> None:
    """Add the merge routes to ``app``; writes need ``require_token``."""

    @app.post("/api/events/{event_id}/split", tags=["merging"], dependencies=[Depends(require_token)],
              responses=errors(401, 403, 422))
    def split(event_id: _Id, body: SplitIn) -> dict[str, Any]:
        """Take a document's records out of a merged event, for good: later ingests keep them apart."""
        return merging.split_document(engine, event_id, body.document, by=body.by or "api", note=body.note)

    @app.post("/api/events/join", tags=["merging"], dependencies=[Depends(require_token)],
              responses=errors(401, 403, 422))
    def join(body: JoinIn) -> dict[str, Any]:
        """Make two events one, for good: later ingests keep them together."""
        return merging.join_events(engine, body.events[0], body.events[1], by=body.by or "api", note=body.note)

    @app.get("/api/events/{event_id}/merge", tags=["merging"], responses=errors(404))
    def why(event_id: _Id) -> dict[str, Any]:
        """Why the event's records were merged (``merge_why``) and which document gave each field."""
        event = repo.get_event(engine, event_id)
        if event is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return {"id": event["id"], "documents": event.get("documents", []), "sources": event.get("sources"),
                "merge_why": event.get("merge_why", []), "provenance": event.get("provenance", {})}
