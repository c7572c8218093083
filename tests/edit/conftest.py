"""A small portfolio in a real git repository, and helpers to run the CLI and git inside it.

Git identity comes from environment variables and the repository's own config; the
user's global and system git config are never read or written.
"""

from __future__ import annotations

import os
import subprocess
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main

ROSTER = """\
# Our people.
people:
  - id: p-tom-hale
    name: Tom Hale
    title: Senior Account Director
    email: tom.hale@example.com
  - id: p-li-na
    name: Li Na
    title: Account Manager
    email: li.na@example.com
"""

ACCOUNT = """\
---
name: Acme Industries
tier: B
industry: Manufacturing
region: Europe-West
market: mature
currency: EUR
team:
  - person: p-tom-hale
    role: AR
plans:
  - id: pl-key-cto
    layer: key
    goal: Win the CTO's support with a joint pilot.
    owner: p-tom-hale
    due: 2027-03-31
    status: planned
    progress: 0
    target: c-zhang-wei
---
Acme builds machine tools.
"""

CONTACT = """\
---
id: c-zhang-wei
name: Zhang Wei
title: CTO
department: Technology
level: executive
role: decision-maker
influence: 5
intimacy: 2
support: 3
owners: [p-tom-hale]
review_by: 2027-05-01
---
Met at the 2026 fair.
"""


def write(path: Path, text: str) -> Path:
    """Write ``text`` (dedented) to ``path``, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def git_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fixed git identity from the environment; global and system config ignored."""
    for key, value in {
        "GIT_AUTHOR_NAME": "Test Author", "GIT_AUTHOR_EMAIL": "tom.hale@example.com",
        "GIT_COMMITTER_NAME": "Test Author", "GIT_COMMITTER_EMAIL": "tom.hale@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
    }.items():
        monkeypatch.setenv(key, value)


Git = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def repo(tmp_path: Path, git_env: None, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with one committed account, as the working directory."""
    write(tmp_path / "accounts" / "roster.yml", ROSTER)
    write(tmp_path / "accounts" / "acme" / "account.md", ACCOUNT)
    write(tmp_path / "accounts" / "acme" / "contacts" / "c-zhang-wei.md", CONTACT)
    monkeypatch.chdir(tmp_path)
    run_git(tmp_path, "init", "-q", "-b", "main")
    run_git(tmp_path, "config", "user.email", "tom.hale@example.com")  # this repository's config only
    run_git(tmp_path, "add", "-A")
    run_git(tmp_path, "commit", "-q", "-m", "base")
    return tmp_path


def run_git(where: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run git in ``where``."""
    return subprocess.run(["git", *args], cwd=where, capture_output=True, text=True, check=check)


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``accountplan ARGS`` in-process: (exit status, stdout, stderr)."""
    capsys.readouterr()
    status = main(["--config", "", *args])
    out, err = capsys.readouterr()
    return status, out, err
