"""Documents are versioned by their text: the same text is left alone, a changed one replaces
the old version whole; what no engine should hold is refused alike on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, select

from onrecord.records import Document, Span, Statement, Venue, statement_id
from onrecord.store import open_store
from onrecord.store.schema import documents, quote_bands, quote_groups, text_hash

SHARED = "The harbour will reopen before the first storm of winter."


def test_a_changed_text_replaces_the_old_version_whole(store_url, make_article):
    old = make_article("ferry", [("Ann Lee", "Crossings resume on Friday.", {}),
                                 ("Bo Chen", "Nobody was hurt in the storm.", {})], published="2025-01-02")
    new = make_article("ferry", [("Ann Lee", "Crossings resume on Monday instead.", {})], published="2025-01-03")
    with open_store(store_url) as store:
        assert store.add(*old) == "added"
        assert store.add(*old) == "unchanged"
        assert store.add(*new) == "updated"
        document, stored = store.document("ferry")
        assert document.text == new[0].text and document.published == "2025-01-03"
        assert [s.statement for s in stored] == new[1]
        for s in stored:
            c = s.statement.content
            assert document.text[c.start:c.end] == c.text
        assert store.search("Friday").items == [] and store.search("storm").items == []
        assert [r.statement.doc for r in store.search("Monday").items] == ["ferry"]
        assert len(list(store.iter_statements())) == 1
        assert store.add(*new) == "unchanged"
        assert store.find_speaker("Ann Lee").statements == 1
    engine = create_engine(store_url)
    with engine.connect() as conn:
        assert conn.execute(select(documents.c.version, documents.c.text_hash)).one() == (2, text_hash(new[0].text))
    engine.dispose()


def test_replacing_a_version_shrinks_its_quote_groups_and_drops_empty_ones(store_url, make_article):
    with open_store(store_url) as store:
        store.add(*make_article("first", [("Ann Lee", SHARED, {})], published="2025-01-01"))
        store.add(*make_article("requote", [("Ann Lee", SHARED, {})], published="2025-01-05"))
        [row] = store.search("harbour").items[:1]
        assert row.group_size == 2
        assert store.add(*make_article("first", [("Ann Lee", "Something else entirely now.", {})])) == "updated"
        [left] = store.search("harbour").items
        assert left.statement.doc == "requote" and store.quote_group(left.group_id).size == 1
        assert store.add(*make_article("requote", [("Ann Lee", "Also changed, no harbour.", {})])) == "updated"
    engine = create_engine(store_url)
    with engine.connect() as conn:
        groups = set(conn.scalars(select(quote_groups.c.id)))
        banded = set(conn.scalars(select(quote_bands.c.group_id)))
    engine.dispose()
    assert len(groups) == 2 and banded <= groups, "the emptied group and its bands are gone"


def test_one_id_twice_in_a_batch_with_different_texts_is_refused(store_url, make_article):
    a1 = make_article("a", [("Ann Lee", "First text here.", {})])
    a2 = make_article("a", [("Ann Lee", "Second text here.", {})])
    with open_store(store_url) as store:
        with pytest.raises(ValueError, match="twice in one batch"):
            store.add_many([a1, a2])
        assert store.document("a") is None


@pytest.mark.parametrize("doc_id", ["", "   ", "x" * 201, "tab\there", "nul\x00"])
def test_ids_no_engine_can_hold_alike_are_refused(store_url, make_article, doc_id):
    doc, sts = make_article("placeholder", [("Ann Lee", "Words.", {})])
    bad = Document(id=doc_id, text=doc.text)
    with open_store(store_url) as store:
        with pytest.raises(ValueError, match="id"):
            store.add(bad, [])
        assert list(store.iter_documents()) == []


@pytest.mark.parametrize("published", ["2024-02-30", "2024-13-45", "0001-01-01", "March"])
def test_impossible_dates_are_refused_by_the_store(store_url, published):
    with open_store(store_url) as store:
        with pytest.raises(ValueError):
            store.add(Document(id="d", text="He said so.", published=published), [])


def test_long_speaker_names_and_venues_are_kept_alike_on_both_engines(store_url):
    text = "X said: \u201cA quote long enough to keep.\u201d\n"
    start, end = text.index("A quote"), text.index(".\u201d") + 1
    long_name = "Sir " + " ".join(["Bartholomew"] * 40)  # over the 300-character key
    st = Statement(statement_id("long", start, end), "long", "direct", Span.of(text, start, end),
                   speaker=Span.of(text, 0, 1), speaker_name=long_name, speaker_role="r" * 400,
                   venue=Venue("interview", "V" * 700, None, "to V"))
    with open_store(store_url) as store:
        assert store.add(Document(id="long", text=text), [st]) == "added"
        [row] = store.search("quote").items
        assert row.statement == st and row.speaker_id is None
        assert store.speakers() == []


def test_an_older_store_gets_its_texts_hashed(store_url, make_article, monkeypatch):
    import onrecord.store.schema as schema

    old = make_article("old", [("Ann Lee", "Harbour ferries run late.", {})])
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:5])
    with open_store(store_url) as store:
        store.add(*old)
    monkeypatch.undo()
    with open_store(store_url) as store:
        assert store.stored_hashes(["old"]) == {"old": text_hash(old[0].text)}
        assert store.add(*old) == "unchanged"
        assert store.add(*make_article("old", [("Ann Lee", "Harbour ferries run early.", {})])) == "updated"


def test_a_read_only_store_says_so_before_any_work(tmp_path, make_article):
    import os
    import sqlite3

    path = tmp_path / "ro.db"
    with open_store(f"sqlite:///{path}") as store:
        store.add(*make_article("a", [("Ann Lee", "Words here.", {})]))
        store.check_writable()
    sqlite3.connect(path).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    with open_store(f"sqlite:///file:{path}?mode=ro&uri=true") as store:
        with pytest.raises(Exception, match="readonly|read-only|read only"):
            store.check_writable()
        assert store.has_document("a")
    assert os.path.exists(path)
