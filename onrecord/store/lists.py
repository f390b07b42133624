"""The store's lists for browsing: documents and outlets with filters, each page with its total.

A researcher reads a list as "N of them, these first": the total is counted by the
database with the same filters as the page, never by fetching everything.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection, Select, func, select

from .dates import date_range
from .schema import documents, quote_groups, statements

Item = TypeVar("Item")


@dataclass(frozen=True)
class ListPage(Generic[Item]):
    """One page of a list and how many items the whole list has."""

    items: list[Item]
    total: int

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "items": [i.to_dict() for i in self.items]}  # type: ignore[attr-defined]


@dataclass(frozen=True)
class DocumentSummary:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    statements: int

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "outlet": self.outlet, "published": self.published,
                "url": self.url, "statements": self.statements}


@dataclass(frozen=True)
class OutletSummary:
    name: str | None
    documents: int
    statements: int
    first: str | None = None
    last: str | None = None
    speakers: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "documents": self.documents, "statements": self.statements,
                "speakers": self.speakers, "first": self.first, "last": self.last}


def contains(column, text: str):
    """Case-insensitive substring match, the same on SQLite and PostgreSQL; LIKE's wildcards taken literally."""
    escaped = text.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(column).like(f"%{escaped}%", escape="\\")


def _count(conn: Connection, stmt: Select) -> int:
    return conn.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0


def list_documents(conn: Connection, *, q: str | None = None, outlet: str | None = None, since: str | None = None,
                   until: str | None = None, limit: int = 50, offset: int = 0) -> ListPage[DocumentSummary]:
    """Documents newest first; `q` is a piece of the title, `since`/`until` bound the publication date."""
    stmt = select(documents.c.id, documents.c.title, documents.c.outlet, documents.c.published, documents.c.url,
                  documents.c.statements)
    if q:
        stmt = stmt.where(contains(func.coalesce(documents.c.title, documents.c.id), q))
    if outlet:
        stmt = stmt.where(func.lower(documents.c.outlet) == outlet.casefold())
    if since:
        stmt = stmt.where(documents.c.published >= date_range(since)[0])
    if until:
        stmt = stmt.where(documents.c.published <= date_range(until)[1])
    total = _count(conn, stmt)
    rows = conn.execute(stmt.order_by(documents.c.published.desc().nulls_last(), documents.c.id)
                        .limit(limit).offset(offset)).all()
    return ListPage([DocumentSummary(r.id, r.title, r.outlet, r.published, r.url, r.statements) for r in rows], total)


def list_outlets(conn: Connection, *, q: str | None = None, limit: int = 100, offset: int = 0
                 ) -> ListPage[OutletSummary]:
    """Outlets with the most statements first: documents, statements, speakers, first and last article."""
    joined = documents.outerjoin(statements, statements.c.doc == documents.c.id)
    n_statements = func.count(statements.c.id)
    stmt = (select(documents.c.outlet, func.count(func.distinct(documents.c.id)).label("docs"),
                   n_statements.label("n"), func.count(func.distinct(statements.c.speaker_id)).label("speakers"),
                   func.min(documents.c.published).label("first"), func.max(documents.c.published).label("last"))
            .select_from(joined).group_by(documents.c.outlet))
    if q:
        stmt = stmt.where(contains(documents.c.outlet, q))
    total = _count(conn, stmt)
    rows = conn.execute(stmt.order_by(n_statements.desc(), documents.c.outlet).limit(limit).offset(offset)).all()
    return ListPage([OutletSummary(r.outlet, r.docs, r.n, r.first, r.last, r.speakers) for r in rows], total)


def group_articles(conn: Connection, group_ids: list[str]) -> dict[str, int]:
    """How many articles carry each quote group: a quote repeated twice in one article counts once."""
    if not group_ids:
        return {}
    rows = conn.execute(select(statements.c.group_id, func.count(func.distinct(statements.c.doc)))
                        .join(quote_groups, quote_groups.c.id == statements.c.group_id)
                        .where(statements.c.group_id.in_(sorted(set(group_ids))))
                        .group_by(statements.c.group_id)).all()
    return {group_id: n for group_id, n in rows}
