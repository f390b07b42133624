"""The pages over a small store: every view answers, highlights from offsets, and escapes the articles."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

import serve_corpus
from onrecord.serve import create_app
from onrecord.store import open_store

SCRIPT = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('pages') / 'store.db'}"
    with open_store(url) as store:
        serve_corpus.fill(store)
    with TestClient(create_app(url), raise_server_exceptions=False) as c:
        yield c


class Scripts(HTMLParser):
    """Collects the script elements of a page and the text inside each highlighted <mark> by role."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[dict] = []
        self.marks: list[list] = []
        self.closed: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts.append(attrs)
        if tag == "mark":
            self.marks.append([attrs.get("class", ""), ""])

    def handle_endtag(self, tag):
        if tag == "mark":
            cls, text = self.marks.pop()
            self.closed.append((cls, text))
            if self.marks:
                self.marks[-1][1] += text

    def handle_data(self, data):
        if self.marks:
            self.marks[-1][1] += data


def parse(html: str) -> Scripts:
    p = Scripts()
    p.feed(html)
    return p


def first_id(client, **params) -> str:
    return client.get("/api/statements", params=params).json()["items"][0]["id"]


def test_no_article_markup_survives_on_any_page(client):
    script_id = first_id(client, q="script")
    pages = ["/", "/?q=script", "/?q=endings", "/speakers", "/speakers/1", f"/statements/{script_id}",
             "/documents/harbor-interview", "/digest?speaker=Quint&about=endings", "/digest?speaker=Quint"]
    for path in pages:
        r = client.get(path)
        assert r.status_code == 200, path
        assert SCRIPT not in r.text and "<b>three</b>" not in r.text, path
        # The only scripts on a page are our own, loaded from /static.
        assert all(s.get("src", "").endswith("/static/highlight.js") for s in parse(r.text).scripts), path
    statement_page = client.get(f"/statements/{script_id}").text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in statement_page


def test_search_page_lists_matches_with_filters_kept(client):
    r = client.get("/", params={"q": "audience", "kind": "direct"})
    assert r.text.count('class="card kind-direct"') == 2
    assert 'value="audience"' in r.text and '<option value="direct" selected>' in r.text
    assert "repeated in 2 articles" in r.text
    assert "No statements match" in client.get("/", params={"q": "zebra"}).text
    bad = client.get("/", params={"since": "yesterday"})
    assert bad.status_code == 200 and "since must be YYYY" in bad.text


def test_search_page_pages_on(client):
    r = client.get("/")
    more = re.search(r'<a rel="next" href="([^"]+)"', r.text)
    assert r.text.count('class="card ') == 7 and more is None  # one page holds the whole corpus


def test_statement_page_highlights_content_cue_and_speaker_in_the_source(client):
    sid = first_id(client, q="money")
    r = client.get(f"/statements/{sid}")
    marks = dict((cls, text) for cls, text in parse(r.text).closed if "hl " in cls and text)
    assert marks["hl hl-content"] == '"never about the money."'
    assert marks["hl hl-cue"] == "said"
    assert marks["hl hl-speaker"] == "Quint"
    assert "Reel Talk" in r.text and "Ana Ruiz" in r.text and "2025-02" in r.text


def test_statement_page_lists_the_outlets_that_repeated_it(client):
    r = client.get(f"/statements/{first_id(client, q='audience', outlet='Valley Review')}")
    assert "Repeated in 2 articles" in r.text
    assert r.text.index("Harbor Daily") < r.text.index("Valley Review</td>")


def test_document_page_marks_every_statement_and_links_only_http_urls(client):
    r = client.get("/documents/harbor-interview")
    assert r.text.count('<mark class="hl hl-content" data-statement=') == 3
    assert 'href="https://harbor.example/quint"' in r.text
    valley = client.get("/documents/valley-review").text
    assert "javascript:" not in valley


def test_speaker_page_shows_aliases_roles_and_occasions(client):
    r = client.get("/speakers/1")
    assert "Mara Quint" in r.text and "director" in r.text and "Quint" in r.text
    assert r.text.count('class="occasion"') == len(client.get("/api/speakers/1").json()["timeline"])
    assert "podcast · Reel Talk (with Ana Ruiz)" in r.text


def test_digest_page_answers_what_someone_said_about_something(client):
    r = client.get("/digest", params={"speaker": "Mara Quint", "about": "money"})
    assert "Mara Quint" in r.text and "never about the money" in r.text and "meant to stay open" not in r.text
    assert "no speaker &#39;Zed Nobody&#39; in the store" in client.get("/digest", params={"speaker": "Zed Nobody"}).text


def test_unknown_pages_are_404_pages(client):
    for path in ("/statements/nope", "/speakers/12345", "/speakers/abc", "/documents/nope", "/nowhere"):
        r = client.get(path, headers={"Accept": "text/html"})
        assert r.status_code == 404 and "Not found" in r.text, path


def test_pages_tell_the_browser_to_run_only_our_script(client):
    for path in ("/", "/documents/harbor-interview", "/api/statements"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"], path
        assert headers["x-content-type-options"] == "nosniff"
    docs = client.get("/docs").headers  # Swagger UI's page: its inline start-up script, and no other host
    policy = docs["content-security-policy"]
    assert "script-src 'self' 'unsafe-inline';" in policy and "http" not in policy
    assert docs["x-content-type-options"] == "nosniff"
