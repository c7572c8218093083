"""The command line follows the conventions of ruff and mypy: --version, usage errors exit 2, plain help."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import COMMANDS, main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert re.fullmatch(r"accountplan \S+\n", capsys.readouterr().out)


@pytest.mark.parametrize("command", ["check", "fmt"])
def test_a_path_that_does_not_exist_is_a_usage_error(command: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([command, str(tmp_path / "does" / "not" / "exist")])
    assert exit_.value.code == 2
    assert "exist: no such file or folder" in capsys.readouterr().err


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_no_markup(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: accountplan")
    assert "``" not in out and ":mod:" not in out and ":func:" not in out
