"""The researcher's pages: every list counted and downloadable (one route: HTML, ?format=json, ?format=csv),
articles and outlets with filters, speakers found by name, the corpus in charts, a statement in its whole
article, repeats counted in articles, API docs offline; everything from articles escaped."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import pathlib
import re

import pytest
from fastapi.testclient import TestClient

import serve_corpus
from onrecord.records import Document, Span, Statement, statement_id
from onrecord.serve import create_app, formats
from onrecord.store import open_store

VENDOR = pathlib.Path(__file__).resolve().parent.parent / "onrecord" / "serve" / "static" / "vendor"
HTML = {"accept": "text/html"}
HOSTILE = "Ed <script>alert('n')</script> Vile"


def hostile_article() -> tuple[Document, list[Statement]]:
    """An article whose title, outlet and speaker name carry markup, and which repeats one quote twice."""
    text = ('date 2025-03-20\n\nQuint said the ending "belongs to the audience," and later, again, that it '
            '"belongs to the audience." Ed said "</script><b>hi</b>".\n')
    statements = []
    for n, (quote, name) in enumerate((('"belongs to the audience,"', "Mara Quint"),
                                       ('"belongs to the audience."', "Mara Quint"),
                                       ('"</script><b>hi</b>"', HOSTILE))):
        start = text.index(quote)
        content = Span.of(text, start, start + len(quote))
        mention = "Ed" if n == 2 else "Quint"
        speaker = Span.of(text, text.index(mention), text.index(mention) + len(mention))
        statements.append(Statement(id=statement_id("hostile", content.start, content.end), doc="hostile",
                                    kind="direct", content=content, cue=None, speaker=speaker,
                                    speaker_name=name, confidence=0.9))
    return Document("hostile", text, title="<img src=x onerror=alert(1)> Again", outlet="<i>Dark</i> Times",
                    published="2025-03-20"), statements


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('lists') / 'store.db'}"
    with open_store(url) as store:
        serve_corpus.fill(store)
        store.add(*hostile_article())
    with TestClient(create_app(url), raise_server_exceptions=False) as c:
        yield c


def count_of(html: str) -> int:
    return int(re.search(r'<p class="count"><strong>(\d+)</strong>', html).group(1))


def csv_rows(response) -> list[dict]:
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    return list(csv.DictReader(io.StringIO(response.text)))


@pytest.mark.parametrize("path,total", [("/", 10), ("/?q=audience", 4), ("/speakers", 3), ("/documents", 4),
                                        ("/outlets", 4), ("/documents?outlet=Coast+Post", 1)])
def test_lists_count_and_answer_html_json_and_csv_on_one_route(client, path, total):
    html = client.get(path, headers=HTML)
    assert html.status_code == 200 and count_of(html.text) == total
    joiner = "&" if "?" in path else "?"
    as_json = client.get(path + joiner + "format=json")
    assert as_json.status_code == 200 and as_json.json()["total"] == total
    rows = csv_rows(client.get(path + joiner + "format=csv"))
    assert len(rows) == total
    assert 'format=csv' in html.text and 'format=json' in html.text  # the page links its downloads


def test_a_format_we_do_not_speak_is_a_400(client):
    for path in ("/", "/speakers", "/documents", "/outlets", "/stats"):
        answer = client.get(path, params={"format": "xlsx"}, headers=HTML)
        assert answer.status_code == 400 and "format must be one of html, json, csv" in answer.text


def test_csv_download_holds_every_match_not_one_page(client, monkeypatch):
    monkeypatch.setattr(formats, "CSV_BATCH", 3)  # several batches, several store pages
    rows = csv_rows(client.get("/", params={"format": "csv"}))
    assert len(rows) == 10 > 3 and len({r["id"] for r in rows}) == 10
    assert tuple(rows[0]) == formats.STATEMENT_COLUMNS
    script = next(r for r in rows if "alert('x')" in r["content"])
    assert script["content"] == '"<script>alert(\'x\')</script> and <b>three</b> endings"'  # data kept exact
    assert script["outlet"] == "Harbor Daily" and script["speaker"] == "Mara Quint"


def test_documents_filter_by_title_outlet_and_dates(client):
    def ids(**params):
        return [d["id"] for d in client.get("/documents", params={**params, "format": "json"}).json()["items"]]

    assert ids() == ["hostile", "coast-post", "valley-review", "harbor-interview"]  # newest first
    assert ids(q="ENDING") == ["valley-review", "harbor-interview"]
    assert ids(outlet="valley review") == ["valley-review"]
    assert ids(since="2025-02", until="2025-03-01") == ["coast-post", "valley-review"]
    bad = client.get("/documents", params={"since": "last week"}, headers=HTML)
    assert bad.status_code == 200 and "since must be YYYY, YYYY-MM or YYYY-MM-DD" in bad.text
    assert client.get("/documents", params={"since": "last week", "format": "json"}).status_code == 400


def test_outlets_list_and_filter(client):
    found = client.get("/outlets", params={"format": "json"}).json()
    assert [(o["name"], o["documents"], o["statements"]) for o in found["items"]] == [
        ("<i>Dark</i> Times", 1, 3), ("Harbor Daily", 1, 3), ("Coast Post", 1, 2), ("Valley Review", 1, 2)]
    assert [o["name"] for o in client.get("/outlets", params={"q": "post", "format": "json"}).json()["items"]] == \
        ["Coast Post"]
    html = client.get("/outlets", params={"q": "dark"}, headers=HTML).text
    assert count_of(html) == 1 and "<i>Dark</i>" not in html and "&lt;i&gt;Dark&lt;/i&gt; Times" in html


def test_speakers_are_found_by_any_part_of_a_name_or_alias(client):
    def names(q):
        return [s["name"] for s in client.get("/speakers", params={"q": q, "format": "json"}).json()["items"]]

    assert names("quin") == ["Mara Quint"]
    assert names("director") == ["Mara Quint"]  # an alias as written: "Director Mara Quint"
    assert names("THEO") == ["Theo Brand"]
    assert names("100%") == [] and names("_") == []  # LIKE's wildcards are literal
    page = client.get("/speakers", params={"q": "nobody"}, headers=HTML).text
    assert count_of(page) == 0 and "No speaker's name holds" in page


def test_stats_page_carries_the_figures_and_draws_them_with_the_local_library(client, tmp_path):
    page = client.get("/stats", headers=HTML)
    assert page.status_code == 200
    for chart in ("chart-over-time", "chart-share", "chart-speakers", "chart-outlets", "chart-kinds"):
        assert f'id="{chart}"' in page.text
    sources = re.findall(r'<script[^>]* src="([^"]+)"', page.text)  # served by this app, never a CDN
    assert sources == ["http://testserver/static/vendor/chart.umd.min.js", "http://testserver/static/stats.js"]
    data = re.search(r'<script type="application/json" id="stats-data">(.*?)</script>', page.text, re.S).group(1)
    assert "</script>" not in data and "<script>" not in data  # a name with markup stays inside the JSON
    figures = json.loads(data)
    assert figures == client.get("/stats", params={"format": "json"}).json()
    assert figures["statements"] == 10 and figures["top_speakers"][0] == {
        "id": figures["top_speakers"][0]["id"], "name": "Mara Quint", "statements": 7, "documents": 4}
    assert any("</script" in s["name"] for s in figures["top_speakers"])  # the hostile name is charted
    assert client.get("/static/vendor/chart.umd.min.js").status_code == 200
    months = csv_rows(client.get("/stats", params={"format": "csv"}))
    assert [m["month"] for m in months] == ["2024-11", "2025-02", "2025-03"] and months[2]["total"] == "5"


def test_pages_escape_titles_outlets_and_names_from_articles(client):
    for path in ("/documents", "/outlets", "/speakers", "/stats", "/?q=hi", "/documents/hostile"):
        html = client.get(path, headers=HTML).text
        assert "<img src=x" not in html and "<i>Dark</i>" not in html and "<script>alert('n')" not in html, path


def test_statement_page_shows_the_whole_article_with_the_quote_marked(client):
    first = client.get("/", params={"q": "money", "format": "json"}).json()["items"][0]
    html = client.get(f"/statements/{first['id']}", headers=HTML).text
    article = re.search(r'<div class="article source" id="article" data-focus="([^"]+)">(.*?)</div>', html, re.S)
    assert article.group(1) == first["id"]
    shown = re.sub(r"<[^>]+>", "", article.group(2))
    assert "Brand said the shoot ran long." in shown and "Speaking on the Reel Talk podcast" in shown
    marked = re.findall(r'<mark class="hl hl-content"[^>]*>(.*?)</mark>', article.group(2))
    assert marked == ["&#34;never about the money.&#34;"] or marked == ["&quot;never about the money.&quot;"]
    assert 'src="http://testserver/static/highlight.js"' in html


def test_repeats_are_counted_in_articles_not_statements(client):
    """'belongs to the audience' is quoted four times in three articles (twice in one)."""
    results = client.get("/", params={"q": "belongs audience", "format": "json"}).json()["items"]
    assert {r["group_size"] for r in results} == {4}
    html = client.get("/", params={"q": "belongs audience"}, headers=HTML).text
    assert html.count("repeated in 3 articles") == 4 and "repeated in 4" not in html
    statement = client.get(f"/statements/{results[0]['id']}", headers=HTML).text
    assert "Repeated in 3 articles" in statement


def test_digest_page_shows_quotes_once_wrapped(client):
    html = client.get("/digest", params={"speaker": "Mara Quint", "about": "money"}, headers=HTML).text
    said = re.findall(r'<span class="quote">(.*?)</span>', html)
    assert said == ["&#34;never about the money.&#34;"] and count_of(html) == 1
    assert "“&#34;" not in html and "<q>" not in html
    repeats = client.get("/digest", params={"speaker": "Mara Quint", "about": "audience"}, headers=HTML).text
    assert "also in 2 other articles" in repeats


def test_api_docs_work_offline_from_the_package(client):
    docs = client.get("/docs")
    assert docs.status_code == 200
    urls = re.findall(r'(?:src|href)=["\']([^"\']+)', docs.text) + re.findall(r"url: '([^']+)'", docs.text)
    assert "/static/vendor/swagger-ui-bundle.js" in urls and "/static/vendor/swagger-ui.css" in urls
    assert not [u for u in urls if u.startswith(("http:", "https:", "//"))], urls
    bundle = client.get("/static/vendor/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and "SwaggerUIBundle" in bundle.text
    assert client.get("/openapi.json").json()["info"]["title"] == "onrecord"


def test_vendored_browser_libraries_match_their_pinned_sources():
    """Each file is the one its npm tarball holds (SOURCES.tsv; `make vendor` re-fetches and checks them)."""
    lines = (VENDOR / "SOURCES.tsv").read_text().splitlines()
    assert lines[0].split("\t") == ["file", "npm package", "tarball integrity (npm)", "sha256 of the file", "licence"]
    listed = set()
    for line in lines[1:]:
        name, source, integrity, sha256, licence = line.split("\t")
        assert re.fullmatch(r"[\w.-]+@\d+\.\d+\.\d+/.+", source) and integrity.startswith("sha512-")
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == sha256, name
        assert licence in ("MIT", "Apache-2.0")
        listed.add(name)
    assert listed == {p.name for p in VENDOR.iterdir()} - {"SOURCES.tsv"}
    assert {"chart.js.LICENSE.md", "swagger-ui.LICENSE", "swagger-ui.NOTICE"} <= listed


@pytest.mark.model
def test_pasted_article_results_can_be_saved_as_json_and_csv(client):
    text = 'date 2025-05-02\n\n"We kept the ending quiet on purpose," the composer Ilse Varga said.\n'
    page = client.post("/extract", data={"text": text, "published": ""}, headers=HTML)
    assert page.status_code == 200 and 'name="format" value="json"' in page.text and 'value="csv"' in page.text
    saved = client.post("/extract", data={"text": text, "published": "", "format": "json"})
    assert saved.status_code == 200 and saved.headers["content-disposition"].startswith("attachment")
    [st] = saved.json()["statements"]
    assert text[st["content"]["start"]:st["content"]["end"]] == st["content"]["text"] == \
        '"We kept the ending quiet on purpose,"'
    rows = csv_rows(client.post("/extract", data={"text": text, "published": "", "format": "csv"}))
    assert [r["id"] for r in rows] == [st["id"]] and rows[0]["content_text"] == st["content"]["text"]
    assert client.post("/extract", data={"text": text, "format": "pdf"}, headers=HTML).status_code == 400
