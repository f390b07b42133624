"""Full-text matching, the one part of the store that differs per engine.

SQLite matches with FTS5 (porter stemming, bm25 rank); PostgreSQL with a stored
English tsvector under a GIN index (ts_rank). Both take the same words: runs of
word characters, all required (`any_word` for a topic: any one of them).
"""
from __future__ import annotations

import re

from sqlalchemy import ColumnElement, FromClause, column, literal_column, table, text

from .schema import statements

_WORD = re.compile(r"\w+")


def words(query: str | None) -> list[str]:
    return _WORD.findall(query or "")


def apply_match(dialect: str, base: FromClause, query: str, any_word: bool = False,
                ) -> tuple[FromClause, ColumnElement, ColumnElement]:
    """(from clause joined to the index, the match condition, an ascending rank to order by)."""
    terms = words(query)
    if dialect == "sqlite":
        fts = table("statements_fts", column("rowid"))
        expression = (" OR " if any_word else " ").join(f'"{t}"' for t in terms)
        joined = fts.join(base, fts.c.rowid == statements.c.seq)
        return (joined, text("statements_fts MATCH :fts_query").bindparams(fts_query=expression),
                literal_column("bm25(statements_fts)"))
    expression = (" | " if any_word else " & ").join(terms)
    condition = text("statements.tsv @@ to_tsquery('english'::regconfig, :ts_query)").bindparams(
        ts_query=expression)
    rank = text("-ts_rank(statements.tsv, to_tsquery('english'::regconfig, :ts_query))").bindparams(
        ts_query=expression)
    return base, condition, rank
