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
    event: _Id = Field(description="the other event, to make one with this one")
    by: Annotated[str, StringConstraints(max_length=200)] | None = None
    note: Annotated[str, StringConstraints(max_length=2000)] | None = None


def register(app: FastAPI, engine: sa.Engine, require_token: Callable[..., None],
             errors: Callable[..., dict]) -> None:
    """Add the merge routes to ``app``; writes need ``require_token``."""

    @app.post("/api/events/{event_id}/split", tags=["merging"], dependencies=[Depends(require_token)],
              responses=errors(400, 401, 403))
    def split(event_id: _Id, body: SplitIn) -> dict[str, Any]:
        """Take a document's records out of a merged event, for good: later ingests keep them apart."""
        return merging.split_document(engine, event_id, body.document, by=body.by or "api", note=body.note)

    # /api/events/{id}/join rather than /api/events/join, which GET and DELETE /api/events/{id} would also match
    @app.post("/api/events/{event_id}/join", tags=["merging"], dependencies=[Depends(require_token)],
              responses=errors(400, 401, 403))
    def join(event_id: _Id, body: JoinIn) -> dict[str, Any]:
        """Make this event and another one event, for good: later ingests keep them together."""
        return merging.join_events(engine, event_id, body.event, by=body.by or "api", note=body.note)

    @app.get("/api/events/{event_id}/merge", tags=["merging"], responses=errors(404))
    def why(event_id: _Id) -> dict[str, Any]:
        """Why the event's records were merged (``merge_why``) and which document gave each field."""
        event = repo.get_event(engine, event_id)
        if event is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return {"id": event["id"], "documents": event.get("documents", []), "sources": event.get("sources"),
                "merge_why": event.get("merge_why", []), "provenance": event.get("provenance", {})}
