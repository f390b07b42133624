"""The Spark job for real, in local[2], on the crawl inputs: a WARC file and a folder of HTML
pages. Statements equal a local run's, with exact offsets into the extracted page text, and a
page without article text lands in errors/ while the rest go on."""
from __future__ import annotations

import io
import shutil

import pytest

pytestmark = [pytest.mark.spark, pytest.mark.model]

FERRY = ("<html><head><title>Storm closes ferry | Island Post</title>"
         "<meta property='og:site_name' content='Island Post'></head><body><article>"
         "<p>The ferry operator said crossings would resume on Friday, once the storm has passed.</p>"
         "<p>\"Safety comes first, and we will not take any risks with passengers,\" a spokeswoman "
         "told the paper.</p></article></body></html>")
HARBOUR = ("<!doctype html><html><head><title>Harbour plan approved | The Coastal Ledger</title>"
           "<meta property='og:site_name' content='The Coastal Ledger'>"
           "<meta property='article:published_time' content='2024-05-02T10:00:00Z'></head>"
           "<body><nav><a href='/'>Home</a></nav><article><h1>Harbour plan approved</h1>"
           "<p>The harbour master said on Tuesday that the new pier \"will open in June,\" adding "
           "that costs had risen.</p><p>\u201cWe are proud of it,\u201d she told reporters.</p>"
           "</article><footer>Copyright The Coastal Ledger</footer></body></html>")
SCHOOL = ("<html><head><title>School reopens | Valley Times</title></head><body><article>"
          "<p>\"The building is safe and the children can come back on Monday,\" the principal "
          "said in a letter to parents.</p><p>Repairs took three weeks.</p></article></body></html>")
NO_ARTICLE = b"<html><head><title>Nothing</title></head><body></body></html>"


def _warc(path, records) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for uri, ctype, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


@pytest.fixture(scope="module")
def spark_runs(tmp_path_factory):
    """The job run on each input in one Spark session: {name: (input, output, summary)}."""
    if shutil.which("java") is None:
        pytest.skip("Java is not installed: Spark cannot start")
    pytest.importorskip("pyspark")
    from onrecord.spark.job import run, session

    root = tmp_path_factory.mktemp("spark-inputs")
    warc = root / "crawl.warc.gz"
    _warc(warc, [("https://islandpost.example/news/ferry", "text/html; charset=utf-8", FERRY.encode()),
                 ("https://islandpost.example/logo.png", "image/png", b"\x89PNG\r\n"),
                 ("https://islandpost.example/empty", "text/html", NO_ARTICLE),
                 ("https://valleytimes.example/school", "text/html", SCHOOL.encode())])
    pages = root / "pages"
    (pages / "2024").mkdir(parents=True)
    (pages / "harbour-plan.html").write_text(HARBOUR, encoding="utf-8")
    (pages / "2024" / "school.htm").write_text(SCHOOL, encoding="utf-8")
    (pages / "blank.html").write_bytes(NO_ARTICLE)
    spark = session("local[2]", app_name="onrecord-tests-inputs")
    try:
        return {name: (path, root / f"out-{name}", run(spark, str(path), str(root / f"out-{name}"),
                                                        partitions=2))
                for name, path in (("warc", warc), ("html", pages))}
    finally:
        spark.stop()


def _rows(folder) -> list[dict]:
    import pyarrow.parquet as pq

    return pq.read_table(str(folder)).to_pylist()


def _local_documents(path):
    from onrecord.ingest import read_source

    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    return [d for f in files for d in read_source(str(f)) if not isinstance(d, Exception)]


@pytest.mark.parametrize("name, ids, quote", [
    ("warc", {"islandpost-example-news-ferry", "valleytimes-example-school"}, "Safety comes first"),
    ("html", {"harbour-plan", "school"}, "We are proud of it"),
])
def test_statements_equal_a_local_run_with_exact_offsets(spark_runs, extractor, name, ids, quote):
    from onrecord.records import ROW_FIELDS, statement_to_row

    path, output, summary = spark_runs[name]
    local = _local_documents(path)
    expected = sorted(tuple(statement_to_row(s)[f] for f in ROW_FIELDS)
                      for _, found in extractor.extract_many(local) for s in found)
    statements = _rows(output / "statements")
    assert sorted(tuple(r[f] for f in ROW_FIELDS) for r in statements) == expected
    documents = {d["id"]: d for d in _rows(output / "documents")}
    assert {doc_id.rsplit("-", 1)[0] if name == "warc" else doc_id for doc_id in documents} == ids
    assert summary.documents == 2 and {r["doc"] for r in statements} == set(documents)
    assert summary.statements == len(statements) >= 3
    for row in statements:
        text = documents[row["doc"]]["text"]
        for span in ("content", "cue", "speaker"):
            if row[f"{span}_start"] is not None:
                assert text[row[f"{span}_start"]:row[f"{span}_end"]] == row[f"{span}_text"]
    assert any(quote in r["content_text"] and r["kind"] == "direct" for r in statements)
    assert any("children can come back on Monday" in r["content_text"] for r in statements)


def test_warc_documents_keep_url_and_outlet(spark_runs):
    _, output, _ = spark_runs["warc"]
    ferry = next(d for d in _rows(output / "documents") if d["url"].endswith("/news/ferry"))
    assert ferry["outlet"] == "Island Post" and "crossings would resume on Friday" in ferry["text"]
    assert "crawl.warc.gz record https://islandpost.example/news/ferry" in ferry["source"]


def test_html_documents_keep_their_page_metadata(spark_runs):
    _, output, _ = spark_runs["html"]
    harbour = next(d for d in _rows(output / "documents") if d["id"] == "harbour-plan")
    assert harbour["published"] == "2024-05-02" and harbour["outlet"] == "The Coastal Ledger"
    assert harbour["source"].endswith("/pages/harbour-plan.html") and "Copyright" not in harbour["text"]


@pytest.mark.parametrize("name, where", [
    ("warc", "crawl.warc.gz record https://islandpost.example/empty"),
    ("html", "/pages/blank.html"),
])
def test_a_page_without_article_text_lands_in_errors(spark_runs, name, where):
    _, output, summary = spark_runs[name]
    [error] = _rows(output / "errors")
    assert summary.errors == 1
    assert error["stage"] == "read" and error["doc"] is None
    assert error["source"].endswith(where) and error["source"].startswith("file:")
    assert error["reason"] == "no article text found in the HTML"
