"""Digests: occasions (venue + date) in time order, re-quotes collapsed, every line cited."""
from onrecord.records import Venue, When
import pytest

from onrecord.store import UnknownSpeaker, digest_markdown, open_store

INDIEWIRE = Venue("interview", "IndieWire", None, "in an interview with IndieWire")
PODCAST = Venue("podcast", "Script Apart", "Al Horner", "on the Script Apart podcast")


def build(store, make_article):
    # One article quoting two occasions months apart, and an earlier remark; a later re-quote elsewhere.
    store.add(*make_article("explainer", [
        ("Kim Ode", "The car was the only place she could cry.", {"venue": INDIEWIRE,
                                                                   "when": When("in November", "2024-11", "month")}),
        ("Kim Ode", "I always wanted the ending to stay ambiguous for the audience.",
         {"venue": INDIEWIRE, "when": When("in November", "2024-11", "month")}),
        ("Kim Ode", "The last scene is about her letting someone in.", {"venue": PODCAST}),
        ("Kim Ode", "Endings used to scare me as a writer.", {"when": When("in 2015", "2015", "year")}),
    ], published="2025-03-12", title="The film, explained", outlet="Cine <Daily>"))
    store.add(*make_article("requote", [
        ("Kim Ode", "I always wanted the ending to stay ambiguous for the audience!", {}),
    ], published="2025-04-02", title="Roundup", outlet="Other"))


def test_occasions_in_time_order_with_duplicates_collapsed(store_url, make_article):
    with open_store(store_url) as store:
        build(store, make_article)
        digest = store.digest("Ode")
        assert [(o.venue.name if o.venue else None, o.date) for o in digest.occasions] == [
            (None, "2015"), ("IndieWire", "2024-11"), ("Script Apart", "2025-03-12")]
        indiewire = digest.occasions[1].statements
        assert [s.statement.doc for s in indiewire] == ["explainer", "explainer"]
        assert [s.group_size for s in indiewire] == [1, 2]
        assert sum(len(o.statements) for o in digest.occasions) == 4
        about = store.digest("Kim Ode", about="ending")
        assert [s.statement.content.text for o in about.occasions for s in o.statements] == [
            "Endings used to scare me as a writer.",
            "I always wanted the ending to stay ambiguous for the audience."]
        with pytest.raises(UnknownSpeaker, match="no speaker 'Nobody' in the store"):
            store.digest("Nobody")


def test_markdown_cites_title_outlet_date_offsets_and_escapes(store_url, make_article):
    with open_store(store_url) as store:
        build(store, make_article)
        digest = store.digest("Kim Ode", about="ending")
        md = digest_markdown(digest)
        doc, _ = store.document("explainer")
    st = digest.occasions[1].statements[0].statement
    assert st.content.text.startswith("I always wanted")
    assert doc.text[st.content.start:st.content.end] == st.content.text
    assert md.startswith("# Kim Ode on ending\n")
    assert "## Interview with IndieWire, 2024-11" in md
    assert "## Podcast — Script Apart (with Al Horner), reported 2025-03-12" in digest_markdown(store.digest("Ode"))
    assert f"*The film, explained*, Cine \\<Daily\\>, 2025-03-12, chars {st.content.start}–{st.content.end}" in md
    assert "Also in 1 other article." in md
    assert md.index("2015") < md.index("2024-11")
    assert "<Daily>" not in md


def test_quote_marks_are_not_doubled(store_url, make_article):
    with open_store(store_url) as store:
        store.add(*make_article("q", [("Kim Ode", "\u201cIt was hopeful.\u201d", {}),
                                      ("Kim Ode", "that it was \u201creally up to\u201d us", {"kind": "mixed"}),
                                      ("Kim Ode", "A block quote without marks.", {})], published="2025-01-01"))
        md = digest_markdown(store.digest("Kim Ode"))
    assert "- \u201cIt was hopeful.\u201d —" in md
    assert "- that it was \u201creally up to\u201d us —" in md
    assert "- \u201cA block quote without marks.\u201d —" in md


def test_undated_statements_keep_the_articles_narrative_order(store_url, make_article):
    """A remark "in the past" reported before a dated interview sorts before it; one after, after it."""
    with open_store(store_url) as store:
        store.add(*make_article("story", [
            ("Kim Ode", "The ending is up to the audience.", {"when": When("in the past", None, "relative")}),
            ("Kim Ode", "It is about consent.", {"venue": INDIEWIRE, "when": When("in November", "2024-11", "month")}),
            ("Kim Ode", "There is hope there.", {"venue": PODCAST, "when": When("more recently", None, "relative")}),
        ], published="2025-03-12", title="What the ending means", outlet="X"))
        digest = store.digest("Kim Ode")
    assert [(o.venue.name if o.venue else None, o.date) for o in digest.occasions] == [
        (None, "2025-03-12"), ("IndieWire", "2024-11"), ("Script Apart", "2025-03-12")]


def test_about_filters_on_what_was_said_never_on_the_title(store_url, make_article):
    """An article titled after the topic quotes much that never says it: only what was said counts."""
    with open_store(store_url) as store:
        store.add(*make_article("explainer", [
            ("Kim Ode", "The final scene is about consent.", {}),
            ("Kim Ode", "The ending stays open on purpose.", {}),
            ("Kim Ode", "We shot it in one night.", {}),
        ], published="2025-03-12", title="The ending, explained", outlet="Cine"))
        store.add(*make_article("budget", [("Kim Ode", "Endings cost the most to shoot.", {})],
                                published="2025-04-01", title="Money", outlet="Other"))
        about = store.digest("Kim Ode", about="ending")
    said = [s.statement.content.text for o in about.occasions for s in o.statements]
    assert said == ["The ending stays open on purpose.", "Endings cost the most to shoot."]


def test_a_statement_without_any_time_phrase_takes_its_articles_date(store_url, make_article):
    with open_store(store_url) as store:
        store.add(*make_article("h", [
            ("Kim Ode", "The final scene stays open.", {}),
            ("Kim Ode", "It belongs to the audience.", {"venue": INDIEWIRE, "when": When(None, "2024-11", "month")}),
        ], published="2024-11-05"))
        digest = store.digest("Kim Ode")
    assert [o.date for o in digest.occasions] == ["2024-11", "2024-11-05"]


def test_repeats_are_counted_in_articles(store_url, make_article):
    """A line quoted twice in one article and once in another is in one other article, not two."""
    line = "We will never close the harbour, whatever it costs."
    with open_store(store_url) as store:
        store.add(*make_article("first", [("Kim Ode", line, {})], published="2025-01-01"))
        store.add(*make_article("again", [("Kim Ode", line, {}), ("Kim Ode", line + " Never.", {})],
                                published="2025-02-01"))
        digest = store.digest("Kim Ode")
    [shown] = [s for o in digest.occasions for s in o.statements]
    assert shown.group_size == 3 and digest.articles == {shown.group_id: 2}
    assert "Also in 1 other article." in digest_markdown(digest)
