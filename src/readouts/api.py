"""The REST API over the event database (FastAPI; OpenAPI at /openapi.json).

The server answers only for its own names (the Host header), against DNS rebinding. Read endpoints
are open; the one endpoint that changes data (POST /api/documents) needs the server's token as
`Authorization: Bearer TOKEN`, checked before its body is read, and a body is at most MAX_BODY bytes.
Every error of the API, of a route or not (an unknown path, a wrong method, a fault of the program),
is JSON {"error": message} with the security headers; that of a web page is an HTML page (web.error_page). Page sizes are bounded and every query is
parameterized SQL in readouts.store.
"""
from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Path, Query, Request, Security
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPBearer
from pydantic import BaseModel, Field, StringConstraints
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .pipeline import process
from . import query
from .query import FACETS, EventFilter, FilterError, StatementFilter, checked
from .store import Store
from .types import RawDocument, ReadoutsError, date_filter

MAX_PAGE = 200
IDLE_CONNECTIONS = 8  # database connections kept open between requests
LARGEST_INTEGER = 2**63 - 1  # the database's integers: a larger id or offset is a bad request, not a crash
Id = Annotated[int, Path(ge=1, le=LARGEST_INTEGER)]
Offset = Annotated[int, Query(ge=0, le=LARGEST_INTEGER)]
# Words to look for: no NUL character (neither SQLite full-text search nor PostgreSQL text takes one).
Words = Annotated[str | None, Query(max_length=200, pattern=r"^[^\x00]*$")]
# since/until: YYYY, YYYY-MM or YYYY-MM-DD, a real date; checked by query.checked (400, not 422: a value
# of the right shape can still be no date, "2024-02-30")
DateBound = Annotated[str | None, Query(max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD")]
MAX_TEXT = 5_000_000  # characters of a posted page
# The largest request body read: any text the model takes, in UTF-8 (4 bytes a character at most),
# and the other fields. A larger one is refused before it is read.
MAX_BODY = 4 * MAX_TEXT + 65536
TOO_LARGE = f"the body is larger than {MAX_BODY} bytes"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}  # the methods that change nothing: open to all
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")  # the names of a server on loopback
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def error_response(status: int, message: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    """An error as the server gives every one: JSON {"error": message} with the security headers (a
    500 is answered outside every middleware, the Guard that adds them included)."""
    return JSONResponse({"error": message}, status_code=status, headers={**SECURITY_HEADERS, **(headers or {})})


def host_name(value: str) -> str:
    """A Host header, or a name the server answers for, as they are compared: in lower case, without
    the port; an IPv6 address in brackets (as a Host header writes it, not as --host takes it)."""
    value = value.strip().lower()
    if value.startswith("["):
        name, bracket, _ = value.partition("]")
        return name + bracket  # an unclosed bracket stays unclosed, and matches nothing
    if value.count(":") > 1:
        return f"[{value}]"
    return value.partition(":")[0]


class HeadAsGet:
    """HEAD answered as GET without its body (RFC 9110: the headers a GET would send), for every
    page and API path: FastAPI routes answer GET only, and a HEAD (a link checker, `curl -I`) got 405."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


class Guard:
    """The edge of the app (ASGI middleware): the security headers on every answer, and what is
    refused before the app reads a request: a Host header not among the server's names (400: a
    page of another site whose name was pointed at this address, DNS rebinding, sends its own), a
    request that may change data without the token (401), and a body of more than MAX_BODY bytes
    (413), as soon as its Content-Length says so or, streamed without one, as soon as it grows past
    the cap. So a client without the token cannot make the server read a body at all (FastAPI reads
    and parses it before any dependency or route could look at the token)."""

    def __init__(self, app: ASGIApp, token: str | None, allowed_hosts: Iterable[str]) -> None:
        self.app = app
        self.hosts = {host_name(name) for name in allowed_hosts}
        # the header as it must arrive, compared as bytes: either side may hold any character
        # (surrogateescape keeps the bytes of a token that was not valid UTF-8 on the command line)
        self.authorization = b"Bearer " + token.encode("utf-8", "surrogateescape") if token else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).update(SECURITY_HEADERS)
            await send(message)

        refusal = self.refusal(scope["method"], dict(scope["headers"]))
        if refusal is not None:
            await refusal(scope, receive, send_with_headers)
        else:
            await self.app(scope, capped(receive), send_with_headers)

    def refusal(self, method: str, headers: dict[bytes, bytes]) -> JSONResponse | None:
        """The answer to a request refused before reading it, None for one to serve."""
        if host_name(headers.get(b"host", b"").decode("latin-1")) not in self.hosts:
            return error_response(400, "unknown host: this server answers only for its own names "
                                       "(readouts serve --allowed-host NAME adds one)")
        if method not in SAFE_METHODS and not self.authorized(headers.get(b"authorization")):
            return error_response(401, "a valid token is needed to change data")
        length = headers.get(b"content-length", b"")
        if length.isdigit() and int(length) > MAX_BODY:
            return error_response(413, TOO_LARGE)
        return None

    def authorized(self, header: bytes | None) -> bool:
        return (self.authorization is not None and header is not None
                and secrets.compare_digest(header, self.authorization))


def capped(receive: Receive) -> Receive:
    """`receive` for a body streamed without a length: past MAX_BODY bytes it stops with a 413
    (FastAPI passes an HTTPException raised while it reads the body on to the error handler)."""
    read = 0

    async def receive_capped() -> Message:
        nonlocal read
        message = await receive()
        read += len(message.get("body", b""))
        if read > MAX_BODY:
            raise HTTPException(status_code=413, detail=TOO_LARGE)
        return message

    return receive_capped


class NewDocument(BaseModel):
    doc_id: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    media_type: Literal["text/plain", "text/html"] = "text/plain"


def store_dependency(request: Request) -> Iterator[Store]:
    """A connection for one request at a time, kept for a later request when this one ends well:
    opening one per request costs more than a filtered query (a new server process on PostgreSQL)."""
    idle: list[Store] = request.app.state.idle_stores
    try:
        store = idle.pop()  # atomic: two threads never get the same connection
    except IndexError:
        store = Store.open(request.app.state.db_url, request.app.state.readonly)
    healthy = False
    try:
        yield store
        healthy = True
    except HTTPException:
        healthy = True  # an answer such as 404: the connection is fine
        raise
    finally:  # after any other error the connection may be in any state
        if healthy and len(idle) < IDLE_CONNECTIONS:
            idle.append(store)
        else:
            store.close()


StoreDep = Annotated[Store, Depends(store_dependency)]


def found(item: dict | None, what: str) -> dict:
    if item is None:
        raise HTTPException(status_code=404, detail=f"no {what}")
    return item


# a repeatable filter (?actor=A&actor=B): at most MAX_REPEATS values of Words
MAX_REPEATS = 20
WordList = Annotated[list[Annotated[str, StringConstraints(max_length=200, pattern=r"^[^\x00]*$")]],
                     Query(max_length=MAX_REPEATS)]


def event_filter(store: StoreDep, actor: WordList = [], country: WordList = [], any: bool = False,  # noqa: B006
                 role: WordList = [], format_of: Words = None, publisher: Words = None, topic: Words = None,  # noqa: B006
                 type: Words = None, since: DateBound = None, until: DateBound = None, q: Words = None,
                 sort: Literal["newest", "oldest"] = "newest") -> EventFilter:
    """The filters of an event list (query.EventFilter), the same for the API and the web pages:
    repeated actor and country mean all of them (any=true: one of them), repeated role any of them.
    Empty values are no filter (the web form sends every field). An unknown topic, type, format or
    country, or a date that is not one, is a 400 whose message lists the valid values."""
    try:
        return checked(store, EventFilter(tuple(actor), tuple(country), topic, type, since, until, q, tuple(role),
                                          format_of, publisher, all=not any, sort=sort))
    except FilterError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from None


FilterDep = Annotated[EventFilter, Depends(event_filter)]


def facet_names(facets: Words = None) -> list[str]:
    """?facets=country,type: the facets to count (query.FACETS); 400 for an unknown one."""
    names = [n.strip() for n in (facets or "").split(",") if n.strip()]
    unknown = [n for n in names if n not in FACETS]
    if unknown:
        raise HTTPException(status_code=400, detail=f"unknown facet {unknown[0]!r}; valid: {', '.join(FACETS)}")
    return names


def event_list(store: Store, f: EventFilter, facets: list[str]) -> dict:
    """A page of events with the total number of matches and, if asked, the facet counts."""
    return {"items": store.list_events(f), "total": query.count_events(store, f), "limit": f.limit,
            "offset": f.offset, **({"facets": query.facets(store, f, facets)} if facets else {})}


def engagement_list(store: Store, f: EventFilter, facets: list[str]) -> dict:
    """A page of engagements with a report matching the filter, each with its sources, the number of them
    that match and, if asked, the facet counts (of the matching reports)."""
    return {"items": store.list_engagements(f), "total": query.count_engagements(store, f), "limit": f.limit,
            "offset": f.offset, **({"facets": query.facets(store, f, facets)} if facets else {})}


router = APIRouter(prefix="/api")


@router.get("/events", summary="Events matching the filters, newest first, with the total and facet counts")
def list_events(store: StoreDep, f: FilterDep, limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
                offset: Offset = 0, facets: Annotated[list[str], Depends(facet_names)] = []) -> dict:  # noqa: B006
    return event_list(store, replace(f, limit=limit, offset=offset), facets)


@router.get("/vocabulary/{kind}", summary="The ids a filter takes (topic, type, country, format), with their events")
def vocabulary(kind: Literal["topic", "type", "country", "format"], store: StoreDep) -> dict:
    return {"items": query.vocabulary(store, kind)}


@router.get("/engagements", summary="Engagements with a report matching the filters, newest first, with their sources,"
                                    " the total and facet counts (of the matching reports)")
def list_engagements(store: StoreDep, f: FilterDep, limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
                     offset: Offset = 0, facets: Annotated[list[str], Depends(facet_names)] = []) -> dict:  # noqa: B006
    return engagement_list(store, replace(f, limit=limit, offset=offset), facets)


@router.get("/engagements/{engagement_id}", summary="One engagement: the values most sources give, and every source")
def get_engagement(engagement_id: Id, store: StoreDep) -> dict:
    return found(store.get_engagement(engagement_id), f"engagement {engagement_id}")


@router.get("/events/{event_id}", summary="One event: participants, statements, evidence, source")
def get_event(event_id: Id, store: StoreDep) -> dict:
    return found(store.get_event(event_id), f"event {event_id}")


FollowUpStatus = Literal["held", "pending", "overdue"]


def day_bound(name: str, value: str | None) -> date:
    """A YYYY-MM-DD day given in the query (HTTP 400 otherwise); today when None."""
    if value is None:
        return date.today()
    try:
        if len(value) != 10:
            raise ValueError
        return date.fromisoformat(date_filter(value))
    except ValueError:
        raise HTTPException(status_code=400, detail=f"{name}: {value!r} is not a day like 2024-07-22") from None


@router.get("/followups", summary="Engagements agreed or announced for later, with their status (held, pending, overdue)")
def list_followups(store: StoreDep, status: FollowUpStatus | None = None, as_of: DateBound = None) -> dict:
    return {"items": store.list_followups(day_bound("as_of", as_of), status)}


@router.get("/actors", summary="Actors, optionally those whose name contains `name`")
def list_actors(store: StoreDep, name: Words = None,
                limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
                offset: Offset = 0) -> dict:
    return {"items": store.page_of_actors(name, limit, offset), "limit": limit, "offset": offset}


@router.get("/actors/{actor_id}", summary="One actor: role history and counterparts with counts")
def get_actor(actor_id: Id, store: StoreDep) -> dict:
    return found(store.get_actor(actor_id), f"actor {actor_id}")


@router.get("/actors/{actor_id}/events", summary="One actor's events, newest first, with their total")
def actor_events(actor_id: Id, store: StoreDep, limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
                 offset: Offset = 0) -> dict:
    actor = found(store.get_actor(actor_id), f"actor {actor_id}")
    return {"items": store.events_of_actor(actor_id, limit, offset), "total": actor["events"], "limit": limit,
            "offset": offset}


Code = Annotated[str | None, Query(max_length=20, pattern=r"^[A-Za-z_]*$")]


def statement_filter(store: StoreDep, source: Code = None, target: Code = None, action: Code = None,
                     topic: Code = None, since: DateBound = None, until: DateBound = None) -> StatementFilter:
    """The filters of a list of statements (query.checked_statements); empty values are no filter. An
    unknown action, topic or side, or a date that is not one, is a 400 whose message lists the valid
    values."""
    try:
        return query.checked_statements(store, StatementFilter(source or None, target or None, action or None,
                                                               topic or None, since=since, until=until))
    except FilterError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from None


StatementFilterDep = Annotated[StatementFilter, Depends(statement_filter)]


def statement_list(store: Store, f: StatementFilter) -> dict:
    """A page of statements with the total and the counts by source, action and topic."""
    return {"items": query.list_statements(store, f), "total": query.count_statements(store, f), "limit": f.limit,
            "offset": f.offset, "facets": {c: query.statement_counts(store, f, c) for c in ("source", "action", "topic")}}


@router.get("/statements", summary="Who said what to whom: statements, newest first, with their total and counts")
def list_statements(store: StoreDep, f: StatementFilterDep, limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
                    offset: Offset = 0) -> dict:
    return statement_list(store, replace(f, limit=limit, offset=offset))


@router.get("/topics/trends", summary="Engagements and pages per topic per month, quarter or year, every period listed")
def topic_trends(store: StoreDep, period: Literal["month", "quarter", "year"] = "month") -> dict:
    return store.topic_trends(period)


@router.get("/documents/{document_id}", summary="One page: clean text, metadata, what was read from it")
def get_document(document_id: Id, store: StoreDep) -> dict:
    document = found(store.get_document(document_id), f"document {document_id}")
    document["events"] = store.events_of_document(document_id)
    document["statements"] = store.statements_of_document(document_id)
    return document


@router.get("/search", summary="Full-text search over the pages")
def search(store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=200, pattern=r"^[^\x00]*$")],
           limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20, offset: Offset = 0) -> dict:
    return {"items": store.search(q, limit, offset), "limit": limit, "offset": offset}


# The token is checked by the Guard, before the body is read; HTTPBearer only describes it in /openapi.json.
@router.post("/documents", status_code=201, summary="Ingest a page (needs the server's token)",
             dependencies=[Security(HTTPBearer(auto_error=False))])
def add_document(page: NewDocument, store: StoreDep) -> dict:
    data = page.text.encode("utf-8")
    raw = RawDocument(doc_id=page.doc_id, source=f"api:{page.doc_id}", text=page.text, encoding="utf-8",
                      sha256=hashlib.sha256(data).hexdigest(), media_type=page.media_type)
    try:
        status = store.save(raw, *process(raw))
    except ReadoutsError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    return {"status": status}


def unknown_id(error: dict) -> bool:
    """Whether a validation error is a query or path parameter that is not one of its ids (a Literal:
    a status, a vocabulary kind, a period, a sort): a 400 that lists the valid ones, as an unknown topic or
    type is (query.checked), not a 422."""
    return error["type"] == "literal_error" and error["loc"][0] in ("query", "path")


def create_app(db_url: str, token: str | None = None, allowed_hosts: Iterable[str] = LOOPBACK_HOSTS) -> FastAPI:
    """The API and the web pages over one database, for requests to the allowed hosts (names or
    addresses, with any port). Without a token nothing may change the data, and the database is
    opened read-only: it may then be one the server cannot write (in a read-only folder)."""
    from .web import error_page, router as pages  # the pages use the API's helpers

    # no /docs or /redoc: their pages load scripts from the internet, which the pages' own
    # Content-Security-Policy blocks (and which nothing served here should do); /openapi.json stays
    app = FastAPI(title="readouts", summary="A searchable record of diplomatic engagements", docs_url=None,
                  redoc_url=None)
    app.state.db_url, app.state.readonly, app.state.idle_stores = db_url, not token, []
    Store.open(db_url, app.state.readonly).close()  # create or upgrade the schema before serving, and fail early

    # The Guard adds the security headers too, not a BaseHTTPMiddleware (@app.middleware): that one
    # passes the body through a task group, which turns the Guard's 413 for a streamed body into an
    # exception group, and so into a 400.
    app.add_middleware(HeadAsGet)
    app.add_middleware(Guard, token=token, allowed_hosts=allowed_hosts)

    # Starlette's class: the router raises it for an unknown path (404) or method (405), and FastAPI's
    # HTTPException is a subclass
    # a page's error is an HTML page with the filter form (web.error_page); the API's is JSON
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error_page(request, exc.status_code, str(exc.detail)) or \
            error_response(exc.status_code, str(exc.detail), exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = exc.errors()
        if all(unknown_id(e) for e in errors):  # ?status=someday, /api/vocabulary/colour: as an unknown topic
            problems = "; ".join(f"unknown {e['loc'][-1]} {e['input']!r}; valid: {e['ctx']['expected']}" for e in errors)
            return error_page(request, 400, problems) or error_response(400, problems)
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors)
        return error_page(request, 422, problems) or error_response(422, problems)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        # the details go to the server's log (Starlette raises the exception again for it), not to the client
        return error_page(request, 500, "internal error") or error_response(500, "internal error")

    app.include_router(router)
    app.include_router(pages)
    return app
