"""`onrecord spark` refuses a missing local input at once, before starting Spark."""
from __future__ import annotations

from click.testing import CliRunner

from onrecord.cli import main


def test_missing_input_is_a_one_line_error_and_exit_2(tmp_path):
    missing = tmp_path / "no-such-corpus"
    result = CliRunner().invoke(main, ["spark", str(missing), str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output.strip() == f"onrecord: {missing}: no such file or directory"
    assert not (tmp_path / "out").exists()
