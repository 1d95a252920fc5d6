"""API fuzzing: schemathesis builds requests from the app's own OpenAPI schema and sends them to the
app over a small real store (an English dispatch, a French one, one full of markup): schema-valid
and schema-invalid ones, for every operation, the writes both with the bearer token and without.
No request may get a 5xx, and every answer must be what the schema documents: status code, content
type, body, headers, the Allow of a 405, a 4xx for invalid data, a 401 when the token is left out.

Each operation gets schemathesis' coverage cases (boundary and invalid values, deterministic) and
``examples(EXAMPLES)`` generated cases per mode (valid, invalid), derandomized; ``EVENTATLAS_SOAK=1``
grows them. Every request the app answers counts as an input tried, and every 5xx as a server error
(``5xx responses`` in the summary line)."""
from __future__ import annotations

import json
import warnings
import zlib
from collections import Counter

import pytest

pytest.importorskip("fastapi", reason="the API needs fastapi")
schemathesis = pytest.importorskip("schemathesis", reason="API fuzzing needs schemathesis")
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*starlette.testclient.*")
    from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from .support import TALLY, examples, tried, typed
from .test_api import OTHER, XSS_TEXT, XSS_TITLE, XSS_URL

TOKEN = "fuzz-token"
DOCUMENTS = [
    {"id": "xss", "text": XSS_TEXT, "title": XSS_TITLE, "url": XSS_URL, "outlet": "<i>Evil</i>",
     "published": "2023-05-03", "lang": "en"},
    OTHER,
    {"id": "goma", "lang": "fr", "outlet": "Radio Kivu", "published": "2023-07-02", "title": "Goma",
     "text": "Des combattants du M23 auraient attaqué samedi une position de l'armée congolaise près de Goma, "
             "selon des habitants. Trois militaires auraient été tués."},
]
READS = ["GET /api/events", "GET /api/events/{event_id}", "GET /api/documents/{document_id}", "GET /api/stats",
         "GET /api/map", "GET /api/export", "GET /api/events/{event_id}/reviews", "GET /api/review/queue",
         "GET /api/places", "GET /api/events/{event_id}/merge"]
WRITES = ["POST /api/documents", "POST /api/events/{event_id}/review", "DELETE /api/events/{event_id}",
          "POST /api/events/{event_id}/split", "POST /api/events/{event_id}/join"]  # merge corrections (issue 18)
#: Reads are open; writes run with the token and without. Writes last, so that the reads see the store as filled.
RUNS = [(label, None) for label in READS] + [(label, token) for label in WRITES for token in (TOKEN, None)]
#: Operations whose only parameter is a string in the path: no value of it is invalid.
NOTHING_INVALID = {"GET /api/events/{event_id}", "GET /api/documents/{document_id}",
                   "GET /api/events/{event_id}/reviews"}
#: Every built-in check runs but this one, which wants a 2xx for any schema-valid request: our filters have
#: rules JSON Schema cannot state (a cursor must be one we issued, else 400 EA015; min_lat <= max_lat in a
#: bbox; a posted text must be in a supported language, else 422 EA004), and those get a coded 4xx.
EXCLUDED_CHECKS = [schemathesis.checks.positive_data_acceptance]
#: Generated cases per operation, token and mode: with the coverage cases, ~1800 requests in ~25 s on two cores.
EXAMPLES = 40


class Tallied:
    """The app, counting every request it answers in the tally: a 4xx with an error code as typed, a 5xx
    (or an exception out of the app, e.g. in the middle of a streamed export) as a server error."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        tried()
        state = {"status": 0, "body": b""}

        async def watched(message):
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
                if message["status"] >= 500:
                    TALLY["server_errors"] += 1
            elif message["type"] == "http.response.body" and 400 <= state["status"] < 500:
                state["body"] += message.get("body", b"")
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception:
            if state["status"] < 500:
                TALLY["server_errors"] += 1
            raise
        if 400 <= state["status"] < 500 and b'"code":"EA' in state["body"]:
            typed()


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    """(the schema of an app over a store holding DOCUMENTS, its requests tallied; hints from that store)"""
    from eventatlas.api import create_app
    path = tmp_path_factory.mktemp("api-fuzz") / "store.sqlite"
    app = create_app(f"sqlite:///{path}", token=TOKEN)
    client = TestClient(app)
    for body in DOCUMENTS:
        tried()
        response = client.post("/api/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 201, response.text
    events = client.get("/api/events", params={"limit": 500}).json()["events"]
    assert len(events) >= 3
    # An explicit config: a schemathesis.toml found on the way up must not change what runs.
    schema = schemathesis.openapi.from_asgi("/openapi.json", Tallied(app), config=schemathesis.Config())
    return schema, _hints(client, events)


def _hints(client, events) -> dict:
    """Values that mean something to this store, for parameters the schema can only call strings: real
    ids, cursors, names, words and dates, and bboxes of plausible numbers (one generated from the bbox
    pattern is almost never inside the world). Valid cases take some of them, so that filters match,
    pages turn and exports hold rows."""
    def one_of(values):
        return st.sampled_from(sorted({v for v in values if v}))

    cursors, cursor = [], None
    while True:
        cursor = client.get("/api/events", params={"limit": 1, **({"cursor": cursor} if cursor else {})}).json()["next"]
        if cursor is None:
            break
        cursors.append(cursor)
    locations = [e.get("location") or {} for e in events]
    texts = [client.get(f"/api/documents/{d}").json()["document"]["text"] for d in {d for e in events
                                                                                       for d in e["documents"]}]
    coordinate = st.one_of(st.floats(-200, 200),
                           st.sampled_from([-36000.0001, -540, -180, -90, 0, 90, 180, 359.5, 36000]))
    return {
        "event_id": one_of(e["id"] for e in events),
        "document_id": one_of(d for e in events for d in e["documents"]),
        "cursor": one_of(cursors),
        "bbox": st.lists(coordinate, min_size=4, max_size=4).map(lambda c: ",".join(f"{x:.4f}" for x in c)),
        "since_date": one_of((e.get("date") or {}).get("start") for e in events),
        "until_date": one_of((e.get("date") or {}).get("start") for e in events),
        "country": one_of(v for loc in locations for v in (loc.get("country"), loc.get("iso3"))),
        "admin1": one_of(v for loc in locations for v in (loc.get("admin1"), loc.get("admin1_code"))),
        "event_type": st.lists(one_of([e["event_type"] for e in events] + ["statement"]), max_size=3),
        "sub_event_type": st.lists(one_of(e["sub_event_type"] for e in events), max_size=3),
        "actor": one_of(a["name"][:6].lower() for e in events for a in e.get("actors") or () if a.get("name")),
        "q": one_of(word.strip(".,'\"") for text in texts for word in text.split()),
    }


def _hinted(operation, hints: dict):
    """Valid cases of ``operation``, each taking some of the hints for its parameters."""
    from schemathesis.core.parameters import ParameterLocation
    where = {p.name: p.location for p in operation.iter_parameters() if p.name in hints}

    def apply(drawn):
        case, values = drawn
        for name, value in values.items():
            if value is None:
                continue
            if where[name] == ParameterLocation.PATH:
                case.path_parameters = {**(case.path_parameters or {}), name: value}
            else:
                case.query = {**(case.query or {}), name: value}
        return case

    chosen = st.fixed_dictionaries({name: st.none() | hints[name] for name in where})
    return st.tuples(operation.as_strategy(GenerationMode.POSITIVE), chosen).map(apply)


def _fuzzing(n: int):
    base = examples(n)
    # Invalid cases come from filtered strategies: many draws are thrown away, as expected.
    return settings(base, suppress_health_check=[*base.suppress_health_check, HealthCheck.filter_too_much])


def _not_json(case) -> bool:
    if case.media_type not in (None, "application/json"):
        return True
    if isinstance(case.body, (bytes, str)):
        try:
            json.loads(case.body)
        except ValueError:
            return True
    return False


def test_every_operation_of_the_schema_is_fuzzed(api):
    schema, _ = api
    assert {result.ok().label for result in schema.get_all_operations()} == set(READS) | set(WRITES)


@pytest.mark.parametrize("label, token", RUNS,
                         ids=[label + (" no token" if label in WRITES and not token else "") for label, token in RUNS])
def test_no_generated_request_gets_a_server_error(api, label, token):
    schema, hints = api
    operation = schema.find_operation_by_label(label)
    headers = {"Authorization": f"Bearer {token}"} if token else None
    server_errors = TALLY["server_errors"]
    statuses: Counter = Counter()

    def send(case):
        response = case.call_and_validate(headers=headers, excluded_checks=EXCLUDED_CHECKS)
        statuses[response.status_code] += 1
        if label in WRITES and not token:
            # The token is checked before the body is validated; only a body that is not JSON at all is
            # refused before that (400, 422), when FastAPI decodes it.
            assert response.status_code in (401, 405) or (response.status_code in (400, 422) and _not_json(case)), \
                (response.status_code, response.text)

    config = schema.config.generation_for(operation=operation, phase="coverage")
    for case in schema.iter_coverage_cases(operation, generation_modes=list(GenerationMode), generation_config=config):
        send(case)
    fuzzing = _fuzzing(EXAMPLES)
    for mode in GenerationMode:
        @fuzzing
        @given(case=_hinted(operation, hints) if mode is GenerationMode.POSITIVE else operation.as_strategy(mode))
        def generated(case):
            send(case)
        if fuzzing.derandomize:  # a fixed seed per operation, token and mode, rather than one for them all
            generated = seed(zlib.crc32(f"{label} {token} {mode.value}".encode()))(generated)
        try:
            generated()
        except Unsatisfiable:
            assert mode is GenerationMode.NEGATIVE and label in NOTHING_INVALID
    assert TALLY["server_errors"] == server_errors, statuses
    assert sum(statuses.values()) >= EXAMPLES, statuses
    if label in WRITES and not token:
        assert not any(200 <= status < 300 for status in statuses), statuses
