"""The command line as a new user meets it: one store setting everywhere, no store made by reading,
unknown speakers said alike, a table on a terminal and JSONL in a pipe, headers, plurals and help."""
from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

import serve_corpus
from onrecord.cli import main
from onrecord.store import open_store

READING = {  # every command that only reads a store, with the arguments it needs
    "search": ["ending"],
    "speakers": [],
    "stats": [],
    "digest": ["Mara Quint"],
    "export": [],
}


@pytest.fixture
def corpus_db(tmp_path):
    db = f"sqlite:///{tmp_path / 'corpus.db'}"
    with open_store(db) as store:
        serve_corpus.fill(store)
    return db


def commands():
    return sorted(main.commands.items())


def test_every_command_that_opens_a_store_takes_db_and_onrecord_db():
    with_store = {name for name, cmd in commands() if any(p.name == "db_url" for p in cmd.params)}
    assert with_store == {"ingest", "serve", *READING}
    for name in with_store:
        [db] = [p for p in main.commands[name].params if p.name == "db_url"]
        assert db.opts == ["--db"] and db.envvar == "ONRECORD_DB", name


@pytest.mark.parametrize("command", sorted(READING))
def test_reading_commands_use_onrecord_db_like_db(command, corpus_db):
    runner = CliRunner()
    by_option = runner.invoke(main, [command, *READING[command], "--db", corpus_db])
    by_env = runner.invoke(main, [command, *READING[command]], env={"ONRECORD_DB": corpus_db})
    assert by_option.exit_code == by_env.exit_code == 0, by_option.output
    assert by_option.stdout == by_env.stdout and by_option.stdout.strip()


@pytest.mark.parametrize("command", sorted(READING))
def test_reading_a_missing_store_exits_2_naming_it_and_creates_nothing(command, tmp_path):
    missing = tmp_path / "typo.db"
    for how in (["--db", f"sqlite:///{missing}"], []):
        result = CliRunner().invoke(main, [command, *READING[command], *how],
                                    env={"ONRECORD_DB": f"sqlite:///{missing}"})
        assert result.exit_code == 2, result.output
        [line] = result.stderr.splitlines()
        assert line.startswith(f"onrecord: no store at sqlite:///{missing}") and "onrecord ingest" in line
        assert result.stdout == ""
    assert os.listdir(tmp_path) == []


def test_reading_a_database_without_our_tables_creates_nothing(store_url):
    """A database holding something else is no store (on PostgreSQL too), and reading leaves it as it was."""
    from sqlalchemy import create_engine, inspect

    engine = create_engine(store_url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE notes (id INTEGER)")
        result = CliRunner().invoke(main, ["speakers", "--db", store_url])
        assert result.exit_code == 2 and "no onrecord store at" in result.stderr
        assert "the database has no documents table" in result.stderr
        assert inspect(engine).get_table_names() == ["notes"]
    finally:
        engine.dispose()


def test_serve_read_only_refuses_a_missing_store_and_creates_nothing(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--db", f"sqlite:///{tmp_path / 'none.db'}", "--port", "1"])
    assert result.exit_code == 2 and "no store at" in result.stderr
    assert os.listdir(tmp_path) == []


def test_ingest_creates_the_store_it_is_given(tmp_path, make_article):
    from onrecord.export import write_documents_parquet, write_statements_parquet

    doc, sts = make_article("one", [("Ann Lee", "We will rebuild the pier.", {})], published="2025-01-02")
    for folder in ("documents", "statements"):
        (tmp_path / "in" / folder).mkdir(parents=True)
    write_documents_parquet([doc], str(tmp_path / "in" / "documents" / "p.parquet"))
    write_statements_parquet(sts, str(tmp_path / "in" / "statements" / "p.parquet"))
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "in")],
                                env={"ONRECORD_DB": f"sqlite:///{tmp_path / 'new.db'}"})
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("read 1 document, stored 1, skipped 0 (none), updated 0, 1 statement, 0 failed;")
    assert (tmp_path / "new.db").is_file()


def test_digest_about_keeps_only_what_was_said_on_the_topic(corpus_db):
    """Two of the three articles have 'ending' in their titles; only statements saying it count."""
    out = CliRunner().invoke(main, ["digest", "Mara Quint", "--about", "money", "--db", corpus_db]).stdout
    assert "1 statement on 1 occasion" in out and "never about the money" in out
    out = CliRunner().invoke(main, ["digest", "Mara Quint", "--about", "ending", "--db", corpus_db]).stdout
    assert "1 statement on 1 occasion" in out and "three</b> endings" in out.replace("\\", "")


def test_unknown_speaker_is_said_the_same_way_everywhere(corpus_db):
    from fastapi.testclient import TestClient

    from onrecord.serve import create_app

    said = "no speaker 'Nobody Here' in the store"
    runner = CliRunner()
    for args in (["search", "--speaker", "Nobody Here"], ["search", "ending", "--speaker", "Nobody Here"],
                 ["digest", "Nobody Here"]):
        result = runner.invoke(main, [*args, "--db", corpus_db])
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr == f"onrecord: {said} (see `onrecord speakers`)\n"
    with TestClient(create_app(corpus_db)) as client:
        for path in ("/api/statements", "/api/digest"):
            answer = client.get(path, params={"speaker": "Nobody Here"})
            assert answer.status_code == 404 and answer.json() == {"detail": said}
        for path in ("/", "/digest"):
            page = client.get(path, params={"speaker": "Nobody Here"}, headers={"accept": "text/html"})
            assert page.status_code == 200 and said.replace("'", "&#39;") in page.text


def test_tables_have_a_header_and_counts_are_in_the_singular_for_one(corpus_db):
    runner = CliRunner()
    found = runner.invoke(main, ["search", "money", "--db", corpus_db])
    header, row = found.stdout.splitlines()
    assert header.split() == ["date", "speaker", "kind", "statement", "source"]
    assert "Mara Quint" in row and "Coast Post" in row
    assert found.stderr == "1 statement\n"
    assert runner.invoke(main, ["search", "audience", "--db", corpus_db]).stderr == "2 statements\n"
    nothing = runner.invoke(main, ["search", "zeppelin", "--db", corpus_db])
    assert nothing.exit_code == 0 and nothing.stdout == "" and nothing.stderr == "0 statements\n"
    listing = runner.invoke(main, ["speakers", "--db", corpus_db])
    assert listing.stdout.splitlines()[0].split()[:4] == ["id", "speaker", "statements", "documents"]
    assert listing.stderr == "2 speakers\n"


def test_stats_counts_the_corpus(corpus_db):
    runner = CliRunner()
    text = runner.invoke(main, ["stats", "--db", corpus_db])
    assert text.exit_code == 0 and text.stdout.startswith("3 documents, 7 statements, 2 speakers, 3 outlets\n")
    figures = json.loads(runner.invoke(main, ["stats", "--format", "json", "--db", corpus_db]).stdout)
    assert [(s["name"], s["statements"]) for s in figures["top_speakers"]] == [("Mara Quint", 5), ("Theo Brand", 2)]
    assert [(m["month"], m["total"], m["by_speaker"]) for m in figures["months"]] == [
        ("2024-11", 3, {"Mara Quint": 3, "Theo Brand": 0}),
        ("2025-02", 2, {"Mara Quint": 1, "Theo Brand": 1}),
        ("2025-03", 2, {"Mara Quint": 1, "Theo Brand": 1})]


def test_every_option_of_every_command_has_its_own_help():
    """As Datasette's docs tests do: walk every command; each has help, each option its own words."""
    seen_commands = commands()
    assert {name for name, _ in seen_commands} >= {"extract", "ingest", "search", "speakers", "stats", "digest",
                                                   "export", "serve", "eval", "spark"}
    for name, command in seen_commands:
        assert (command.help or "").strip(), f"{name} has no help"
        helps: dict[str, str] = {}
        for param in command.params:
            if not isinstance(param, click.Option):
                continue
            assert not param.secondary_opts, f"{name} {param.opts + param.secondary_opts} share one help"
            text = " ".join((param.help or "").split())
            assert text, f"{name} {param.opts} has no help"
            assert text not in helps, f"{name}: {param.opts} and {helps.get(text)} have the same help"
            helps[text] = "/".join(param.opts)
        shown = CliRunner().invoke(main, [name, "--help"])
        assert shown.exit_code == 0
        for opts in helps.values():
            for opt in opts.split("/"):
                assert opt in shown.stdout, f"{name} --help does not show {opt}"


def _run_on_terminal(args: list[str], *, stdin_terminal: bool, timeout: float = 240) -> str:
    """Run the CLI with stdout (and stdin, if asked) on a pseudo-terminal, as a person's shell would."""
    controller, terminal = pty.openpty()
    env = {**os.environ, "COLUMNS": "160", "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen([sys.executable, "-c", "from onrecord.cli import main; main()", *args],
                            stdin=terminal if stdin_terminal else subprocess.DEVNULL, stdout=terminal,
                            stderr=subprocess.PIPE, env=env, close_fds=True)
    os.close(terminal)
    chunks = []
    while True:
        ready, _, _ = select.select([controller], [], [], timeout)
        if not ready:
            proc.kill()
            pytest.fail(f"onrecord {' '.join(args)} printed nothing for {timeout}s")
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the other end closed: the command is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    assert proc.wait(timeout=30) == 0, proc.stderr.read()
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_extract_bare_on_a_terminal_shows_help_instead_of_waiting():
    shown = _run_on_terminal(["extract"], stdin_terminal=True)
    assert shown.startswith("Usage: ") and "--format" in shown and "[PATH|-]..." in shown


@pytest.mark.model
def test_extract_prints_a_table_on_a_terminal_and_jsonl_in_a_pipe(tmp_path):
    article = tmp_path / "harbour.txt"
    article.write_text('date 2025-05-02\n\n"We will rebuild the pier by spring," the mayor, Ann Lee, said.\n')
    on_terminal = _run_on_terminal(["extract", str(article)], stdin_terminal=False)
    assert "speaker" in on_terminal and "quote" in on_terminal and "Ann Lee" in on_terminal
    assert not on_terminal.lstrip().startswith("{")
    piped = subprocess.run([sys.executable, "-c", "from onrecord.cli import main; main()", "extract", str(article)],
                           capture_output=True, text=True, check=True)
    [record] = [json.loads(line) for line in piped.stdout.splitlines()]
    assert record["speaker_name"] == "Ann Lee" and record["content"]["text"] == '"We will rebuild the pier by spring,"'
    explicit = _run_on_terminal(["extract", "--format", "jsonl", str(article)], stdin_terminal=False)
    assert json.loads(explicit.strip())["id"] == record["id"]


def test_the_file_spark_submit_runs_is_the_spark_command():
    """spark-submit runs a file, not a module: cli/spark_submit.py parses the command's own arguments."""
    script = os.path.join(os.path.dirname(__file__), "..", "onrecord", "cli", "spark_submit.py")
    shown = subprocess.run([sys.executable, script, "--help"], capture_output=True, text=True,
                           env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert shown.returncode == 0 and shown.stdout.startswith("Usage: spark_submit.py [OPTIONS] INPUT OUTPUT")
    assert "--master" in shown.stdout and "--partitions" in shown.stdout
