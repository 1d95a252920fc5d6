"""The API's limits on what one request may ask for, in one place: the app declares them in the
OpenAPI schema (``Query(le=..., max_length=...)``), so /docs shows them and FastAPI refuses what
breaks one with its 422; what the schema cannot say (the size of the whole query string, a bbox's
ranges) is checked here. Every refusal is a 4xx, never work for the database: a request over a
limit gets code EA018 (``RequestTooComplex``), a document over max_document_bytes a 413."""
from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Any

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, BeforeValidator, Field

from eventatlas.errors import RequestTooComplex

#: Largest page of /api/events.
MAX_LIMIT = 500
#: Longest text filter (q, country, admin1, actor) and longest single event_type or sub_event_type value.
MAX_TEXT = 200
#: Most values of one repeated parameter (event_type, sub_event_type, certainty): ACLED has 25 sub-event types.
MAX_VALUES = 50
#: Largest min_sources; the page sends 1000000 to match nothing when no certainty is ticked.
MAX_MIN_SOURCES = 1_000_000
#: Longest cursor (the ones we issue are a date and an event id, base64-encoded).
MAX_CURSOR = 512
#: Longest bbox string, and the ranges of its numbers. Longitudes beyond ±180 (Leaflet's, once the
#: map has been panned round the world) are folded back, up to a hundred turns.
MAX_BBOX = 200
MAX_LON = 36_000.0
MAX_LAT = 90.0
#: Largest query string, in bytes as sent (percent-encoded); the page sends a few hundred.
MAX_QUERY_BYTES = 8192
#: Longest url, title and outlet of a posted document (its text is bounded by max_document_bytes).
MAX_URL, MAX_TITLE, MAX_OUTLET = 2048, 1000, 200

#: FastAPI validation errors that mean "over a limit" rather than "malformed".
_OVER_LIMIT = {"less_than_equal", "string_too_long", "too_long"}
_NUMBER = r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
BBOX_PATTERN = rf"^{_NUMBER},{_NUMBER},{_NUMBER},{_NUMBER}$"
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def max_body_bytes(max_document_bytes: int) -> int:
    """Largest request body: a text of max_document_bytes as JSON, every byte escaped (``\\u0000`` is six
    bytes for one), and the other fields. A larger body is refused (413, in plain text) before it is read
    whole."""
    return 6 * max_document_bytes + 64 * 1024


class ApiError(BaseModel):
    """The JSON body of the API's errors."""

    detail: str | list[dict[str, Any]] = Field(
        description="what went wrong: a message, or FastAPI's list of invalid parameters")
    code: str | None = Field(None, description="the error's code in the catalogue (EA0xx), when it has one; "
                                               "EA018 for a request over one of the limits")


def _iso_date(value: Any) -> Any:
    # Pydantic's lax mode takes "0" or 0 as a Unix time (1970-01-01): a date here is YYYY-MM-DD only.
    if isinstance(value, dt.date) or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return value
    raise ValueError("a date is YYYY-MM-DD")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """'min_lon,min_lat,max_lon,max_lat' (Leaflet's toBBoxString) -> floats; ValueError when malformed
    or out of range."""
    if not value:
        return None
    try:
        parts = [float(p) for p in value.split(",")]
    except ValueError:
        raise ValueError("four numbers: min_lon,min_lat,max_lon,max_lat") from None
    if len(parts) != 4 or not all(math.isfinite(p) for p in parts):
        raise ValueError("four finite numbers: min_lon,min_lat,max_lon,max_lat")
    min_lon, min_lat, max_lon, max_lat = parts
    if not all(-MAX_LAT <= p <= MAX_LAT for p in (min_lat, max_lat)):
        raise ValueError(f"latitudes are between -{MAX_LAT:g} and {MAX_LAT:g}")
    if not all(-MAX_LON <= p <= MAX_LON for p in (min_lon, max_lon)):
        raise ValueError(f"longitudes are between -{MAX_LON:g} and {MAX_LON:g}")
    if min_lat > max_lat:
        raise ValueError("min_lat is above max_lat")
    return min_lon, min_lat, max_lon, max_lat


def bounded_query_string(request: Request) -> None:
    """An app-wide dependency: refuse a query string over MAX_QUERY_BYTES before any parameter is read."""
    size = len(request.scope.get("query_string") or b"")
    if size > MAX_QUERY_BYTES:
        raise RequestTooComplex(f"the query string is {size} bytes, over the limit of {MAX_QUERY_BYTES}")


def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
    """FastAPI's 422 body, plus code EA018 when a parameter is over one of the limits."""
    errors = jsonable_encoder(exc.errors())
    body: dict[str, Any] = {"detail": errors}
    if any(e.get("type") in _OVER_LIMIT for e in errors):
        body["code"] = RequestTooComplex.code
    return JSONResponse(body, status_code=422)
