"""Search answers kept for a while, dropped when the app writes, bounded in size."""
from __future__ import annotations

import time

from fastapi.testclient import TestClient

import serve_corpus
from onrecord.records import Span, Statement, statement_id
from onrecord.serve import create_app
from onrecord.serve.cache import ResultCache
from onrecord.store import open_store


def test_cache_keeps_answers_for_its_time_and_evicts_the_oldest():
    cache = ResultCache(seconds=0.2, max_entries=2)
    calls = []

    def compute(v):
        return lambda: calls.append(v) or v

    assert cache.get_or_compute("a", compute(1)) == 1
    assert cache.get_or_compute("a", compute(2)) == 1  # kept
    cache.get_or_compute("b", compute(3))
    cache.get_or_compute("c", compute(4))  # "a" was least recently used: evicted
    assert cache.get_or_compute("a", compute(5)) == 5
    time.sleep(0.25)
    assert cache.get_or_compute("a", compute(6)) == 6  # expired
    assert calls == [1, 3, 4, 5, 6] and cache.hits == 1


def test_no_cache_when_seconds_is_zero():
    cache = ResultCache(seconds=0)
    assert [cache.get_or_compute("k", lambda i=i: i) for i in range(3)] == [0, 1, 2]


class HandExtractor:
    """Finds the one quoted stretch of a text: enough to drive the write path without the model."""

    def extract(self, document):
        start = document.text.index('"')
        end = document.text.index('"', start + 1) + 1
        return [Statement(statement_id(document.id, start, end), document.id, "direct",
                          Span.of(document.text, start, end), speaker_name="Ines Calder")]


def test_a_write_through_the_api_shows_in_cached_search_at_once(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    with open_store(url) as store:
        serve_corpus.fill(store)
    app = create_app(url, write_token="t", cache_seconds=3600, extractor=HandExtractor())
    with TestClient(app) as c:
        assert c.get("/api/statements", params={"q": "lighthouse"}).json()["items"] == []
        r = c.post("/api/documents", headers={"Authorization": "Bearer t"},
                   json={"doc": "late", "text": 'Calder said "the lighthouse scene came last."'})
        assert r.status_code == 201 and r.json()["status"] == "added"
        found = c.get("/api/statements", params={"q": "lighthouse"}).json()["items"]
        assert [s["doc"] for s in found] == ["late"]
        assert app.state.services.searches.misses == 2
