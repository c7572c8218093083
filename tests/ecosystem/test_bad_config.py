"""A mistake in the settings is one clear message with the key's path, never a traceback: CLI and MkDocs alike."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.config import load_settings

BAD = [
    ("rules: {AP309: loud}", "plugins.accountplan.rules.AP309: 'loud' is not a severity; allowed: error, warning"),
    ("rules: {AP999: error}", "plugins.accountplan.rules.AP999: unknown rule code; did you mean 'AP319'?"),
    ("rules: {ap30: true}", "plugins.accountplan.rules.ap30: unknown rule code"),
    ("rules: {AP305: 3}", "plugins.accountplan.rules.AP305: 3 is not a severity"),
    ("rules: [AP305]", "rules"),
    ("limits: {gift_max: 1}", "plugins.accountplan.limits.gift_max: unknown limit; did you mean 'gift_max_value'?"),
    ("limits: {gift_max_value: lots}", "plugins.accountplan.limits.gift_max_value: expected a number"),
    ("limits: {weeks_window: 2.5}", "plugins.accountplan.limits.weeks_window: expected a whole number"),
    ("limits: {gift_max_value: -1}", "plugins.accountplan.limits.gift_max_value: expected a number of 0 or more"),
    ("profiles: {board: secret}", "plugins.accountplan.profiles.board: 'secret' is not a sensitivity; allowed:"),
    ("today: '2026-13-45'", "plugins.accountplan.today: expected a date YYYY-MM-DD"),
    ("acounts: data", "plugins.accountplan.acounts: unknown setting; did you mean 'accounts'?"),
]
"""A line of the plugin's settings, and what the message must say."""


def config(tmp_path: Path, line: str) -> Path:
    """A repository whose mkdocs.yml has ``line`` in the accountplan section (and an empty accounts folder)."""
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "accounts").mkdir(exist_ok=True)
    path = tmp_path / "mkdocs.yml"
    path.write_text(f"site_name: x\nplugins:\n  - accountplan:\n      {line}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("line", "message"), BAD)
def test_the_command_line_names_the_bad_key(tmp_path: Path, line: str, message: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["--config", str(config(tmp_path, line)), "check", str(tmp_path / "accounts")])
    err = capsys.readouterr().err
    assert status == 2
    assert message in err
    assert "Traceback" not in err


@pytest.mark.parametrize(("line", "message"), [(line, message) for line, message in BAD if "[" not in line])
def test_mkdocs_build_names_the_bad_key(tmp_path: Path, line: str, message: str) -> None:
    config(tmp_path, line)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    assert message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_yaml_off_and_false_turn_a_rule_off(tmp_path: Path) -> None:
    for value in ("off", "false", "'off'", "Off"):
        settings = load_settings(str(config(tmp_path, f"rules: {{AP309: {value}, AP305: Warning}}")))
        assert settings.rules == {"AP309": "off", "AP305": "warning"}


def test_several_mistakes_are_reported_together(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = config(tmp_path, "rules: {AP999: error, AP301: loud}\n      limits: {gift_max: 1}")
    assert main(["--config", str(path), "check"]) == 2
    err = capsys.readouterr().err
    assert "AP999" in err and "AP301" in err and "gift_max" in err


def test_a_missing_config_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--config", str(tmp_path / "missing.yml"), "check"])
    assert exit_.value.code == 2
    assert "missing.yml: no such file" in capsys.readouterr().err


def test_a_broken_mkdocs_yml_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: [x\n", encoding="utf-8")
    assert main(["--config", str(tmp_path / "mkdocs.yml"), "check"]) == 2
    err = capsys.readouterr().err
    assert "not valid YAML" in err and "Traceback" not in err
