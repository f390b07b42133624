"""Tables and versioned migrations, one definition for SQLite and PostgreSQL.

Migrations are named, applied in order, and recorded in `schema_migrations`, so
an old database is brought up to date by `open_store` and a new step is a new
entry in `MIGRATIONS`, never an edit of an applied one. Only full-text search
differs per engine (FTS5 + triggers on SQLite, a stored tsvector + GIN on
PostgreSQL); everything else is the same Core schema.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

import hashlib

from sqlalchemy import (Column, Connection, Float, ForeignKey, Index, Integer, MetaData, String, Table,
                        Text, UniqueConstraint, bindparam, inspect, select)

metadata = MetaData()

# Lengths of the key columns below, checked in Python before a write so that SQLite (which does
# not enforce them) and PostgreSQL (which refuses the row) keep the same rows.
ID_CHARS = 200
NAME_KEY_CHARS = 300
SURNAME_KEY_CHARS = 200
VENUE_KEY_CHARS = 600

schema_migrations = Table(
    "schema_migrations", metadata,
    Column("name", String(100), primary_key=True),
    Column("applied_at", String(40), nullable=False),
)

documents = Table(
    "documents", metadata,
    Column("id", String(ID_CHARS), primary_key=True),
    Column("text", Text, nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("outlet", Text),
    Column("published", String(10)),
    Column("source", Text),
    Column("statements", Integer, nullable=False, default=0),
    Column("text_hash", String(64)),  # what a re-ingest compares: the same text is left alone
    Column("version", Integer, nullable=False, default=1),  # 2 after the first changed text, ...
)

speakers = Table(
    "speakers", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("name_key", String(NAME_KEY_CHARS), nullable=False, unique=True),
    Column("surname_key", String(SURNAME_KEY_CHARS), nullable=False, index=True),
    Column("full", Integer, nullable=False),  # 1: a name of two or more words
)

speaker_aliases = Table(
    "speaker_aliases", metadata,
    Column("speaker_id", Integer, ForeignKey("speakers.id"), nullable=False),
    Column("alias", Text, nullable=False),
    Column("alias_key", String(NAME_KEY_CHARS), nullable=False, index=True),
    UniqueConstraint("speaker_id", "alias_key"),
)

speaker_roles = Table(
    "speaker_roles", metadata,
    Column("speaker_id", Integer, ForeignKey("speakers.id"), nullable=False),
    Column("role", Text, nullable=False),
    Column("role_key", String(NAME_KEY_CHARS), nullable=False),
    UniqueConstraint("speaker_id", "role_key"),
)

venues = Table(
    "venues", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("venue_key", String(VENUE_KEY_CHARS), nullable=False, unique=True),
    Column("kind", String(40), nullable=False),
    Column("name", Text),
    Column("interviewer", Text),
)

quote_groups = Table(
    "quote_groups", metadata,
    Column("id", String(40), primary_key=True),  # the first member's statement id
    Column("norm", Text, nullable=False),  # the first member's normalised text, to compare against
    Column("quote_key", String(40), nullable=False, index=True),
    Column("size", Integer, nullable=False, default=1),
)

quote_bands = Table(
    "quote_bands", metadata,
    Column("band", String(40), nullable=False),
    Column("group_id", String(40), ForeignKey("quote_groups.id"), nullable=False),
    UniqueConstraint("band", "group_id"),
)

statements = Table(
    "statements", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),  # FTS5's rowid
    Column("id", String(40), nullable=False, unique=True),
    Column("doc", String(ID_CHARS), ForeignKey("documents.id"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("content_text", Text, nullable=False),
    Column("content_parts", Text),
    Column("cue_start", Integer), Column("cue_end", Integer), Column("cue_text", Text),
    Column("speaker_start", Integer), Column("speaker_end", Integer), Column("speaker_text", Text),
    Column("speaker_name", Text),
    Column("speaker_role", Text),
    Column("venue_kind", String(40)), Column("venue_name", Text),
    Column("venue_interviewer", Text), Column("venue_text", Text),
    Column("when_text", Text), Column("when_date", String(20)), Column("when_precision", String(20)),
    Column("confidence", Float, nullable=False),
    Column("scope", String(20)),  # added by 0007
    Column("speaker_id", Integer, ForeignKey("speakers.id")),
    Column("venue_id", Integer, ForeignKey("venues.id")),
    Column("group_id", String(40), ForeignKey("quote_groups.id")),
    Column("date", String(20)),  # own date, else the article's
    Column("date_start", String(10)),  # `date` as a range of days, for --since/--until
    Column("date_end", String(10)),
    Index("ix_statements_speaker_date", "speaker_id", "date_start"),
    Index("ix_statements_group", "group_id"),
    Index("ix_statements_date", "date_start"),
)

mentions = Table(
    "mentions", metadata,
    Column("statement_id", String(40), ForeignKey("statements.id"), primary_key=True),
    Column("speaker_id", Integer, ForeignKey("speakers.id"), nullable=False, index=True),
    Column("doc", String(ID_CHARS), ForeignKey("documents.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE statements_fts USING fts5(content_text, speaker_name, content='statements', "
    "content_rowid='seq', tokenize='porter unicode61')",
    "CREATE TRIGGER statements_fts_ai AFTER INSERT ON statements BEGIN "
    "INSERT INTO statements_fts(rowid, content_text, speaker_name) "
    "VALUES (new.seq, new.content_text, new.speaker_name); END",
    "CREATE TRIGGER statements_fts_ad AFTER DELETE ON statements BEGIN "
    "INSERT INTO statements_fts(statements_fts, rowid, content_text, speaker_name) "
    "VALUES ('delete', old.seq, old.content_text, old.speaker_name); END",
    "CREATE TRIGGER statements_fts_au AFTER UPDATE ON statements BEGIN "
    "INSERT INTO statements_fts(statements_fts, rowid, content_text, speaker_name) "
    "VALUES ('delete', old.seq, old.content_text, old.speaker_name); "
    "INSERT INTO statements_fts(rowid, content_text, speaker_name) "
    "VALUES (new.seq, new.content_text, new.speaker_name); END",
]

SQLITE_FTS_WITH_SPEAKER = [
    "DROP TRIGGER statements_fts_ai",
    "DROP TRIGGER statements_fts_ad",
    "DROP TRIGGER statements_fts_au",
    "DROP TABLE statements_fts",
    *(ddl.replace("content_text, speaker_name", "content_text, speaker_name, speaker_id")
         .replace("new.content_text, new.speaker_name", "new.content_text, new.speaker_name, new.speaker_id")
         .replace("old.content_text, old.speaker_name", "old.content_text, old.speaker_name, old.speaker_id")
      for ddl in SQLITE_FTS),
    "INSERT INTO statements_fts(statements_fts) VALUES ('rebuild')",
]
"""The speaker's id as an FTS5 column: a word query for one speaker intersects two posting lists
instead of filtering every statement with a common word (p95 137 ms -> 10 ms at 300k statements)."""

POSTGRES_FTS = [
    "ALTER TABLE statements ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english', coalesce(content_text, '') || ' ' || coalesce(speaker_name, ''))) STORED",
    "CREATE INDEX ix_statements_tsv ON statements USING GIN (tsv)",
]

# One row per statement with its article and speaker entity: what Datasette facets and
# searches (datasette/metadata.json), since a table facet cannot follow a join.
STATEMENT_ROWS_VIEW = (
    "CREATE VIEW statement_rows AS SELECT s.seq, s.id, s.doc, d.title, d.outlet, d.published, s.kind, "
    "s.content_text AS quote, sp.name AS speaker, s.speaker_text AS speaker_as_written, s.speaker_role, "
    "s.cue_text AS cue, s.venue_kind, s.venue_name, s.venue_interviewer, s.when_text, s.date, s.group_id, "
    "s.content_start, s.content_end, s.confidence, d.url "
    "FROM statements s JOIN documents d ON d.id = s.doc LEFT JOIN speakers sp ON sp.id = s.speaker_id"
)


def _initial(conn: Connection) -> None:
    metadata.create_all(conn, tables=[t for t in metadata.sorted_tables if t is not schema_migrations])


def _full_text(conn: Connection) -> None:
    ddl = SQLITE_FTS if conn.dialect.name == "sqlite" else POSTGRES_FTS
    for statement in ddl:
        conn.exec_driver_sql(statement)


def _full_text_speaker(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":  # PostgreSQL's planner already uses the speaker index
        for statement in SQLITE_FTS_WITH_SPEAKER:
            conn.exec_driver_sql(statement)


def _bands_without_foreign_key(conn: Connection) -> None:
    """PostgreSQL checked every band row against its quote group, a seventh of storing's time;
    bands are written only with their group, in its transaction, so the check buys nothing.
    (SQLite's copy keeps the clause: dropping it means rebuilding the table, for no gain there.)"""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("ALTER TABLE quote_bands DROP CONSTRAINT IF EXISTS quote_bands_group_id_fkey")


def text_hash(text: str) -> str:
    """The fingerprint of a document's text that tells a changed text from the same one."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _document_versions(conn: Connection) -> None:
    """`text_hash` and `version` for documents stored before versioning (a new store has them
    from its first migration), each stored text hashed once, a batch at a time."""
    have = {c["name"] for c in inspect(conn).get_columns("documents")}
    if "text_hash" not in have:
        conn.exec_driver_sql("ALTER TABLE documents ADD COLUMN text_hash VARCHAR(64)")
    if "version" not in have:
        conn.exec_driver_sql("ALTER TABLE documents ADD COLUMN version INTEGER NOT NULL DEFAULT 1")
    last = ""
    while rows := conn.execute(select(documents.c.id, documents.c.text).where(
            documents.c.text_hash.is_(None), documents.c.id > last).order_by(documents.c.id).limit(500)).all():
        conn.execute(documents.update().where(documents.c.id == bindparam("doc_id")),
                     [{"doc_id": doc_id, "text_hash": text_hash(text)} for doc_id, text in rows])
        last = rows[-1][0]
def _statement_scope(conn: Connection) -> None:
    """Stores made before statements said their scope get the column, empty for their rows
    (0001 makes it already in a new store: it creates the tables as they are now)."""
    if "scope" not in {c["name"] for c in inspect(conn).get_columns("statements")}:
        conn.exec_driver_sql("ALTER TABLE statements ADD COLUMN scope VARCHAR(20)")


MIGRATIONS: list[tuple[str, Callable[[Connection], None]]] = [
    ("0001_initial_tables", _initial),
    ("0002_full_text_search", _full_text),
    ("0003_statement_rows_view", lambda conn: conn.exec_driver_sql(STATEMENT_ROWS_VIEW)),
    ("0004_full_text_speaker_column", _full_text_speaker),
    ("0005_quote_bands_without_foreign_key", _bands_without_foreign_key),
    ("0006_document_versions", _document_versions),
    ("0007_statement_scope", _statement_scope),
]


def migrate(conn: Connection) -> list[str]:
    """Apply the migrations not yet recorded, in order; the names applied now."""
    if conn.dialect.name == "postgresql":  # two processes opening one new database at once
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7420411)")
    schema_migrations.create(conn, checkfirst=True)
    done = set(conn.scalars(select(schema_migrations.c.name)))
    applied = []
    for name, step in MIGRATIONS:
        if name in done:
            continue
        step(conn)
        conn.execute(schema_migrations.insert().values(
            name=name, applied_at=datetime.now(timezone.utc).isoformat(timespec="seconds")))
        applied.append(name)
    return applied


_insert_ignore_cache: dict[tuple, object] = {}


def insert_ignore(conn: Connection, table: Table, values: dict | list[dict], conflict: list[str], returning=None):
    """INSERT that does nothing where the row exists: the same statement on both engines.

    `values` is one row, or a list of rows inserted by one executemany (then without `returning`).

    With `returning` (a column), that column of the new row, or None if the row existed.
    The statement is built once per table and engine and run with `values` as parameters,
    so SQLAlchemy's compiled cache serves every call after the first.
    """
    key = (conn.dialect.name, table.name, tuple(conflict), returning is not None)
    stmt = _insert_ignore_cache.get(key)
    if stmt is None:
        if conn.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        stmt = insert(table).on_conflict_do_nothing(index_elements=conflict)
        if returning is not None:
            stmt = stmt.returning(returning)
        _insert_ignore_cache[key] = stmt
    result = conn.execute(stmt, values)
    return result.scalar() if returning is not None else None
