"""The HTTP server: a versioned JSON API over the store and the coder, and the dashboard.

``create_app`` builds the FastAPI application; ``newsevents serve`` runs it with uvicorn.
Every dashboard view has its API twin (docs/serve.md). The store is opened read-only
unless the server is started writable, and then only ``POST /v1/extract`` with
``"store": true`` writes to it, with the API key when one is set.
"""

from __future__ import annotations

import asyncio
import hmac
import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal, get_args

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsevents import __version__
from newsevents.api import Coder, RunReport
from newsevents.errors import InputError
from newsevents.ingest.readers import check_date, content_id
from newsevents.records import Article, Status
from newsevents.serve.models import (
    DocumentBody,
    ErrorBody,
    EventPage,
    ExtractRequest,
    ExtractResponse,
    MapResponse,
    MetaResponse,
    NetworkResponse,
    StatsResponse,
)
from newsevents.store import Store, views
from newsevents.store.query import GROUPS, Filters

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
                               "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
DATE = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
Group = Literal["day", "week", "month", "year", "dyad", "source", "target", "source-country",
                "target-country", "country", "place", "root", "cameo", "plover", "quad",
                "status"]
assert set(get_args(Group)) == set(GROUPS)  # the same groupings as the CLI's
HINTS = {"since": "must be YYYY, YYYY-MM or YYYY-MM-DD", "until": "must be YYYY, YYYY-MM or "
         "YYYY-MM-DD", "cameo": "must be 1 to 4 digits: a CAMEO code or root such as 17 or 173"}
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A filter or field is wrong; the message says how"},
    422: {"model": ErrorBody, "description": "The request does not match the schema"},
}


@dataclass
class Settings:
    """How the server was started (``newsevents serve`` options)."""

    db: Path
    writable: bool = False
    api_key: str | None = None
    max_bytes: int = 1_000_000  # of a request body
    timeout: float = 60.0  # seconds for one extract


class ApiError(HTTPException):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(status, message)
        self.code = code


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` (413) before anything reads them whole."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await _too_large(self.max_bytes, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise ApiError(413, "too_large", _too_large_text(self.max_bytes))
            return message

        await self.app(scope, limited, send)


def _too_large_text(max_bytes: int) -> str:
    return (f"the request body is over {max_bytes} bytes; send a shorter article, or start "
            "the server with a larger --max-bytes")


async def _too_large(max_bytes: int, send: Send) -> None:
    response = _error(413, "too_large", _too_large_text(max_bytes))
    await response({"type": "http"}, _no_body, send)


async def _no_body() -> Message:
    return {"type": "http.request", "body": b""}


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status,
                        headers=SECURITY_HEADERS)


def filters(
    actor: str | None = Query(None, max_length=200, description="Either actor: a code prefix "
                              "or words of its name."),
    source: str | None = Query(None, max_length=50, description="Code prefix of the one who "
                               "acts."),
    target: str | None = Query(None, max_length=50, description="Code prefix of the one acted "
                               "upon."),
    country: str | None = Query(None, max_length=10, description="ISO alpha-3 country of "
                                "either actor."),
    sector: str | None = Query(None, max_length=10, description="Role code of either actor."),
    cameo: str | None = Query(None, pattern=r"^[0-9]{1,4}$", description="CAMEO code or root "
                              "(prefix)."),
    plover: str | None = Query(None, max_length=20, description="PLOVER event type."),
    quad: int | None = Query(None, ge=1, le=4, description="Quad class."),
    status: list[Status] = Query([], description="Statuses (repeatable)."),
    since: str | None = Query(None, pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD: "
                              "events whose date reaches it."),
    until: str | None = Query(None, pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD: "
                              "events whose date begins by it."),
    place: str | None = Query(None, max_length=200, description="Country code or words of a "
                              "place name."),
    doc: str | None = Query(None, max_length=200, description="A document id."),
) -> Filters:
    """The filters of ``newsevents query`` (docs/store.md), as query parameters."""
    return Filters(actor=actor, source=source, target=target, country=country, sector=sector,
                   cameo=cameo, plover=plover, quad=quad, status=tuple(status), since=since,
                   until=until, place=place, doc=doc)


def create_app(settings: Settings, coder: Coder | None = None) -> FastAPI:
    """The application. ``coder`` is loaded on the first extract when not given."""
    store = Store(settings.db, read_only=not settings.writable)
    state = {"coder": coder}
    coder_lock = threading.Lock()  # one article at a time: the pipeline is not thread-safe

    app = FastAPI(title="newsevents", version=__version__,
                  description="Event data (CAMEO, PLOVER) from news articles: the store's "
                              "events, their aggregates and documents, and the coder itself.",
                  openapi_url="/v1/openapi.json", docs_url=None, redoc_url=None)
    app.add_middleware(BodyLimit, max_bytes=settings.max_bytes)

    @app.middleware("http")
    async def headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]
                      ) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        code = getattr(exc, "code", {404: "not_found", 405: "method_not_allowed"}.get(
            exc.status_code, "http_error"))
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and code == "not_found" and message == "Not Found":
            message = "no such path; the API is under /v1 (see /v1/openapi.json)"
        return _error(exc.status_code, code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for e in exc.errors():
            field = ".".join(str(p) for p in e["loc"][1:]) or "body"
            hint = HINTS.get(field) if e["type"] == "string_pattern_mismatch" else None
            problems.append(f"{field}: {hint} (got {e['input']!r})" if hint
                            else f"{field}: {e['msg']}")
        return _error(422, "invalid_request", "; ".join(problems) or "the request is not valid")

    @app.exception_handler(InputError)
    async def bad_input(_: Request, exc: InputError) -> JSONResponse:
        return _error(400, "invalid_filter", exc.message)

    @contextmanager
    def reading() -> Iterator[Store]:
        view = store.reader()
        try:
            yield view
        finally:
            view.close()

    @app.get("/v1/meta", response_model=MetaResponse, tags=["store"])
    def meta() -> dict[str, Any]:
        """The store's totals and date span, and whether the server may write."""
        with reading() as s:
            return {**views.totals(s), "writable": settings.writable,
                    "needs_key": settings.api_key is not None}

    @app.get("/v1/events", response_model=EventPage, responses=ERRORS, tags=["store"])
    def events(f: Filters = Depends(filters),
               mentions: bool = Query(False, description="Every article's mention instead "
                                      "of the deduplicated events."),
               limit: int = Query(50, ge=1, le=1000), offset: int = Query(0, ge=0,
                                                                          le=10**9),
               ) -> dict[str, Any]:
        """The events that match the filters, a page at a time (the event table)."""
        with reading() as s:
            total, rows = views.event_page(s, f, mentions, limit, offset)
        return {"total": total, "limit": limit, "offset": offset, "mentions": mentions,
                "events": rows}

    @app.get("/v1/stats", response_model=StatsResponse, responses=ERRORS, tags=["store"])
    def stats(f: Filters = Depends(filters),
              by: list[Group] = Query([], description="Group by (repeatable)."),
              mentions: bool = Query(False)) -> dict[str, Any]:
        """Counts, mentions, mean Goldstein score and quad classes per group (the timeline)."""
        with reading() as s:
            frame = s.stats(f, list(by), mentions)
        return {"by": by, "rows": [views.plain(r) for r in frame.to_dicts()]}

    @app.get("/v1/map", response_model=MapResponse, responses=ERRORS, tags=["store"])
    def places(f: Filters = Depends(filters)) -> dict[str, Any]:
        """Events per place, with coordinates (the map)."""
        with reading() as s:
            return {"places": views.place_counts(s, f)}

    @app.get("/v1/network", response_model=NetworkResponse, responses=ERRORS, tags=["store"])
    def network(f: Filters = Depends(filters),
                limit: int = Query(80, ge=1, le=1000, description="The busiest dyads.")
                ) -> dict[str, Any]:
        """Who acts on whom: actors and weighted dyads (the network)."""
        with reading() as s:
            nodes, edges = views.network(s, f, limit)
        return {"nodes": nodes, "edges": edges}

    @app.get("/v1/documents/{doc_id}", response_model=DocumentBody,
             responses={404: {"model": ErrorBody, "description": "No such document"}},
             tags=["store"])
    def document(doc_id: str) -> dict[str, Any]:
        """One stored article with its sentences, actors, places, times and events."""
        with reading() as s:
            found = views.document(s, doc_id)
        if found is None:
            raise ApiError(404, "not_found", f"no document {doc_id!r} in the store; list "
                                             "documents with /v1/events")
        return found

    @app.post("/v1/extract", response_model=ExtractResponse, tags=["coder"],
              responses={**ERRORS, 403: {"model": ErrorBody, "description": "Storing is "
                                         "not allowed"},
                         413: {"model": ErrorBody, "description": "The body is too large"},
                         503: {"model": ErrorBody, "description": "Coding took too long"}})
    async def extract(body: ExtractRequest,
                      x_api_key: str | None = Header(None, description="Needed to store, "
                                                     "when the server has a key.")
                      ) -> dict[str, Any]:
        """Code one article; with ``"store": true``, store it too."""
        if body.date is not None and check_date(body.date):
            raise ApiError(400, "invalid_date", str(check_date(body.date)))
        if body.store:
            if not settings.writable:
                raise ApiError(403, "read_only", "this server opened the store read-only; "
                                                 "start it with --writable to store articles")
            if settings.api_key is not None and not hmac.compare_digest(
                    (x_api_key or "").encode(), settings.api_key.encode()):
                raise ApiError(403, "bad_key", "storing needs the server's API key in the "
                                               "X-API-Key header")
        article = Article(doc_id=body.id or content_id(body.text), body=body.text,
                          published=body.date, title=body.title, origin="api")
        try:
            return await asyncio.wait_for(run_in_threadpool(code, article, body.store),
                                          settings.timeout)
        except TimeoutError:
            raise ApiError(503, "timeout", f"coding took over {settings.timeout:g} s (the "
                                           "server may be busy); try again, or send a "
                                           "shorter article") from None

    def code(article: Article, keep: bool) -> dict[str, Any]:
        with coder_lock:
            c = state["coder"]
            if c is None:
                c = state["coder"] = Coder()
            if not keep:
                doc = c.pipeline.code_one(article)
                return {"document": views.coded_document(doc), "stored": False}
            for _ in c.code_into(store, [article], RunReport(), command="serve extract"):
                pass
        with reading() as s:
            found = views.document(s, article.doc_id)
        assert found is not None
        return {"document": found, "stored": True}

    static = Path(str(resources.files("newsevents.serve") / "static"))
    if (static / "index.html").exists():
        app.mount("/static", StaticFiles(directory=static), name="static")

        @app.get("/", include_in_schema=False)
        def dashboard() -> FileResponse:
            return FileResponse(static / "index.html", headers=SECURITY_HEADERS)

    app.state.store = store
    app.state.coder_lock = coder_lock  # held while an article is coded
    return app
