"""Ctrl-C stops any command with status 130 and no traceback, also before the command runs (reading the settings)."""

from __future__ import annotations

import pytest

import generator.cli as cli


@pytest.mark.parametrize("where", ["early_language", "parser"])
def test_ctrl_c_before_the_command_runs_exits_130(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str], where: str) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, where, interrupted)
    assert cli.main(["build"]) == 130
    assert capsys.readouterr().err == ""
