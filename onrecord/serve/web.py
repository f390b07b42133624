"""The pages: server-rendered templates over the same store calls as the API.

Article text reaches a template only as plain strings (autoescaped) or as the
output of `highlight.render`, which escapes every piece before marking it up.
"""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from ..ingest import document_from_text
from ..records import KINDS, Statement
from ..store import UnknownSpeaker
from . import highlight
from .api import DATE, PUBLISHED, entity_id, speaker_key
from .services import Services, not_found, services

router = APIRouter(include_in_schema=False)

SEARCH_FIELDS = ("q", "speaker", "since", "until", "kind", "outlet")
PAGE_SIZE = 20


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


def source_excerpt(text: str, st: Statement):
    """The paragraph(s) holding the statement's content, cue and speaker, with those three marked."""
    spans = [s for s in (st.content, st.cue, st.speaker) if s is not None]
    start, end = highlight.paragraph_bounds(text, min(s.start for s in spans), max(s.end for s in spans))
    return highlight.render(text, highlight.statement_marks(st), start, end)


def top_speakers(svc: Services, limit: int):
    """The most quoted speakers: counted over the whole store, so kept like search answers."""
    return svc.searches.get_or_compute(("speakers", limit), lambda: svc.store.speakers(limit=limit))


@router.get("/", response_class=HTMLResponse)
def search(request: Request, svc: Annotated[Services, Depends(services)]) -> HTMLResponse:
    params = {k: (request.query_params.get(k) or "").strip() for k in SEARCH_FIELDS}
    problems = [f"{k} must be YYYY, YYYY-MM or YYYY-MM-DD" for k in ("since", "until")
                if params[k] and not DATE.fullmatch(params[k])]
    if params["kind"] and params["kind"] not in KINDS:
        problems.append(f"kind must be one of {', '.join(KINDS)}")
    results, next_cursor = [], None
    if not problems:
        filters = dict(speaker=speaker_key(params["speaker"]), since=params["since"] or None,
                       until=params["until"] or None, kind=params["kind"] or None, outlet=params["outlet"] or None)
        cursor = request.query_params.get("cursor") or None
        try:
            found = svc.searches.get_or_compute(
                ("page", params["q"] or None, *filters.values(), cursor),
                lambda: svc.store.search(params["q"] or None, **filters, limit=PAGE_SIZE, cursor=cursor))
            results, next_cursor = found.items, found.next_cursor
        except (UnknownSpeaker, ValueError) as exc:
            problems.append(str(exc.args[0]))
    next_params = {k: v for k, v in params.items() if v}
    if next_cursor:
        next_params["cursor"] = next_cursor
    return page(request, "search.html", params=params, kinds=KINDS, results=results, problems=problems,
                next_params=next_params if next_cursor else None,
                speakers=top_speakers(svc, 12) if not any(params.values()) else [])


@router.get("/speakers", response_class=HTMLResponse)
def speakers(request: Request, svc: Annotated[Services, Depends(services)]) -> HTMLResponse:
    return page(request, "speakers.html", speakers=top_speakers(svc, 500))


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
    excerpt = source_excerpt(found[0].text, stored.statement) if found else None
    group = svc.store.quote_group(stored.group_id) if stored.group_id and stored.group_size > 1 else None
    return page(request, "statement.html", stored=stored, st=stored.statement, who=stored.speaker or who(stored.statement),
                excerpt=excerpt, group=group)


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
                      text: Annotated[str, Form()] = "", published: Annotated[str, Form()] = "") -> HTMLResponse:
    published = published.strip()
    problem = "Paste an article first." if not text.strip() else None
    if published and not PUBLISHED.fullmatch(published):
        problem = "The publication date must be YYYY-MM-DD."
    if problem:
        return page(request, "extract.html", text=text, published=published, statements=None, problem=problem)
    document = document_from_text(text, doc_id="pasted", published=published or None)
    found = await run_in_threadpool(svc.extract, document)
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
                speakers=top_speakers(svc, 200))
