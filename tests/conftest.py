"""Fixtures shared by the whole suite. Shared data is read from ../shared, never copied."""
from __future__ import annotations

import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> pathlib.Path:
    """../shared beside the repository; tests that need it skip, saying so, where it is absent."""
    if not (SHARED / "seed" / "anora-ending.txt").is_file():
        pytest.skip(f"shared data not found at {SHARED}: tests on the seed and PolNeAR skipped")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    """The default spaCy pipeline, loaded once for the session."""
    from onrecord.nlp import load

    return load()


@pytest.fixture(scope="session")
def extractor(nlp):
    from onrecord.pipeline import Extractor

    return Extractor(nlp=nlp)


POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    """A database URL for an empty store on each engine; PostgreSQL gets a fresh schema, dropped after."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    import uuid

    import sqlalchemy

    engine = sqlalchemy.create_engine(POSTGRES_URL)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    except sqlalchemy.exc.OperationalError as exc:
        engine.dispose()
        pytest.skip(f"no PostgreSQL server at {POSTGRES_URL}: {str(exc).splitlines()[0]}")
    yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    with engine.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    engine.dispose()


@pytest.fixture
def make_article():
    """Build a Document and its Statements from (speaker mention, quote, fields) parts, offsets exact.

    make_article("doc", [("Sean Baker", "the quote", {"speaker_name": ..., "venue": Venue(...)}), ...],
    published="2025-03-12", title=..., outlet=...) -> (Document, [Statement])
    """
    from onrecord.records import Document, Span, Statement, statement_id

    def build(doc_id, parts, published=None, **meta):
        text, spans = "", []
        for mention, quote, fields in parts:
            m_start = len(text)
            text += f"{mention} said: \u201c"
            q_start = len(text)
            text += quote
            q_end = len(text)
            text += "\u201d\n\n"
            spans.append((m_start, m_start + len(mention), q_start, q_end, fields))
        statements = []
        for m_start, m_end, q_start, q_end, fields in spans:
            fields = {"speaker_name": text[m_start:m_end], **fields}
            statements.append(Statement(
                id=statement_id(doc_id, q_start, q_end), doc=doc_id, kind=fields.pop("kind", "direct"),
                content=Span.of(text, q_start, q_end), cue=Span.of(text, m_end + 1, m_end + 5),
                speaker=Span.of(text, m_start, m_end), confidence=0.9, **fields))
        return Document(id=doc_id, text=text, published=published, **meta), statements

    return build
