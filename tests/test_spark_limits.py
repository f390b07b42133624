"""The Spark job keeps the one size limit extract and ingest keep, and checks ids and texts alike."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from onrecord.spark.read import item_of_row, items_of_file


def test_a_parquet_row_over_the_limit_or_with_a_bad_id_is_an_error_row():
    assert item_of_row({"id": "a", "text": "He said so. " * 200}, max_bytes=1000) == (
        "error", ("read", "parquet id a", "a", "too large (over 1000 bytes; raise the limit with --max-bytes)"))
    kind, (_stage, _source, _doc, reason) = item_of_row({"id": "x" * 201, "text": "He said so."})
    assert kind == "error" and reason.startswith('"id": id is 201 characters long')
    kind, (*_, reason) = item_of_row({"id": "s", "text": "He said \ud800 so."})
    assert kind == "error" and "lone surrogate" in reason
    assert item_of_row({"id": "0", "text": "He said so."}, max_bytes=1000)[0] == "doc"


def test_a_jsonl_record_over_the_limit_is_an_error_row_and_the_rest_read():
    data = "\n".join(json.dumps({"id": i, "text": t}) for i, t in
                     [("a", "Short."), ("b", "word " * 400), ("c", "Also short.")]).encode()
    items = list(items_of_file("hdfs://corpus/part.jsonl", data, max_bytes=1000))
    assert [kind for kind, _ in items] == ["doc", "error", "doc"]
    assert items[1][1][1] == "hdfs://corpus/part.jsonl" and "line 2: record too large" in items[1][1][3]


@pytest.mark.spark
def test_the_spark_command_refuses_a_file_over_the_limit_before_reading_it(tmp_path):
    if shutil.which("java") is None:
        pytest.skip("Java is not installed: Spark cannot start")
    pytest.importorskip("pyspark")
    from onrecord.cli import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "big.txt").write_text("Nobody said anything here. " * 100)
    (corpus / "records.jsonl").write_text(json.dumps({"id": "huge", "text": "word " * 400}) + "\n")
    result = CliRunner().invoke(main, ["spark", str(corpus), str(tmp_path / "out"), "--master", "local[1]",
                                       "--max-bytes", "1000"])
    assert result.exit_code == 2, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("onrecord: ")]
    assert any("big.txt: too large (over 1000 bytes" in e for e in errors)
    assert any("records.jsonl" in e and "line 1: record too large (over 1000 bytes)" in e for e in errors)


def test_one_id_twice_in_a_file_is_an_error_row_in_spark_too():
    data = "\n".join(json.dumps({"id": "a", "text": t}) for t in ("First.", "Second.")).encode()
    kinds = [(kind, value if kind == "error" else value.id) for kind, value in items_of_file("hdfs://c/p.jsonl", data)]
    assert kinds[0] == ("doc", "a") and kinds[1][0] == "error" and "id 'a' was already read" in kinds[1][1][3]
