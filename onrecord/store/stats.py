"""The corpus in figures: who is quoted, how often, where, in what form, and month by month.

What media researchers chart (the gender-gap trackers' dashboards): every statement an
article carries counts once for that article, so a quote three outlets repeat counts three
times, as it reached readers three times. Months are the articles' publication months, the
time the quotes were in the press; articles without a date are counted in the totals only.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select

from .schema import documents, statements
from .schema import speakers as speakers_table

OTHERS = "others"


@dataclass(frozen=True)
class Count:
    """One bar: a speaker, an outlet or a kind, with its statements (and documents where it has them)."""

    name: str | None
    statements: int
    documents: int = 0
    id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "statements": self.statements, "documents": self.documents}


@dataclass(frozen=True)
class Month:
    """One month of articles: its statements in all, and those of each top speaker (by name)."""

    month: str
    total: int
    by_speaker: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"month": self.month, "total": self.total, "by_speaker": dict(self.by_speaker)}


@dataclass(frozen=True)
class CorpusStats:
    documents: int
    statements: int
    speakers: int
    outlets: int
    top_speakers: list[Count]
    by_outlet: list[Count]
    by_kind: list[Count]
    months: list[Month]

    def to_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "statements": self.statements, "speakers": self.speakers,
                "outlets": self.outlets, "top_speakers": [c.to_dict() for c in self.top_speakers],
                "by_outlet": [c.to_dict() for c in self.by_outlet], "by_kind": [c.to_dict() for c in self.by_kind],
                "months": [m.to_dict() for m in self.months]}


def corpus_stats(conn: Connection, top: int) -> CorpusStats:
    """The figures, each a grouped count in the database; `top` speakers and outlets named, the rest summed."""
    n_statements = func.count(statements.c.id)
    n_documents = func.count(func.distinct(statements.c.doc))
    total_documents = conn.scalar(select(func.count()).select_from(documents)) or 0
    total_statements = conn.scalar(select(func.count()).select_from(statements)) or 0
    quoted = conn.scalar(select(func.count(func.distinct(statements.c.speaker_id)))) or 0
    outlets = conn.scalar(select(func.count(func.distinct(documents.c.outlet)))) or 0

    speaker_rows = conn.execute(
        select(speakers_table.c.id, speakers_table.c.name, n_statements.label("n"), n_documents.label("d"))
        .select_from(statements.join(speakers_table, speakers_table.c.id == statements.c.speaker_id))
        .group_by(speakers_table.c.id, speakers_table.c.name)
        .order_by(n_statements.desc(), speakers_table.c.name).limit(top)).all()
    top_speakers = [Count(r.name, r.n, r.d, r.id) for r in speaker_rows]

    outlet_rows = conn.execute(
        select(documents.c.outlet, n_statements.label("n"), func.count(func.distinct(documents.c.id)).label("d"))
        .select_from(documents.outerjoin(statements, statements.c.doc == documents.c.id))
        .group_by(documents.c.outlet).order_by(n_statements.desc(), documents.c.outlet)).all()
    by_outlet = _with_others([Count(r.outlet, r.n, r.d) for r in outlet_rows], top)

    kind_rows = conn.execute(select(statements.c.kind, n_statements.label("n"), n_documents.label("d"))
                             .group_by(statements.c.kind).order_by(n_statements.desc(), statements.c.kind)).all()
    by_kind = [Count(r.kind, r.n, r.d) for r in kind_rows]

    return CorpusStats(total_documents, total_statements, quoted, outlets, top_speakers, by_outlet, by_kind,
                       _months(conn, top_speakers))


def _with_others(counts: list[Count], top: int) -> list[Count]:
    if len(counts) <= top:
        return counts
    rest = counts[top:]
    return counts[:top] + [Count(OTHERS, sum(c.statements for c in rest), sum(c.documents for c in rest))]


def _months(conn: Connection, top_speakers: list[Count]) -> list[Month]:
    month = func.substr(documents.c.published, 1, 7)
    base = statements.join(documents, documents.c.id == statements.c.doc)
    dated = documents.c.published.isnot(None)
    totals = conn.execute(select(month.label("m"), func.count(statements.c.id).label("n")).select_from(base)
                          .where(dated).group_by(month).order_by(month)).all()
    names = {c.id: c.name for c in top_speakers}
    per_speaker: dict[str, dict[str, int]] = {}
    if names:
        rows = conn.execute(select(month.label("m"), statements.c.speaker_id, func.count(statements.c.id).label("n"))
                            .select_from(base).where(dated, statements.c.speaker_id.in_(sorted(names)))
                            .group_by(month, statements.c.speaker_id)).all()
        for r in rows:
            per_speaker.setdefault(r.m, {})[names[r.speaker_id]] = r.n
    return [Month(r.m, r.n, {name: per_speaker.get(r.m, {}).get(name, 0) for name in names.values()})
            for r in totals]
