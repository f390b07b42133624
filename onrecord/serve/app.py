"""The web application: one FastAPI app serving the REST API (/api) and the pages.

The store and the extractor are opened once per app, lazily, so the app starts
fast and a page that needs neither (the API docs) never loads the model.
"""
from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import api, web
from .services import Services

HERE = Path(__file__).resolve().parent
DEFAULT_MAX_BODY = 256 * 1024


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


class SecurityHeaders:
    """Our pages run only our own script: a Content-Security-Policy says so to the browser, so
    markup that ever slipped through escaping still could not run. /docs (Swagger UI) is left out."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in ("/docs", "/docs/oauth2-redirect"):
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"same-origin"))
                headers.append((b"content-security-policy", PAGE_POLICY.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", "")


def create_app(db_url: str | None = None, write_token: str | None = None, *,
               max_body_bytes: int = DEFAULT_MAX_BODY, cache_seconds: float = 0, extractor=None,
               store=None) -> FastAPI:
    """The app for one store. `extractor`/`store` may be given already built (tests, embedding);
    `cache_seconds` > 0 keeps search answers that long (see `cache.ResultCache`)."""
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        app.state.services.close()

    app = FastAPI(
        title="onrecord",
        lifespan=lifespan,
        summary="Who said what, where and when: attributed statements from news articles.",
        version="0.1.0",
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.services = Services(db_url, write_token, extractor=extractor, store=store,
                                  cache_seconds=cache_seconds)
    app.state.templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.state.templates.env.filters["http_url"] = http_url
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(api.router, prefix="/api")
    app.include_router(web.router)
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    app.add_middleware(SecurityHeaders)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return web.error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        problems = [f"{'.'.join(str(p) for p in e['loc'] if p != 'body')}: {e['msg']}" for e in exc.errors()]
        if _wants_json(request):
            return JSONResponse({"detail": problems}, status_code=422)
        return web.error_page(request, 422, "; ".join(problems))

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        # The trace stays in the server's log; the client learns only that it failed.
        if _wants_json(request):
            return JSONResponse({"detail": "internal server error"}, status_code=500)
        return web.error_page(request, 500, "Something went wrong on our side.")

    return app


def http_url(url: str | None) -> str | None:
    """A link target only when it is http(s): an article's metadata must not smuggle in javascript:."""
    return url if url and url.lower().startswith(("http://", "https://")) else None
