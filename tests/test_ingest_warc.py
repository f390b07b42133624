"""WARC crawls: HTML responses through trafilatura; the target URI is the url and names the id."""
from __future__ import annotations

import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from onrecord.ingest import InputError, read_source, url_id

ARTICLE = ("<html><head><title>Storm closes ferry | Island Post</title>"
           "<meta property='og:site_name' content='Island Post'></head><body><article>"
           "<p>The ferry operator said crossings would resume on Friday, once the storm has passed.</p>"
           "<p>\"Safety comes first,\" a spokeswoman told the paper.</p></article></body></html>")


def _warc(path, records, gzip):
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for uri, ctype, status, body in records:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                               http_headers=headers)
            writer.write_record(record)


@pytest.mark.parametrize("name, gzip", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_html_responses_become_documents(tmp_path, name, gzip):
    path = tmp_path / name
    _warc(path, [
        ("https://islandpost.example/news/ferry", "text/html; charset=utf-8", "200 OK", ARTICLE.encode()),
        ("https://islandpost.example/logo.png", "image/png", "200 OK", b"\x89PNG\r\n"),
        ("https://islandpost.example/gone", "text/html", "404 Not Found", b"<html>gone</html>"),
    ], gzip)
    [doc] = read_source(str(path))
    assert doc.url == "https://islandpost.example/news/ferry"
    assert doc.id == url_id("https://islandpost.example/news/ferry")
    assert doc.id.startswith("islandpost-example-news-ferry-")
    assert "crossings would resume on Friday" in doc.text
    assert doc.outlet == "Island Post"


def test_url_ids_are_stable_and_distinct():
    assert url_id("https://a.example/x?id=1") == url_id("https://a.example/x?id=1")
    assert url_id("https://a.example/x?id=1") != url_id("https://a.example/x?id=2")


def test_a_page_without_text_is_reported_and_the_rest_read(tmp_path):
    path = tmp_path / "mixed.warc.gz"
    _warc(path, [
        ("https://islandpost.example/empty", "text/html", "200 OK", b"<html><body></body></html>"),
        ("https://islandpost.example/news/ferry", "text/html", "200 OK", ARTICLE.encode()),
    ], True)
    err, doc = read_source(str(path))
    assert isinstance(err, InputError)
    assert "https://islandpost.example/empty" in str(err) and "no article text" in err.reason
    assert doc.url.endswith("/ferry")


def test_a_warc_without_html_is_an_error(tmp_path):
    path = tmp_path / "images.warc"
    _warc(path, [("https://x.example/a.png", "image/png", "200 OK", b"png")], False)
    [err] = read_source(str(path))
    assert isinstance(err, InputError) and err.reason == "no HTML response records in the WARC file"


def test_a_file_that_is_not_a_warc_is_an_error(tmp_path):
    path = tmp_path / "fake.warc.gz"
    path.write_bytes(b"this is not a web archive at all\n")
    [err] = read_source(str(path))
    assert isinstance(err, InputError) and err.reason.startswith("not a readable WARC file")
    assert "\n" not in str(err)
