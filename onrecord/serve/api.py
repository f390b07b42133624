"""The REST API under /api: thin routes over the store and the extractor.

Statements are the Statement record's JSON (with its `id` and `doc`) plus the
fields of the document they came from.
"""
from __future__ import annotations

import json
import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import PlainTextResponse, Response
from pydantic import BaseModel, Field, ValidationError, field_validator

from ..ingest import check_id, document_from_text, parse_published, text_problem
from ..records import KINDS, Statement
from ..store import MAX_OFFSET, UNCHANGED, UnknownSpeaker
from ..store.schema import text_hash
from ..store.models import SpeakerSummary
from .services import Services, not_found, services

router = APIRouter(tags=["api"])

DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
PUBLISHED = re.compile(r"^\d{4}-\d{2}-\d{2}$")
Kind = Literal[KINDS]  # type: ignore[valid-type]
DateParam = Annotated[str | None, Query(pattern=DATE.pattern, description="YYYY, YYYY-MM or YYYY-MM-DD")]


class SearchAnswer(BaseModel):
    """One page of statements (each the Statement record plus its article's fields)."""

    items: list[dict[str, Any]]
    next_cursor: str | None = Field(None, description="Pass back as `cursor` for the next page.")


class ExtractIn(BaseModel):
    text: str = Field(min_length=1, description="The article text, exactly as it should be read.")
    published: str | None = Field(None, description="Publication date YYYY-MM-DD, for relative times.")
    doc: str | None = Field(None, max_length=200, description="A document id; by default a hash of the text.")

    @field_validator("text")
    @classmethod
    def _text(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is blank")
        problem = text_problem(value)
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("published")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                parse_published(value)
            except ValueError:
                raise ValueError("published must be a real day, YYYY-MM-DD") from None
            if not PUBLISHED.fullmatch(value):
                raise ValueError("published must be YYYY-MM-DD")
        return value

    @field_validator("doc")
    @classmethod
    def _doc(cls, value: str | None) -> str | None:
        return check_id(value) if value is not None else None


class DocumentIn(ExtractIn):
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=2000)

    @field_validator("title", "outlet", "url")
    @classmethod
    def _meta(cls, value: str | None) -> str | None:
        problem = text_problem(value) if value is not None else None
        if problem:
            raise ValueError(problem)
        return value


def entity_id(key: str) -> int | None:
    """A speaker id from a path or query: ASCII digits within the database's integer range, else
    None ("²" and "١" are digits to str.isdigit, and int() refuses the first)."""
    return int(key) if key.isascii() and key.isdigit() and len(key) < 10 else None


def speaker_key(speaker: str | None) -> str | int | None:
    """An entity id when all digits, else a name for the store to look up."""
    speaker = (speaker or "").strip()
    return sid if (sid := entity_id(speaker)) is not None else (speaker or None)


def statements_json(statements: list[Statement]) -> list[dict[str, Any]]:
    return [st.to_dict() for st in statements]


def json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@router.get("/statements", summary="Search statements", response_model=SearchAnswer)
def search_statements(
    svc: Annotated[Services, Depends(services)],
    q: Annotated[str | None, Query(max_length=500, description="Full-text query over the quoted words")] = None,
    speaker: Annotated[str | None, Query(max_length=200, description="A speaker's name, alias or id")] = None,
    since: DateParam = None,
    until: DateParam = None,
    kind: Kind | None = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    cursor: Annotated[str | None, Query(max_length=500, description="next_cursor of the previous page")] = None,
) -> Response:
    filters = dict(speaker=speaker_key(speaker), since=since, until=until, kind=kind, outlet=outlet or None)

    def answer() -> bytes:
        page = svc.store.search(q or None, **filters, limit=limit, cursor=cursor or None)
        return json_bytes(page.to_dict())

    try:
        body = svc.searches.get_or_compute(("api", q or None, *filters.values(), limit, cursor or None), answer)
    except UnknownSpeaker as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from None
    except ValueError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from None
    return Response(body, media_type="application/json")


@router.get("/statements/{statement_id}", summary="One statement, with the outlets that repeated it")
def get_statement(statement_id: str, svc: Annotated[Services, Depends(services)]) -> dict[str, Any]:
    stored = svc.store.statement(statement_id)
    if stored is None:
        raise not_found("statement", statement_id)
    body = stored.to_dict()
    group = svc.store.quote_group(stored.group_id) if stored.group_id else None
    body["quote_group"] = group.to_dict() if group else None
    return body


@router.get("/speakers", summary="Speakers, most quoted first")
def list_speakers(
    svc: Annotated[Services, Depends(services)],
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    return {"items": [s.to_dict() for s in svc.store.speakers(limit=limit, offset=offset)]}


@router.get("/speakers/{speaker_id}", summary="A speaker: aliases, roles and timeline of occasions")
def get_speaker(speaker_id: str, svc: Annotated[Services, Depends(services)]) -> dict[str, Any]:
    detail = svc.store.speaker(sid) if (sid := entity_id(speaker_id)) is not None else None
    if detail is None:
        raise not_found("speaker", speaker_id)
    body = SpeakerSummary.to_dict(detail)
    body["timeline"] = [o.to_dict() for o in detail.timeline]
    return body


@router.get("/documents/{doc}", summary="A document and its statements")
def get_document(doc: str, svc: Annotated[Services, Depends(services)]) -> dict[str, Any]:
    found = svc.store.document(doc)
    if found is None:
        raise not_found("document", doc)
    document, stored = found
    return {"document": document.to_dict(), "statements": [s.to_dict() for s in stored]}


@router.get("/digest", summary="What a speaker said (about something), in time order",
            responses={200: {"content": {"text/markdown": {}}}})
def get_digest(
    svc: Annotated[Services, Depends(services)],
    speaker: Annotated[str, Query(min_length=1, max_length=200)],
    about: Annotated[str | None, Query(max_length=500)] = None,
    format: Literal["json", "markdown"] = "json",
):
    from ..store import digest_markdown

    try:
        digest = svc.store.digest(speaker, about=about or None)
    except UnknownSpeaker as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from None
    if format == "markdown":
        return PlainTextResponse(digest_markdown(digest), media_type="text/markdown; charset=utf-8")
    return digest.to_dict()


async def extract_input(
    request: Request,
    doc: Annotated[str | None, Query(max_length=200, description="With a text/plain body: the document id")] = None,
    published: Annotated[str | None, Query(max_length=10, description="With a text/plain body: YYYY-MM-DD")] = None,
) -> ExtractIn:
    """The article as JSON (`ExtractIn`) or, as a person pasting with curl would send it, as a
    text/plain body with `doc` and `published` in the query."""
    raw = await request.body()
    try:
        if request.headers.get("content-type", "").split(";")[0].strip().lower() == "text/plain":
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise HTTPException(status_code=400, detail="the text/plain body is not UTF-8") from None
            return ExtractIn(text=text, doc=doc, published=published)
        return ExtractIn.model_validate_json(raw)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors(include_url=False)) from None


EXTRACT_BODY = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": {"$ref": "#/components/schemas/ExtractIn"}},
    "text/plain": {"schema": {"type": "string"}}}}}


@router.post("/extract", summary="Extract statements from text, without storing them",
             openapi_extra=EXTRACT_BODY)
async def extract(body: Annotated[ExtractIn, Depends(extract_input)],
                  svc: Annotated[Services, Depends(services)]) -> dict[str, Any]:
    document = document_from_text(body.text, doc_id=body.doc, published=body.published)
    found = await run_in_threadpool(svc.extract, document)
    return {"doc": document.id, "published": document.published, "statements": statements_json(found)}


@router.post("/documents", status_code=201, summary="Ingest a document (needs the write token)",
             responses={200: {"description": "The id was stored already: `status` is `updated` (its text "
                                             "changed and replaced the old version) or `unchanged`."}})
async def add_document(
    body: DocumentIn,
    svc: Annotated[Services, Depends(services)],
    authorization: Annotated[str | None, Header()] = None,
) -> Response:
    """`status` says what happened: `added` (201), `updated` or `unchanged` (200)."""
    if not svc.write_token:
        raise HTTPException(status_code=403, detail="this server is read-only (no write token configured)")
    if not svc.may_write(authorization):
        raise HTTPException(status_code=401, detail="a valid 'Authorization: Bearer <token>' is required",
                            headers={"WWW-Authenticate": "Bearer"})
    document = document_from_text(body.text, doc_id=body.doc, published=body.published,
                                  title=body.title, outlet=body.outlet, url=body.url)
    stored = await run_in_threadpool(svc.store.stored_hashes, [document.id])
    if stored.get(document.id) == text_hash(document.text):
        status = UNCHANGED
        count = len((await run_in_threadpool(svc.store.document, document.id))[1])
    else:
        found = await run_in_threadpool(svc.extract, document)
        status = await run_in_threadpool(svc.store.add, document, found)
        svc.searches.clear()
        count = len(found)
    answer = {"doc": document.id, "status": status, "statements": count}
    return Response(json_bytes(answer), status_code=201 if status == "added" else 200,
                    media_type="application/json")
