"""--scope, --unit and --min-confidence through the real command line: extract, ingest, search, eval."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

pytestmark = pytest.mark.model

ARTICLE = (
    "date 2025-02-03\n"
    "Councillor Rosa Diaz believes that the tram line will be late. The mayor opposes the new route. "
    "\"We will finish it on time,\" the project director said. \"The rails are already here.\"\n\n"
    "Engineers know that the soil is soft near the river. The transport minister said that funding "
    "was secure.\n"
)


def onrecord(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from onrecord.cli import main; main()", *args],
                          input=stdin, capture_output=True, text=True, timeout=300)


def records(result: subprocess.CompletedProcess) -> list[dict]:
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def article(tmp_path_factory):
    path = tmp_path_factory.mktemp("scope") / "tram.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def everything(article):
    return records(onrecord("extract", str(article), "--format", "jsonl"))


def test_every_record_says_its_scope(everything):
    text = ARTICLE
    assert {st["scope"] for st in everything} >= {"speech", "belief", "stance", "perception"}
    for st in everything:
        assert text[st["content"]["start"]:st["content"]["end"]] == st["content"]["text"]


def test_extract_scope_speech_and_quotes(article, everything):
    speech = records(onrecord("extract", str(article), "--format", "jsonl", "--scope", "speech"))
    assert [st["id"] for st in speech] == [st["id"] for st in everything if st["scope"] == "speech"]
    assert any("funding was secure" in st["content"]["text"] for st in speech)
    quotes = records(onrecord("extract", str(article), "--format", "jsonl", "--scope", "quotes"))
    assert quotes and all(st["kind"] in ("direct", "mixed") for st in quotes)
    assert [st["id"] for st in quotes] == [st["id"] for st in everything if st["kind"] in ("direct", "mixed")]


def test_extract_unit_quote(article, everything):
    split = records(onrecord("extract", str(article), "--format", "jsonl", "--unit", "quote"))
    assert len(split) == len(everything) + 1
    runs = [st["content"]["text"] for st in split if st["kind"] == "direct"]
    assert runs == ['"We will finish it on time,"', '"The rails are already here."']


def test_extract_min_confidence(article, everything):
    floor = sorted(st["confidence"] for st in everything)[len(everything) // 2]
    kept = records(onrecord("extract", str(article), "--format", "jsonl", "--min-confidence", str(floor)))
    assert kept and [st["id"] for st in kept] == [st["id"] for st in everything if st["confidence"] >= floor]
    assert len(kept) < len(everything)


@pytest.mark.parametrize("args", [("--scope", "beliefs"), ("--unit", "sentence"), ("--min-confidence", "1.5"),
                                  ("--min-confidence", "high")])
def test_extract_refuses_bad_values(article, args):
    result = onrecord("extract", str(article), *args)
    assert result.returncode == 2 and result.stdout == ""
    assert args[0] in result.stderr


def test_ingest_stores_only_the_scope_and_search_filters_confidence(article, everything, tmp_path):
    db = tmp_path / "quotes.db"
    url = f"sqlite:///{db}"
    result = onrecord("ingest", str(article), "--db", url, "--scope", "quotes", "--unit", "quote")
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT kind, scope, content_text FROM statements ORDER BY content_start").fetchall()
    assert [r[2] for r in rows] == ['"We will finish it on time,"', '"The rails are already here."']
    assert {r[0] for r in rows} == {"direct"} and {r[1] for r in rows} == {"speech"}
    found = records(onrecord("search", "--db", url, "--format", "jsonl"))
    assert len(found) == 2 and {st["scope"] for st in found} == {"speech"}
    none = onrecord("search", "--db", url, "--format", "jsonl", "--min-confidence", "1")
    assert none.returncode == 0 and none.stdout.strip() == ""


def test_eval_scope_narrows_the_predictions(shared_dir):
    seed = str(shared_dir / "seed" / "gold.json")
    full = json.loads(onrecord("eval", seed, "--format", "json").stdout)
    quotes = json.loads(onrecord("eval", seed, "--format", "json", "--scope", "quotes").stdout)
    assert 0 < quotes["pred_statements"] < full["pred_statements"]
    assert quotes["attribution"]["r"] < full["attribution"]["r"]
