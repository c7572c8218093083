"""A pipe, socket or device in the accounts folder is reported and never opened (opening a pipe waits for a
writer: a pull request adding one hung every command); an accounts "folder" that is a file says so."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.copied_project import REPO, copy_project, run_in

SAYS = ("AP010 warning: not a regular file (a pipe, socket or device) and is not read "
        "(hint: replace it with the file itself)")




def _pipes(accounts: Path) -> list[str]:
    """Pipes where each kind of file is read: the roster, an account's main file, a contact, a new top entry."""
    account = accounts / "atlas-freight"
    contact = next((account / "contacts").glob("*.md"))
    for path in (accounts / "roster.yml", account / "account.md", contact):
        path.unlink()
        os.mkfifo(path)
    os.mkfifo(accounts / "stray")
    return [str(p.relative_to(accounts.parent)) for p in (accounts / "roster.yml", account / "account.md", contact,
                                                          accounts / "stray")]


@pytest.mark.parametrize("cache", [["--no-cache"], []])
def test_pipes_are_reported_not_opened(tmp_path: Path, cache: list[str]) -> None:
    project = copy_project(tmp_path)
    pipes = _pipes(project / "accounts")
    ran = run_in(project, "check", *cache)
    assert "Traceback" not in ran.stderr, ran.stderr
    for pipe in pipes:
        assert f"{pipe}:0:0: {SAYS}" in ran.stdout, ran.stdout
    assert "accounts/atlas-freight:0:0: AP008 error: account folder has no account.md" in ran.stdout
    assert ran.returncode == 1


def test_a_socket_is_reported_and_the_site_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path)
    monkeypatch.chdir(project / "accounts" / "atlas-freight" / "activities")  # a socket's path is short
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind("s.md")
        ran = run_in(project, "render", "--out", str(tmp_path / "out"))
        checked = run_in(project, "check")
    assert "Traceback" not in ran.stderr and ran.returncode == 0, ran.stderr
    assert f"accounts/atlas-freight/activities/s.md:0:0: {SAYS}" in checked.stdout
    assert (tmp_path / "out" / "accounts" / "atlas-freight" / "index.md").is_file()


def test_an_accounts_folder_that_is_a_file_says_so(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    shutil.rmtree(project / "accounts")
    (project / "accounts").write_text("not a folder\n", encoding="utf-8")
    ran = run_in(project, "check")
    assert ran.returncode == 1
    assert ran.stdout.startswith("accounts:0:0: AP008 error: the accounts folder is not a folder (hint: set "
                                 "'accounts' in mkdocs.yml to the folder of account folders, or pass its path)"), ran


@pytest.mark.parametrize("kind", ["pipe", "stdin"])
@pytest.mark.parametrize("command", [["check"], ["score"], ["--lang", "zh", "check"]])
def test_a_settings_file_that_is_no_regular_file_is_refused_unopened(tmp_path: Path, kind: str,
                                                                     command: list[str]) -> None:
    """The default ``mkdocs.yml`` too, not only one named by ``--config``: a link to ``/dev/stdin`` waited for the
    reviewer's typing."""
    project = copy_project(tmp_path)
    (project / "mkdocs.yml").unlink()
    if kind == "pipe":
        os.mkfifo(project / "mkdocs.yml")
    else:
        (project / "mkdocs.yml").symlink_to("/dev/stdin")
    ran = subprocess.run([sys.executable, "-m", "generator", *command], cwd=project, capture_output=True, text=True,
                         env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}, timeout=60,
                         stdin=subprocess.PIPE if kind == "stdin" else None)
    assert ran.returncode == 2 and "Traceback" not in ran.stderr, ran.stderr
    assert "mkdocs.yml: " + ("不是普通文件" if "zh" in command else "not a regular file") in ran.stderr, ran.stderr


def test_a_pipe_in_docs_stops_the_build_at_once(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    shutil.copytree(REPO / "docs", project / "docs")
    shutil.copytree(REPO / "theme", project / "theme")
    os.mkfifo(project / "docs" / "pipe.md")
    ran = run_in(project, "build", "--quiet", "--site-dir", str(tmp_path / "site"))
    assert ran.returncode != 0 and "Traceback" not in ran.stderr
    assert "docs: pipe.md: not a regular file or folder (a pipe, socket, device or broken link), refused" in ran.stderr


@pytest.mark.parametrize("command", ["check", "fmt"])
def test_a_pipe_named_on_the_command_line_is_a_usage_error(tmp_path: Path, command: str) -> None:
    """Named alone, a pipe was reported with a warning and the check passed (exit 0)."""
    project = copy_project(tmp_path)
    main = project / "accounts" / "atlas-freight" / "account.md"
    main.unlink()
    os.mkfifo(main)
    ran = run_in(project, command, "accounts/atlas-freight/account.md")
    assert ran.returncode == 2 and "not a regular file or folder (a pipe, socket or device)" in ran.stderr, ran
