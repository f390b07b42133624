"""Inputs that used to be lost or mangled in silence: cut-off WARC records, ids that are no ids,
one id twice, unreadable folders, runaway JSONL lines, UTF-16/32 text, names with newlines."""
from __future__ import annotations

import io
import json
import os

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from onrecord.ingest import InputError, _bounded_lines, iter_documents, leading_date, parse_published, read_source

PAGE = ("<html><head><title>{title}</title></head><body><article>"
        "<p>{body}</p><p>\"We will be back,\" the owner told reporters.</p></article></body></html>")
LONG_BODY = " ".join(["The council said the market would reopen once the roof is repaired."] * 40)


def _warc(path, pages, gzip):
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for uri, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(html.encode()),
                                                          http_headers=headers))
    return path.read_bytes()


@pytest.mark.parametrize("gzip", [False, True])
@pytest.mark.parametrize("share_cut", [0.05, 0.3])
def test_a_cut_off_last_record_is_reported_with_its_offset_and_never_read_in_part(tmp_path, gzip, share_cut):
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    whole = _warc(path, [("https://paper.example/a", PAGE.format(title="A", body="Short piece.")),
                         ("https://paper.example/b", PAGE.format(title="B", body=LONG_BODY))], gzip)
    path.write_bytes(whole[:-max(1, int(len(whole) * share_cut))])
    first, second = read_source(str(path))
    assert first.url == "https://paper.example/a"
    assert isinstance(second, InputError), "no document from a record the file holds only part of"
    assert "offset" in second.reason and ("cut off" in second.reason or "corrupt" in second.reason)
    assert "\n" not in str(second)


def test_a_corrupt_record_in_the_middle_is_reported_and_what_came_before_kept(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    whole = _warc(path, [("https://paper.example/a", PAGE.format(title="A", body="Short piece.")),
                         ("https://paper.example/b", PAGE.format(title="B", body=LONG_BODY)),
                         ("https://paper.example/c", PAGE.format(title="C", body="Third piece."))], True)
    middle = len(whole) // 2
    path.write_bytes(whole[:middle] + bytes(b ^ 0x5A for b in whole[middle:middle + 64]) + whole[middle + 64:])
    items = list(read_source(str(path)))
    assert items[0].url == "https://paper.example/a"
    errors = [i for i in items if isinstance(i, InputError)]
    assert errors and all("offset" in e.reason for e in errors)
    assert not any(getattr(i, "url", None) == "https://paper.example/b" for i in items)


@pytest.mark.parametrize("value, expected", [(0, "0"), (17, "17"), ("x-1", "x-1")])
def test_jsonl_ids_are_kept_as_given(tmp_path, value, expected):
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps({"id": value, "text": "He said so."}) + "\n")
    [doc] = read_source(str(path))
    assert doc.id == expected


@pytest.mark.parametrize("value, why", [({"nested": 1}, "an object"), ([1], "a list"), (True, "true or false"),
                                        (1.5, "fraction"), ("", "blank"), ("x" * 201, "201 characters"),
                                        ("a\nb", "control"), ("\ud800", "invalid Unicode")])
def test_jsonl_ids_that_are_no_ids_are_reported(tmp_path, value, why):
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps({"id": value, "text": "He said so."}) + "\n")
    [err] = read_source(str(path))
    assert isinstance(err, InputError) and err.reason.startswith('line 1: "id": ') and why in err.reason


def test_a_lone_surrogate_in_a_text_is_reported(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text('{"id": "s", "text": "He said \\ud83d so."}\n')
    [err] = read_source(str(path))
    assert isinstance(err, InputError) and "lone surrogate" in err.reason


def test_one_id_twice_in_a_batch_is_reported_and_the_first_kept(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps({"id": i, "text": t}) for i, t in
                              [("a", "First."), ("b", "Second."), ("a", "First, changed.")]) + "\n")
    (tmp_path / "b.txt").write_text("A file whose name is b.")
    items = list(iter_documents([str(path), str(tmp_path / "b.txt")]))
    assert [i.id for i in items if not isinstance(i, InputError)] == ["a", "b"]
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == 2
    assert "id 'a' was already read from" in errors[0].reason and f"{path}:1" in errors[0].reason
    assert errors[1].source == str(tmp_path / "b.txt") and "id 'b'" in errors[1].reason


def test_an_unreadable_sub_folder_is_reported(tmp_path, monkeypatch):
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text("Readable.")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text("Never read.")
    real_scandir = os.scandir

    def scandir(path="."):  # what a folder without read permission gives a non-root user
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(iter_documents([str(tmp_path)]))
    assert [i.id for i in items if not isinstance(i, InputError)] == ["a"]
    [err] = [i for i in items if isinstance(i, InputError)]
    assert err.source == str(locked) and err.reason == "folder not readable: permission denied"


def test_a_runaway_jsonl_line_is_refused_without_being_read_whole(tmp_path):
    huge = json.dumps({"id": "big", "text": "word " * 600_000}).encode()
    data = b'{"id": "a", "text": "First."}\n' + huge + b'\n{"id": "c", "text": "Last."}\n'
    reads = []

    class Watched(io.BytesIO):
        def readline(self, size=-1):
            line = super().readline(size)
            reads.append(len(line))
            return line

    lines = list(_bounded_lines(Watched(data), 1000))
    assert lines[1] is None and lines[2].startswith(b'{"id": "c"')
    assert max(reads) <= 1 << 20, "the long line was taken in pieces"
    path = tmp_path / "batch.jsonl"
    path.write_bytes(data)
    first, err, last = read_source(str(path), max_bytes=1000)
    assert (first.id, last.id) == ("a", "c")
    assert err.reason == "line 2: record too large (over 1000 bytes)"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path, encoding):
    text = "date 2025-01-02\n\nThe mayor said: \u201cWe will rebuild the pier.\u201d \u00c9lodie agreed.\n"
    bom = {"utf-16": "", "utf-32": ""}.get(encoding, "\ufeff")  # the -be codecs write no mark themselves
    path = tmp_path / "letter.txt"
    path.write_bytes((bom + text).encode(encoding))
    [doc] = read_source(str(path))
    assert doc.text.lstrip("\ufeff") == text and doc.published == "2025-01-02"
    start = doc.text.index("We will")
    assert doc.text[start:start + 24] == "We will rebuild the pier"


def test_a_file_name_with_a_newline_stays_on_one_line(tmp_path):
    path = tmp_path / "two\nlines.txt"
    path.write_bytes(b"")
    [err] = read_source(str(path))
    assert "\n" not in str(err) and "two\\nlines.txt: empty" in str(err)


@pytest.mark.parametrize("value", ["2024-13-45", "2024-02-30", "0001-01-01", "9999-12-31"])
def test_impossible_and_out_of_range_dates_are_refused(tmp_path, value):
    with pytest.raises(ValueError):
        parse_published(value)
    assert leading_date(f"date {value}\n\nText.") is None
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps({"id": "d", "text": "He said so.", "published": value}) + "\n")
    [err] = read_source(str(path))
    assert isinstance(err, InputError) and '"published"' in err.reason


@pytest.mark.model
def test_dates_at_the_ends_of_the_calendar_never_crash_extraction(extractor):
    import onrecord
    from onrecord.records import Document

    text = "Last year the mayor said the pier would reopen. \u201cNext year,\u201d she told reporters three days ago.\n"
    for published in ("0001-01-01", "9999-12-31"):  # stored by older versions; relative times left unresolved
        found = extractor.extract(Document("old", text, published=published))
        assert found and all(st.when is None or st.when.date is None or st.when.date[:4] not in ("0000", "10000")
                             for st in found)
        with pytest.raises(ValueError, match="YYYY-MM-DD"):
            onrecord.extract(text, published=published)
    with pytest.raises(ValueError, match="surrogate"):
        onrecord.extract("He said \ud800 so.")
