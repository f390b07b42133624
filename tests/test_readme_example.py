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


@pytest.fixture(scope="module")
def walked(tmp_path_factory):
    """The block run once, in order, from the repository's folder; the store's URL and each command's result."""
    commands = walkthrough()
    assert [c[:2] for c in commands] == [["export", "ONRECORD_DB=sqlite:///demo.db"], ["onrecord", "ingest"],
                                         ["onrecord", "search"], ["onrecord", "stats"], ["onrecord", "digest"],
                                         ["onrecord", "serve"]]
    env = {"ONRECORD_DB": f"sqlite:///{tmp_path_factory.mktemp('readme') / 'demo.db'}"}  # the export, fresh
    runner = CliRunner()
    out = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(REPO)
        for command in commands[1:-1]:  # serve listens until stopped: it is run below, in a thread
            result = runner.invoke(main, command[1:], env=env)
            assert result.exit_code == 0, (command, result.output)
            out[command[1]] = result
    return env, commands, out


def test_readme_small_corpus_commands_do_what_it_says(walked):
    env, commands, out = walked
    runner = CliRunner()
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
    assert digest.startswith("# Ilse Varga on ending\n") and "Also in 1 other article." in digest
    said = [line for line in digest.splitlines() if line.startswith("- ")]
    assert said and all(re.search(r"ending", line.split(" — ")[0], re.I) for line in said)
    assert "Harbour Gazette, 2024-09-14" in digest


@pytest.mark.browser
def test_readme_small_corpus_served_stats_page(walked, tmp_path):
    """`onrecord serve` on the walked store: /stats draws its charts; its picture is the README's."""
    import os

    from test_serve_browser import CHROMIUM, CHROMIUM_ARGS, DOCS_SHOTS, running_server

    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} not installed (make browser-deps): browser tests skipped")
    from playwright.sync_api import sync_playwright

    env, _commands, _out = walked
    with running_server(env["ONRECORD_DB"]) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(base + "/stats")
        page.wait_for_selector("body[data-charts-drawn='5']")
        assert page.locator("table.top-speakers tbody tr").first.text_content().strip().startswith("Ilse Varga")
        page.screenshot(path=str(tmp_path / "stats.png"), full_page=True)
        if os.environ.get("ONRECORD_SCREENSHOTS"):
            page.screenshot(path=str(DOCS_SHOTS / "corpus-stats.png"), full_page=True)
        browser.close()
