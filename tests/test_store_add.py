"""Adding documents: idempotent, exact offsets read back, migrations recorded once."""
from sqlalchemy import create_engine, select

from onrecord.records import Venue, When
from onrecord.store import open_store
from onrecord.store.schema import MIGRATIONS, schema_migrations


def test_add_is_idempotent_and_offsets_read_back_exactly(store_url, make_article):
    doc, sts = make_article("a1", [("Sean Baker", "The ending is the point of the whole film.", {
        "speaker_role": "director", "venue": Venue("interview", "IndieWire", None, "to IndieWire"),
        "when": When("last November", "2024-11", "month")})], published="2025-03-12", title="T", outlet="O")
    with open_store(store_url) as store:
        assert store.add(doc, sts) == "added"
        assert store.add(doc, sts) == "unchanged"
        got_doc, got = store.document("a1")
        assert got_doc.text == doc.text and got_doc.published == "2025-03-12" and got_doc.outlet == "O"
        assert [g.statement for g in got] == sts
        for g in got:
            c = g.statement.content
            assert got_doc.text[c.start:c.end] == c.text
            assert g.date == "2024-11" and g.title == "T" and g.group_size == 1
        assert store.statement(sts[0].id).statement == sts[0]
        assert store.statement("nope") is None and store.document("nope") is None
        assert store.search().items.__len__() == 1


def test_split_content_parts_survive(store_url, make_article):
    from dataclasses import replace

    from onrecord.records import Span

    doc, sts = make_article("p1", [("Ann Lee", "Part one, and part two.", {})])
    c = sts[0].content
    split = replace(sts[0], content=Span.of_parts(doc.text, [(c.start, c.start + 9), (c.start + 11, c.end)]))
    with open_store(store_url) as store:
        store.add(doc, [split])
        assert store.statement(split.id).statement.content.parts == split.content.parts


def test_migrations_are_recorded_and_applied_once(store_url):
    open_store(store_url).close()
    open_store(store_url).close()
    engine = create_engine(store_url)
    with engine.connect() as conn:
        names = list(conn.scalars(select(schema_migrations.c.name)))
    engine.dispose()
    assert names == [name for name, _ in MIGRATIONS]


def test_iterators_cover_everything(store_url, make_article):
    with open_store(store_url) as store:
        for n in range(5):
            store.add(*make_article(f"d{n}", [("Ann Lee", f"Quote number {n} is here.", {}),
                                              ("Bo Chen", f"Another {n} line.", {})]))
        assert sorted(d.id for d in store.iter_documents(batch=2)) == [f"d{n}" for n in range(5)]
        assert len(list(store.iter_statements(batch=3))) == 10


def test_an_older_database_is_migrated_and_keeps_its_search(store_url, make_article, monkeypatch):
    import onrecord.store.schema as schema

    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:2])
    with open_store(store_url) as store:
        store.add(*make_article("old", [("Ann Lee", "Harbour ferries run late.", {})]))
    monkeypatch.undo()
    with open_store(store_url) as store:
        store.add(*make_article("new", [("Ann Lee", "Harbour ferries run early.", {})]))
        assert len(store.search("harbour ferries", speaker="Ann Lee").items) == 2
        assert len(store.search("late", speaker="Ann Lee").items) == 1


def test_add_many_skips_documents_stored_or_repeated(store_url, make_article):
    a, b, c = (make_article(n, [("Ann Lee", f"Quote from {n} is here.", {})]) for n in "abc")
    with open_store(store_url) as store:
        assert store.add(*a) == "added"
        assert store.add_many([a, b, b, c]) == ["unchanged", "added", "unchanged", "added"]
        assert store.add_many([]) == []
        assert sorted(d.id for d in store.iter_documents()) == ["a", "b", "c"]
        assert len(list(store.iter_statements())) == 3


def test_a_failing_document_loses_nothing_else_in_its_batch(store_url, make_article):
    from onrecord.store.load import Batch, LoadReport

    good = [make_article(n, [("Ann Lee", f"Quote from {n} is here.", {"speaker_role": "mayor"})]) for n in "ac"]
    doc, sts = make_article("b", [("Zoe Park", "Words that are said twice.", {})])
    items = [good[0], (doc, sts + sts), good[1]]  # the same statement id twice: the store refuses "b"
    report, seen, errors = LoadReport(), [], []
    with open_store(store_url) as store:
        batch = Batch(store, report, lambda d, stored: seen.append((d.id, stored)), errors.append)
        for item in items:
            batch.put(*item)
        batch.flush()
        assert (report.stored, report.statements, report.failed) == (2, 2, 1)
        assert seen == [("a", "added"), ("c", "added")]
        assert len(errors) == 1 and "'b'" in errors[0] and "IntegrityError" in errors[0]
        assert sorted(d.id for d in store.iter_documents()) == ["a", "c"]
        assert [s.name for s in store.speakers()] == ["Ann Lee"]
        assert store.find_speaker("Ann Lee").roles == ["mayor"]


def test_a_batch_is_stored_when_full_or_when_it_has_waited(store_url, make_article, monkeypatch):
    import onrecord.store.load as load

    articles = [make_article(f"d{n}", [("Ann Lee", f"Quote {n} is here.", {})]) for n in range(3)]
    seen = []
    with open_store(store_url) as store:
        monkeypatch.setattr(load, "BATCH_DOCUMENTS", 2)
        batch = load.Batch(store, load.LoadReport(), lambda d, _stored: seen.append(d.id), print)
        batch.put(*articles[0])
        assert seen == [] and not store.has_document("d0")
        batch.put(*articles[1])
        assert seen == ["d0", "d1"] and store.has_document("d1")
        batch.put(*articles[2])
        assert seen == ["d0", "d1"]
        batch.flush()
        assert seen == ["d0", "d1", "d2"]
        monkeypatch.setattr(load, "BATCH_SECONDS", 0.0)  # extraction slower than the wait: one at a time
        batch.put(*make_article("late", [("Ann Lee", "Late words.", {})]))
        assert seen[-1] == "late" and store.has_document("late")


def test_postgresql_bands_carry_no_foreign_key_check(store_url):
    open_store(store_url).close()
    engine = create_engine(store_url)
    with engine.connect() as conn:
        if conn.dialect.name != "postgresql":
            engine.dispose()
            return  # SQLite keeps the clause; see schema._bands_without_foreign_key
        kinds = list(conn.exec_driver_sql(
            "SELECT contype FROM pg_constraint WHERE conrelid = 'quote_bands'::regclass"))
    engine.dispose()
    assert ("f",) not in kinds and ("u",) in kinds


def test_store_keeps_scope_and_migrates_an_old_store(store_url):
    """A store made before statements said their scope gets the column; new rows keep their scope."""
    from sqlalchemy import text as sql

    from onrecord.records import Document, Span, Statement, statement_id

    open_store(store_url).close()
    engine = create_engine(store_url)
    with engine.begin() as conn:  # as 0006 left it: no scope column
        conn.execute(sql("ALTER TABLE statements DROP COLUMN scope"))
        conn.execute(sql("DELETE FROM schema_migrations WHERE name = '0007_statement_scope'"))
    engine.dispose()
    text = "She believes it will rain."
    content = Span.of(text, 4, 25)
    st = Statement(statement_id("rain", 4, 25), "rain", "indirect", content, confidence=0.7, scope="belief")
    with open_store(store_url) as store:
        store.add(Document("rain", text), [st])
        again = store.statement(st.id).statement
    assert again.scope == "belief" and again.content == content and again.confidence == 0.7
