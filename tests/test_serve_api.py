"""The REST API over a small store, on SQLite and on PostgreSQL."""
from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient

import serve_corpus
from onrecord.serve import create_app
from onrecord.store import open_store

PG_SERVER = "postgresql://postgres@127.0.0.1:5432/test"


def _pg_schema_url():
    """A fresh PostgreSQL schema for one test module, dropped afterwards; skips where no server answers."""
    psycopg = pytest.importorskip("psycopg")
    schema = f"onrecord_serve_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(PG_SERVER, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL not reachable at 127.0.0.1:5432: {exc}")

    def drop():
        with psycopg.connect(PG_SERVER, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')

    return f"postgresql+psycopg://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{schema}", drop


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def client(request, tmp_path_factory):
    if request.param == "sqlite":
        url, drop = f"sqlite:///{tmp_path_factory.mktemp('api') / 'store.db'}", None
    else:
        url, drop = _pg_schema_url()
    store = open_store(url)
    serve_corpus.fill(store)
    store.close()
    with TestClient(create_app(url, write_token="tok-123"), raise_server_exceptions=False) as c:
        yield c
    if drop:
        drop()


def statements_of(r):
    assert r.status_code == 200, r.text
    return r.json()["items"]


def test_search_finds_words_and_carries_statement_ids_and_documents(client):
    items = statements_of(client.get("/api/statements", params={"q": "audience"}))
    assert {i["doc"] for i in items} == {"harbor-interview", "valley-review"}
    for i in items:
        assert i["id"] and i["speaker_name"] == "Mara Quint" and i["group_size"] == 2
        assert i["speaker_entity"] == "Mara Quint" and i["speaker"]["text"] in ("she", "The director")
        assert "audience" in i["content"]["text"]
        assert i["outlet"] in ("Harbor Daily", "Valley Review")


def test_search_filters(client):
    def ids(**params):
        return {i["content"]["text"] for i in statements_of(client.get("/api/statements", params=params))}

    assert ids(speaker="Theo Brand") == {'"a long rehearsal for one take."', "the shoot ran long"}
    assert ids(speaker="brand", kind="indirect") == {"the shoot ran long"}
    assert ids(outlet="coast post") == {'"never about the money."', "the shoot ran long"}
    assert ids(speaker="Quint", since="2025-01-01") == {'"belongs to the audience,"', '"never about the money."'}
    assert ids(speaker="Quint", until="2024-12") == {'"meant to stay open."', '"belongs to the audience."',
                                                     '"<script>alert(\'x\')</script> and <b>three</b> endings"'}


def test_search_pages_with_a_cursor(client):
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        r = client.get("/api/statements", params=params)
        seen += [i["id"] for i in statements_of(r)]
        cursor, pages = r.json()["next_cursor"], pages + 1
        if not cursor:
            break
    assert pages == 3 and len(seen) == len(set(seen)) == 7


def test_search_rejects_bad_parameters(client):
    assert client.get("/api/statements", params={"since": "last week"}).status_code == 422
    assert client.get("/api/statements", params={"kind": "shouted"}).status_code == 422
    assert client.get("/api/statements", params={"limit": 0}).status_code == 422
    r = client.get("/api/statements", params={"cursor": "abc"})
    assert r.status_code == 400 and "cursor" in r.json()["detail"]


def test_statement_by_id_with_its_quote_group(client):
    first = statements_of(client.get("/api/statements", params={"q": "audience", "outlet": "Valley Review"}))[0]
    r = client.get(f"/api/statements/{first['id']}")
    assert r.status_code == 200
    body = r.json()
    assert body["id"] == first["id"] and body["doc"] == "valley-review"
    group = body["quote_group"]
    assert group["size"] == 2 and [m["outlet"] for m in group["members"]] == ["Harbor Daily", "Valley Review"]
    assert group["earliest"]["doc"] == "harbor-interview"


def test_unknown_ids_are_404(client):
    for path in ("/api/statements/0000000000000000", "/api/speakers/9999", "/api/documents/nope",
                 "/api/speakers/not-a-number", "/api/speakers/99999999999999"):
        r = client.get(path)
        assert r.status_code == 404, path
        assert "detail" in r.json()
    assert client.get("/api/digest", params={"speaker": "Nobody Known"}).status_code == 404


def test_speakers_and_a_speaker_timeline(client):
    speakers = client.get("/api/speakers").json()["items"]
    assert [s["name"] for s in speakers] == ["Mara Quint", "Theo Brand"]
    quint = client.get(f"/api/speakers/{speakers[0]['id']}").json()
    assert "Quint" in quint["aliases"] and quint["roles"] == ["director"]
    dates = [o["date"] for o in quint["timeline"]]
    assert dates == sorted(dates) and dates[-1] == "2025-02"
    podcast = quint["timeline"][-1]
    assert podcast["statements"][0]["speaker"] == {"start": 71, "end": 76, "text": "Quint"}
    assert podcast["venue"]["name"] == "Reel Talk" and podcast["venue"]["interviewer"] == "Ana Ruiz"


def test_document_with_its_statements_and_exact_offsets(client):
    body = client.get("/api/documents/harbor-interview").json()
    text = body["document"]["text"]
    assert body["document"]["outlet"] == "Harbor Daily" and len(body["statements"]) == 3
    for st in body["statements"]:
        for part in ("content", "cue", "speaker"):
            assert text[st[part]["start"]:st[part]["end"]] == st[part]["text"]


def test_digest_json_and_markdown(client):
    body = client.get("/api/digest", params={"speaker": "Mara Quint"}).json()
    assert body["speaker"]["name"] == "Mara Quint"
    dates = [o["date"] for o in body["occasions"]]
    assert dates == sorted(dates) and len(dates) >= 2
    texts = [s["content"]["text"] for o in body["occasions"] for s in o["statements"]]
    assert sum("belongs to the audience" in t for t in texts) == 1  # the re-quote collapsed
    about = client.get("/api/digest", params={"speaker": "Quint", "about": "money"}).json()
    assert [s["content"]["text"] for o in about["occasions"] for s in o["statements"]] == ['"never about the money."']
    md = client.get("/api/digest", params={"speaker": "Quint", "about": "money", "format": "markdown"})
    assert md.headers["content-type"].startswith("text/markdown") and "never about the money" in md.text


def test_ingest_needs_the_token_and_then_stores(client):
    doc = {"doc": "added-later", "text": 'date 2025-04-01\n\nNobody said anything quotable here.\n',
           "title": "Quiet", "outlet": "Test Wire"}
    assert client.post("/api/documents", json=doc).status_code == 401
    assert client.post("/api/documents", json=doc, headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.get("/api/documents/added-later").status_code == 404


@pytest.mark.model
def test_ingest_with_the_token_extracts_and_stores_and_says_what_happened(client):
    doc = {"doc": "added-later-2", "text": 'date 2025-04-01\n\n"We start shooting in May," Lena Ortiz said.\n',
           "outlet": "Test Wire"}
    token = {"Authorization": "Bearer tok-123"}
    r = client.post("/api/documents", json=doc, headers=token)
    assert r.status_code == 201 and r.json()["status"] == "added" and r.json()["statements"] >= 1
    again = client.post("/api/documents", json=doc, headers=token)
    assert again.status_code == 200 and again.json() == {**r.json(), "status": "unchanged"}
    stored = client.get("/api/documents/added-later-2").json()
    assert stored["document"]["outlet"] == "Test Wire" and stored["statements"]
    changed = {**doc, "text": 'date 2025-04-01\n\n"We start shooting in June," Lena Ortiz said.\n'}
    r = client.post("/api/documents", json=changed, headers=token)
    assert r.status_code == 200 and r.json()["status"] == "updated"
    now = client.get("/api/documents/added-later-2").json()
    assert "June" in now["document"]["text"]
    assert [s["content"]["text"] for s in now["statements"]] == [
        changed["text"][s["content"]["start"]:s["content"]["end"]] for s in now["statements"]]
    assert all("May" not in s["content"]["text"] for s in now["statements"])
