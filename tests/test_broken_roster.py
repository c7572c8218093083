"""A broken roster gives its one root error: no false "roster.yml is missing", no cascade of unknown people.

Run on a copy of the sample portfolio, whose dossiers reference roster people a few hundred
times, through the CLI as a user runs it, with and without the check cache.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.hostile_fixtures import REPO, accountplan


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "accounts", tmp_path / "accounts")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def _errors(project: Path, *args: str) -> list[dict[str, object]]:
    done = accountplan("check", "--format", "json", *args, cwd=project,
                       env={"ACCOUNTPLAN_CACHE": str(project / "cache")})
    assert "Traceback" not in done.stderr
    return [d for d in json.loads(done.stdout) if d["severity"] == "error"]


def _roster(project: Path) -> Path:
    return project / "accounts" / "roster.yml"


@pytest.mark.parametrize("cache", [(), ("--no-cache",)])
def test_yaml_error_in_roster_is_the_only_error(sample: Path, cache: tuple[str, ...]) -> None:
    assert _errors(sample, *cache) == []  # fills the cache with a good roster first
    text = _roster(sample).read_text(encoding="utf-8")
    _roster(sample).write_text(text.replace("name: ", "name: [", 1), encoding="utf-8")
    found = [(d["path"], d["code"]) for d in _errors(sample, *cache)]
    assert found == [("accounts/roster.yml", "AP005")]
    _roster(sample).write_text(text, encoding="utf-8")
    assert _errors(sample, *cache) == []


def test_roster_entry_missing_a_field_is_the_only_error(sample: Path) -> None:
    text = _roster(sample).read_text(encoding="utf-8")
    first_name = next(line for line in text.splitlines() if line.strip().startswith("name: "))
    _roster(sample).write_text(text.replace(first_name + "\n", "", 1), encoding="utf-8")
    found = [(d["path"], d["code"], d["message"]) for d in _errors(sample, "--no-cache")]
    assert found == [("accounts/roster.yml", "AP103", "required field 'name' is missing from person")]


def test_a_missing_roster_is_one_error(sample: Path) -> None:
    _roster(sample).unlink()
    found = [(d["path"], d["code"], d["message"]) for d in _errors(sample, "--no-cache")]
    assert found == [("accounts/roster.yml", "AP008", "roster.yml is missing")]
