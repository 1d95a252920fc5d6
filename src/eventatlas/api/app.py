"""The FastAPI app: the REST API over the store, the map page at ``/``, and the OpenAPI docs at
``/docs`` and ``/redoc`` served from vendored assets (FastAPI's defaults load them from a CDN).

Reads are open. Writes (POST /api/documents, DELETE /api/events/{id}, POST /api/events/{id}/review)
need ``Authorization: Bearer <token>`` with a reviewer's token (``EVENTATLAS_API_TOKENS``, name:token
pairs) or ``EVENTATLAS_API_TOKEN`` (the reviewer "admin"), compared in constant time; with no token set
they are off (403). No CORS headers unless origins are given. Pydantic stays here, at the edge: the store and
the extractor pass plain dicts and dataclasses. What one request may ask for is bounded (page size,
filter lengths, repeated values, query string and body size: see ``limits``), and errors are JSON bodies
with ``detail`` and, for the catalogue's errors, ``code``."""
from __future__ import annotations

import hmac
from pathlib import Path
from typing import Annotated, Any, Literal

import sqlalchemy as sa
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, StringConstraints, field_validator
from starlette.routing import Match

from eventatlas.api import limits as L
from eventatlas.api import query as Q
from eventatlas.api import writes
from eventatlas.errors import EventAtlasError
from eventatlas.export import FORMATS
from eventatlas.review import EDITABLE as REVIEW_FIELDS
from eventatlas.settings import Settings, load_settings, reviewer_tokens
from eventatlas.store import repo
from eventatlas.store.errors import BadExportOption

TOKEN_ENV = "EVENTATLAS_API_TOKEN"
TOKENS_ENV = "EVENTATLAS_API_TOKENS"
STATIC = Path(__file__).resolve().parent.parent / "web" / "static"
VENDOR = "/static/vendor"
Certainty = Literal["asserted", "reported", "claimed", "alleged", "speculative"]
TypeName = Annotated[str, StringConstraints(max_length=L.MAX_TEXT)]
# The page runs no inline script and loads nothing from another host; the docs pages need
# FastAPI's inline bootstrap script, so they get their own policy.
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'")
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'")


# --- models (the edge) ---------------------------------------------------------------------------

class EventPage(BaseModel):
    events: list[dict[str, Any]] = Field(description="merged event records (the JSON contract, without document text)")
    next: str | None = Field(description="cursor for the next page; null on the last page")


class EventDetail(BaseModel):
    event: dict[str, Any]
    evidence: list[dict[str, Any]] = Field(description="every span of every record merged into the event")
    documents: list[dict[str, Any]] = Field(description="the source documents, with text and their own records")


class DocumentDetail(BaseModel):
    document: dict[str, Any]
    spans: list[dict[str, Any]]


class DocumentIn(BaseModel):
    text: str = Field(min_length=1, description="plain text of the article")
    id: str | None = Field(None, max_length=64, description="default: hash of the text")
    url: str | None = Field(None, max_length=L.MAX_URL)
    title: str | None = Field(None, max_length=L.MAX_TITLE)
    outlet: str | None = Field(None, max_length=L.MAX_OUTLET)
    published: L.IsoDate | None = Field(None, description="YYYY-MM-DD")
    lang: str = Field("auto", description="a language profile's code, or auto to identify it")

    @field_validator("lang")
    @classmethod
    def _known_language(cls, value: str) -> str:
        from eventatlas.nlp.languages import language_choices
        if value not in language_choices():
            raise ValueError(f"lang must be one of {', '.join(language_choices())}")
        return value


class ReviewIn(BaseModel):
    action: Literal["accept", "reject", "edit"] = Field(description="accept the event as it reads, reject it "
                                                                    "(hidden, kept), or edit fields")
    changes: dict[str, Any] | None = Field(None, description=(
        "for an edit: {field: value in the record's own shape}; fields: " + ", ".join(REVIEW_FIELDS) +
        ". location may be {\"geonames_id\": N} (see /api/places) or a full location object"))
    note: str | None = Field(None, max_length=2000, description="why, for the review log")


class ReviewEntry(BaseModel):
    event_id: str
    at: str
    by: str = Field(description="the reviewer's name")
    action: str = Field(description="accept, reject, edit or delete")
    field: str | None = Field(description="the edited field (one entry per field)")
    old: Any = None
    new: Any = None
    note: str | None = None


class ReviewLog(BaseModel):
    event: str
    reviews: list[ReviewEntry]


class QueueItem(BaseModel):
    id: str
    doubt: float = Field(description="the sum of the doubts' weights")
    doubts: list[dict[str, Any]] = Field(description="[{code, weight, reason}], heaviest first")
    event: dict[str, Any]


class ReviewQueue(BaseModel):
    total: int = Field(description="events still to review")
    events: list[QueueItem]
    values: dict[str, Any] = Field(description="what a review may set: types (ACLED's, with their sub-types), "
                                               "certainties, roles, attribution_kinds, editable fields")


class PlaceList(BaseModel):
    places: list[dict[str, Any]] = Field(description="location objects (the record's shape) with population")


# --- dependencies --------------------------------------------------------------------------------

_TEXT = f"; at most {L.MAX_TEXT} characters"
_VALUES = f" (repeat for several, at most {L.MAX_VALUES} values of up to {L.MAX_TEXT} characters)"


def event_query(
    bbox: Annotated[str | None, Query(max_length=L.MAX_BBOX, pattern=L.BBOX_PATTERN, description=(
        f"min_lon,min_lat,max_lon,max_lat: latitudes within ±{L.MAX_LAT:g}, min_lat ≤ max_lat; longitudes "
        f"within ±{L.MAX_LON:g}, folded back beyond ±180"))] = None,
    since_date: Annotated[L.IsoDate | None, Query(description="events on or after this date (YYYY-MM-DD)")] = None,
    until_date: Annotated[L.IsoDate | None, Query(description="events on or before this date (YYYY-MM-DD)")] = None,
    country: Annotated[str | None, Query(max_length=L.MAX_TEXT,
                                         description="country name or ISO3 code" + _TEXT)] = None,
    admin1: Annotated[str | None, Query(max_length=L.MAX_TEXT,
                                        description="admin-1 name or ISO 3166-2 code" + _TEXT)] = None,
    event_type: Annotated[list[TypeName], Query(max_length=L.MAX_VALUES, description=(
        "ACLED event type; 'statement' for PLOVER-only statements" + _VALUES))] = [],  # noqa: B006
    sub_event_type: Annotated[list[TypeName], Query(max_length=L.MAX_VALUES,
                                                    description="ACLED sub-event type" + _VALUES)] = [],  # noqa: B006
    actor: Annotated[str | None, Query(max_length=L.MAX_TEXT,
                                       description="part of an actor name, any case" + _TEXT)] = None,
    certainty: Annotated[list[Certainty], Query(max_length=L.MAX_VALUES, description=(
        f"repeat for several (at most {L.MAX_VALUES} values)"))] = [],  # noqa: B006
    min_sources: Annotated[int | None, Query(ge=1, le=L.MAX_MIN_SOURCES,
                                             description="reported by at least N outlets")] = None,
    q: Annotated[str | None, Query(max_length=L.MAX_TEXT,
                                   description="text in any evidence span, any case" + _TEXT)] = None,
    statements: Annotated[bool, Query(description="include statements (event_type null)")] = True,
    include_rejected: Annotated[bool, Query(description="include events a reviewer rejected")] = False,
) -> Q.EventQuery:
    # SQLite ends LIKE patterns and some string functions at a NUL, so "actor=\0" or "q=\0" would
    # match every event: no filter value may hold one.
    if any("\x00" in v for v in (bbox, country, admin1, actor, q, *event_type, *sub_event_type) if v):
        raise HTTPException(422, "a filter value holds a NUL character")
    try:
        box = L.parse_bbox(bbox)
    except ValueError as exc:
        raise HTTPException(422, f"bad bbox: {exc}") from None
    base = repo.EventFilter(since_date=since_date.isoformat() if since_date else None,
                            until_date=until_date.isoformat() if until_date else None, country=country,
                            admin1=admin1, actor=actor, certainty=tuple(certainty), min_sources=min_sources,
                            include_statements=statements, include_rejected=include_rejected)
    return Q.EventQuery(base=base, event_types=tuple(event_type), sub_event_types=tuple(sub_event_type), bbox=box,
                        text=q or None)


Filters = Annotated[Q.EventQuery, Depends(event_query)]
_bearer = HTTPBearer(auto_error=False, description=f"a reviewer's token from {TOKENS_ENV}, or {TOKEN_ENV}")


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The documented error answers of a route: every one has an ApiError body."""
    described = {400: "a cursor this API did not issue (EA015), or a body that is not JSON",
                 401: "missing or wrong bearer token",
                 403: f"writes are off: neither {TOKENS_ENV} nor {TOKEN_ENV} is set",
                 404: "no such id",
                 413: "the text is over max_document_bytes (EA006); a whole body over six times that is "
                      "refused before it is read, in plain text",
                 422: "an invalid parameter or body, or a request over a limit (EA018)"}
    out: dict[int | str, dict[str, Any]] = {
        status: {"model": L.ApiError, "description": described[status]} for status in (*statuses, 422)}
    if 413 in out:
        out[413]["content"] = {"text/plain": {"schema": {"type": "string"}}}
    return out


def create_app(db: str | sa.Engine | None = None, *, token: str | None = None, cors_origins: tuple[str, ...] = (),
               settings: Settings | None = None, tokens: dict[str, str] | None = None) -> FastAPI:
    """The app over the store at ``db`` (URL or engine). ``token`` defaults to $EVENTATLAS_API_TOKEN (the
    reviewer "admin"), ``tokens`` ({name: token}) to $EVENTATLAS_API_TOKENS; none at all turns the write
    endpoints off."""
    import dataclasses

    from eventatlas.store.db import open_db
    from eventatlas.store import review as reviews
    engine = db if isinstance(db, sa.Engine) else open_db(db)
    settings = settings or load_settings()
    if tokens is not None:
        settings = dataclasses.replace(settings, api_tokens=tuple(f"{n}:{t}" for n, t in tokens.items()))
    reviewers = reviewer_tokens(settings, token)
    app = FastAPI(title="eventatlas", version=_version(), docs_url=None, redoc_url=None,
                  dependencies=[Depends(L.bounded_query_string)],
                  max_body_size=L.max_body_bytes(settings.max_document_bytes),
                  description="Geocoded, source-attributed conflict events extracted from news articles.\n\n"
                              f"Limits: pages of at most {L.MAX_LIMIT} events, query strings of at most "
                              f"{L.MAX_QUERY_BYTES} bytes, and the lengths and counts given with each "
                              "parameter; a request over one gets a 422 with code EA018.")
    app.state.engine = engine
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware
        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET"],
                           allow_headers=["Authorization", "Content-Type"])

    def require_token(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> str:
        """The reviewer whose token the request carries. Every token is compared, each in constant time,
        so the answer's timing says nothing about which one came close."""
        if not reviewers:
            raise HTTPException(403, f"writes are off: set {TOKENS_ENV} or {TOKEN_ENV} to turn them on")
        given = (credentials.credentials if credentials else "").encode()
        found = None
        for secret, name in reviewers.items():
            if hmac.compare_digest(given, secret.encode()) and found is None:
                found = name
        if found is None:
            raise HTTPException(401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"})
        return found


    @app.exception_handler(EventAtlasError)
    def _coded(_request: Request, exc: EventAtlasError) -> JSONResponse:
        # the store's own troubles are the server's, not the request's: 503 (unavailable or damaged,
        # nothing the client can fix) and 507 (disk full); the rest are the request's (4xx)
        status = {"EA012": 503, "EA016": 503, "EA017": 507}.get(exc.code) or (
            400 if isinstance(exc, BadExportOption) else 422)
        return JSONResponse({"detail": str(exc), "code": exc.code}, status_code=status)

    app.add_exception_handler(RequestValidationError, L.validation_error)

    @app.exception_handler(405)
    def _method_not_allowed(request: Request, _exc: Exception) -> JSONResponse:
        # Starlette's 405 lists the methods of the first route on the path only; GET and DELETE
        # /api/events/{id} are two routes, and Allow must name both.
        methods = {m for route in app.router.routes if getattr(route, "methods", None)
                   and route.matches(request.scope)[0] != Match.NONE for m in route.methods}
        return JSONResponse({"detail": "Method Not Allowed"}, status_code=405,
                            headers={"Allow": ", ".join(sorted(methods))})

    # --- reads -----------------------------------------------------------------------------------

    @app.get("/api/events", response_model=EventPage, tags=["events"], responses=_errors(400))
    def list_events(filters: Filters,
                    cursor: Annotated[str | None, Query(max_length=L.MAX_CURSOR,
                                                        description="the `next` of the previous page")] = None,
                    limit: Annotated[int, Query(ge=1, le=L.MAX_LIMIT,
                                                description=f"events per page, at most {L.MAX_LIMIT}")] = 100,
                    ) -> dict[str, Any]:
        """Merged events by date then id, a page at a time; pass ``next`` back as ``cursor``."""
        events, nxt = Q.page(engine, filters, cursor, limit)
        return {"events": events, "next": nxt}

    @app.get("/api/events/{event_id}", response_model=EventDetail, tags=["events"], responses=_errors(404))
    def event_detail(event_id: str) -> dict[str, Any]:
        """One event (an id merged away leads to the event that absorbed it), every span of its
        evidence, and its source documents with their text and their own records."""
        event = repo.get_event(engine, event_id)
        if event is None:
            raise HTTPException(404, f"no event {event_id!r}")
        documents = [d for d in (repo.get_document(engine, i) for i in event.get("documents") or ()) if d]
        return {"event": event, "evidence": Q.evidence_of_event(engine, event["id"]), "documents": documents}

    @app.get("/api/documents/{document_id}", response_model=DocumentDetail, tags=["documents"],
             responses=_errors(404))
    def document_detail(document_id: str) -> dict[str, Any]:
        """A document's text, its own records (before merging) and every evidence span in it."""
        document = repo.get_document(engine, document_id)
        if document is None:
            raise HTTPException(404, f"no document {document_id!r}")
        return {"document": document, "spans": Q.evidence_of_document(engine, document_id)}

    @app.get("/api/stats", tags=["stats"], responses=_errors())
    def stats(filters: Filters) -> dict[str, Any]:
        """Counts of the events matching the filters by day, type and admin-1, and the store's totals."""
        return dict(Q.counts(engine, filters), store=repo.stats(engine))

    @app.get("/api/map", tags=["map"], responses=_errors())
    def map_view(filters: Filters) -> dict[str, Any]:
        """What the map draws: light points, or grid cells with counts when more than
        a few thousand events are in view (``mode`` says which)."""
        return Q.map_view(engine, filters)

    @app.get("/api/export", tags=["export"], response_class=StreamingResponse,
             responses={200: {"description": "the export file"}, **_errors()})
    def export(filters: Filters, format: Annotated[Literal[FORMATS], Query()] = "jsonl") -> StreamingResponse:  # noqa: A002
        """The matching events as ACLED CSV, GeoJSON, JSONL or Parquet, streamed."""
        from eventatlas.api.streams import stream_export
        media, suffix, body = stream_export(engine, format, filters)
        return StreamingResponse(body, media_type=media,
                                 headers={"Content-Disposition": f'attachment; filename="events.{suffix}"'})

    # --- writes ----------------------------------------------------------------------------------

    @app.post("/api/documents", status_code=201, tags=["documents"], responses=_errors(400, 401, 403, 413))
    def add_document(body: DocumentIn, _reviewer: str = Depends(require_token)) -> dict[str, Any]:
        """Extract the events of one article and store them (idempotent: the same text changes nothing)."""
        from eventatlas.errors import DocumentTooLarge
        from eventatlas.ingest.readers import document_from_text
        if len(body.text.encode("utf-8")) > settings.max_document_bytes:
            exc = DocumentTooLarge(f"text over max_document_bytes={settings.max_document_bytes}")
            return JSONResponse({"detail": str(exc), "code": exc.code}, status_code=413)
        document = document_from_text(body.text, id=body.id, url=body.url, title=body.title, outlet=body.outlet,
                                      published=body.published.isoformat() if body.published else None,
                                      lang=None if body.lang == "auto" else body.lang, source_path="api")
        return writes.ingest_document(engine, document, settings, lang=body.lang)

    @app.delete("/api/events/{event_id}", status_code=204, tags=["events"], responses=_errors(401, 403, 404))
    def delete_event(event_id: str, reviewer: str = Depends(require_token)) -> None:
        """Hide an event from every read and export, for good (a later document reporting it is attached
        to it, still hidden); its documents stay. Logged under the reviewer's name."""
        if not writes.delete_event(engine, event_id, reviewer):
            raise HTTPException(404, f"no active event {event_id!r}")

    @app.post("/api/events/{event_id}/review", tags=["review"], responses=_errors(400, 401, 403, 404))
    def review_event(event_id: str, body: ReviewIn, reviewer: str = Depends(require_token)) -> dict[str, Any]:
        """Accept, reject or edit an event; answers the updated record. Reviewed values win over the
        machine's in every read and export and survive later ingests; a rejected event is hidden (kept,
        shown with ``include_rejected=true``). A bad action, field or value is a 422 with code EA019."""
        from eventatlas.api.places import by_geonames_id
        record = reviews.review_event(engine, event_id, body.action, reviewer, changes=body.changes,
                                      note=body.note, lookup=by_geonames_id)
        if record is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return record

    @app.get("/api/events/{event_id}/reviews", response_model=ReviewLog, tags=["review"], responses=_errors(404))
    def event_reviews(event_id: str) -> dict[str, Any]:
        """The review log of an event (and of the ids merged into it): who, when, what, old and new values."""
        entries = reviews.review_log(engine, event_id)
        if entries is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return {"event": event_id, "reviews": entries}

    @app.get("/api/review/queue", response_model=ReviewQueue, tags=["review"], responses=_errors())
    def review_queue(limit: Annotated[int, Query(ge=1, le=L.MAX_LIMIT, description="events per page")] = 50,
                     offset: Annotated[int, Query(ge=0, le=10_000_000, description="events to skip")] = 0,
                     ) -> dict[str, Any]:
        """Unreviewed events (and reviewed ones a later document brought new evidence to), the
        extractor's likeliest errors first, each with its doubts; and ``values``: what a review may set
        (ACLED's types with their sub-types, certainties, actor roles, attribution kinds)."""
        from eventatlas import review as R
        return dict(reviews.review_queue(engine, limit, offset), values={
            "types": R.acled_types(), "certainties": list(R.CERTAINTIES), "roles": list(R.ROLES),
            "attribution_kinds": list(R.ATTRIBUTION_KINDS), "editable": list(R.EDITABLE)})

    @app.get("/api/places", response_model=PlaceList, tags=["review"], responses=_errors())
    def places(q: Annotated[str | None, Query(max_length=L.MAX_TEXT, description="a place name or its start")] = None,
               lat: Annotated[float | None, Query(ge=-90, le=90, description="with lon: the towns nearest "
                                                                             "this point instead")] = None,
               lon: Annotated[float | None, Query(ge=-180, le=180)] = None,
               limit: Annotated[int, Query(ge=1, le=50)] = 10) -> dict[str, Any]:
        """Places of the gazetteer by name (``q``), or nearest a point (``lat`` and ``lon``), for a reviewer
        choosing an event's location; each is a location object a review can send back whole."""
        from eventatlas.api import places as P
        if lat is not None and lon is not None:
            return {"places": P.nearest(lat, lon, limit)}
        if not q or not q.strip() or "\x00" in q:
            raise HTTPException(422, "give q (a name), or lat and lon")
        return {"places": P.search(q, limit)}

    from eventatlas.api import merges  # split and join (issue 18)
    merges.register(app, engine, require_token, _errors)

    # --- page and docs ---------------------------------------------------------------------------

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Content-Security-Policy": PAGE_CSP,
                                                            "X-Content-Type-Options": "nosniff"})

    @app.get("/docs", include_in_schema=False)
    def swagger():
        html = get_swagger_ui_html(openapi_url=app.openapi_url, title="eventatlas API",
                                   swagger_js_url=f"{VENDOR}/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url=f"{VENDOR}/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url=f"{VENDOR}/swagger-ui/favicon-32x32.png",
                                   oauth2_redirect_url="/docs/oauth2-redirect",
                                   swagger_ui_parameters={"validatorUrl": None})
        html.headers["Content-Security-Policy"] = DOCS_CSP
        return html

    @app.get("/docs/oauth2-redirect", include_in_schema=False)
    def swagger_redirect():
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc", include_in_schema=False)
    def redoc():
        html = get_redoc_html(openapi_url=app.openapi_url, title="eventatlas API",
                              redoc_js_url=f"{VENDOR}/redoc/redoc.standalone.js",
                              redoc_favicon_url=f"{VENDOR}/swagger-ui/favicon-32x32.png", with_google_fonts=False)
        html.headers["Content-Security-Policy"] = DOCS_CSP
        return html

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("eventatlas")
    except PackageNotFoundError:
        return "0"


def serve(db: str | None = None, host: str = "127.0.0.1", port: int = 8000, *, cors_origins: tuple[str, ...] = (),
          log_level: str = "info") -> None:
    """Run the app with uvicorn until interrupted."""
    import uvicorn
    uvicorn.run(create_app(db, cors_origins=cors_origins), host=host, port=port, log_level=log_level)

