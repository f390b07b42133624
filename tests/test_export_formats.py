"""The stream writers: JSONL, JSON, table and Markdown, one document at a time."""
from __future__ import annotations

import io
import json

import pytest

from onrecord.export import FORMATS, open_writer, quote_text, shorten, write_json, write_jsonl
from onrecord.records import Document, Span, Statement, Venue, When, statement_id

TEXT = '"Part one," she said, "part two." Later the chief | told us that it was <b>fine</b>.'


def _statements(doc_id: str = "d1") -> list[Statement]:
    content = Span.of_parts(TEXT, [(0, 11), (22, 33)])
    second = Span.of(TEXT, TEXT.index("it was"), len(TEXT) - 1)
    return [
        Statement(statement_id(doc_id, content.start, content.end), doc_id, "direct", content,
                  cue=Span.of(TEXT, 16, 20), speaker=Span.of(TEXT, 12, 15), speaker_name="Mara Quill",
                  venue=Venue("podcast", "The Long Table", "Theo Brandt", "on The Long Table podcast"),
                  when=When("last spring", "2023", "season"), confidence=0.9),
        Statement(statement_id(doc_id, second.start, second.end), doc_id, "indirect", second,
                  cue=Span.of(TEXT, TEXT.index("told"), TEXT.index("told") + 4)),
    ]


DOC = Document(id="d1", text=TEXT, title="A | title", published="2024-01-02")
EMPTY = Document(id="d2", text="Nothing here.")


def _render(fmt: str) -> str:
    out = io.StringIO()
    writer = open_writer(fmt, out)
    writer.write(DOC, _statements())
    writer.write(EMPTY, [])
    writer.close()
    return out.getvalue()


def test_jsonl_is_one_statement_dict_a_line():
    lines = _render("jsonl").splitlines()
    assert [json.loads(line) for line in lines] == [st.to_dict() for st in _statements()]


def test_json_is_one_array_written_in_pieces():
    assert json.loads(_render("json")) == [st.to_dict() for st in _statements()]


def test_json_with_no_statements_is_an_empty_array():
    out = io.StringIO()
    writer = open_writer("json", out)
    writer.write(EMPTY, [])
    writer.close()
    assert json.loads(out.getvalue()) == []


def test_the_plain_writers_agree_with_the_streaming_ones():
    a, b = io.StringIO(), io.StringIO()
    write_jsonl(_statements(), a)
    write_json(_statements(), b)
    assert a.getvalue() == _render("jsonl")
    assert json.loads(b.getvalue()) == json.loads(_render("json"))


def test_table_names_speaker_kind_quote_venue_and_when():
    out = _render("table")
    for needle in ("speaker", "quote", "venue", "when", "Mara Quill (she)", "direct", "indirect",
                   '"Part one," … "part two."', "The Long Table (podcast),", "with Theo", "Brandt",
                   "2023 (last spring)", "d1 — A | title — 2024-01-02", "d2: no statements found"):
        assert needle in out, needle


def test_markdown_escapes_cells_and_heads_each_document():
    out = _render("markdown")
    assert "## d1 — A \\| title — 2024-01-02" in out
    assert "| speaker | kind | quote | venue | when |" in out
    assert "&lt;" not in out and "\\<b\\>fine\\</b\\>" in out
    assert "## d2\n\nNo statements found." in out
    rows = [line for line in out.splitlines() if line.startswith("| ") and "---" not in line]
    assert all(line.count(" | ") == 4 for line in rows)


def test_quote_text_drops_the_cue_between_parts():
    assert quote_text(_statements()[0]) == '"Part one," … "part two."'


def test_shorten_cuts_at_a_word():
    assert shorten("one two three four", 12) == "one two…"
    assert shorten("a\nb   c", 90) == "a b c"
    assert len(shorten("x" * 200, 50)) == 50


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown format"):
        open_writer("yaml", io.StringIO())
    assert FORMATS == ("jsonl", "json", "table", "markdown")


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_control_characters_from_articles_never_reach_the_terminal(fmt):
    text = 'Evil\x1b[31m said "\u202eno\x07" and \x1b]0;title\x07 left.'
    st = Statement("x", "d", "direct", Span.of(text, 0, len(text)), speaker_name="A\x1b[2J B")
    out = io.StringIO()
    writer = open_writer(fmt, out)
    writer.write(Document(id="d\x1b[1m", text=text, title="T\u202e"), [st])
    writer.close()
    rendered = out.getvalue()
    assert not any(ch in rendered for ch in "\x1b\x07\u202e")
    assert "31m said" in rendered
