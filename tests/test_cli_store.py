"""The store commands end to end: ingest (idempotent, crash-safe, bad input), search, speakers, digest, export."""
import json
import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner
from conftest import POSTGRES_URL
from sqlalchemy import create_engine

from onrecord.cli import main
from onrecord.export import write_documents_parquet, write_statements_parquet
from onrecord.records import Venue, When
from onrecord.store import open_store

SPEAKERS = ["Ann Lee", "Bo Chen", "Cy Diaz", "Dee Ek"]


def spark_output(folder, make_article, n_docs):
    """A folder laid out as the Spark job writes it: documents/ and statements/ Parquet."""
    documents, statements = [], []
    for n in range(n_docs):
        doc, sts = make_article(f"doc{n:05d}", [
            (SPEAKERS[n % 4], f"Statement {n} about the harbour budget and its {n % 7} ferries.",
             {"venue": Venue("interview", f"Paper {n % 3}"), "when": When("then", f"2024-{n % 12 + 1:02d}", "month")}),
            (SPEAKERS[(n + 1) % 4], "We will never close the harbour, whatever it costs.", {}),
        ], published=f"2025-{n % 12 + 1:02d}-01", title=f"Title {n}", outlet=f"Outlet {n % 5}")
        documents.append(doc)
        statements.extend(sts)
    os.makedirs(folder / "documents")
    os.makedirs(folder / "statements")
    write_documents_parquet(documents, str(folder / "documents" / "part-00000.parquet"))
    write_statements_parquet(statements, str(folder / "statements" / "part-00000.parquet"))
    return folder


def snapshot(url):
    """Everything an ingest decides, by value (PostgreSQL sequences skip numbers a killed run took)."""
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = {
            "documents": sorted(r[0] for r in conn.exec_driver_sql("SELECT id FROM documents")),
            "statements": sorted(tuple(r) for r in conn.exec_driver_sql(
                "SELECT s.id, s.doc, s.group_id, sp.name FROM statements s "
                "LEFT JOIN speakers sp ON sp.id = s.speaker_id")),
            "groups": sorted(tuple(r) for r in conn.exec_driver_sql("SELECT id, size FROM quote_groups")),
            "speakers": sorted(r[0] for r in conn.exec_driver_sql("SELECT name FROM speakers")),
            "aliases": conn.exec_driver_sql("SELECT count(*) FROM speaker_aliases").scalar(),
            "mentions": conn.exec_driver_sql("SELECT count(*) FROM mentions").scalar(),
        }
    engine.dispose()
    with open_store(url) as store:
        rows["fts"] = sorted(r.statement.id for r in store.search("harbour", limit=10_000).items)
    return rows


def count_documents(url):
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.exec_driver_sql("SELECT count(*) FROM documents").scalar()
    except Exception:  # noqa: BLE001 - the schema is not there yet
        return 0
    finally:
        engine.dispose()


def onrecord(*args):
    return [sys.executable, "-c", "from onrecord.cli import main; main()", *args]


def test_ingest_is_idempotent_and_summarises(tmp_path, make_article):
    src = spark_output(tmp_path / "out", make_article, 6)
    db = f"sqlite:///{tmp_path / 's.db'}"
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(src), "--db", db])
    assert first.exit_code == 0, first.output
    assert "read 6 documents, stored 6, skipped 0" in first.output and "12 statements" in first.output
    assert len(first.output.splitlines()) == 1  # not a terminal: no progress bar, only the summary
    again = runner.invoke(main, ["ingest", str(src), "--db", db])
    assert again.exit_code == 0
    assert "stored 0, skipped 6 (6 already stored), updated 0, 0 statements" in again.output
    with open_store(db) as store:
        assert len(list(store.iter_statements())) == 12
        harbour = store.search("close harbour").items
        assert len(harbour) == 6 and len({h.group_id for h in harbour}) == 4  # one quote, four speakers


def test_bad_inputs_are_reported_one_line_each_and_the_rest_stored(tmp_path, make_article):
    src = spark_output(tmp_path / "out", make_article, 2)
    broken = tmp_path / "broken"
    os.makedirs(broken / "documents")
    os.makedirs(broken / "statements")
    (broken / "documents" / "x.parquet").write_bytes(b"not parquet at all")
    (broken / "statements" / "x.parquet").write_bytes(b"nor this")
    bad_text = tmp_path / "bad.txt"
    bad_text.write_bytes(b"caf\xe9 \xff")
    db = f"sqlite:///{tmp_path / 's.db'}"
    result = CliRunner().invoke(main, ["ingest", str(broken), str(src), str(bad_text), "--db", db])
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("onrecord: ")]
    assert len(errors) == 2
    assert any(str(broken) in e for e in errors) and any("bad.txt" in e for e in errors)
    assert "stored 2" in result.output and "2 failed" in result.output


@pytest.fixture
def second_store_url(store_url, tmp_path):
    """Another empty store on the same engine as `store_url`."""
    if store_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'second.db'}"
        return
    schema = store_url.rsplit("%3D", 1)[1] + "_b"
    engine = create_engine(POSTGRES_URL)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    with engine.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    engine.dispose()


def test_kill_9_mid_ingest_then_rerun_equals_a_clean_run(store_url, second_store_url, tmp_path, make_article):
    src = spark_output(tmp_path / "out", make_article, 800)
    clean, crashed = store_url, second_store_url
    subprocess.run(onrecord("ingest", str(src), "--db", clean), check=True, capture_output=True, timeout=900)
    proc = subprocess.Popen(onrecord("ingest", str(src), "--db", crashed),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and proc.poll() is None and count_documents(crashed) < 100:
        time.sleep(0.02)
    assert proc.poll() is None, "ingest finished before it could be killed: make the input larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = count_documents(crashed)
    engine = create_engine(crashed)
    with engine.connect() as conn:  # whole documents only: each stored one has both its statements
        assert conn.exec_driver_sql("SELECT count(*) FROM statements").scalar() == 2 * partial
    engine.dispose()
    assert 100 <= partial < 800
    rerun = subprocess.run(onrecord("ingest", str(src), "--db", crashed), capture_output=True, text=True,
                           timeout=900)
    assert rerun.returncode == 0, rerun.stderr
    assert f"stored {800 - partial}, skipped {partial}" in rerun.stderr
    assert snapshot(crashed) == snapshot(clean)


@pytest.fixture
def filled_db(tmp_path, make_article):
    db = f"sqlite:///{tmp_path / 's.db'}"
    with open_store(db) as store:
        store.add(*make_article("a", [
            ("Sean Baker", "The ending is where she finally lets someone in.",
             {"venue": Venue("interview", "IndieWire"), "when": When("in November", "2024-11", "month")}),
        ], published="2025-03-12", title="Ending explained", outlet="Vulture"))
        store.add(*make_article("b", [
            ("director Sean Baker", "The ending is where she finally lets someone in!",
             {"speaker_name": "Sean Baker", "speaker_role": "director"}),
            ("Baker", "We cast Mikey after seeing Red Rocket.", {"speaker_name": "Baker"}),
        ], published="2025-04-01", title="Roundup", outlet="Other"))
    return db


def test_search_formats(filled_db):
    runner = CliRunner()
    table = runner.invoke(main, ["search", "ending", "--db", filled_db])
    assert table.exit_code == 0 and table.output.count("Sean Baker") == 2
    lines = runner.invoke(main, ["search", "ending", "--speaker", "Baker", "--since", "2025",
                                 "--format", "jsonl", "--db", filled_db]).stdout.splitlines()
    rows = [json.loads(line) for line in lines]
    assert [r["doc"] for r in rows] == ["b"] and rows[0]["group_size"] == 2
    md = runner.invoke(main, ["search", "--kind", "direct", "--format", "markdown", "--db", filled_db]).stdout
    assert md.count("- **Sean Baker**") == 3 and "*Ending explained*, Vulture" in md
    bad = runner.invoke(main, ["search", "x", "--since", "last week", "--db", filled_db])
    assert bad.exit_code == 2 and "--since" in bad.output


def test_speakers_and_digest(filled_db):
    runner = CliRunner()
    listing = runner.invoke(main, ["speakers", "--db", filled_db])
    assert listing.exit_code == 0
    header, row = listing.stdout.splitlines()  # one speaker under the header
    assert header.split()[:4] == ["id", "speaker", "statements", "documents"]
    assert row.split()[3:5] == ["2", "2"]  # the re-quote counts once
    assert listing.stderr == "1 speaker\n"
    assert "director Sean Baker" in listing.output and "(director)" in listing.output
    digest = runner.invoke(main, ["digest", "sean baker", "--about", "ending", "--db", filled_db])
    assert digest.exit_code == 0
    assert digest.output.startswith("# Sean Baker on ending")
    assert "## Interview with IndieWire, 2024-11" in digest.output and "Also in 1 other article." in digest.output
    missing = runner.invoke(main, ["digest", "Nobody", "--db", filled_db])
    assert missing.exit_code == 2 and "Nobody" in missing.output


def test_export_formats_and_parquet_round_trip(filled_db, tmp_path):
    runner = CliRunner()
    jsonl = runner.invoke(main, ["export", "--db", filled_db])
    rows = [json.loads(line) for line in jsonl.output.splitlines() if line.startswith("{")]
    assert len(rows) == 3 and {"content", "speaker_name"} <= rows[0].keys()
    assert runner.invoke(main, ["export", "--format", "csv", "-o", str(tmp_path / "csv"), "--db", filled_db]).exit_code == 0
    assert (tmp_path / "csv" / "statements.csv").read_text().count("\n") == 4
    assert (tmp_path / "csv" / "documents.csv").is_file()
    assert runner.invoke(main, ["export", "--format", "parquet", "--db", filled_db]).exit_code == 2
    out = tmp_path / "pq"
    assert runner.invoke(main, ["export", "--format", "parquet", "-o", str(out), "--db", filled_db]).exit_code == 0
    copy = f"sqlite:///{tmp_path / 'copy.db'}"
    result = runner.invoke(main, ["ingest", str(out), "--db", copy])
    assert result.exit_code == 0 and "stored 2" in result.output
    with open_store(filled_db) as a, open_store(copy) as b:
        assert [s.statement for s in a.iter_statements()] == [s.statement for s in b.iter_statements()]
        assert [s.to_dict() for s in a.speakers()] == [s.to_dict() for s in b.speakers()]


@pytest.mark.model
def test_seed_article_ingested_speaker_and_digest(tmp_path, shared_dir, extractor):
    db = f"sqlite:///{tmp_path / 's.db'}"
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(shared_dir / "seed" / "anora-ending.txt"), "--db", db])
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        baker = store.find_speaker("Baker")
        assert baker is not None and baker.name == "Sean Baker" and baker.statements >= 5
        doc, stored = store.document("anora-ending")
        assert doc.published == "2025-03-12"
        for row in stored:
            c = row.statement.content
            assert doc.text[c.start:c.end] == c.text
        digest = store.digest("Sean Baker")
        assert all(o.date for o in digest.occasions)
        shown = [row for o in digest.occasions for row in o.statements]
        assert len({row.statement.id for row in shown}) == len(shown) == baker.statements
        own_dates = [row.statement.when.date for row in shown if row.statement.when and row.statement.when.date]
        assert own_dates == sorted(own_dates)
    md = runner.invoke(main, ["digest", "Sean Baker", "--db", db]).output
    assert md.startswith("# Sean Baker") and "chars " in md
