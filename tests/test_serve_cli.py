"""`onrecord serve`: a store that cannot be opened is one line on stderr and exit 2, before listening."""
from __future__ import annotations

from click.testing import CliRunner

from onrecord.cli import main


def test_serve_refuses_a_store_it_cannot_open(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--db", "nosuchengine://somewhere", "--port", "1"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("onrecord: cannot open the store nosuchengine://somewhere")


def test_serve_never_prints_the_database_password():
    result = CliRunner().invoke(main, ["serve", "--db", "postgresql://u:hunter2@127.0.0.1:1/x"])
    assert result.exit_code == 2 and "hunter2" not in result.stderr and "u:***@127.0.0.1:1" in result.stderr


def test_serve_help_names_its_options():
    out = CliRunner().invoke(main, ["serve", "--help"]).output
    for option in ("--db", "--host", "--port", "--cache-seconds", "ONRECORD_WRITE_TOKEN"):
        assert option in out
