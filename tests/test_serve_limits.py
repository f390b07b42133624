"""Bad requests get a 4xx on every route, never a 5xx; every answer carries the security headers;
extraction runs in a bounded pool of worker processes with a queue limit and a time limit."""
from __future__ import annotations

import threading
import time

import pytest
from fastapi.testclient import TestClient

import serve_corpus
from test_serve_api import _pg_schema_url

from onrecord.records import Document
from onrecord.serve import create_app
from onrecord.serve.workers import Busy, ExtractionPool, TooSlow
from onrecord.store import open_store

HUGE = str(2**63)
BAD_DATES = ["2024-13-45", "2024-02-30", "2024-00", "2023-02-29"]


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def client(request, tmp_path_factory):
    if request.param == "sqlite":
        url, drop = f"sqlite:///{tmp_path_factory.mktemp('limits') / 'store.db'}", None
    else:
        url, drop = _pg_schema_url()
    with open_store(url) as store:
        serve_corpus.fill(store)
    with TestClient(create_app(url, write_token="tok"), raise_server_exceptions=False) as c:
        yield c
    if drop:
        drop()


def _requests():
    """(method, path, params) of every route with the parameters that used to fail with a 5xx."""
    html = {"Accept": "text/html"}
    yield "GET", "/api/statements", {"cursor": HUGE}, {}
    yield "GET", "/", {"cursor": HUGE}, html
    yield "GET", "/api/speakers", {"offset": HUGE}, {}
    yield "GET", "/api/speakers/\u00b2", {}, {}
    yield "GET", "/speakers/\u00b2", {}, html
    yield "GET", "/api/speakers/\u0661\u0662", {}, {}
    yield "GET", "/api/statements", {"speaker": "\u00b2"}, {}
    yield "GET", "/", {"speaker": "\u00b2"}, html
    for nul in ("\x00", "a\x00b"):
        yield "GET", "/api/statements", {"outlet": nul}, {}
        yield "GET", "/api/statements", {"speaker": nul}, {}
        yield "GET", "/api/statements", {"q": nul}, {}
        in_path = nul.replace("\x00", "%00")  # as a client sends it; the server decodes it
        yield "GET", f"/api/documents/x{in_path}", {}, {}
        yield "GET", f"/documents/x{in_path}", {}, html
        yield "GET", f"/api/statements/x{in_path}", {}, {}
        yield "GET", "/api/digest", {"speaker": nul}, {}
        yield "GET", "/digest", {"speaker": nul}, html
        yield "GET", "/", {"outlet": nul}, html
    for bad in BAD_DATES:
        yield "GET", "/api/statements", {"since": bad}, {}
        yield "GET", "/api/statements", {"until": bad}, {}
        yield "GET", "/", {"since": bad}, html
    yield "GET", "/digest", {"speaker": "Mara Quint", "about": "word " * 2000}, html
    yield "GET", "/", {"q": "x" * 5000}, html
    yield "GET", "/api/statements", {"q": "y" * 20_000}, {}


@pytest.mark.parametrize("method, path, params, headers", list(_requests()))
def test_bad_parameters_never_get_a_5xx_and_keep_the_security_headers(client, method, path, params, headers):
    r = client.request(method, path, params=params, headers=headers)
    assert r.status_code < 500, (r.status_code, r.text[:200])
    if path.startswith("/api") and not ("speaker" in params and "\x00" not in params["speaker"]):
        assert 400 <= r.status_code < 500, "the API says the request was bad"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in r.headers["content-security-policy"]


@pytest.mark.parametrize("body", [
    '{"text": "He said so.", "published": "2024-02-30"}',
    '{"text": "He said so.", "published": "0001-01-01"}',
    '{"text": "He said \\ud800 so."}',
    '{"text": "He said \\u0000 so."}',
    '{"text": "He said so.", "doc": "a\\nb"}',
    '{"text": "   "}',
])
def test_bad_extraction_bodies_get_a_422(client, body):
    r = client.post("/api/extract", content=body.encode(), headers={"Content-Type": "application/json"})
    assert r.status_code == 422, r.text
    assert r.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("doc", [{"id": 0}, {"nested": 1}, "x" * 201, "tab\there"])
def test_bad_document_ids_get_a_422(client, doc):
    r = client.post("/api/documents", json={"text": "He said so.", "doc": doc}, headers={"Authorization": "Bearer tok"})
    assert r.status_code == 422, r.text


def test_failures_keep_the_security_headers_and_the_connection(tmp_path):
    class Broken:
        def search(self, *a, **k):
            raise RuntimeError("secret internals")

        def speakers(self, *a, **k):
            raise RuntimeError("secret internals")

        def close(self):
            pass

    with TestClient(create_app(store=Broken()), raise_server_exceptions=False) as c:
        for path, headers in (("/api/statements", {}), ("/", {"Accept": "text/html"})):
            r = c.get(path, headers=headers)
            assert r.status_code == 500 and "secret" not in r.text
            assert r.headers["x-content-type-options"] == "nosniff" and r.headers["content-security-policy"]


ARTICLE = 'date 2025-03-12\n\n"The pier opens in May," the harbour master said.\n\n'


def _article(paragraphs: int) -> str:
    return ARTICLE + "".join(f'"Ferry {n} will run at dawn," Ann Lee told the council on Monday.\n\n'
                             for n in range(paragraphs))


@pytest.mark.model
def test_a_full_queue_is_refused_with_503_and_retry_after_and_the_pool_recovers():
    pool = ExtractionPool(workers=1, queue=0, seconds=120)
    try:
        assert pool.extract(Document("warm", ARTICLE)), "the worker is up"
        long_running = threading.Thread(target=pool.extract, args=(Document("long", _article(300)),))
        long_running.start()
        while pool._admitted._value:  # the long one has taken the only place
            time.sleep(0.01)
        with pytest.raises(Busy) as busy:
            pool.extract(Document("short", ARTICLE))
        assert busy.value.retry_after >= 1
        long_running.join()
        assert pool.extract(Document("short", ARTICLE))
    finally:
        pool.close()


@pytest.mark.model
def test_the_time_limit_stops_the_worker_and_a_new_one_takes_over():
    pool = ExtractionPool(workers=1, queue=1, seconds=120)
    try:
        assert pool.extract(Document("warm", ARTICLE))
        pool.seconds = 0.1  # set after the first text, which a loaded machine may take longer over
        first = pool._all[0].process
        with pytest.raises(TooSlow):
            pool.extract(Document("slow", _article(600)))  # seconds of work, far over the limit
        assert not first.is_alive()
        pool.seconds = 120
        found = pool.extract(Document("after", ARTICLE))
        assert found and found[0].content.text in ARTICLE
        assert pool._all[-1].process.pid != first.pid
    finally:
        pool.close()


@pytest.mark.model
def test_the_api_answers_busy_and_slow_extractions_with_4xx_and_503(tmp_path):
    app = create_app(f"sqlite:///{tmp_path / 's.db'}", extract_workers=1, extract_queue=0, extract_seconds=120)
    with TestClient(app, raise_server_exceptions=False) as c:
        warm = c.post("/api/extract", json={"text": ARTICLE})
        assert warm.status_code == 200 and warm.json()["statements"]
        app.state.services.extraction.seconds = 0.1
        slow = c.post("/api/extract", json={"text": _article(600)})
        assert slow.status_code == 422 and "limit of 0.1 s" in slow.json()["detail"]
        app.state.services.extraction.seconds = 120
        results = {}
        long_running = threading.Thread(target=lambda: results.setdefault(
            "long", c.post("/api/extract", json={"text": _article(300)})))
        long_running.start()
        while app.state.services.extraction._admitted._value:
            time.sleep(0.01)
        busy = c.post("/api/extract", json={"text": ARTICLE})
        assert busy.status_code == 503 and int(busy.headers["retry-after"]) >= 1
        assert c.get("/api/statements").status_code == 200, "searches go on meanwhile"
        long_running.join()
        assert results["long"].status_code == 200


def test_one_size_limit_for_the_api_as_for_extract_and_ingest(tmp_path, monkeypatch):
    monkeypatch.setenv("ONRECORD_MAX_BYTES", "1000")
    with TestClient(create_app(f"sqlite:///{tmp_path / 's.db'}"), raise_server_exceptions=False) as c:
        r = c.post("/api/extract", json={"text": "He said so. " * 100})
        assert r.status_code == 413 and "the limit is 1000 bytes" in r.json()["detail"]
        way_over = c.post("/api/extract", content=b'{"text": "' + b"a" * 10_000 + b'"}',
                          headers={"Content-Type": "application/json"})
        assert way_over.status_code == 413


def test_a_quote_pasted_with_its_line_break_is_searched_not_refused(client):
    r = client.get("/api/statements", params={"q": "ending\nworks"})
    assert r.status_code == 200
    assert client.get("/", params={"q": "ending\tworks"}, headers={"Accept": "text/html"}).status_code == 200
