"""The README's small-corpus walk-through, run in order on a fresh store exactly as written
(the `export` pointed at a temporary file), each command doing what the README says it does."""
from __future__ import annotations

import pathlib
import re
import shlex

import pytest
from click.testing import CliRunner

from onrecord.cli import main

pytestmark = pytest.mark.model

README = pathlib.Path(__file__).resolve().parent.parent / "README.md"
REPO = README.parent


def walkthrough() -> list[list[str]]:
    """The commands of the README's "A small corpus" block, comments dropped."""
    section = README.read_text().split("### A small corpus", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [shlex.split(line, comments=True) for line in block.splitlines() if line.strip()]


def test_readme_small_corpus_commands_do_what_it_says(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    commands = walkthrough()
    assert [c[:2] for c in commands] == [["export", "ONRECORD_DB=sqlite:///demo.db"], ["onrecord", "ingest"],
                                         ["onrecord", "search"], ["onrecord", "stats"], ["onrecord", "digest"],
                                         ["onrecord", "serve"]]
    env = {"ONRECORD_DB": f"sqlite:///{tmp_path / 'demo.db'}"}  # the export, on a fresh file
    runner = CliRunner()
    out = {}
    for command in commands[1:-1]:  # serve listens until stopped: its pages have their own tests
        result = runner.invoke(main, command[1:], env=env)
        assert result.exit_code == 0, (command, result.output)
        out[command[1]] = result
    assert out["ingest"].stderr.startswith("read 5 documents, stored 5, skipped 0")
    search = out["search"].stdout.splitlines()
    assert search[0].split() == ["date", "speaker", "kind", "statement", "source"] and len(search) > 1
    assert all("Ilse Varga" in line for line in search[1:]) and out["search"].stderr == f"{len(search) - 1} statements\n"
    found = runner.invoke(main, [*commands[2][1:], "--format", "jsonl"], env=env).stdout.splitlines()
    assert len(found) == len(search) - 1 and all("ending" in line.lower() for line in found)
    stats = out["stats"].stdout.splitlines()
    assert re.fullmatch(r"5 documents, \d+ statements, \d+ speakers, 3 outlets", stats[0])
    assert stats[3].startswith("Ilse Varga")
    digest = out["digest"].stdout
    assert digest.startswith("# Ilse Varga on ending\n") and "Also in 1 other place." in digest
    said = [line for line in digest.splitlines() if line.startswith("- ")]
    assert said and all(re.search(r"ending", line.split(" — ")[0], re.I) for line in said)
    assert "Harbour Gazette, 2024-09-14" in digest
