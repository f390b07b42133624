"""The web application: one FastAPI app serving the REST API (/api) and the pages.

The store and the extraction workers are opened once per app, lazily, so the app starts
fast and a page that needs neither (the API docs) never loads the model. Extraction runs
in worker processes (`workers.ExtractionPool`), never in the server's own. Middleware here
answers what no route should see: bodies over the size limit (413), NUL or control
characters and over-long values in the URL (400/414), and failures (a 500 that still
carries the security headers).
"""
from __future__ import annotations

import logging
import unicodedata
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import parse_qsl, unquote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..ingest import max_bytes_from_env
from . import api, web
from .services import Services
from .workers import DEFAULT_QUEUE, DEFAULT_SECONDS, DEFAULT_WORKERS, ExtractionPool, InProcessExtraction

HERE = Path(__file__).resolve().parent
# A request body carries one document as JSON or a form: escaped, its text may take up to three
# times its UTF-8 bytes (\\u00e9 for é), so the body may exceed the document limit by that much before a route
# checks the text itself against the limit.
BODY_OVERHEAD = 3
MAX_QUERY_BYTES = 8192
MAX_PARAM_CHARS = 1000
log = logging.getLogger(__name__)


class BodyLimit:
    """Refuses request bodies over `max_bytes` with a 413 before any route parses them."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._too_large(scope, receive, send, int(declared))
            return
        body = bytearray()
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body.extend(message.get("body", b""))
            more = message.get("more_body", False)
            if len(body) > self.max_bytes:
                await self._too_large(scope, receive, send, None)
                return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send, size: int | None) -> None:
        said = f"{size} bytes" if size is not None else "larger than that"
        detail = f"request body too large: {said}; the limit is {self.max_bytes} bytes"
        if scope["path"].startswith("/api"):
            response: Response = JSONResponse({"detail": detail}, status_code=413)
        else:
            response = PlainTextResponse(detail[0].upper() + detail[1:] + ".", status_code=413)
        await response(scope, receive, send)


PAGE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


# Swagger UI (/docs) is FastAPI's page: its script and style are served from our static files (no
# CDN), but it starts with an inline script, so it gets a policy of its own; everything else gets
# PAGE_POLICY.
DOCS_POLICY = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self'; img-src 'self' data:; "
               "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


class SecurityHeaders:
    """Our pages run only our own script: a Content-Security-Policy says so to the browser, so
    markup that ever slipped through escaping still could not run. Every response carries the
    headers, errors included (`CatchFailures` turns a failure into a response inside this)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = DOCS_POLICY if scope["path"] in ("/docs", "/docs/oauth2-redirect") else PAGE_POLICY

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"same-origin"))
                headers.append((b"x-frame-options", b"DENY"))
                headers.append((b"content-security-policy", policy.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class CatchFailures:
    """A failure anywhere below becomes a 500 answer (JSON under /api, else the error page) sent
    from inside the middleware stack, so it has the security headers and the connection is
    kept; the trace goes to the server's log, never to the client."""

    def __init__(self, app: ASGIApp, render):
        self.app = app
        self.render = render

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception:  # noqa: BLE001 - any failure: logged, answered as a 500
            log.exception("request %s %s failed", scope.get("method"), scope.get("path"))
            if started:
                return
            response = self.render(Request(scope, receive))
            await response(scope, receive, send)


class RequestChecks:
    """Refuses, before any route runs, what no route can answer: a URL or query with NUL or other
    control characters but white space (400; PostgreSQL cannot even compare text holding NUL), a query over
    MAX_QUERY_BYTES (414), or a parameter value over MAX_PARAM_CHARS characters (400: no name,
    id, cursor or topic is that long, and a topic of thousands of words costs seconds)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        problem = self._problem(scope)
        if problem is None:
            await self.app(scope, receive, send)
            return
        status, detail = problem
        if scope["path"].startswith("/api") or status == 414:
            response: Response = JSONResponse({"detail": detail}, status_code=status)
        else:
            response = web.error_page(Request(scope, receive), status, detail)
        await response(scope, receive, send)

    @staticmethod
    def _problem(scope: Scope) -> tuple[int, str] | None:
        query = scope.get("query_string", b"")
        if len(query) > MAX_QUERY_BYTES:
            return 414, f"query string too long: {len(query)} bytes; the limit is {MAX_QUERY_BYTES}"
        text = query.decode("utf-8", "replace")
        pairs = parse_qsl(text, keep_blank_values=True)
        # The path comes decoded; %00 is caught in the query even where it forms no pair.
        if any(_has_control(t) for t in [scope.get("path", ""), unquote(text), *(x for p in pairs for x in p)]):
            return 400, "control characters (such as NUL) are not allowed in the URL"
        long = next((k for k, v in pairs if len(v) > MAX_PARAM_CHARS), None)
        if long is not None:
            return 400, f"parameter {long[:40]!r} too long; the limit is {MAX_PARAM_CHARS} characters"
        return None


def _has_control(value: str) -> bool:
    """NUL and the other control characters; not tabs and line breaks, which a quote pasted into
    the search box may carry."""
    return not value.isprintable() and any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in value)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", "")


def create_app(db_url: str | None = None, write_token: str | None = None, *,
               max_body_bytes: int | None = None, cache_seconds: float = 0, extractor=None, store=None,
               extract_workers: int = DEFAULT_WORKERS, extract_queue: int = DEFAULT_QUEUE,
               extract_seconds: float = DEFAULT_SECONDS, tagger: bool = False) -> FastAPI:
    """The app for one store.

    `max_body_bytes`: the size limit for a text to extract (default: ONRECORD_MAX_BYTES, the
    limit extract and ingest use). Extraction runs in `extract_workers` processes with
    `extract_queue` more requests waiting at most and `extract_seconds` per text; an
    `extractor` given already built (tests, embedding) runs in-process instead, behind the
    same queue limit. `store` may be given already opened; `cache_seconds` > 0 keeps search
    answers that long (see `cache.ResultCache`). `tagger`: the workers run the learned tagger too.
    """
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        app.state.services.close()

    app = FastAPI(
        title="onrecord",
        lifespan=lifespan,
        summary="Who said what, where and when: attributed statements from news articles.",
        version="0.1.0",
        docs_url=None,  # served by web.api_docs from the package's own copy of Swagger UI, never a CDN
        redoc_url=None,
    )
    extraction = (InProcessExtraction(extractor, extract_workers, extract_queue) if extractor is not None
                  else ExtractionPool(extract_workers, extract_queue, extract_seconds, tagger=tagger))
    max_document = max_body_bytes or max_bytes_from_env()
    app.state.services = Services(db_url, write_token, extraction, store=store, cache_seconds=cache_seconds,
                                  max_document_bytes=max_document)
    app.state.templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.state.templates.env.filters["http_url"] = http_url
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(api.router, prefix="/api")
    app.include_router(web.router)

    def failure(request: Request) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": "internal server error"}, status_code=500)
        return web.error_page(request, 500, "Something went wrong on our side.")

    # Added innermost first: SecurityHeaders sees every answer, the 500s of CatchFailures too.
    app.add_middleware(CatchFailures, render=failure)
    app.add_middleware(BodyLimit, max_bytes=max_document * BODY_OVERHEAD + 4096)
    app.add_middleware(RequestChecks)
    app.add_middleware(SecurityHeaders)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        response = web.error_page(request, exc.status_code, str(exc.detail))
        response.headers.update(exc.headers or {})
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        problems = [f"{'.'.join(str(p) for p in e['loc'] if p != 'body')}: {e['msg']}" for e in exc.errors()]
        if _wants_json(request):
            return JSONResponse({"detail": problems}, status_code=422)
        return web.error_page(request, 422, "; ".join(problems))

    return app


def http_url(url: str | None) -> str | None:
    """A link target only when it is http(s): an article's metadata must not smuggle in javascript:."""
    return url if url and url.lower().startswith(("http://", "https://")) else None
