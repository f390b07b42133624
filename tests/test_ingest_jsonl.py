"""JSONL records: one document a line; a bad line is reported with its number, the rest read."""
from __future__ import annotations

import json

from onrecord.ingest import InputError, read_source


def _write(path, lines):
    path.write_bytes(b"\n".join(lines) + b"\n")


def test_records_become_documents_with_their_fields(tmp_path):
    path = tmp_path / "batch.jsonl"
    _write(path, [
        json.dumps({"id": "r1", "text": "She said “yes.”\r\nThen left.", "published": "2024-03-01",
                    "url": "https://x.example/1", "title": "One", "outlet": "Example Times"}).encode(),
        json.dumps({"text": "He said no.", "published": "2024-03-02T08:00:00+01:00"}).encode(),
    ])
    one, two = read_source(str(path))
    assert (one.id, one.published, one.url, one.title, one.outlet) == (
        "r1", "2024-03-01", "https://x.example/1", "One", "Example Times")
    assert one.text == "She said “yes.”\r\nThen left."
    assert two.id == "batch-2" and two.published == "2024-03-02" and two.url is None
    assert two.source == f"{path}:2"


def test_bad_lines_are_reported_by_number_and_the_rest_read(tmp_path):
    path = tmp_path / "mixed.jsonl"
    _write(path, [
        json.dumps({"id": "ok1", "text": "First."}).encode(),
        b"{not json",
        b"",
        json.dumps(["a", "list"]).encode(),
        json.dumps({"id": "no-text"}).encode(),
        b'{"id": "bad-bytes", "text": "caf\xe9"}',
        json.dumps({"id": "bad-date", "text": "T.", "published": "soon"}).encode(),
        json.dumps({"id": "ok2", "text": "Last."}).encode(),
    ])
    items = list(read_source(str(path)))
    docs = [i for i in items if not isinstance(i, InputError)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [d.id for d in docs] == ["ok1", "ok2"]
    assert [e.reason.split(":")[0] for e in errors] == ["line 2", "line 4", "line 5", "line 6", "line 7"]
    assert all(e.source == str(path) and "\n" not in str(e) for e in errors)
    assert "not valid JSON" in errors[0].reason
    assert "not a JSON object" in errors[1].reason
    assert '"text"' in errors[2].reason
    assert "UTF-8" in errors[3].reason
    assert "published" in errors[4].reason


def test_published_overrides_and_forgives_record_dates(tmp_path):
    path = tmp_path / "b.jsonl"
    _write(path, [json.dumps({"id": "a", "text": "T.", "published": "not a date"}).encode()])
    [doc] = read_source(str(path), published="2020-02-02")
    assert doc.published == "2020-02-02"


def test_an_oversized_record_is_refused_alone(tmp_path):
    path = tmp_path / "big.jsonl"
    _write(path, [json.dumps({"id": "big", "text": "x " * 600}).encode(),
                  json.dumps({"id": "small", "text": "Fine."}).encode()])
    err, doc = read_source(str(path), max_bytes=1000)
    assert isinstance(err, InputError) and err.reason.startswith("line 1: record too large")
    assert doc.id == "small"


def test_an_empty_jsonl_file_is_an_error(tmp_path):
    path = tmp_path / "none.jsonl"
    path.write_bytes(b"\n\n")
    [err] = read_source(str(path))
    assert isinstance(err, InputError) and err.reason == "empty"
