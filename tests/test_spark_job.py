"""The Spark job for real, in local[2], on a small corpus built here: the same statements as a
local run, bad records in errors/, near-duplicate quotes grouped across documents."""
from __future__ import annotations

import json
import shutil

import pytest

pytestmark = pytest.mark.spark

NEAR_A = "\u201cWe will not raise taxes this year or next year, whatever happens,\u201d the governor said on Monday."
NEAR_B = 'The governor told reporters: "We will not raise taxes this year or next, whatever happens." She left.'
OTHER = '"The bridge will reopen in May, after the inspectors sign off," the mayor told reporters.'
TEXT_FILE = '"I have never seen a season like this one in my whole career," the coach said after the game.'
PARQUET_DOC = 'Officials said the new rules "will protect renters from sudden and unfair rent increases."'


@pytest.fixture(scope="session")
def spark_run(tmp_path_factory):
    """The job run once for this file: (input folder, output folder, summary)."""
    if shutil.which("java") is None:
        pytest.skip("Java is not installed: Spark cannot start")
    pytest.importorskip("pyspark")
    import pyarrow as pa
    import pyarrow.parquet as pq

    from onrecord.spark.job import run, session

    root = tmp_path_factory.mktemp("spark")
    corpus = root / "corpus"
    corpus.mkdir()
    lines = [json.dumps({"id": "later", "text": NEAR_A, "published": "2024-03-02", "outlet": "Daily"}),
             "{not json",
             json.dumps({"id": "earlier", "text": NEAR_B, "published": "2024-03-01"}),
             json.dumps({"id": "other", "text": OTHER, "published": "2024-02-01"})]
    (corpus / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (corpus / "coach.txt").write_text(TEXT_FILE, encoding="utf-8")
    pq.write_table(pa.table({"id": ["rules", "empty"], "text": [PARQUET_DOC, "  "],
                             "published": ["2024-01-05", None], "url": ["https://example.org/r", None],
                             "title": ["Rules", None], "outlet": ["Gazette", None]}),
                   corpus / "table.parquet")
    spark = session("local[2]", app_name="onrecord-tests")
    output = root / "out"
    try:
        summary = run(spark, str(corpus), str(output), partitions=2)
    finally:
        spark.stop()
    return corpus, output, summary


def _rows(folder) -> list[dict]:
    import pyarrow.parquet as pq

    return pq.read_table(str(folder)).to_pylist()


@pytest.mark.model
def test_statements_equal_a_local_run(spark_run, extractor):
    from onrecord.ingest import document_from_text, read_source
    from onrecord.records import ROW_FIELDS, statement_to_row

    corpus, output, _ = spark_run
    local_docs = [d for path in ("feed.jsonl", "coach.txt")
                  for d in read_source(str(corpus / path)) if not isinstance(d, Exception)]
    local_docs.append(document_from_text(PARQUET_DOC, doc_id="rules", published="2024-01-05"))
    expected = sorted(tuple(statement_to_row(s)[f] for f in ROW_FIELDS)
                      for _, found in extractor.extract_many(local_docs) for s in found)
    got = sorted(tuple(r[f] for f in ROW_FIELDS) for r in _rows(output / "statements"))
    assert got == expected
    assert {r[1] for r in got} >= {"later", "earlier", "other", "coach", "rules"}
    texts = {d.id: d.text for d in local_docs}
    for row in _rows(output / "statements"):
        assert texts[row["doc"]][row["content_start"]:row["content_end"]] == row["content_text"]


@pytest.mark.model
def test_documents_keep_their_metadata(spark_run):
    _, output, summary = spark_run
    docs = {r["id"]: r for r in _rows(output / "documents")}
    assert set(docs) == {"later", "earlier", "other", "coach", "rules"}
    assert summary.documents == 5
    assert docs["later"]["outlet"] == "Daily" and docs["later"]["published"] == "2024-03-02"
    assert docs["rules"]["url"] == "https://example.org/r" and docs["rules"]["title"] == "Rules"
    assert docs["coach"]["text"] == TEXT_FILE


@pytest.mark.model
def test_broken_records_land_in_errors(spark_run):
    _, output, summary = spark_run
    errors = _rows(output / "errors")
    assert summary.errors == len(errors) == 2
    by_reason = {e["reason"]: e for e in errors}
    bad_json = next(e for e in errors if "not valid JSON" in e["reason"])
    assert bad_json["stage"] == "read" and "feed.jsonl" in bad_json["source"] and bad_json["reason"].startswith("line 2: ")
    assert by_reason.get('no "text" string', {}).get("doc") == "empty"


@pytest.mark.model
def test_near_duplicates_group_across_documents(spark_run):
    from onrecord.provenance import is_near_duplicate

    _, output, summary = spark_run
    statements = {r["id"]: r for r in _rows(output / "statements")}
    groups = {g["statement_id"]: g for g in _rows(output / "groups")}
    assert set(groups) == set(statements)
    taxes = [sid for sid, s in statements.items() if "raise taxes" in s["content_text"]]
    assert {statements[sid]["doc"] for sid in taxes} == {"later", "earlier"}
    assert is_near_duplicate(*[statements[sid]["content_text"] for sid in taxes])
    (group_id,) = {groups[sid]["group_id"] for sid in taxes}
    earliest = next(sid for sid in taxes if statements[sid]["doc"] == "earlier")
    assert group_id == earliest
    assert {groups[sid]["earliest_doc"] for sid in taxes} == {"earlier"}
    assert {groups[sid]["earliest_published"] for sid in taxes} == {"2024-03-01"}
    assert {groups[sid]["group_size"] for sid in taxes} == {2}
    for sid in set(statements) - set(taxes):
        assert groups[sid]["group_id"] == sid and groups[sid]["group_size"] == 1
    assert summary.groups == 1


def test_store_rule_groups_by_text_and_speaker_in_order_of_appearance():
    from onrecord.spark.groups import store_groups

    base = "We will not raise taxes this year or next year, whatever happens."
    near = "We will not raise taxes this year or next, whatever happens."
    far = "The bridge will reopen in May, after the inspectors sign off."
    members = [("s2", "d2", "2024-03-02", 0, near, "Ann Lee"),
               ("s1", "d1", "2024-03-01", 5, base, "Ann Lee"),
               ("s3", "d3", "2024-03-03", 0, near, None),
               ("s4", "d4", "2024-03-04", 0, base, "Bob Roe"),
               ("s5", "d5", None, 0, far, "Ann Lee")]
    rows = {r[0]: r[1:] for r in store_groups(members)}
    assert rows["s1"] == rows["s2"] == rows["s3"] == ("s1", 3, "d1", "2024-03-01")
    assert rows["s4"] == ("s4", 1, "d4", "2024-03-04")  # the same words from someone else
    assert rows["s5"] == ("s5", 1, "d5", None)
