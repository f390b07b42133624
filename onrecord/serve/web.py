"""The pages: server-rendered templates over the same store calls as the API.

Article text reaches a template only as plain strings (autoescaped) or as the
output of `highlight.render`, which escapes every piece before marking it up.
"""
from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response

from ..ingest import document_from_text
from ..records import KINDS, ROW_FIELDS, Statement, statement_to_row
from ..store import UnknownSpeaker
from ..store.digest import quoted
from . import formats, highlight
from .api import DATE, PUBLISHED, entity_id, speaker_key
from .services import Services, not_found, services

router = APIRouter(include_in_schema=False)

SEARCH_FIELDS = ("q", "speaker", "since", "until", "kind", "outlet")
DOCUMENT_FIELDS = ("q", "outlet", "since", "until")
PAGE_SIZE = 20
LIST_SIZE = 100
STATS_TOP = 8


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, context, status_code=status_code)


def error_page(request: Request, status_code: int, message: str) -> HTMLResponse:
    return page(request, "error.html", status_code=status_code, status=status_code, message=message)


def who(st: Statement) -> str:
    return st.speaker_name or (st.speaker.text if st.speaker else "unknown speaker")


def article_html(text: str, statements: list[Statement]):
    """The whole article with every statement's content, cue and speaker marked."""
    marks = [m for st in statements for m in highlight.statement_marks(st)]
    return highlight.render(text, marks)


def top_speakers(svc: Services, limit: int):
    """The most quoted speakers: counted over the whole store, so kept like search answers."""
    return svc.searches.get_or_compute(("speakers", limit), lambda: svc.store.speakers(limit=limit))


def query_fields(request: Request, fields: tuple[str, ...]) -> dict[str, str]:
    return {k: (request.query_params.get(k) or "").strip() for k in fields}


def date_problems(params: dict[str, str]) -> list[str]:
    return [f"{k} must be YYYY, YYYY-MM or YYYY-MM-DD" for k in ("since", "until")
            if params.get(k) and not DATE.fullmatch(params[k])]


def offset_of(request: Request) -> int:
    value = request.query_params.get("offset") or "0"
    return int(value) if value.isdigit() and len(value) < 10 else 0


def page_links(request: Request, params: dict[str, str], offset: int, shown: int, total: int) -> dict[str, Any]:
    """Where the previous and next pages and the downloads of an offset-paged list are."""
    kept = {k: v for k, v in params.items() if v}
    link = lambda **extra: request.url.path + "?" + urlencode({**kept, **extra})  # noqa: E731
    return {"next": link(offset=offset + shown) if offset + shown < total else None,
            "previous": link(offset=max(0, offset - LIST_SIZE)) if offset else None,
            "json": link(format="json", offset=offset) if offset else link(format="json"), "csv": link(format="csv")}


@router.get("/", response_class=HTMLResponse)
def search(request: Request, svc: Annotated[Services, Depends(services)]) -> Response:
    fmt = formats.wanted(request)
    params = query_fields(request, SEARCH_FIELDS)
    problems = date_problems(params)
    if params["kind"] and params["kind"] not in KINDS:
        problems.append(f"kind must be one of {', '.join(KINDS)}")
    results, next_cursor, total = [], None, 0
    filters = dict(speaker=speaker_key(params["speaker"]), since=params["since"] or None,
                   until=params["until"] or None, kind=params["kind"] or None, outlet=params["outlet"] or None)
    q = params["q"] or None
    if problems and fmt != "html":
        raise HTTPException(status_code=400, detail="; ".join(problems))
    if not problems:
        cursor = request.query_params.get("cursor") or None
        try:
            if fmt == "csv":
                return formats.csv_download("statements", formats.STATEMENT_COLUMNS, (
                    formats.statement_row(row) for row in formats.all_pages(
                        lambda n, at: svc.store.search(q, **filters, limit=n, cursor=str(at)).items)))
            found = svc.searches.get_or_compute(
                ("page", q, *filters.values(), cursor),
                lambda: svc.store.search(q, **filters, limit=PAGE_SIZE, cursor=cursor))
            total = svc.searches.get_or_compute(("count", q, *filters.values()),
                                                lambda: svc.store.count(q, **filters))
            results, next_cursor = found.items, found.next_cursor
        except (UnknownSpeaker, ValueError) as exc:
            if fmt != "html":
                raise HTTPException(status_code=404 if isinstance(exc, UnknownSpeaker) else 400,
                                    detail=str(exc.args[0])) from None
            problems.append(str(exc.args[0]))
    if fmt == "json":
        return formats.json_page(total, [r.to_dict() for r in results], next_cursor=next_cursor)
    kept = {k: v for k, v in params.items() if v}
    return page(request, "search.html", params=params, kinds=KINDS, results=results, problems=problems, total=total,
                articles=group_articles(svc, results),
                next_params={**kept, "cursor": next_cursor} if next_cursor else None,
                downloads={f: "/?" + urlencode({**kept, "format": f}) for f in ("json", "csv")},
                speakers=top_speakers(svc, 12) if not any(params.values()) else [])


def group_articles(svc: Services, results) -> dict[str, int]:
    """Articles carrying each shown statement's quote, for "repeated in N articles"."""
    return svc.store.group_articles([r.group_id for r in results if r.group_id and r.group_size > 1])


@router.get("/speakers", response_class=HTMLResponse)
def speakers(request: Request, svc: Annotated[Services, Depends(services)]) -> Response:
    fmt = formats.wanted(request)
    params = query_fields(request, ("q",))
    q = params["q"] or None
    if fmt == "csv":
        return formats.csv_download("speakers", ("id", "name", "aliases", "roles", "statements", "documents"), (
            {**s.to_dict(), "aliases": "; ".join(s.aliases), "roles": "; ".join(s.roles)}
            for s in formats.all_pages(lambda n, at: svc.store.speakers(limit=n, offset=at, q=q))))
    offset = offset_of(request)
    found = svc.store.speakers(limit=LIST_SIZE, offset=offset, q=q)
    total = svc.store.count_speakers(q)
    if fmt == "json":
        return formats.json_page(total, [s.to_dict() for s in found])
    return page(request, "speakers.html", speakers=found, total=total, params=params, offset=offset,
                links=page_links(request, params, offset, len(found), total))


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request, svc: Annotated[Services, Depends(services)]) -> Response:
    fmt = formats.wanted(request)
    params = query_fields(request, DOCUMENT_FIELDS)
    problems = date_problems(params)
    if problems and fmt != "html":
        raise HTTPException(status_code=400, detail="; ".join(problems))
    filters = {k: v or None for k, v in params.items()}
    if problems:
        filters.update(since=None, until=None)
    if fmt == "csv":
        return formats.csv_download("documents", ("id", "title", "outlet", "published", "url", "statements"), (
            d.to_dict() for d in formats.all_pages(
                lambda n, at: svc.store.documents(**filters, limit=n, offset=at).items)))
    offset = offset_of(request)
    found = svc.store.documents(**filters, limit=LIST_SIZE, offset=offset)
    if fmt == "json":
        return formats.json_page(found.total, [d.to_dict() for d in found.items])
    return page(request, "documents.html", documents=found.items, total=found.total, params=params,
                problems=problems, offset=offset, links=page_links(request, params, offset, len(found.items),
                                                                  found.total))


@router.get("/outlets", response_class=HTMLResponse)
def outlets(request: Request, svc: Annotated[Services, Depends(services)]) -> Response:
    fmt = formats.wanted(request)
    params = query_fields(request, ("q",))
    q = params["q"] or None
    if fmt == "csv":
        return formats.csv_download("outlets", ("name", "documents", "statements", "speakers", "first", "last"), (
            o.to_dict() for o in formats.all_pages(lambda n, at: svc.store.outlets(q=q, limit=n, offset=at).items)))
    offset = offset_of(request)
    found = svc.store.outlets(q=q, limit=LIST_SIZE, offset=offset)
    if fmt == "json":
        return formats.json_page(found.total, [o.to_dict() for o in found.items])
    return page(request, "outlets.html", outlets=found.items, total=found.total, params=params, offset=offset,
                links=page_links(request, params, offset, len(found.items), found.total))


@router.get("/stats", response_class=HTMLResponse)
def stats(request: Request, svc: Annotated[Services, Depends(services)]) -> Response:
    fmt = formats.wanted(request)
    figures = svc.searches.get_or_compute(("stats", STATS_TOP), lambda: svc.store.stats(top=STATS_TOP))
    if fmt == "json":
        return JSONResponse(figures.to_dict())
    if fmt == "csv":
        names = [s.name for s in figures.top_speakers]
        return formats.csv_download("statements-by-month", ("month", "total", *names), (
            {"month": m.month, "total": m.total, **m.by_speaker} for m in figures.months))
    return page(request, "stats.html", figures=figures)


@router.get("/docs", include_in_schema=False)
def api_docs(request: Request) -> HTMLResponse:
    """Swagger UI from the package's own pinned copy (static/vendor/SOURCES.tsv): /docs works offline."""
    static = "/static/vendor/"
    return get_swagger_ui_html(openapi_url=request.app.openapi_url, title="onrecord API",
                               swagger_js_url=static + "swagger-ui-bundle.js",
                               swagger_css_url=static + "swagger-ui.css",
                               swagger_favicon_url=static + "swagger-ui-favicon-32x32.png")


@router.get("/speakers/{speaker_id}", response_class=HTMLResponse)
def speaker(speaker_id: str, request: Request, svc: Annotated[Services, Depends(services)]) -> HTMLResponse:
    detail = svc.store.speaker(sid) if (sid := entity_id(speaker_id)) is not None else None
    if detail is None:
        raise not_found("speaker", speaker_id)
    return page(request, "speaker.html", speaker=detail)


@router.get("/statements/{statement_id}", response_class=HTMLResponse)
def statement(statement_id: str, request: Request, svc: Annotated[Services, Depends(services)]) -> HTMLResponse:
    stored = svc.store.statement(statement_id)
    if stored is None:
        raise not_found("statement", statement_id)
    found = svc.store.document(stored.statement.doc)
    article = highlight.render(found[0].text, highlight.statement_marks(stored.statement)) if found else None
    group = svc.store.quote_group(stored.group_id) if stored.group_id and stored.group_size > 1 else None
    return page(request, "statement.html", stored=stored, st=stored.statement, who=stored.speaker or who(stored.statement),
                article=article, group=group, group_articles=len({m.doc for m in group.members}) if group else 0)


@router.get("/documents/{doc}", response_class=HTMLResponse)
def document(doc: str, request: Request, svc: Annotated[Services, Depends(services)]) -> HTMLResponse:
    found = svc.store.document(doc)
    if found is None:
        raise not_found("document", doc)
    document, stored = found
    statements = [s.statement for s in stored]
    return page(request, "document.html", document=document, stored=stored,
                article=article_html(document.text, statements))


@router.get("/extract", response_class=HTMLResponse)
def extract_form(request: Request) -> HTMLResponse:
    return page(request, "extract.html", text="", published="", statements=None)


@router.post("/extract", response_class=HTMLResponse)
async def extract_run(request: Request, svc: Annotated[Services, Depends(services)],
                      text: Annotated[str, Form()] = "", published: Annotated[str, Form()] = "",
                      format: Annotated[str, Form()] = "html") -> Response:
    """The pasted article's statements as a page, or saved as a JSON or CSV file (`format`)."""
    if format not in formats.FORMATS:
        raise HTTPException(status_code=400, detail=f"format must be one of {', '.join(formats.FORMATS)}")
    published = published.strip()
    problem = "Paste an article first." if not text.strip() else None
    if published and not PUBLISHED.fullmatch(published):
        problem = "The publication date must be YYYY-MM-DD."
    if problem:
        return page(request, "extract.html", text=text, published=published, statements=None, problem=problem)
    document = document_from_text(text, doc_id="pasted", published=published or None)
    found = await run_in_threadpool(svc.extract, document)
    if format == "json":
        return JSONResponse({"doc": document.id, "published": document.published,
                             "statements": [st.to_dict() for st in found]},
                            headers={"content-disposition": 'attachment; filename="statements.json"'})
    if format == "csv":
        return formats.csv_download("statements", ROW_FIELDS, (statement_to_row(st) for st in found))
    return page(request, "extract.html", text=text, published=published, statements=found,
                article=article_html(document.text, found), who=who)


@router.get("/digest", response_class=HTMLResponse)
def digest(request: Request, svc: Annotated[Services, Depends(services)],
           speaker: str = "", about: str = "") -> HTMLResponse:
    speaker, about = speaker.strip(), about.strip()
    result, problem = None, None
    if speaker:
        try:
            result = svc.store.digest(speaker, about=about or None)
        except UnknownSpeaker as exc:
            problem = str(exc)
    return page(request, "digest.html", speaker=speaker, about=about, digest=result, problem=problem,
                speakers=top_speakers(svc, 200), quoted=quoted)
