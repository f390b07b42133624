"""The corpus store: statements from many articles, their speakers as entities, quote provenance.

SQLAlchemy Core over SQLite (the default, one file) or PostgreSQL (by URL), one
code path for both; only full-text search differs (see `search.py`). Every
document is added within one transaction (a batch of documents shares one), so an
interrupted ingest leaves whole documents only and a re-run completes it without
storing anything twice.

Documents are versioned by their text: adding a stored id with the same text changes
nothing, with a changed text it replaces the old version (its text and statements are
deleted in the same transaction; the store keeps the current version only, see
docs/store.md, "Versions").
"""
from __future__ import annotations

import os
from collections.abc import Iterator

from sqlalchemy import Connection, Engine, Select, bindparam, create_engine, event, func, inspect, select
from sqlalchemy.engine import make_url

from ..ingest import check_id, parse_published, text_problem
from ..records import Document, Statement, Venue, statement_from_row, statement_to_row
from .dates import date_range
from .digest import build_digest, digest_markdown, occasions_of
from .models import (Digest, Occasion, QuoteGroup, QuoteMember, SearchPage, SpeakerDetail, SpeakerSummary,
                     StoredStatement)
from .lists import DocumentSummary, ListPage, OutletSummary, contains, group_articles, list_documents, list_outlets
from .schema import (VENUE_KEY_CHARS, documents, insert_ignore, mentions, migrate, quote_bands, quote_groups,
                     schema_migrations, speaker_aliases, statements, text_hash, venues)
from .schema import speakers as speakers_table
from .search import apply_match, words
from .groups import BatchGroups
from .stats import CorpusStats, corpus_stats
from .speakers import BatchLookups, KnownSpeakers, aliases_and_roles, find_speaker_id, link_speaker

DEFAULT_URL = "sqlite:///onrecord.db"
# What adding a document did: stored anew, replaced an older text, or found the same text stored.
ADDED, UPDATED, UNCHANGED = "added", "updated", "unchanged"
# A search cursor is an offset: beyond this no store has rows, and the database's integer would overflow.
MAX_OFFSET = 10**12

__all__ = ["ADDED", "DEFAULT_URL", "UNCHANGED", "UPDATED", "CorpusStats", "Digest", "DocumentSummary", "ListPage",
           "Occasion", "OutletSummary", "QuoteGroup", "QuoteMember", "SearchPage", "SpeakerDetail", "SpeakerSummary",
           "Store", "StoreMissing", "StoredStatement", "UnknownSpeaker", "database_url", "digest_markdown", "open_store"]


def database_url(url: str | None = None) -> str:
    """--db, else ONRECORD_DB, else the SQLite file in the working folder; postgresql:// means psycopg 3."""
    url = url or os.environ.get("ONRECORD_DB") or DEFAULT_URL
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record) -> None:
        # Let SQLAlchemy's begin() issue BEGIN itself (pysqlite's own handling skips DDL).
        dbapi_conn.isolation_level = None
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", "busy_timeout=30000"):
            dbapi_conn.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        # Writers take the lock up front: a deferred read-then-write can fail in WAL mode.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")

    return engine


class UnknownSpeaker(LookupError):
    """A speaker asked for by name that the store does not know; every interface reports it alike."""

    def __init__(self, name: str):
        super().__init__(f"no speaker {name!r} in the store")
        self.name = name


class StoreMissing(LookupError):
    """No onrecord store at the URL: reading commands say so rather than create an empty one."""


def open_store(url: str | None = None, *, create: bool = True) -> "Store":
    """The store at `url` (see `database_url`), its schema migrated to the latest version.

    With `create=False` a missing SQLite file, or a database without onrecord's tables,
    raises `StoreMissing` and nothing is created: a mistyped URL must not answer "0 statements".
    """
    url = database_url(url)
    if not create:
        _must_exist(url)
    return Store(_engine(url))


def _must_exist(url: str) -> None:
    parsed = make_url(url)
    shown = parsed.render_as_string(hide_password=True)
    if parsed.get_backend_name() == "sqlite":
        path = parsed.database or ""
        if path in ("", ":memory:") or path.startswith("file:"):
            return
        if not os.path.isfile(path):
            raise StoreMissing(f"no store at {shown}: {path} does not exist")
    engine = _engine(url)
    try:
        found = inspect(engine).has_table(documents.name)
    finally:
        engine.dispose()
    if not found:
        raise StoreMissing(f"no onrecord store at {shown}: the database has no {documents.name} table")


class Store:
    """Add documents with their statements; search, trace and digest them."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.dialect = engine.dialect.name
        self._writer = engine.execution_options(write=True)
        self._known = KnownSpeakers()
        with self._writer.begin() as conn:
            migrate(conn)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return bool(self.stored_hashes([doc_id]))

    def stored_hashes(self, doc_ids: list[str]) -> dict[str, str]:
        """The text hash (`schema.text_hash`) of each of `doc_ids` that is stored, in one query."""
        if not doc_ids:
            return {}
        with self.engine.connect() as conn:
            return dict(conn.execute(_DOCUMENTS_STORED, {"ids": sorted(set(doc_ids))}).all())

    def check_writable(self) -> None:
        """Raise the database's own error if this store cannot be written (a read-only file or
        user), before anyone spends minutes extracting what could not be stored."""
        with self._writer.connect() as conn:
            transaction = conn.begin()
            try:
                conn.execute(schema_migrations.insert().values(name="(write check)", applied_at=""))
            finally:
                transaction.rollback()

    def add(self, document: Document, statements_: list[Statement]) -> str:
        """Store a document and its statements in one transaction: ADDED, UPDATED (its text changed:
        the old version is replaced) or UNCHANGED (this text is stored already)."""
        return self.add_many([(document, statements_)])[0]

    def add_many(self, items: list[tuple[Document, list[Statement]]]) -> list[str]:
        """Store documents with their statements in one transaction, all or none; per document,
        ADDED, UPDATED or UNCHANGED (as `add`; a repeat of an earlier item is UNCHANGED).

        ValueError for a document the store cannot hold (a bad id or date, a text with NUL
        characters; one id twice in `items` with different texts): the same on both engines.
        The lookups and inserts are made once for the whole batch, not once per document: that
        is what storing costs. Speakers and quote groups come out as from `add` one by one.
        """
        for document, _statements in items:
            _check_document(document)
        try:
            with self._writer.begin() as conn:
                added = self._add_many(conn, items)
        except BaseException:
            self._known.rollback()
            raise
        self._known.commit()
        return added

    def _add_many(self, conn: Connection, items: list[tuple[Document, list[Statement]]]) -> list[str]:
        if self.dialect == "postgresql":
            # Still atomic; only a server crash may lose the last moment's documents, and an
            # ingest re-run restores them. Waiting for the disk on every commit costs ~40%.
            conn.exec_driver_sql("SET LOCAL synchronous_commit = off")
        stored = {doc_id: (digest, version) for doc_id, digest, version in conn.execute(
            _VERSIONS_STORED, {"ids": sorted({d.id for d, _ in items})})}
        outcome, fresh, replaced, in_batch = [], [], {}, {}
        for document, statements_ in items:
            digest = text_hash(document.text)
            if document.id in in_batch:
                if in_batch[document.id] != digest:
                    raise ValueError(f"document {document.id!r} twice in one batch, with different texts")
                outcome.append(UNCHANGED)
                continue
            in_batch[document.id] = digest
            old = stored.get(document.id)
            if old is not None and old[0] == digest:
                outcome.append(UNCHANGED)
                continue
            outcome.append(ADDED if old is None else UPDATED)
            if old is not None:
                replaced[document.id] = old[1]
            fresh.append((document, statements_, digest))
        if replaced:
            _delete_documents(conn, sorted(replaced))
        if not fresh:
            return outcome
        conn.execute(documents.insert(), [{
            "id": d.id, "text": d.text, "url": d.url, "title": d.title, "outlet": d.outlet,
            "published": d.published, "source": d.source, "statements": len(sts), "text_hash": digest,
            "version": replaced.get(d.id, 0) + 1} for d, sts, digest in fresh])
        groups = BatchGroups(conn, [st for _d, sts, _h in fresh for st in sts])
        lookups = BatchLookups(conn, list({(st.speaker_name, st.speaker.text if st.speaker else None)
                                           for _d, sts, _h in fresh for st in sts}))
        venue_ids: dict[Venue, int | None] = {}
        rows, mention_rows = [], []
        for document, statements_, _digest in fresh:
            self._known.start_document()
            linked: dict[tuple, int | None] = {}  # one article names its speaker many times alike
            for st in statements_:
                mention = st.speaker.text if st.speaker else None
                who = (st.speaker_name, mention, st.speaker_role)
                if who not in linked:
                    linked[who] = link_speaker(conn, *who, known=self._known, lookups=lookups)
                speaker_id = linked[who]
                if st.venue is not None and st.venue not in venue_ids:
                    venue_ids[st.venue] = _venue_id(conn, st.venue)
                date = (st.when.date if st.when and st.when.date else None) or document.published
                start, end = date_range(date)
                row = statement_to_row(st)
                row.update(doc=document.id, speaker_id=speaker_id,
                           venue_id=venue_ids[st.venue] if st.venue is not None else None,
                           group_id=groups.assign(st, speaker_id),
                           date=date, date_start=start, date_end=end)
                rows.append(row)
                if speaker_id is not None and st.speaker is not None:
                    mention_rows.append({"statement_id": st.id, "speaker_id": speaker_id, "doc": document.id,
                                         "start": st.speaker.start, "end": st.speaker.end,
                                         "text": st.speaker.text})
        groups.write(conn)
        self._known.write(conn)
        if rows:
            conn.execute(statements.insert(), rows)
        if mention_rows:
            conn.execute(mentions.insert(), mention_rows)
        return outcome

    # -- reading -------------------------------------------------------------------------------

    def search(self, q: str | None = None, *, speaker: str | int | None = None, since: str | None = None,
               until: str | None = None, kind: str | None = None, outlet: str | None = None,
               min_confidence: float | None = None, limit: int = 50, cursor: str | None = None) -> SearchPage:
        """Statements matching every word of `q` (best first) and the filters; newest first without `q`.

        `speaker` is an entity id or any name `find_speaker` knows (`UnknownSpeaker` otherwise);
        `since`/`until` are dates of any precision compared with the statement's date (its own,
        else its article's); `min_confidence` keeps statements whose confidence is at least it.
        """
        offset = _offset(cursor)
        with self.engine.connect() as conn:
            stmt = self._filtered(conn, q, speaker=speaker, since=since, until=until, kind=kind, outlet=outlet)
            if min_confidence:
                stmt = stmt.where(statements.c.confidence >= min_confidence)
            if not words(q):
                stmt = stmt.order_by(statements.c.date_start.desc().nulls_last(), statements.c.seq)
            rows = conn.execute(stmt.limit(limit + 1).offset(offset)).mappings().all()
        items = [_stored(r) for r in rows[:limit]]
        return SearchPage(items, str(offset + limit) if len(rows) > limit else None)

    def count(self, q: str | None = None, *, speaker: str | int | None = None, since: str | None = None,
              until: str | None = None, kind: str | None = None, outlet: str | None = None) -> int:
        """How many statements `search` with the same arguments finds in all its pages."""
        with self.engine.connect() as conn:
            stmt = self._filtered(conn, q, speaker=speaker, since=since, until=until, kind=kind, outlet=outlet)
            return conn.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0

    def _filtered(self, conn: Connection, q: str | None, *, speaker: str | int | None, since: str | None,
                  until: str | None, kind: str | None, outlet: str | None) -> Select:
        for name, value in (("since", since), ("until", until)):
            if value and date_range(value)[0] is None:
                raise ValueError(f"{name} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD: {value[:40]!r}")
        speaker_id = self._speaker_id(conn, speaker)
        stmt = self._select(q, speaker_id=speaker_id)
        if speaker_id is not None:
            stmt = stmt.where(statements.c.speaker_id == speaker_id)
        if since:
            stmt = stmt.where(statements.c.date_end >= date_range(since)[0])
        if until:
            stmt = stmt.where(statements.c.date_start <= date_range(until)[1])
        if kind:
            stmt = stmt.where(statements.c.kind == kind)
        if outlet:
            stmt = stmt.where(func.lower(documents.c.outlet) == outlet.lower())
        return stmt

    def statement(self, statement_id: str) -> StoredStatement | None:
        with self.engine.connect() as conn:
            row = conn.execute(self._select(None).where(statements.c.id == statement_id)).mappings().first()
        return _stored(row) if row else None

    def document(self, doc_id: str) -> tuple[Document, list[StoredStatement]] | None:
        with self.engine.connect() as conn:
            d = conn.execute(select(documents).where(documents.c.id == doc_id)).mappings().first()
            if d is None:
                return None
            rows = conn.execute(self._select(None).where(statements.c.doc == doc_id)
                                .order_by(statements.c.content_start, statements.c.seq)).mappings().all()
        document = Document(id=d["id"], text=d["text"], url=d["url"], title=d["title"], outlet=d["outlet"],
                            published=d["published"], source=d["source"])
        return document, [_stored(r) for r in rows]

    def iter_documents(self, batch: int = 500) -> Iterator[Document]:
        """Every stored document, in id order, fetched in batches."""
        last = None
        with self.engine.connect() as conn:
            while True:
                stmt = select(documents).order_by(documents.c.id).limit(batch)
                if last is not None:
                    stmt = stmt.where(documents.c.id > last)
                rows = conn.execute(stmt).mappings().all()
                if not rows:
                    return
                for d in rows:
                    yield Document(id=d["id"], text=d["text"], url=d["url"], title=d["title"],
                                   outlet=d["outlet"], published=d["published"], source=d["source"])
                last = rows[-1]["id"]

    def iter_statements(self, batch: int = 2000) -> Iterator[StoredStatement]:
        """Every stored statement, in storage order, fetched in batches."""
        last = 0
        with self.engine.connect() as conn:
            while True:
                rows = conn.execute(self._select(None).where(statements.c.seq > last)
                                    .order_by(statements.c.seq).limit(batch)).mappings().all()
                if not rows:
                    return
                yield from (_stored(r) for r in rows)
                last = rows[-1]["seq"]

    def speakers(self, limit: int = 100, offset: int = 0, q: str | None = None) -> list[SpeakerSummary]:
        """Speakers with the most distinct statements first; `q`, a piece of a name or alias."""
        with self.engine.connect() as conn:
            return _summaries(conn, None, limit, offset, q)

    def count_speakers(self, q: str | None = None) -> int:
        """How many speakers `speakers(q=q)` lists in all."""
        with self.engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(_speakers_matching(q).subquery())) or 0

    def documents(self, **filters) -> ListPage[DocumentSummary]:
        """A page of documents with its total (`lists.list_documents`: q, outlet, since, until, limit, offset)."""
        with self.engine.connect() as conn:
            return list_documents(conn, **filters)

    def outlets(self, **filters) -> ListPage[OutletSummary]:
        """A page of outlets with its total (`lists.list_outlets`: q, limit, offset)."""
        with self.engine.connect() as conn:
            return list_outlets(conn, **filters)

    def group_articles(self, group_ids: list[str]) -> dict[str, int]:
        """Articles carrying each of these quote groups."""
        with self.engine.connect() as conn:
            return group_articles(conn, group_ids)

    def find_speaker(self, name: str) -> SpeakerSummary | None:
        """The entity a name refers to: "Baker", "sean baker", "director Sean Baker", an alias."""
        with self.engine.connect() as conn:
            speaker_id = find_speaker_id(conn, name)
            found = _summaries(conn, speaker_id, 1, 0) if speaker_id is not None else []
        return found[0] if found else None

    def speaker(self, speaker_id: int) -> SpeakerDetail | None:
        with self.engine.connect() as conn:
            found = _summaries(conn, speaker_id, 1, 0)
            if not found:
                return None
            rows = self._speaker_rows(conn, speaker_id, None)
        s = found[0]
        return SpeakerDetail(s.id, s.name, s.aliases, s.roles, s.statements, s.documents,
                             timeline=occasions_of(rows))

    def digest(self, speaker: str | int, about: str | None = None) -> Digest:
        """What `speaker` said, by occasion in time order; with `about`, only the statements whose
        own words hold any word of the topic (what was said, never the article's title).

        Raises `UnknownSpeaker` for a name the store does not know.
        """
        with self.engine.connect() as conn:
            speaker_id = self._speaker_id(conn, speaker)
            found = _summaries(conn, speaker_id, 1, 0)
            if not found:
                raise UnknownSpeaker(str(speaker))
            rows = self._speaker_rows(conn, speaker_id, about if words(about) else None)
            repeated = group_articles(conn, [r.group_id for r in rows if r.group_id and r.group_size > 1])
        return build_digest(found[0], about, rows, {g: n for g, n in repeated.items() if n > 1})

    def stats(self, top: int = 10) -> CorpusStats:
        """The corpus in figures (see `stats.py`): top speakers and outlets, kinds, month by month."""
        with self.engine.connect() as conn:
            return corpus_stats(conn, top)

    def quote_group(self, group_id: str) -> QuoteGroup | None:
        """Every appearance of one quote, the earliest first, with the original venue where named."""
        with self.engine.connect() as conn:
            size = conn.scalar(select(quote_groups.c.size).where(quote_groups.c.id == group_id))
            if size is None:
                return None
            rows = conn.execute(
                select(statements, documents.c.title, documents.c.outlet, documents.c.published)
                .join(documents, documents.c.id == statements.c.doc)
                .where(statements.c.group_id == group_id)
                .order_by(statements.c.date_start.nulls_last(), documents.c.published.nulls_last(),
                          statements.c.doc, statements.c.content_start)).mappings().all()
        members = [QuoteMember(r["id"], r["doc"], r["title"], r["outlet"], r["published"], r["date"],
                               Venue(r["venue_kind"], r["venue_name"], r["venue_interviewer"], r["venue_text"])
                               if r["venue_kind"] else None, r["content_text"]) for r in rows]
        named = next((r for r in rows if r["venue_kind"]), None)
        own_dates = [r["when_date"] for r in rows if r["when_date"]]
        origin_date = (named["when_date"] if named is not None and named["when_date"] else None) \
            or (own_dates[0] if own_dates else None)
        origin = next((m.venue for m in members if m.venue), None)
        return QuoteGroup(group_id, len(members), members, members[0], origin, origin_date)

    # -- helpers -------------------------------------------------------------------------------

    def _select(self, q: str | None, *, any_word: bool = False, ranked: bool = True,
                speaker_id: int | None = None) -> Select:
        base = statements.join(documents, documents.c.id == statements.c.doc) \
            .outerjoin(quote_groups, quote_groups.c.id == statements.c.group_id) \
            .outerjoin(speakers_table, speakers_table.c.id == statements.c.speaker_id)
        columns = (statements, documents.c.title, documents.c.outlet, documents.c.published, documents.c.url,
                   quote_groups.c.size.label("group_size"), speakers_table.c.name.label("speaker_entity"))
        if not words(q):
            return select(*columns).select_from(base)
        joined, condition, rank = apply_match(self.dialect, base, q or "", any_word, speaker_id)
        stmt = select(*columns).select_from(joined).where(condition)
        return stmt.order_by(rank, statements.c.seq) if ranked else stmt

    def _speaker_id(self, conn: Connection, speaker: str | int | None) -> int | None:
        """The entity id for an id or a name; `UnknownSpeaker` for a name nobody in the store has."""
        if speaker is None or isinstance(speaker, int):
            return speaker
        found = find_speaker_id(conn, speaker)
        if found is None:
            raise UnknownSpeaker(speaker)
        return found

    def _speaker_rows(self, conn: Connection, speaker_id: int, about: str | None) -> list[StoredStatement]:
        """The speaker's statements in time order: date, then article date, then place in the article."""
        stmt = self._select(about, any_word=True, ranked=False, speaker_id=speaker_id) \
            .where(statements.c.speaker_id == speaker_id)
        stmt = stmt.order_by(statements.c.date_start.nulls_last(), documents.c.published.nulls_last(),
                             statements.c.doc, statements.c.content_start)
        return [_stored(r) for r in conn.execute(stmt).mappings()]


def _offset(cursor: str | None) -> int:
    """A cursor's offset; ValueError unless it is ASCII digits within MAX_OFFSET."""
    if not cursor:
        return 0
    if not (cursor.isascii() and cursor.isdigit()) or len(cursor) > 13 or int(cursor) > MAX_OFFSET:
        raise ValueError(f"not a search cursor: {cursor[:40]!r}")
    return int(cursor)


def _check_document(document: Document) -> None:
    """ValueError for a document neither engine should hold, so both hold the same ones."""
    check_id(document.id)
    if document.published is not None:
        parse_published(document.published)
    problem = text_problem(document.text)
    if problem:
        raise ValueError(f"document {document.id!r}: {problem}")
    for name in ("url", "title", "outlet", "source"):
        value = getattr(document, name)
        if value is not None and text_problem(value):
            raise ValueError(f"document {document.id!r}: {name}: {text_problem(value)}")


def _delete_documents(conn: Connection, doc_ids: list[str]) -> None:
    """An old version gone whole: its statements, their mentions, its share of quote groups
    (a group left with no member goes with its bands), and the document row."""
    by_doc = statements.c.doc.in_(doc_ids)
    shrunk = conn.execute(select(statements.c.group_id, func.count()).where(by_doc, statements.c.group_id.is_not(None))
                          .group_by(statements.c.group_id)).all()
    conn.execute(mentions.delete().where(mentions.c.doc.in_(doc_ids)))
    conn.execute(statements.delete().where(by_doc))
    if shrunk:
        conn.execute(_GROUP_SHRINKS, [{"group": g, "removed": n} for g, n in shrunk])
        empty = list(conn.scalars(select(quote_groups.c.id).where(
            quote_groups.c.id.in_([g for g, _n in shrunk]), quote_groups.c.size <= 0)))
        if empty:
            conn.execute(quote_bands.delete().where(quote_bands.c.group_id.in_(empty)))
            conn.execute(quote_groups.delete().where(quote_groups.c.id.in_(empty)))
    conn.execute(documents.delete().where(documents.c.id.in_(doc_ids)))


def _stored(row) -> StoredStatement:
    r = dict(row)
    return StoredStatement(statement_from_row(r), title=r["title"], outlet=r["outlet"], published=r["published"],
                           url=r["url"], speaker_id=r["speaker_id"], group_id=r["group_id"],
                           group_size=r["group_size"] or 1, date=r["date"], speaker=r["speaker_entity"])


def _speakers_matching(q: str | None) -> Select:
    """Speaker ids whose name or any alias holds `q` (all speakers without it)."""
    stmt = select(speakers_table.c.id)
    if q and q.strip():
        alias_hit = select(speaker_aliases.c.speaker_id).where(contains(speaker_aliases.c.alias, q.strip()))
        stmt = stmt.where(contains(speakers_table.c.name, q.strip()) | speakers_table.c.id.in_(alias_hit))
    return stmt


def _summaries(conn: Connection, speaker_id: int | None, limit: int, offset: int,
               q: str | None = None) -> list[SpeakerSummary]:
    distinct = func.count(func.distinct(func.coalesce(statements.c.group_id, statements.c.id)))
    stmt = (select(speakers_table.c.id, speakers_table.c.name, distinct.label("n"),
                   func.count(func.distinct(statements.c.doc)).label("docs"))
            .select_from(speakers_table.outerjoin(statements, statements.c.speaker_id == speakers_table.c.id))
            .group_by(speakers_table.c.id, speakers_table.c.name)
            .order_by(distinct.desc(), speakers_table.c.name, speakers_table.c.id).limit(limit).offset(offset))
    if speaker_id is not None:
        stmt = stmt.where(speakers_table.c.id == speaker_id)
    if q and q.strip():
        stmt = stmt.where(speakers_table.c.id.in_(_speakers_matching(q)))
    rows = conn.execute(stmt).all()
    aliases, roles = aliases_and_roles(conn, [r.id for r in rows])
    return [SpeakerSummary(r.id, r.name, aliases[r.id], roles[r.id], r.n, r.docs) for r in rows]


# Statements built once and run with parameters: SQLAlchemy compiles each a single time.
_DOCUMENTS_STORED = select(documents.c.id, documents.c.text_hash).where(
    documents.c.id.in_(bindparam("ids", expanding=True)))
_VERSIONS_STORED = select(documents.c.id, documents.c.text_hash, documents.c.version).where(
    documents.c.id.in_(bindparam("ids", expanding=True)))
_GROUP_SHRINKS = quote_groups.update().where(quote_groups.c.id == bindparam("group")).values(
    size=quote_groups.c.size - bindparam("removed"))
_VENUE_BY_KEY = select(venues.c.id).where(venues.c.venue_key == bindparam("key"))


def _venue_id(conn: Connection, venue: Venue | None) -> int | None:
    if venue is None:
        return None
    key = "\x1f".join((venue.kind, (venue.name or "").casefold(), (venue.interviewer or "").casefold()))
    if len(key) > VENUE_KEY_CHARS:  # no venue's name is that long: the statement keeps its own copy
        return None
    insert_ignore(conn, venues, {"venue_key": key, "kind": venue.kind, "name": venue.name,
                                 "interviewer": venue.interviewer}, ["venue_key"])
    return conn.scalar(_VENUE_BY_KEY, {"key": key})
