"""POST /api/extract and the /extract page: live extraction, the size limit, escaping, errors."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from onrecord.serve import create_app

ARTICLE = ('date 2025-03-12\n\nThe director said the ending was "<script>alert(1)</script> up to <b>you</b>."\n\n'
           '"It is open," she told Variety.\n')


@pytest.fixture(scope="module")
def client(extractor, tmp_path_factory):
    db = tmp_path_factory.mktemp("serve") / "unused.db"
    app = create_app(f"sqlite:///{db}", extractor=extractor, max_body_bytes=20_000)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.mark.model
def test_extract_api_returns_statements_with_exact_offsets(client):
    r = client.post("/api/extract", json={"text": ARTICLE, "doc": "pasted"})
    assert r.status_code == 200
    body = r.json()
    assert body["doc"] == "pasted" and body["published"] == "2025-03-12"
    assert body["statements"], "the article has quotes"
    for st in body["statements"]:
        assert st["doc"] == "pasted" and st["id"]
        for part in ("content", "cue", "speaker"):
            if st[part]:
                assert ARTICLE[st[part]["start"]:st[part]["end"]] == st[part]["text"]


@pytest.mark.model
def test_extract_api_refuses_too_large_bodies_with_413(client):
    r = client.post("/api/extract", json={"text": "word " * 10_000})
    assert r.status_code == 413
    assert "limit is 20000 bytes" in r.json()["detail"]
    page = client.post("/extract", data={"text": "word " * 10_000}, headers={"Accept": "text/html"})
    assert page.status_code == 413 and "the limit is 20000 bytes" in page.text


@pytest.mark.model
def test_extract_api_validates_input(client):
    assert client.post("/api/extract", json={"text": ""}).status_code == 422
    r = client.post("/api/extract", json={"text": "x", "published": "March"})
    assert r.status_code == 422 and "YYYY-MM-DD" in str(r.json()["detail"])


@pytest.mark.model
def test_extract_page_highlights_and_escapes_the_article(client):
    assert "<textarea" in client.get("/extract").text
    r = client.post("/extract", data={"text": ARTICLE, "published": ""})
    assert r.status_code == 200
    page = r.text
    assert "<script>alert" not in page and "<b>you</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'class="hl hl-content"' in page and 'class="hl hl-cue"' in page


@pytest.mark.model
def test_extract_page_refuses_a_bad_date_with_a_message(client):
    r = client.post("/extract", data={"text": ARTICLE, "published": "<i>soon</i>"})
    assert r.status_code == 200 and "must be YYYY-MM-DD" in r.text
    assert "<i>soon</i>" not in r.text and "&lt;i&gt;soon&lt;/i&gt;" in r.text


def test_write_endpoint_is_closed_without_a_token(tmp_path):
    app = create_app(f"sqlite:///{tmp_path / 'ro.db'}")
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.post("/api/documents", json={"text": "He said hello."}, headers={"Authorization": "Bearer x"})
        assert r.status_code == 403 and "read-only" in r.json()["detail"]


def test_write_endpoint_needs_the_right_bearer_token(tmp_path):
    app = create_app(f"sqlite:///{tmp_path / 'rw.db'}", write_token="s3cret")
    with TestClient(app, raise_server_exceptions=False) as c:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic s3cret"}):
            r = c.post("/api/documents", json={"text": "He said hello."}, headers=headers)
            assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"


def test_errors_reach_clients_without_traces(tmp_path):
    class Broken:
        def search(self, *a, **k):
            raise RuntimeError("secret internals at /srv/db.py line 12")

        def speakers(self, *a, **k):
            raise RuntimeError("secret internals")

        def close(self):
            pass

    app = create_app(store=Broken())
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/api/statements")
        assert r.status_code == 500 and r.json() == {"detail": "internal server error"}
        r = c.get("/", headers={"Accept": "text/html"})
        assert r.status_code == 500 and "secret" not in r.text and "Traceback" not in r.text
        assert "Something went wrong" in r.text


def test_openapi_lists_the_api(tmp_path):
    app = create_app(f"sqlite:///{tmp_path / 'doc.db'}")
    with TestClient(app) as c:
        assert c.get("/docs").status_code == 200
        paths = c.get("/openapi.json").json()["paths"]
        for path in ("/api/statements", "/api/statements/{statement_id}", "/api/speakers",
                     "/api/speakers/{speaker_id}", "/api/documents/{doc}", "/api/digest", "/api/extract"):
            assert path in paths
        assert "/" not in paths and "/extract" not in paths


def test_a_plain_text_body_is_the_article(client):
    """curl --data-binary @article.txt -H 'Content-Type: text/plain': the body is the text."""
    r = client.post("/api/extract?doc=pasted&published=2025-04-08", content=ARTICLE.encode("utf-8"),
                    headers={"Content-Type": "text/plain; charset=utf-8"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["doc"] == "pasted" and body["published"] == "2025-04-08" and body["statements"]
    for st in body["statements"]:
        assert ARTICLE[st["content"]["start"]:st["content"]["end"]] == st["content"]["text"]
    assert client.post("/api/extract", content=b"   ", headers={"Content-Type": "text/plain"}).status_code == 422
    assert client.post("/api/extract", content=b"\xff\xfe", headers={"Content-Type": "text/plain"}).status_code == 400
    assert client.post("/api/extract?published=March", content=b"He said so.",
                       headers={"Content-Type": "text/plain"}).status_code == 422
