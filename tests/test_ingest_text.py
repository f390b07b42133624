"""Plain text is read as bytes and decoded; offsets point into it exactly as stored."""
from __future__ import annotations

import io

import pytest

from onrecord.ingest import (InputError, document_from_text, iter_documents, leading_date,
                             parse_published, read_path, read_source)


def test_leading_date_on_the_first_sentence_line_keeps_the_text(tmp_path):
    raw = ' date 2025-03-12 The mayor said the bridge would open.\n\nShe added more.\n'
    path = tmp_path / "bridge-story.txt"
    path.write_bytes(raw.encode("utf-8"))
    [doc] = read_path(str(path))
    assert doc.text == raw
    assert doc.published == "2025-03-12"
    assert doc.id == "bridge-story"
    assert doc.source == str(path)


def test_newlines_and_unicode_are_not_translated(tmp_path):
    raw = 'date 2024-01-02\r\n“Ça va,” she said.\r\n\r\nCafé – naïve.\r'
    path = tmp_path / "crlf.txt"
    path.write_bytes(raw.encode("utf-8"))
    [doc] = read_path(str(path))
    assert doc.text == raw
    start = raw.index("“")
    assert doc.text[start:start + 8] == "“Ça va,”"


def test_published_overrides_the_date_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("date 2020-01-01 Text.", encoding="utf-8")
    [doc] = read_path(str(path), published="2021-05-06")
    assert doc.published == "2021-05-06"


def test_no_date_line_means_no_date(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Updated 2020-01-01: text.", encoding="utf-8")
    [doc] = read_path(str(path))
    assert doc.published is None


def test_byte_order_mark_is_kept_and_the_date_still_read():
    text = "\ufeffdate 2023-07-08\nBody."
    assert leading_date(text) == "2023-07-08"
    assert document_from_text(text).text == text


def test_an_impossible_date_line_is_not_a_date():
    assert leading_date("date 2023-02-30 Body.") is None


def test_document_ids_fall_back_to_a_content_hash():
    a = document_from_text("Same words.")
    assert a.id == document_from_text("Same words.").id
    assert a.id != document_from_text("Other words.").id


def test_stdin_is_read_as_text():
    raw = "date 2022-02-02\nShe said it.\n".encode("utf-8")
    [doc] = iter_documents(["-"], stdin=io.BytesIO(raw))
    assert doc.id == "stdin" and doc.text == raw.decode("utf-8") and doc.published == "2022-02-02"


def test_stdin_that_starts_like_a_page_is_read_as_html():
    page = (b"<!DOCTYPE html><html><head><title>T</title></head><body><article>"
            b"<p>The coach said the team would be back next season, stronger than ever.</p>"
            b"</article></body></html>")
    [doc] = iter_documents(["-"], stdin=io.BytesIO(page))
    assert "<" not in doc.text and "coach said" in doc.text


def test_unknown_suffix_given_by_name_is_read_as_text(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("He said so.", encoding="utf-8")
    [doc] = read_source(str(path))
    assert doc.id == "notes" and doc.text == "He said so."


@pytest.mark.parametrize("value, expected", [
    ("2025-03-12", "2025-03-12"), ("2025-03-12T10:00:00Z", "2025-03-12"), (" 2024-02-29 ", "2024-02-29"),
])
def test_parse_published_accepts_days(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["12/03/2025", "2025-13-01", "2023-02-29", "yesterday", ""])
def test_parse_published_refuses_everything_else(value):
    with pytest.raises(ValueError):
        parse_published(value)


def test_read_path_raises_the_input_error(tmp_path):
    with pytest.raises(InputError) as info:
        list(read_path(str(tmp_path / "missing.txt")))
    assert info.value.reason == "no such file"
