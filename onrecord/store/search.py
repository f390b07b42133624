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
                speaker_id: int | None = None) -> tuple[FromClause, ColumnElement, ColumnElement]:
    """(from clause joined to the index, the match condition, an ascending rank to order by).

    On SQLite the speaker goes into the FTS5 query itself (its `speaker_id` column): one
    speaker's statements with a common word is then an intersection of two posting lists,
    not a filter over every statement with that word. Callers still filter on
    `statements.speaker_id`, which is what PostgreSQL uses.
    """
    terms = words(query)
    if dialect == "sqlite":
        fts = table("statements_fts", column("rowid"))
        expression = (" OR " if any_word else " AND ").join(f'"{t}"' for t in terms)
        if speaker_id is not None:
            expression = f'({expression}) AND speaker_id : "{int(speaker_id)}"'
        joined = fts.join(base, fts.c.rowid == statements.c.seq)
        return (joined, text("statements_fts MATCH :fts_query").bindparams(fts_query=expression),
                literal_column("bm25(statements_fts, 1.0, 0.5, 0.0)"))
    expression = (" | " if any_word else " & ").join(terms)
    condition = text("statements.tsv @@ to_tsquery('english'::regconfig, :ts_query)").bindparams(
        ts_query=expression)
    rank = text("-ts_rank(statements.tsv, to_tsquery('english'::regconfig, :ts_query))").bindparams(
        ts_query=expression)
    return base, condition, rank
