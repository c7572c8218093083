"""Run below the project folder (in ``accounts/`` or an account folder), a command names the project folder
instead of reporting the accounts folder missing; anywhere a project is named or found it runs as before."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.copied_project import copy_project, run_in

NEW = ["new", "contact", "atlas-freight", "--name", "X Y", "--id", "c-x"]


@pytest.mark.parametrize("below", ["accounts", "accounts/atlas-freight", "accounts/atlas-freight/contacts"])
@pytest.mark.parametrize("command", [["check"], ["score"], NEW])
def test_below_the_project_the_command_names_its_folder(tmp_path: Path, below: str, command: list[str]) -> None:
    project = copy_project(tmp_path)
    ran = run_in(project / below, *command)
    up = "/".join([".."] * len(Path(below).parts))
    assert ran.returncode == 2, ran
    assert ran.stderr.strip() == (f"accountplan {command[0]}: there is no mkdocs.yml here, but {up} has one: run "
                                  "from that folder (the project folder) or pass --config")
    assert "AP008" not in ran.stdout + ran.stderr
    assert not list(project.rglob("c-x.md"))  # nothing was written


def test_in_chinese_too(tmp_path: Path) -> None:
    ran = run_in(copy_project(tmp_path) / "accounts", "check", "--lang", "zh")
    assert ran.returncode == 2 and "项目文件夹" in ran.stderr and "mkdocs.yml" in ran.stderr, ran.stderr


def test_in_the_project_folder_it_checks(tmp_path: Path) -> None:
    ran = run_in(copy_project(tmp_path), "check")
    assert ran.returncode == 0 and "there is no" not in ran.stderr, ran


@pytest.mark.parametrize("words", [["--config", "../mkdocs.yml", "check"], ["schema"]])
def test_settings_named_or_a_command_that_needs_none_runs(tmp_path: Path, words: list[str]) -> None:
    """``--config`` is the user's choice; ``schema`` reads no project."""
    ran = run_in(copy_project(tmp_path) / "accounts", *words)
    assert "there is no mkdocs.yml here" not in ran.stderr, ran.stderr
    assert "Traceback" not in ran.stderr and ran.returncode == 0, ran.stderr


@pytest.mark.parametrize("words", [["check", "."], ["score", "."], ["fmt", "--check", "."],
                                   ["diff", "--accounts", ".", "HEAD"]])
def test_a_path_named_below_the_project_does_not_skip_its_settings(tmp_path: Path, words: list[str]) -> None:
    """``score .`` from ``accounts/`` ran with the defaults: the project's profile, scoring and dates unread."""
    ran = run_in(copy_project(tmp_path) / "accounts", *words)
    assert ran.returncode == 2 and "there is no mkdocs.yml here, but .. has one" in ran.stderr, ran
    assert ran.stdout == ""


def test_a_built_site_is_not_acopy_project(tmp_path: Path) -> None:
    """A built site holds an ``accounts/`` of pages: from there, the command names the project folder."""
    project = copy_project(tmp_path)
    (project / "site" / "accounts" / "acme").mkdir(parents=True)
    (project / "site" / "accounts" / "acme" / "index.html").write_text("<p>x</p>\n", encoding="utf-8")
    ran = run_in(project / "site", "check")
    assert ran.returncode == 2 and "there is no mkdocs.yml here, but .. has one" in ran.stderr, ran


def test_a_folder_with_its_own_accounts_is_acopy_project(tmp_path: Path) -> None:
    """No settings file but an ``accounts/`` folder: the defaults' project, even below another project."""
    project = copy_project(tmp_path)
    inner = project / "docs" / "example"
    shutil.copytree(project / "accounts", inner / "accounts")
    ran = run_in(inner, "check")
    assert "there is no mkdocs.yml here" not in ran.stderr and ran.returncode == 0, ran


def test_outside_any_project_the_accounts_folder_is_missing(tmp_path: Path) -> None:
    ran = run_in(tmp_path, "check")
    assert ran.returncode == 1 and "AP008" in ran.stdout and "accounts folder not found" in ran.stdout, ran


def test_another_mkdocs_site_above_is_not_the_project(tmp_path: Path) -> None:
    """A folder of accounts below some other MkDocs site (no accountplan plugin): the command runs here, and says
    what is really missing, instead of sending the user to a folder that has no accounts."""
    (tmp_path / "mkdocs.yml").write_text("site_name: other\n", encoding="utf-8")
    (tmp_path / "plans" / "accounts" / "acme").mkdir(parents=True)
    ran = run_in(tmp_path / "plans", "check")
    assert "there is no mkdocs.yml here" not in ran.stderr and "Traceback" not in ran.stderr, ran
    assert ran.returncode == 1 and "roster.yml" in ran.stdout, ran


def test_a_deleted_current_folder_is_no_traceback(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    import subprocess
    import sys

    from tests.copied_project import REPO
    ran = subprocess.run([sys.executable, "-c", f"import os, sys; os.chdir({str(gone)!r}); os.rmdir({str(gone)!r}); "
                          "from generator.cli import main; sys.exit(main(['check']))"],
                         capture_output=True, text=True, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
                         timeout=120)
    assert ran.returncode != 0 and "Traceback" not in ran.stderr, ran.stderr
