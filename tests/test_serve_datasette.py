"""The SQLite store in Datasette with the project's metadata: full-text search and facets answer."""
from __future__ import annotations

import asyncio
import json
import pathlib

import pytest

import serve_corpus
from onrecord.store import open_store

METADATA = pathlib.Path(__file__).resolve().parent.parent / "datasette" / "metadata.json"


@pytest.fixture(scope="module")
def datasette(tmp_path_factory):
    from datasette.app import Datasette

    db = tmp_path_factory.mktemp("datasette") / "onrecord.db"  # the default store's name, as metadata expects
    with open_store(f"sqlite:///{db}") as store:
        serve_corpus.fill(store)
    return Datasette([str(db)], metadata=json.loads(METADATA.read_text()))


def get_json(ds, path: str) -> dict:
    async def fetch():
        r = await ds.client.get(path)
        assert r.status_code == 200, (path, r.text[:300])
        return r.json()

    return asyncio.run(fetch())


def test_full_text_search_over_statements(datasette):
    body = get_json(datasette, "/onrecord/statement_rows.json?_search=audience&_shape=objects")
    assert {r["outlet"] for r in body["rows"]} == {"Harbor Daily", "Valley Review"}
    assert all("audience" in r["quote"] for r in body["rows"])
    stored = get_json(datasette, "/onrecord/statements.json?_search=money&_shape=objects")
    assert [r["content_text"] for r in stored["rows"]] == ['"never about the money."']


def test_facets_by_speaker_outlet_and_kind(datasette):
    body = get_json(datasette, "/onrecord/statement_rows.json")
    facets = body["facet_results"]
    counts = {name: {f["value"]: f["count"] for f in facets[name]["results"]} for name in ("speaker", "outlet", "kind")}
    assert counts["speaker"] == {"Mara Quint": 5, "Theo Brand": 2}
    assert counts["outlet"] == {"Harbor Daily": 3, "Valley Review": 2, "Coast Post": 2}
    assert counts["kind"] == {"direct": 6, "indirect": 1}
    searched = get_json(datasette, "/onrecord/statement_rows.json?_search=ending&speaker=Mara+Quint")
    assert {f["value"] for f in searched["facet_results"]["outlet"]["results"]} == {"Harbor Daily"}


def test_the_canned_query_finds_repeated_quotes(datasette):
    body = get_json(datasette, "/onrecord/repeated_quotes.json?_shape=objects")
    assert len(body["rows"]) == 1
    row = body["rows"][0]
    assert row["size"] == 2 and row["speaker"] == "Mara Quint" and row["earliest"] == "2024-11-05"
